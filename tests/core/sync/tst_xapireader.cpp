// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The xAPI reader on statements written here: layouts, refused files and where they fail,
// the statement rules, the fields kept, cancelling and progress. The outside oracles are in
// tst_xapiconformance.cpp.
#include "sync/XapiFormat.h"
#include "sync/XapiReader.h"
#include "XapiTestSupport.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

using namespace pme::core;
using namespace pme::core::test;

namespace {

QByteArray statementJson(int n, bool valid = true)
{
    const QByteArray object = valid ? "{\"id\":\"http://example.org/epa/" + QByteArray::number(n) + "\"}"
                                    : QByteArray(R"({"id":"not an iri"})");
    return "{\"actor\":" + s_agent + ",\"verb\":" + s_verb + ",\"object\":" + object
        + ",\"result\":{\"score\":{\"raw\":" + QByteArray::number(n % 5 + 1) + ",\"min\":1,\"max\":5}}}";
}

} // namespace

class TestXapiReader : public QObject {
    Q_OBJECT

private slots:
    void layouts_giveSameStatements_data();
    void layouts_giveSameStatements();
    void lrsResponse_keepsMore();
    void missingFile_isIoError();
    void emptyFile_isRefused_data();
    void emptyFile_isRefused();
    void emptyArray_isNoStatements();
    void binaryFile_isRefused_data();
    void binaryFile_isRefused();
    void truncatedArray_reportsWhere_data();
    void truncatedArray_reportsWhere();
    void syntaxErrors_reportLocation_data();
    void syntaxErrors_reportLocation();
    void statementError_carriesIndexAndPath();
    void statementRules_data();
    void statementRules();
    void fullStatement_mapsEveryField();
    void scoreExtensionsAndOffset_areKept();
    void voidingStatement_namesVoidedStatement();
    void handlerReturningFalse_cancels();
    void progress_reachesFileSize();
    void formats_data();
    void formats();
};

void TestXapiReader::layouts_giveSameStatements_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<XapiReader::Format>("format");
    const QList<QByteArray> statements
        = {statementJson(1), statementJson(2), statementJson(3, false), statementJson(4)};
    const QByteArray joined = statements.join(',');
    QTest::newRow("array") << "[" + joined + "]" << XapiReader::Format::JsonArray;
    QTest::newRow("array, pretty") << "[\n  " + statements.join(",\n  ") + "\n]\n" << XapiReader::Format::JsonArray;
    QTest::newRow("json lines") << statements.join('\n') + '\n' << XapiReader::Format::JsonLines;
    QTest::newRow("json lines, CRLF, BOM, blank lines")
        << "\xEF\xBB\xBF" + statements.join("\r\n\r\n") << XapiReader::Format::JsonLines;
    QTest::newRow("lrs response") << R"({"statements":[)" + joined + R"(],"more":""})"
                                  << XapiReader::Format::LrsResponse;
    QTest::newRow("lrs response, more first") << R"({ "more": "/xapi/statements?more=2", "statements": [ )" + joined
            + " ] }" << XapiReader::Format::LrsResponse;
}

void TestXapiReader::layouts_giveSameStatements()
{
    QFETCH(QByteArray, data);
    QFETCH(XapiReader::Format, format);
    const auto reference = readBytes(statementJson(1) + statementJson(2) + statementJson(3, false) + statementJson(4));
    QVERIFY(reference.ok);
    const auto run = readBytes(data);
    QVERIFY2(run.ok, qPrintable(run.error.message));
    QCOMPARE(run.summary.format, format);
    QCOMPARE(run.summary.statements, 4);
    QCOMPARE(run.summary.valid, 3);
    QCOMPARE(run.summary.invalid, 1);
    QCOMPARE(run.items.size(), reference.items.size());
    for (qsizetype i = 0; i < run.items.size(); ++i) {
        QCOMPARE(run.items[i].index, i + 1);
        QVERIFY(run.items[i].outcome == reference.items[i].outcome);
    }
    QCOMPARE(run.items[2].issues()->first().path, QStringLiteral("/object/id"));
    QCOMPARE(run.items[1].statement()->object.id, QStringLiteral("http://example.org/epa/2"));
}

