// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The CSV reader against outside oracles: the csv-spectrum suite and PapaParse's own test
// table and samples, each at every chunk size.
#include "sync/CsvReader.h"
#include "CsvTestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <set>
#include <utility>

using namespace pme::core;
using namespace pme::core::test;

namespace {

// PapaParse cases that must run; 132 of 160 do today (see papaParseSkipReason).
constexpr int kPapaParseFloor = 125;

QString toJson(const QJsonValue &v)
{
    const QJsonDocument doc = v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject());
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    return file.readAll();
}

QJsonArray toJson(const std::vector<std::string> &row)
{
    QJsonArray fields;
    for (const auto &f : row)
        fields.append(fromView(f));
    return fields;
}

QJsonArray toJson(const std::vector<std::vector<std::string>> &rows)
{
    QJsonArray out;
    for (const auto &row : rows)
        out.append(toJson(row));
    return out;
}

// --- PapaParse ------------------------------------------------------------------------------

struct PapaCase {
    QString suite;
    int index = 0;
    QJsonObject test;
};

std::vector<PapaCase> loadPapaParseCases()
{
    const QJsonObject root
        = QJsonDocument::fromJson(readFile(QStringLiteral(PME_SHARED_TESTDATA "/csv/papaparse/papaparse-cases.json")))
              .object();
    std::vector<PapaCase> cases;
    for (const QString &suite : {QStringLiteral("CORE_PARSER_TESTS"), QStringLiteral("PARSE_TESTS")}) {
        int index = 0;
        for (const QJsonValue &test : root.value(suite).toArray())
            cases.push_back({suite, index++, test.toObject()});
    }
    return cases;
}

// Why a case cannot run against this reader; empty when it runs.
QString papaParseSkipReason(const QJsonObject &test)
{
    if (test.value(u"disabled").toBool())
        return QStringLiteral("disabled upstream");
    if (test.value(u"uses_function_config").toBool())
        return QStringLiteral("its config holds JavaScript functions");
    if (test.value(u"description").toString() == u"Mixed slash n and slash r should choose first as precident")
        return QStringLiteral("CR, LF and CR LF all end records here (mixed endings are required); "
                              "PapaParse keeps the second style as data");
    const QJsonObject config = test.value(u"config").toObject();
    // newline runs as well: every line break style ends records here. fastMode is a speed hint.
    static const QStringList supported
        = {u"delimiter"_qs, u"newline"_qs, u"header"_qs,   u"skipEmptyLines"_qs, u"quoteChar"_qs,
           u"comments"_qs,  u"preview"_qs, u"fastMode"_qs, u"skipFirstNLines"_qs};
    if (config.contains(u"dynamicTyping"))
        return QStringLiteral("dynamicTyping is not offered: converting values is the importer's business");
    if (config.contains(u"escapeChar"))
        return QStringLiteral("escapeChar is not offered: backslash escapes are not RFC 4180");
    for (const QString &key : config.keys()) {
        if (!supported.contains(key))
            return QStringLiteral("option %1 is not offered").arg(key);
    }
    const QString delimiter = config.value(u"delimiter").toString(u","_qs);
    if (delimiter.size() != 1)
        return QStringLiteral("multi-character delimiters are not offered");
    if (delimiter == u"\n" || delimiter == u"\r")
        return QStringLiteral("a line break as delimiter is refused (InvalidDialect), not replaced by ','");
    const QJsonValue renamed = test.value(u"expected").toObject().value(u"meta").toObject().value(u"renamedHeaders");
    if (renamed.isObject() && !renamed.toObject().isEmpty())
        return QStringLiteral("renaming duplicate header names is the importer's business");
    return {};
}

CsvDialect papaParseDialect(const QString &suite, const QJsonObject &config)
{
    CsvDialect dialect;
    dialect.header = config.value(u"header").toBool();
    // The core suite drives PapaParse's Parser directly, which never sniffs: ',' by default.
    const QString delimiter = config.value(u"delimiter").toString(suite == u"CORE_PARSER_TESTS" ? u","_qs : QString());
    dialect.delimiter = delimiter.isEmpty() ? '\0' : delimiter.toLatin1().at(0);
    dialect.quote = config.value(u"quoteChar").toString(u"\""_qs).toLatin1().at(0);
    const QJsonValue skip = config.value(u"skipEmptyLines");
    dialect.emptyLines = skip == QJsonValue(true)      ? CsvEmptyLines::Skip
        : skip == QJsonValue(QStringLiteral("greedy")) ? CsvEmptyLines::SkipBlank
                                                       : CsvEmptyLines::Keep;
    const QJsonValue comments = config.value(u"comments");
    if (comments == QJsonValue(true))
        dialect.commentPrefix.assign(1, '#'); // not = "#": GCC 12 warns falsely (-Wrestrict) on that
    else if (comments.isString())
        dialect.commentPrefix = comments.toString().toStdString();
    dialect.skipLines = std::max(0, config.value(u"skipFirstNLines").toInt());
    return dialect;
}

