// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The flag details' JSON writer: its text must parse back to exactly the values given.
#include "analytics/JsonFields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <limits>

using namespace pme::core::analytics;

class TestJsonFields : public QObject {
    Q_OBJECT

    static QJsonObject parse(const QByteArray &json)
    {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            qWarning("not a JSON object (%s): %s", qPrintable(error.errorString()), json.constData());
        return doc.object();
    }

private slots:
    void strings_areEscapedAndUtf8PassesThrough()
    {
        const QString tricky = QStringLiteral("say \"hi\" \\ back\\slash\nnew line\ttab\r\b\f") + QChar(0x01)
            + QChar(0x1f) + QStringLiteral(" é ü ∑ 日本 ") + QString::fromUcs4(U"\U0001F600") + QChar(0x7f);
        JsonFields f;
        f.add("text", tricky).add("empty", QString()).add("empty_view", std::string_view()).add("ascii", "plain");
        f.add("key \"quoted\"\n", 1);
        const QByteArray json = f.take();
        // Control characters never appear raw in the text.
        for (char c : json)
            QVERIFY2(static_cast<unsigned char>(c) >= 0x20, json.constData());
        QVERIFY(json.contains("\\u0001"));
        QVERIFY(json.contains("\\u001f"));
        const QJsonObject expected{{QStringLiteral("text"), tricky},
                                   {QStringLiteral("empty"), QString()},
                                   {QStringLiteral("empty_view"), QString()},
                                   {QStringLiteral("ascii"), QStringLiteral("plain")},
                                   {QStringLiteral("key \"quoted\"\n"), 1}};
        QCOMPARE(parse(json), expected);
        QCOMPARE(parse(json).value(QStringLiteral("text")).toString(), tricky);
    }

    void numbers_readBackExactly()
    {
        const double tiny = 5e-324;
        const double huge = 1e300;
        const qint64 big = (qint64(1) << 53) + 1;
        JsonFields f;
        f.add("third", 1.0 / 3).add("tiny", tiny).add("huge", huge).add("max", std::numeric_limits<double>::max());
        f.add("negative_zero", -0.0).add("zero", 0.0).add("three", 3.0).add("point_one", 0.1).add("minus", -2.5e-7);
        f.add("big", big).add("min", std::numeric_limits<qint64>::min()).add("int", -42).add("yes", true).add("no", false);
        const QByteArray json = f.take();
        const QJsonObject o = parse(json);
        QCOMPARE(o.value(QStringLiteral("third")).toDouble(), 1.0 / 3);
        QCOMPARE(o.value(QStringLiteral("tiny")).toDouble(), tiny);
        QCOMPARE(o.value(QStringLiteral("huge")).toDouble(), huge);
        QCOMPARE(o.value(QStringLiteral("max")).toDouble(), std::numeric_limits<double>::max());
        QCOMPARE(o.value(QStringLiteral("negative_zero")).toDouble(), 0.0);
        QCOMPARE(o.value(QStringLiteral("three")).toDouble(), 3.0);
        QCOMPARE(o.value(QStringLiteral("point_one")).toDouble(), 0.1);
        QCOMPARE(o.value(QStringLiteral("minus")).toDouble(), -2.5e-7);
        // Integers beyond 2^53 stay exact (a double could not hold them).
        QCOMPARE(o.value(QStringLiteral("big")).toInteger(), big);
        QCOMPARE(o.value(QStringLiteral("min")).toInteger(), std::numeric_limits<qint64>::min());
        QCOMPARE(o.value(QStringLiteral("int")).toInt(), -42);
        QCOMPARE(o.value(QStringLiteral("yes")).toBool(true), true);
        QCOMPARE(o.value(QStringLiteral("no")).toBool(true), false);
        const QJsonObject expected{{QStringLiteral("third"), 1.0 / 3},
                                   {QStringLiteral("tiny"), tiny},
                                   {QStringLiteral("huge"), huge},
                                   {QStringLiteral("max"), std::numeric_limits<double>::max()},
                                   {QStringLiteral("negative_zero"), -0.0},
                                   {QStringLiteral("zero"), 0.0},
                                   {QStringLiteral("three"), 3.0},
                                   {QStringLiteral("point_one"), 0.1},
                                   {QStringLiteral("minus"), -2.5e-7},
                                   {QStringLiteral("big"), big},
                                   {QStringLiteral("min"), std::numeric_limits<qint64>::min()},
                                   {QStringLiteral("int"), -42},
                                   {QStringLiteral("yes"), true},
                                   {QStringLiteral("no"), false}};
        QCOMPARE(o, expected);
    }

    void nonFiniteNumbers_becomeNull()
    {
        JsonFields f;
        f.add("nan", std::nan("")).add("inf", std::numeric_limits<double>::infinity());
        f.add("minus_inf", -std::numeric_limits<double>::infinity());
        const QByteArray json = f.take();
        QCOMPARE(json, QByteArray(R"({"nan":null,"inf":null,"minus_inf":null})"));
        const QJsonObject o = parse(json);
        QVERIFY(o.value(QStringLiteral("nan")).isNull());
        QVERIFY(o.value(QStringLiteral("minus_inf")).isNull());
    }

    void nestedValues_andEmptyObjects()
    {
        JsonFields item;
        JsonList list;
        list.append(item.add("competency", "C1").add("count", 2.0).take());
        list.append(item.add("competency", "C2").add("count", 0.5).take());
        JsonFields f;
        QCOMPARE(f.take(), QByteArray("{}"));
        QCOMPARE(JsonList().take(), QByteArray("[]"));
        f.add("window_days", 90).addRaw("competencies", list.take()).addRaw("none", JsonList().take());
        const QJsonObject expected{
            {QStringLiteral("window_days"), 90},
            {QStringLiteral("competencies"),
             QJsonArray{QJsonObject{{QStringLiteral("competency"), QStringLiteral("C1")}, {QStringLiteral("count"), 2}},
                        QJsonObject{{QStringLiteral("competency"), QStringLiteral("C2")}, {QStringLiteral("count"), 0.5}}}},
            {QStringLiteral("none"), QJsonArray()}};
        QCOMPARE(parse(f.take()), expected);
        // take() starts over: the builder is reused flag after flag.
        QCOMPARE(f.add("a", 1).take(), QByteArray(R"({"a":1})"));
    }

    void sameTextAsQtForPlainValues()
    {
        // What the details were before: QJsonDocument's compact text of the same object.
        JsonFields f;
        f.add("level_now", 2.375).add("observations", 12).add("as_of", "latest");
        const QJsonObject o{{QStringLiteral("level_now"), 2.375},
                            {QStringLiteral("observations"), 12},
                            {QStringLiteral("as_of"), QStringLiteral("latest")}};
        QCOMPARE(parse(f.take()), o);
    }
};

QTEST_GUILESS_MAIN(TestJsonFields)
#include "tst_jsonfields.moc"