void TestXapiReader::lrsResponse_keepsMore()
{
    const auto run
        = readBytes(R"({"statements":[)" + statementJson(1) + R"(],"more":"\/xapi\/statements?more=abc\u0026x=1"})");
    QVERIFY2(run.ok, qPrintable(run.error.message));
    QCOMPARE(run.summary.format, XapiReader::Format::LrsResponse);
    QCOMPARE(run.summary.more, QStringLiteral("/xapi/statements?more=abc&x=1"));
    QCOMPARE(run.items.size(), 1);
}

void TestXapiReader::missingFile_isIoError()
{
    QTemporaryDir dir;
    const auto result = XapiReader().readFile(dir.filePath(QStringLiteral("missing.json")),
                                              [](const XapiReadItem &) { return true; });
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::Io);
    QVERIFY(result.error().message.contains(QStringLiteral("missing.json")));
}

void TestXapiReader::emptyFile_isRefused_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("no bytes") << QByteArray();
    QTest::newRow("white space") << QByteArray(" \r\n\t\n");
    QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBF");
}

void TestXapiReader::emptyFile_isRefused()
{
    QFETCH(QByteArray, data);
    const auto run = readBytes(data);
    QVERIFY(!run.ok);
    QCOMPARE(run.error.kind, ErrorKind::BadInput);
    QVERIFY2(run.error.message.contains(QStringLiteral("the file is empty")), qPrintable(run.error.message));
}

// An export with no statements in it is legitimate, unlike an empty file.
void TestXapiReader::emptyArray_isNoStatements()
{
    for (const QByteArray &data :
         {QByteArray("[]"), QByteArray(" [ ]\n"), QByteArray(R"({"statements": [], "more": ""})")}) {
        const auto run = readBytes(data);
        QVERIFY2(run.ok, qPrintable(run.error.message));
        QCOMPARE(run.summary.statements, 0);
        QVERIFY(run.items.isEmpty());
    }
}

void TestXapiReader::binaryFile_isRefused_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expected");
    QTest::newRow("png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)
                         << QStringLiteral("Line 1, column 1 (byte offset 0): expected '[' or '{' (xAPI statements as "
                                           "JSON) but found the byte 0x89");
    QTest::newRow("zip") << QByteArray("PK\x03\x04\x14\0\x06\0", 8) << QStringLiteral("but found 'P'");
    QTest::newRow("brace then binary")
        << QByteArray("{\0\x01\x02", 4)
        << QStringLiteral(
               "Line 1, column 2 (byte offset 1): expected a property name in double quotes but found the byte 0x00");
    QTest::newRow("latin-1 text") << QByteArray("[{\"name\": \"Jos\xE9\"}]")
                                  << QStringLiteral(
                                         "column 15 (byte offset 14): invalid UTF-8 starting with the byte 0xE9");
}

void TestXapiReader::binaryFile_isRefused()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, expected);
    const auto run = readBytes(data);
    QVERIFY(!run.ok);
    QCOMPARE(run.error.kind, ErrorKind::BadInput);
    QVERIFY2(run.error.message.contains(expected), qPrintable(run.error.message));
    QVERIFY(run.items.isEmpty());
}

void TestXapiReader::truncatedArray_reportsWhere_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("handedOver");
    QTest::addColumn<QString>("expected");
    const QByteArray two = "[\n" + statementJson(1) + ",\n" + statementJson(2);
    const auto cut = two.lastIndexOf("mailto:") + 4;
    const auto column = cut - two.lastIndexOf('\n');
    QTest::newRow("inside a string") << two.left(cut) << 1
                                     << QStringLiteral(
                                            "Line 3, column %1 (byte offset %2): the file ends inside a string "
                                            "(in statement 2, which starts on line 3)")
                                            .arg(column)
                                            .arg(cut);
    QTest::newRow("after a comma") << "[\n" + statementJson(1) + ",\n"
                                   << 1
                                   << QStringLiteral("Line 3, column 1")
            + QStringLiteral(" (byte offset %1): expected a JSON value but found the end of the file")
                  .arg(statementJson(1).size() + 4);
    QTest::newRow("no closing bracket") << two + "\n"
                                        << 2
                                        << QStringLiteral("Line 4, column 1 (byte offset %1): the file ends before the "
                                                          "statement array is closed, after statement 2")
                                               .arg(two.size() + 1);
    QTest::newRow("inside an object") << two.left(two.size() - 1) << 1
                                      << QStringLiteral(
                                             "expected ',' or '}' after a property value but found the end of the file "
                                             "(in statement 2, which starts on line 3)");
}