// PapaParse's shape of the result: arrays, or objects keyed by the header with the surplus
// in __parsed_extra. `preview` counts data records.
QJsonArray papaParseData(const Parsed &parsed, bool header, int preview)
{
    QJsonArray out;
    std::vector<QString> names;
    for (std::size_t r = 0; r < parsed.rows.size(); ++r) {
        const auto &row = parsed.rows[r];
        if (preview > 0 && out.size() == preview)
            break;
        if (!header) {
            out.append(toJson(row));
        } else if (parsed.headers[r]) {
            for (const auto &f : row)
                names.push_back(fromView(f));
        } else {
            QJsonObject object;
            QJsonArray extra;
            for (std::size_t i = 0; i < row.size(); ++i) {
                if (i < names.size())
                    object.insert(names[i], fromView(row[i]));
                else
                    extra.append(fromView(row[i]));
            }
            if (!extra.isEmpty())
                object.insert(u"__parsed_extra"_qs, extra);
            out.append(object);
        }
    }
    return out;
}

using ErrorKey = std::pair<CsvErrorKind, std::int64_t>; // kind and record number

} // namespace

class TestCsvConformance : public QObject {
    Q_OBJECT

private slots:
    void cleanupTestCase();
    void csvSpectrum_matchesExpectedJson_data();
    void csvSpectrum_matchesExpectedJson();
    void papaParse_enoughCasesRun();
    void papaParse_matchesExpectedData_data();
    void papaParse_matchesExpectedData();
    void papaParseSamples_parse();

private:
    int m_papaRan = 0;
    int m_papaSkipped = 0;
};

void TestCsvConformance::cleanupTestCase()
{
    if (m_papaRan + m_papaSkipped > 0)
        qInfo("PapaParse cases: %d ran, %d skipped", m_papaRan, m_papaSkipped);
    if (m_papaRan + m_papaSkipped == 160) // the whole table ran, not a selection
        QVERIFY(m_papaRan >= kPapaParseFloor);
}

void TestCsvConformance::csvSpectrum_matchesExpectedJson_data()
{
    QTest::addColumn<QString>("name");
    const QDir dir(QStringLiteral(PME_SHARED_TESTDATA "/csv/csv-spectrum/csvs"));
    const QStringList files = dir.entryList({u"*.csv"_qs}, QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 12);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << file.chopped(4);
}

void TestCsvConformance::csvSpectrum_matchesExpectedJson()
{
    QFETCH(QString, name);
    const QString root = QStringLiteral(PME_SHARED_TESTDATA "/csv/csv-spectrum/");
    const QByteArray csv = readFile(root + u"csvs/" + name + u".csv");
    const QJsonDocument expected = QJsonDocument::fromJson(readFile(root + u"json/" + name + u".json"));
    for (const std::size_t chunk : kChunkSizes) {
        const Parsed parsed = parse(csv.toStdString(), {}, {}, chunk);
        QVERIFY(parsed.summary.ok());
        QVERIFY2(parsed.errors.empty(), parsed.errors.empty() ? "" : parsed.errors.front().message.c_str());
        const QJsonArray actual = papaParseData(parsed, true, 0);
        if (name == u"location_coordinates") {
            // Upstream's JSON is an object with another phone number: compare the coordinates.
            QCOMPARE(actual.size(), 1);
            QCOMPARE(actual[0][u"Location Coordinates"], expected.object().value(u"Location Coordinates"));
            continue;
        }
        QVERIFY2(actual == expected.array(), qPrintable(toJson(actual) + u" != "_qs + toJson(expected.array())));
    }
}

void TestCsvConformance::papaParse_enoughCasesRun()
{
    const auto cases = loadPapaParseCases();
    QCOMPARE(cases.size(), std::size_t{160});
    const auto runnable = std::count_if(cases.begin(), cases.end(),
                                        [](const PapaCase &c) { return papaParseSkipReason(c.test).isEmpty(); });
    qInfo("PapaParse cases: %d runnable, %d skipped", int(runnable), int(cases.size() - runnable));
    QVERIFY(runnable >= kPapaParseFloor);
}

