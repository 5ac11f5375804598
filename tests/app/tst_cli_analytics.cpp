// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The analytics commands as a program director, a coach and a learner meet them, on the demo
// store: recompute, flags, forecast, model, observations export, evaluate, rules.
#include "CliRunner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class TestCliAnalytics : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        s_configHome = m_dir.filePath(QStringLiteral("config"));
        m_db = m_dir.filePath(QStringLiteral("demo.sqlite"));
        const Run built = buildDemoStore(m_dir.filePath(QStringLiteral("files")), m_db);
        QVERIFY2(built.exitCode == 0, qPrintable(built.err));
    }

    void recompute_asDirector_storesAndReports()
    {
        const Run run = as(QStringLiteral("demo-director"), {QStringLiteral("--json"), QStringLiteral("recompute")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject o = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(o[QStringLiteral("status")].toString(), QStringLiteral("ok"));
        QCOMPARE(o[QStringLiteral("scope")].toString(), QStringLiteral("full"));
        QVERIFY(o[QStringLiteral("stored")].toBool());
        QCOMPARE(o[QStringLiteral("learners")].toInt(), 150);
        QVERIFY(o[QStringLiteral("models_fitted")].toInt() >= 16);
        // The demo store was recomputed when it was built: nothing is new.
        QCOMPARE(o[QStringLiteral("flags_raised")].toInt(), 0);
        QVERIFY(o[QStringLiteral("flags_open")].toInt() > 0);

        const Run past = as(QStringLiteral("demo-director"),
                            {QStringLiteral("recompute"), QStringLiteral("--as-of"), QStringLiteral("2024-06-30")});
        QVERIFY2(past.exitCode == 0, qPrintable(past.err));
        QVERIFY2(past.out.contains(QStringLiteral("not stored")), qPrintable(past.out));
        // Only program directors and administrators run it.
        const Run coach = as(QStringLiteral("demo-coach"), {QStringLiteral("recompute")});
        QCOMPARE(coach.exitCode, 5);
        QVERIFY(coach.err.contains(QStringLiteral("program director")));
        const Run bad = as(QStringLiteral("demo-director"),
                           {QStringLiteral("recompute"), QStringLiteral("--as-of"), QStringLiteral("30/06/2024")});
        QCOMPARE(bad.exitCode, 2);
    }

    void flags_explainThemselves_andALearnerSeesOnlyTheirs()
    {
        const Run director = as(QStringLiteral("demo-director"), {QStringLiteral("--json"), QStringLiteral("flags")});
        QVERIFY2(director.exitCode == 0, qPrintable(director.err));
        const QJsonArray all = QJsonDocument::fromJson(director.out.toUtf8()).array();
        QVERIFY(all.size() > 20);
        for (const QJsonValue &v : all) {
            const QJsonObject f = v.toObject();
            QVERIFY(!f[QStringLiteral("explanation")].toString().isEmpty());
            QVERIFY(!f[QStringLiteral("validity")].toString().isEmpty());
            QVERIFY(f[QStringLiteral("severity")].toInt() >= 1);
            QCOMPARE(f[QStringLiteral("rule_set_version")].toInt(), 1);
        }
        const Run learner = as(QStringLiteral("demo-learner"), {QStringLiteral("--json"), QStringLiteral("flags")});
        QVERIFY2(learner.exitCode == 0, qPrintable(learner.err));
        const QJsonArray own = QJsonDocument::fromJson(learner.out.toUtf8()).array();
        QVERIFY(own.size() < all.size());
        qint64 self = -1;
        for (const QJsonValue &v : own) {
            const qint64 id = v[QStringLiteral("learner_id")].toInteger();
            QVERIFY(self < 0 || id == self);
            self = id;
        }
        // Asking for somebody else's flags is refused, not emptied.
        const qint64 other = all.first()[QStringLiteral("learner_id")].toInteger() == self
            ? all.last()[QStringLiteral("learner_id")].toInteger()
            : all.first()[QStringLiteral("learner_id")].toInteger();
        const Run denied = as(QStringLiteral("demo-learner"),
                              {QStringLiteral("flags"), QStringLiteral("--learner"), QString::number(other)});
        QCOMPARE(denied.exitCode, 5);
    }

    void forecastModelAndExport_readWhatTheModelsSaw()
    {
        const Run forecast = as(QStringLiteral("demo-director"),
                                {QStringLiteral("--json"), QStringLiteral("forecast"), QStringLiteral("--competency"),
                                 QStringLiteral("PC1")});
        QVERIFY2(forecast.exitCode == 0, qPrintable(forecast.err));
        const QJsonArray rows = QJsonDocument::fromJson(forecast.out.toUtf8()).array();
        QVERIFY(rows.size() > 50);
        for (const QJsonValue &v : rows) {
            const double p = v[QStringLiteral("probability_target")].toDouble(-1);
            QVERIFY(p >= 0 && p <= 1);
            QCOMPARE(v[QStringLiteral("competency")].toString(), QStringLiteral("PC1"));
        }

        const Run model = as(QStringLiteral("demo-coach"), {QStringLiteral("--json"), QStringLiteral("model"),
                                                           QStringLiteral("--competency"), QStringLiteral("PC1")});
        QVERIFY2(model.exitCode == 0, qPrintable(model.err));
        const QJsonObject m = QJsonDocument::fromJson(model.out.toUtf8()).object();
        QCOMPARE(m[QStringLiteral("learners")].toInt(), 150);
        QVERIFY(m[QStringLiteral("fixed_effects")][QStringLiteral("slope")].toDouble() > 0.5);
        QVERIFY(m[QStringLiteral("variance_components")][QStringLiteral("residual_var")].toDouble() > 0);
        QVERIFY(m[QStringLiteral("reml_criterion")].toDouble() != 0);
        QCOMPARE(as(QStringLiteral("demo-coach"), {QStringLiteral("model"), QStringLiteral("--competency"),
                                                   QStringLiteral("NOPE")})
                     .exitCode,
                 6);

        const QString out = m_dir.filePath(QStringLiteral("pc1.csv"));
        const Run exported = as(QStringLiteral("demo-director"),
                                {QStringLiteral("observations"), QStringLiteral("export"), QStringLiteral("--out"), out,
                                 QStringLiteral("--competency"), QStringLiteral("PC1")});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.first(), QByteArray("learner_id,competency,observation_id,observed_on,years,rating"));
        // The exported rows are exactly the ones the model counted.
        QCOMPARE(lines.size() - 2, m[QStringLiteral("observations")].toInt());
    }

    void evaluate_measuresEachRuleAgainstAnOutcome()
    {
        const Run run = as(QStringLiteral("demo-director"),
                           {QStringLiteral("--json"), QStringLiteral("evaluate"), QStringLiteral("--outcome"),
                            QStringLiteral("board_result"), QStringLiteral("--as-of-days"), QStringLiteral("365"),
                            QStringLiteral("--bootstrap"), QStringLiteral("100")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject o = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(o[QStringLiteral("outcome")].toString(), QStringLiteral("board_result"));
        QVERIFY(!o[QStringLiteral("best_rule")].toString().isEmpty());
        const QJsonArray rules = o[QStringLiteral("rules")].toArray();
        // Every enabled rule is reported; one that scored nobody (the demo program has no
        // expected-evidence schedule) has no AUC.
        QCOMPARE(rules.size(), 10);
        for (const QJsonValue &v : rules) {
            if (v[QStringLiteral("rule")].toString() == QLatin1String("evidence_on_schedule"))
                QVERIFY(v[QStringLiteral("auc")].isNull());
            QVERIFY(v[QStringLiteral("n")].toInt() > 20);
            const double rate = v[QStringLiteral("base_rate")].toDouble();
            QVERIFY(rate > 0 && rate < 0.5);
        }
        QCOMPARE(as(QStringLiteral("demo-director"), {QStringLiteral("evaluate"), QStringLiteral("--outcome"),
                                                      QStringLiteral("board_result")})
                     .exitCode,
                 2);
        QCOMPARE(as(QStringLiteral("demo-ccc"), {QStringLiteral("evaluate"), QStringLiteral("--outcome"),
                                                 QStringLiteral("board_result"), QStringLiteral("--as-of-days"),
                                                 QStringLiteral("365")})
                     .exitCode,
                 5);
    }

    void rules_newVersionNeedsADirectorAndAReason()
    {
        const QString file = m_dir.filePath(QStringLiteral("rules.json"));
        const Run shown = as(QStringLiteral("demo-director"), {QStringLiteral("--json"), QStringLiteral("rules"),
                                                               QStringLiteral("show")});
        QVERIFY2(shown.exitCode == 0, qPrintable(shown.err));
        QJsonObject doc = QJsonDocument::fromJson(shown.out.toUtf8()).object();
        QCOMPARE(doc[QStringLiteral("version")].toInt(), 1);
        doc.remove(QStringLiteral("version"));
        doc.remove(QStringLiteral("reason"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(doc).toJson());
        out.close();
        QCOMPARE(as(QStringLiteral("demo-director"), {QStringLiteral("rules"), QStringLiteral("set"), file}).exitCode, 2);
        QCOMPARE(as(QStringLiteral("demo-coach"), {QStringLiteral("rules"), QStringLiteral("set"), file,
                                                   QStringLiteral("--reason"), QStringLiteral("x")})
                     .exitCode,
                 5);
        const Run stored = as(QStringLiteral("demo-director"),
                              {QStringLiteral("--json"), QStringLiteral("rules"), QStringLiteral("set"), file,
                               QStringLiteral("--reason"), QStringLiteral("Annual review")});
        QVERIFY2(stored.exitCode == 0, qPrintable(stored.err));
        QCOMPARE(QJsonDocument::fromJson(stored.out.toUtf8()).object()[QStringLiteral("version")].toInt(), 2);
    }

private:
    Run as(const QString &user, const QStringList &arguments)
    {
        return asDemoUser(m_db, user, arguments);
    }

    QTemporaryDir m_dir;
    QString m_db;
};

QTEST_GUILESS_MAIN(TestCliAnalytics)
#include "tst_cli_analytics.moc"