void TestXapiReader::truncatedArray_reportsWhere()
{
    QFETCH(QByteArray, data);
    QFETCH(int, handedOver);
    QFETCH(QString, expected);
    const auto run = readBytes(data);
    QVERIFY(!run.ok);
    QCOMPARE(run.error.kind, ErrorKind::BadInput);
    QVERIFY2(run.error.message.contains(expected), qPrintable(run.error.message));
    QCOMPARE(run.items.size(), handedOver);
}

void TestXapiReader::syntaxErrors_reportLocation_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expected");
    QTest::newRow("trailing comma") << QByteArray("[{\"a\": 1,}]")
                                    << QStringLiteral("column 10 (byte offset 9): expected a property name");
    QTest::newRow("array trailing comma")
        << QByteArray("[{},]") << QStringLiteral("column 5 (byte offset 4): expected a JSON value");
    QTest::newRow("single quotes") << QByteArray("[{'a': 1}]")
                                   << QStringLiteral("column 3 (byte offset 2): found a single quote");
    QTest::newRow("comment") << QByteArray("[ // statements\n{}]")
                             << QStringLiteral("column 3 (byte offset 2): found '/': JSON has no comments");
    QTest::newRow("leading zero") << QByteArray("[{\"a\": 01}]")
                                  << QStringLiteral("column 9 (byte offset 8): numbers cannot start with 0");
    QTest::newRow("NaN") << QByteArray("[{\"a\": NaN}]")
                         << QStringLiteral("column 8 (byte offset 7): expected a JSON value but found 'N'");
    QTest::newRow("bad literal") << QByteArray("[{\"a\": tru}]")
                                 << QStringLiteral("column 11 (byte offset 10): expected the literal true");
    QTest::newRow("bad escape") << QByteArray("[{\"a\": \"\\x41\"}]")
                                << QStringLiteral("column 10 (byte offset 9): invalid escape sequence");
    QTest::newRow("lone surrogate") << QByteArray("[{\"a\": \"\\ud800x\"}]")
                                    << QStringLiteral("must be followed by a low surrogate");
    QTest::newRow("tab in string") << QByteArray("[{\"a\": \"x\ty\"}]")
                                   << QStringLiteral("column 10 (byte offset 9): the control character 0x09");
    QTest::newRow("overlong utf-8") << QByteArray("[{\"a\": \"\xC0\xAF\"}]")
                                    << QStringLiteral(
                                           "column 9 (byte offset 8): invalid UTF-8 starting with the byte 0xC0");
    QTest::newRow("two top-level arrays")
        << QByteArray("[]\n[]") << QStringLiteral("Line 2, column 1 (byte offset 3): expected nothing more");
    QTest::newRow("garbage after lrs response")
        << QByteArray("{\"statements\": []} x") << QStringLiteral("column 20 (byte offset 19): expected nothing more");
    QTest::newRow("second line broken")
        << "{}\n{\"a\" 1}\n" + statementJson(1)
        << QStringLiteral("Line 2, column 6 (byte offset 8): expected ':' after the property name but found '1' "
                          "(in statement 2, which starts on line 2)");
    QTest::newRow("too deep") << "[" + QByteArray(300, '[') + QByteArray(300, ']') + "]"
                              << QStringLiteral("nested more than 256 levels");
}

void TestXapiReader::syntaxErrors_reportLocation()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, expected);
    const auto run = readBytes(data);
    QVERIFY(!run.ok);
    QCOMPARE(run.error.kind, ErrorKind::BadInput);
    QVERIFY2(run.error.message.contains(expected), qPrintable(run.error.message));
}

void TestXapiReader::statementError_carriesIndexAndPath()
{
    const QByteArray bad = "{\"actor\":{\"mbox\":\"ada@example.org\"},\"verb\":" + s_verb
        + R"(,"object":{"id":"http://example.org/a"},"result":{"score":{"raw":7,"min":1,"max":5,"scaled":2}},)"
        + R"("timestamp":"2024-05-01 14:30:00","Context":{}})";
    const auto run = readBytes(statementJson(1) + '\n' + statementJson(2) + '\n' + bad + '\n' + statementJson(4));
    QVERIFY2(run.ok, qPrintable(run.error.message));
    QCOMPARE(run.items.size(), 4);
    QVERIFY(run.items[1].statement());
    QVERIFY(run.items[3].statement());
    const auto &item = run.items[2];
    QCOMPARE(item.index, 3);
    QCOMPARE(item.line, 3);
    QVERIFY(!item.statement());
    QStringList paths;
    for (const auto &issue : *item.issues()) {
        QVERIFY(!issue.message.isEmpty());
        paths << issue.path;
    }
    QCOMPARE(
        paths,
        (QStringList{QStringLiteral("/Context"), QStringLiteral("/actor/mbox"), QStringLiteral("/result/score/scaled"),
                     QStringLiteral("/result/score/raw"), QStringLiteral("/timestamp")}));
    QVERIFY(item.issues()->first().message.contains(QStringLiteral("case-sensitive")));
}