void TestCsvConformance::papaParse_matchesExpectedData_data()
{
    QTest::addColumn<QString>("suite");
    QTest::addColumn<QJsonObject>("test");
    for (const PapaCase &c : loadPapaParseCases()) {
        const QString name
            = c.suite.left(4) + u' ' + QString::number(c.index) + u' ' + c.test[u"description"].toString();
        QTest::newRow(qPrintable(name)) << c.suite << c.test;
    }
}

void TestCsvConformance::papaParse_matchesExpectedData()
{
    QFETCH(QString, suite);
    QFETCH(QJsonObject, test);
    if (const QString reason = papaParseSkipReason(test); !reason.isEmpty()) {
        ++m_papaSkipped;
        QSKIP(qPrintable(reason));
    }
    ++m_papaRan;
    const QJsonObject config = test[u"config"].toObject();
    const CsvDialect dialect = papaParseDialect(suite, config);
    const QByteArray input = test[u"input"].toString().toUtf8();
    const int preview = config[u"preview"].toInt();
    const QJsonObject expected = test[u"expected"].toObject();
    QJsonArray expectedData = expected[u"data"].toArray();
    // RFC 4180: a line break at the end ends the last record; PapaParse starts an empty one.
    if (dialect.emptyLines == CsvEmptyLines::Keep && (input.endsWith('\n') || input.endsWith('\r'))
        && !expectedData.isEmpty() && expectedData.last() == QJsonArray{u""_qs})
        expectedData.removeLast();

    std::set<ErrorKey> expectedErrors;
    bool undetectable = false;
    for (const QJsonValue &e : expected[u"errors"].toArray()) {
        const QString code = e[u"code"].toString();
        const auto row = e[u"row"].toInteger();
        if (code == u"MissingQuotes")
            expectedErrors.insert({CsvErrorKind::UnterminatedQuote, row + 1});
        else if (code == u"InvalidQuotes")
            expectedErrors.insert({CsvErrorKind::MalformedQuote, row + 1});
        else if (code == u"TooFewFields" || code == u"TooManyFields")
            expectedErrors.insert({CsvErrorKind::FieldCountMismatch, row + 1 + (dialect.header ? 1 : 0)});
        else if (code == u"UndetectableDelimiter")
            undetectable = true;
        else
            QFAIL(qPrintable(u"unmapped PapaParse error code "_qs + code));
    }

    for (const std::size_t chunk : kChunkSizes) {
        const std::size_t stopAfter = preview > 0 ? std::size_t(preview) + (dialect.header ? 1 : 0) : SIZE_MAX;
        const Parsed parsed = parse(input.toStdString(), dialect, {}, chunk, stopAfter);
        QVERIFY2(!parsed.summary.fatal, parsed.summary.fatal ? parsed.summary.fatal->message.c_str() : "");
        const QJsonArray actual = papaParseData(parsed, dialect.header, preview);
        QVERIFY2(actual == expectedData, qPrintable(toJson(actual) + u" != "_qs + toJson(expectedData)));

        std::set<ErrorKey> actualErrors;
        for (const CsvError &e : parsed.errors) {
            // Without a header PapaParse does not compare field counts; we do, against record 1.
            if (dialect.header || e.kind != CsvErrorKind::FieldCountMismatch)
                actualErrors.insert({e.kind, e.record});
        }
        QVERIFY(actualErrors == expectedErrors);
        if (dialect.delimiter == '\0')
            QCOMPARE(!parsed.summary.delimiterSniffed, undetectable);
    }
}

void TestCsvConformance::papaParseSamples_parse()
{
    const QString root = QStringLiteral(PME_SHARED_TESTDATA "/csv/papaparse/");
    const Parsed bom = parse(readFile(root + u"utf-8-bom-sample.csv").toStdString());
    QVERIFY(bom.summary.bom);
    QCOMPARE(toJson(bom.rows),
             (QJsonArray{QJsonArray{u"A"_qs, u"B"_qs, u"C"_qs}, QJsonArray{u"X"_qs, u"Y"_qs, u"Z"_qs}}));
    const Parsed header = parse(readFile(root + u"sample-header.csv").toStdString());
    QCOMPARE(header.rows.at(0), (std::vector<std::string>{"title", "name"}));
    QCOMPARE(header.rows.at(2), (std::vector<std::string>{"", "test name 02"}));
    const Parsed longSample = parse(readFile(root + u"long-sample.csv").toStdString());
    QVERIFY(longSample.summary.ok());
    QCOMPARE(longSample.rows.size(), std::size_t{8});
    QVERIFY(longSample.errors.empty());
}

QTEST_GUILESS_MAIN(TestCsvConformance)
#include "tst_csvconformance.moc"