void TestXapiReader::statementRules_data()
{
    QTest::addColumn<QByteArray>("rest");
    QTest::addColumn<QString>("firstIssuePath"); // null: accepted; empty: the statement as a whole
    const auto row = [](const char *name, const QByteArray &rest, const char *path) {
        QTest::newRow(name) << rest << (path ? QString::fromLatin1(path) : QString());
    };
    const QByteArray activity = R"("object":{"id":"http://example.org/a"})";
    const QByteArray assessor = R"({"objectType":"contextAgent","agent":{"mbox":"mailto:obs@example.org"},)"
                                R"("relevantTypes":["https://example.org/roles/assessor"]})";
    row("xAPI 2.0 version", activity + R"(,"version":"2.0.0")", nullptr);
    row("xAPI 2.0 context agents and groups",
        activity + R"(,"context":{"contextAgents":[)" + assessor
            + R"(],"contextGroups":[{"objectType":"contextGroup","group":{"objectType":"Group","member":[{"mbox":"mailto:a@example.org"}]}}]})",
        nullptr);
    row("context agent that is a Group",
        activity
            + R"(,"context":{"contextAgents":[{"objectType":"contextAgent","agent":{"objectType":"Group","member":[{"mbox":"mailto:a@example.org"}]}}]})",
        "/context/contextAgents/0/agent");
    row("context agent with empty relevantTypes",
        activity
            + R"(,"context":{"contextAgents":[{"objectType":"contextAgent","agent":{"mbox":"mailto:a@example.org"},"relevantTypes":[]}]})",
        "/context/contextAgents/0/relevantTypes");
    row("duplicate property", activity + R"(,"timestamp":"2024-01-01T00:00:00Z","timestamp":"2024-01-02T00:00:00Z")",
        "/timestamp");
    row("timestamp without time zone", activity + R"(,"timestamp":"2024-01-01T08:00:00")", "/timestamp");
    row("choices without interactionType",
        R"("object":{"id":"http://example.org/q","definition":{"choices":[{"id":"a"}]}})",
        "/object/definition/choices");
    row("choices of a likert",
        R"("object":{"id":"http://example.org/q","definition":{"interactionType":"likert","choices":[{"id":"a"}]}})",
        "/object/definition/choices");
    row("interaction component ids twice",
        R"("object":{"id":"http://example.org/q","definition":{"interactionType":"choice","choices":[{"id":"a"},{"id":"a"}]}})",
        "/object/definition/choices/1");
    row("contextActivities as one Activity (0.95 style)",
        activity + R"(,"context":{"contextActivities":{"parent":{"id":"http://example.org/p"}}})", nullptr);
    row("null in extensions", activity + R"(,"result":{"extensions":{"http://example.org/x":null}})", nullptr);
    row("null elsewhere", activity + R"(,"result":{"response":null})", "/result/response");
    row("statement objectType", activity + R"(,"objectType":"Statement")", "/objectType");
    row("number too large for simdjson", activity + R"(,"result":{"score":{"raw":1e999}})", "");
}

// Rules the conformance suite does not reach: xAPI 2.0 additions, duplicates, interactions.
void TestXapiReader::statementRules()
{
    QFETCH(QByteArray, rest);
    QFETCH(QString, firstIssuePath);
    const auto run = readBytes("{\"actor\":" + s_agent + ",\"verb\":" + s_verb + "," + rest + "}");
    QVERIFY2(run.ok, qPrintable(run.error.message));
    QCOMPARE(run.items.size(), 1);
    if (firstIssuePath.isNull()) {
        QVERIFY2(run.items[0].statement(), qPrintable(firstIssue(run.items[0])));
    } else {
        QVERIFY(run.items[0].issues());
        QCOMPARE(run.items[0].issues()->first().path, firstIssuePath);
        QVERIFY(!run.items[0].issues()->first().message.isEmpty());
    }
}

void TestXapiReader::fullStatement_mapsEveryField()
{
    const auto run
        = readBytes(readAll(s_examplesDir + QStringLiteral("/xAPI-Data_L2190_appendix-a-example-statements.json")));
    QVERIFY2(run.ok, qPrintable(run.error.message));
    QCOMPARE(run.items.size(), 1);
    const XapiStatement *s = run.items[0].statement();
    QVERIFY2(s, qPrintable(firstIssue(run.items[0])));
    QCOMPARE(s->id, QStringLiteral("6690e6c9-3ef0-4ed3-8b37-7f3964730bee"));
    QVERIFY(s->actor.isGroup);
    QCOMPARE(s->actor.name, QStringLiteral("Team PB"));
    QCOMPARE(s->actor.identifier.kind, XapiIdentifier::Kind::Mbox);
    QCOMPARE(s->actor.identifier.key(), QStringLiteral("mbox:mailto:teampb@example.com"));
    QCOMPARE(s->actor.members.size(), 3);
    QCOMPARE(s->actor.members[0].identifier.key(), QStringLiteral("account:http://www.example.com|13936749"));
    QCOMPARE(s->actor.members[1].identifier.kind, XapiIdentifier::Kind::OpenId);
    QCOMPARE(s->actor.members[2].identifier.value, QStringLiteral("ebd31e95054c018b10727ccffd2ef2ec3a016ee9"));
    QCOMPARE(s->verbId, QStringLiteral("http://adlnet.gov/expapi/verbs/attended"));
    QCOMPARE(s->verbDisplay.value(QStringLiteral("en-GB")), QStringLiteral("attended"));
    QCOMPARE(s->object.type, XapiObject::Type::Activity);
    QCOMPARE(s->object.id, QStringLiteral("http://www.example.com/meetings/occurances/34534"));
    QCOMPARE(s->object.activityType, QStringLiteral("http://adlnet.gov/expapi/activities/meeting"));
    QCOMPARE(s->object.name.value(QStringLiteral("en-US")), QStringLiteral("example meeting"));
    QVERIFY(s->result);
    QCOMPARE(s->result->success, true);
    QCOMPARE(s->result->completion, true);
    QCOMPARE(s->result->response, QStringLiteral("We agreed on some example actions."));
    QCOMPARE(s->result->duration, QStringLiteral("PT1H0M0S"));
    QVERIFY(!s->result->score);
    QVERIFY(s->context);
    QCOMPARE(s->context->registration, QStringLiteral("ec531277-b57b-4c15-8d91-d292c5b2b8f7"));
    QVERIFY(s->context->instructor);
    QCOMPARE(s->context->instructor->identifier.accountHomePage, QStringLiteral("http://www.example.com"));
    QVERIFY(s->context->team && s->context->team->isGroup);
    QCOMPARE(s->context->parentActivities, QStringList{QStringLiteral("http://www.example.com/meetings/series/267")});
    QCOMPARE(s->context->categoryActivities.size(), 1);
    QCOMPARE(s->context->otherActivities.size(), 2);
    QCOMPARE(s->context->platform, QStringLiteral("Example virtual meeting software"));
    QCOMPARE(s->context->language, QStringLiteral("tlh"));
    QCOMPARE(s->context->statementRef, QStringLiteral("6690e6c9-3ef0-4ed3-8b37-7f3964730bee"));
    QVERIFY(s->context->extensionsJson.isEmpty());
    QCOMPARE(s->timestamp, QDateTime(QDate(2013, 5, 18), QTime(5, 32, 34, 804), Qt::UTC));
    QCOMPARE(s->timestamp.offsetFromUtc(), 0);
    QVERIFY(s->stored.isValid());
    QCOMPARE(s->version, QStringLiteral("1.0.0"));
    QVERIFY(!s->voids);
}

// Score, extensions as compact JSON, and a timestamp that keeps the writer's offset.
void TestXapiReader::scoreExtensionsAndOffset_areKept()
{
    const auto cmi5
        = readBytes(readAll(s_examplesDir + QStringLiteral("/xAPI-About_L594_appendix-b-cmi5-example.json")));
    QVERIFY(cmi5.ok && cmi5.items.size() == 1 && cmi5.items[0].statement());
    const XapiStatement &c = *cmi5.items[0].statement();
    QCOMPARE(c.result->score, (XapiScore{0.65, 65.0, 0.0, 100.0}));
    QCOMPARE(c.result->success, false);
    const QByteArray extensions = R"({"https://w3id.org/xapi/cmi5/context/extensions/sessionid":"458240298378231"})";
    QCOMPARE(c.context->extensionsJson, extensions);
    QCOMPARE(c.context->categoryActivities.size(), 2);

    const auto offset
        = readBytes("{\"actor\":" + s_agent + ",\"verb\":" + s_verb
                    + R"(,"object":{"id":"http://example.org/a"},"timestamp":"2024-02-29T23:30:00.123456-05:00"})");
    QVERIFY(offset.ok && offset.items[0].statement());
    const QDateTime when = offset.items[0].statement()->timestamp;
    QCOMPARE(when.offsetFromUtc(), -5 * 3600);
    QCOMPARE(when.date(), QDate(2024, 2, 29)); // the observed date where it happened
    QCOMPARE(when.toUTC(), QDateTime(QDate(2024, 3, 1), QTime(4, 30, 0, 123), Qt::UTC));
}

void TestXapiReader::voidingStatement_namesVoidedStatement()
{
    const auto run = readBytes(readAll(s_examplesDir + QStringLiteral("/xAPI-Data_L285_example.json")));
    QVERIFY(run.ok && run.items.size() == 1 && run.items[0].statement());
    QVERIFY(run.items[0].statement()->voids);
    QCOMPARE(run.items[0].statement()->voidedStatementId, QStringLiteral("e05aa883-acaf-40ad-bf54-02c8ce485fb0"));
    QCOMPARE(run.items[0].statement()->object.type, XapiObject::Type::StatementRef);

    const auto wrong = readBytes(
        "{\"actor\":" + s_agent
        + R"(,"verb":{"id":"http://adlnet.gov/expapi/verbs/voided"},"object":{"id":"http://example.org/a"}})");
    QVERIFY(wrong.ok && wrong.items.size() == 1 && !wrong.items[0].statement());
    QCOMPARE(wrong.items[0].issues()->first().path, QStringLiteral("/object"));
}

void TestXapiReader::handlerReturningFalse_cancels()
{
    const auto run = readBytes(statementJson(1) + statementJson(2) + statementJson(3), 2);
    QVERIFY(!run.ok);
    QCOMPARE(run.error.kind, ErrorKind::Cancelled);
    QCOMPARE(run.items.size(), 2);
}

void TestXapiReader::progress_reachesFileSize()
{
    QByteArray data = "[";
    for (int i = 1; i <= 20000; ++i)
        data += (i > 1 ? ",\n" : "") + statementJson(i);
    data += "]";
    QVERIFY(data.size() > 3 * (1 << 20)); // several read chunks
    QBuffer buffer(&data);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    XapiReader reader;
    QList<qint64> reported;
    reader.setProgressHandler([&](qint64 done, qint64 total) {
        QCOMPARE(total, data.size());
        reported << done;
    });
    qint64 count = 0;
    const auto result = reader.read(buffer, [&](const XapiReadItem &item) { return ++count == item.index; });
    QVERIFY(result.ok());
    QCOMPARE(result->valid, 20000);
    QVERIFY(reported.size() >= 3);
    QVERIFY(std::is_sorted(reported.begin(), reported.end()));
    QCOMPARE(reported.last(), data.size());
}

void TestXapiReader::formats_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    const auto row = [](const char *kind, const QByteArray &text, bool valid) {
        QTest::addRow("%s %s", kind, text.constData()) << QString::fromLatin1(kind) << text << valid;
    };
    for (const char *tag : {"en", "en-US", "zh-Hant", "zh-Hans-CN", "sr-Latn-RS", "es-419", "de-CH-1901", "tlh", "cmn",
                            "ase", "x-private", "en-a-bbb-x-a-ccc", "i-klingon", "zh-min-nan", "zh-yue-HK"})
        row("language", tag, true);
    for (const char *tag : {"", "e", "something", "a12345678", "en-", "en--US", "en_US", "zh-z-aaa-z-bbb-c-ccc",
                            "de-1901-1901", "x", "en-x", "123"})
        row("language", tag, false);
    for (const char *d : {"P3Y", "P4W", "PT1H0M0.1S", "PT16559.14S", "P3Y1M29DT4H35M59.14S", "P1D", "PT0S", "P0,5D"})
        row("duration", d, true);
    for (const char *d : {"", "P", "PT", "P4W1D", "1H", "PT1.5H30M", "P1M2Y", "PT-1S", "P1DT", "pt1h"})
        row("duration", d, false);
    for (const char *t : {"2013-05-18T05:32:34.804+00:00", "2015-11-18T12:17:00Z", "2008-09-15T15:53:00.601+01",
                          "2008-09-15T15:53:00.601-0500", "2024-02-29T23:59:60Z", "2024-01-01T00:00Z",
                          "2024-01-01T00:00:00.123456789Z"})
        row("timestamp", t, true);
    for (const char *t : {"should fail", "01/011/2015", "2008-09-15T15:53:00.601-00", "2008-09-15T15:53:00.601-0000",
                          "2008-09-15T15:53:00.601-00:00", "2013-05-18T05:32:34", "2023-02-29T00:00:00Z",
                          "2024-01-01 00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z"})
        row("timestamp", t, false);
    for (const char *i : {"http://adlnet.gov/expapi/verbs/voided", "tag:adlnet.gov,2013:expapi:0.9:activities:x",
                          "urn:uuid:6690e6c9-3ef0-4ed3-8b37-7f3964730bee", "https://例え.jp/パス", "http://a/%20b"})
        row("iri", i, true);
    for (const char *i : {"", "should fail", "non-absolute-activity-id", "http://a b", "1http://a", ":x",
                          "http:", "http://a/%2", "http://a/<b>"})
        row("iri", i, false);
    for (const char *u : {"6690e6c9-3ef0-4ed3-8b37-7f3964730bee", "AA97B177-9383-4934-8543-0F91A7A02836",
                          "12345678-1234-5678-1234-567812345678"})
        row("uuid", u, true);
    for (const char *u : {"AA97B177-9383-4934-8543-0F91A7A028368", "MA97B177-9383-4934-8543-0F91A7A02836",
                          "6690e6c93ef04ed38b377f3964730bee", "{6690e6c9-3ef0-4ed3-8b37-7f3964730bee}"})
        row("uuid", u, false);
    for (const char *m : {"mailto:xapi@adlnet.gov", "mailto:a.b+c@example.co.uk"})
        row("mailto", m, true);
    for (const char *m : {"xapi@adlnet.gov", "mailto:", "mailto:xapi", "mailto:@adlnet.gov", "MAILTO:xapi@adlnet.gov",
                          "mailto:a@b@c", "mailto:a b@c"})
        row("mailto", m, false);
    for (const char *v : {"1.0", "1.0.0", "1.0.3", "1.0.19", "2.0", "2.0.0"})
        row("version", v, true);
    for (const char *v : {"", "1", "1.1.0", "0.9.9", "1.0.", "1.0.x", "should fail", "2.1.0"})
        row("version", v, false);
    for (const char *m : {"text/plain", "text/plain; charset=ascii", "application/octet-stream", "a/b;x=\"y z\""})
        row("mediatype", m, true);
    for (const char *m : {"", "text", "text/", "/plain", "text/plain;", "text plain"})
        row("mediatype", m, false);
}

void TestXapiReader::formats()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    const std::string_view s(text.constData(), std::size_t(text.size()));
    bool result = false;
    if (kind == QLatin1String("language"))
        result = XapiFormat::isLanguageTag(s);
    else if (kind == QLatin1String("duration"))
        result = XapiFormat::isDuration(s);
    else if (kind == QLatin1String("timestamp"))
        result = XapiFormat::parseTimestamp(s).has_value();
    else if (kind == QLatin1String("iri"))
        result = XapiFormat::isIri(s);
    else if (kind == QLatin1String("uuid"))
        result = XapiFormat::isUuid(s);
    else if (kind == QLatin1String("mailto"))
        result = XapiFormat::isMailtoIri(s);
    else if (kind == QLatin1String("version"))
        result = XapiFormat::isSupportedVersion(s);
    else if (kind == QLatin1String("mediatype"))
        result = XapiFormat::isMediaType(s);
    else
        QFAIL("unknown kind");
    QCOMPARE(result, valid);
}

QTEST_GUILESS_MAIN(TestXapiReader)
#include "tst_xapireader.moc"
