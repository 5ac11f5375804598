// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The CSV reader on inputs written here: line endings and numbers, encodings, sniffing,
// malformed and hostile input, limits, cancelling, progress and a random round trip. The
// outside oracles are in tst_csvconformance.cpp.
#include "sync/CsvReader.h"
#include "CsvTestSupport.h"

#include <QTest>

#include <algorithm>
#include <memory>
#include <random>
#include <sstream>
#include <utility>

using namespace pme::core;
using namespace pme::core::test;

namespace {

// A source of `size` bytes produced on the fly, so a test can offer gigabytes.
CsvReader::PullFunction endless(std::uint64_t size, std::string prefix, char fill)
{
    auto offset = std::make_shared<std::uint64_t>(0);
    return [=](char *buffer, std::size_t capacity) -> std::ptrdiff_t {
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(capacity, size - *offset));
        for (std::size_t i = 0; i < n; ++i, ++*offset)
            buffer[i] = *offset < prefix.size() ? prefix[*offset] : fill;
        return static_cast<std::ptrdiff_t>(n);
    };
}

} // namespace

class TestCsvReader : public QObject {
    Q_OBJECT

private slots:
    void lineEndings_crLfAndMixed_endRecords();
    void lineNumbers_countBreaksInsideQuotes();
    void bom_isSkipped();
    void windows1252_isDetectedAndTranscoded();
    void utf8_isDetected();
    void invalidUtf8_isReportedWithRecordNumber();
    void invalidUtf8_afterSniffWindow_isReported();
    void sniffing_picksConsistentDelimiter_data();
    void sniffing_picksConsistentDelimiter();
    void delimiter_overrideWins();
    void unterminatedQuote_isReported();
    void fieldCountMismatch_isFlaggedAndHandedOver();
    void emptyLines_policies();
    void fieldLimit_isFatal();
    void hugeInputWithoutLineBreak_stopsWithinLimit_data();
    void hugeInputWithoutLineBreak_stopsWithinLimit();
    void binaryInput_isRefused_data();
    void binaryInput_isRefused();
    void invalidDialect_isRefused();
    void callbackFalse_cancels();
    void cancelFlag_cancels();
    void progress_reportsBytesAndTotal();
    void emptyInput_yieldsNothing();
    void istream_isRead();
    void randomRoundTrip_survivesEveryChunkSize();
};

void TestCsvReader::lineEndings_crLfAndMixed_endRecords()
{
    for (const std::size_t chunk : kChunkSizes) {
        const Parsed cr = parse("a,b\r1,2\r3,4", {}, {}, chunk);
        QCOMPARE(cr.rows, (std::vector<std::vector<std::string>>{{"a", "b"}, {"1", "2"}, {"3", "4"}}));
        const Parsed mixed = parse("a,b\r\n1,2\n3,4\r5,6\r\n", {}, {}, chunk);
        QCOMPARE(mixed.rows.size(), std::size_t{4});
        QCOMPARE(mixed.rows.back(), (std::vector<std::string>{"5", "6"}));
        QCOMPARE(mixed.lines, (std::vector<std::int64_t>{1, 2, 3, 4}));
        QVERIFY(mixed.errors.empty());
    }
}

void TestCsvReader::lineNumbers_countBreaksInsideQuotes()
{
    const Parsed parsed = parse("id,note\n1,\"two\r\nlines\"\n2,\"cr\rand\nlf\"\n\n3,x\n");
    QCOMPARE(parsed.numbers, (std::vector<std::int64_t>{1, 2, 3, 4}));
    QCOMPARE(parsed.lines, (std::vector<std::int64_t>{1, 2, 4, 8}));
    QCOMPARE(parsed.rows[1][1], std::string("two\r\nlines"));
}

void TestCsvReader::bom_isSkipped()
{
    const Parsed parsed = parse("\xEF\xBB\xBFname,score\nAnn,3\n");
    QVERIFY(parsed.summary.bom);
    QCOMPARE(parsed.rows[0][0], std::string("name"));
    QCOMPARE(parsed.summary.encoding, CsvEncoding::Utf8);
}

void TestCsvReader::windows1252_isDetectedAndTranscoded()
{
    const Parsed parsed = parse("name;note\nRen\xE9;\x93\x80 5\x94\n");
    QCOMPARE(parsed.summary.encoding, CsvEncoding::Windows1252);
    QCOMPARE(parsed.summary.delimiter, ';');
    QCOMPARE(fromView(parsed.rows[1][0]), u"René"_qs);
    QCOMPARE(fromView(parsed.rows[1][1]), QString::fromUtf8("\u201C\u20AC 5\u201D"));
    QVERIFY(parsed.errors.empty());

    CsvDialect forced;
    forced.encoding = CsvEncoding::Windows1252;
    QCOMPARE(fromView(parse("Caf\xC3\xA9", forced).rows[0][0]), u"CafÃ©"_qs);
}

void TestCsvReader::utf8_isDetected()
{
    const Parsed parsed = parse("name\nCaf\xC3\xA9\n");
    QCOMPARE(parsed.summary.encoding, CsvEncoding::Utf8);
    QCOMPARE(fromView(parsed.rows[1][0]), u"Café"_qs);
    QCOMPARE(parse("a,b\n1,2\n").summary.encoding, CsvEncoding::Auto); // all ASCII: undecided
}

void TestCsvReader::invalidUtf8_isReportedWithRecordNumber()
{
    CsvDialect utf8;
    utf8.encoding = CsvEncoding::Utf8;
    const Parsed parsed = parse("name,city\nAnn,Paris\nRen\xE9,Lyon\nBob,Caf\xC3\xA9\n", utf8);
    QCOMPARE(parsed.rows.size(), std::size_t{4});
    QCOMPARE(parsed.errors.size(), std::size_t{1});
    const CsvError &e = parsed.errors.front();
    QCOMPARE(e.kind, CsvErrorKind::InvalidUtf8);
    QCOMPARE(e.record, 3);
    QCOMPARE(e.line, 3);
    QVERIFY2(e.message.find("Record 3 (line 3), field 1: byte 0xE9") == 0, e.message.c_str());
    QCOMPARE(parsed.summary.recordsWithErrors, 1);
    QCOMPARE(fromView(parsed.rows[3][1]), u"Café"_qs);
}

void TestCsvReader::invalidUtf8_afterSniffWindow_isReported()
{
    // The first non-ASCII bytes decide; a stray Windows-1252 byte later is an error, not
    // silently read as something else.
    std::string csv = "n,text\n1,na\xC3\xAFve\n";
    while (csv.size() < 200'000)
        csv += "2,plain ascii text\n";
    csv += "3,caf\xE9\n";
    const Parsed parsed = parse(csv);
    QCOMPARE(parsed.summary.encoding, CsvEncoding::Utf8);
    QCOMPARE(parsed.errors.size(), std::size_t{1});
    QCOMPARE(parsed.errors[0].kind, CsvErrorKind::InvalidUtf8);
    QCOMPARE(parsed.errors[0].record, std::int64_t(parsed.rows.size()));
}

void TestCsvReader::sniffing_picksConsistentDelimiter_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<char>("delimiter");
    QTest::addColumn<bool>("sniffed");
    QTest::newRow("comma") << QByteArray("a,b,c\n1,2,3\n") << ',' << true;
    QTest::newRow("semicolon with decimal commas")
        << QByteArray("name;score\nAnn;3,5\nBob;4\nCy;2,25\n") << ';' << true;
    QTest::newRow("tab with commas in text") << QByteArray("id\tnote\n1\tgood, very good\n2\tfine\n") << '\t' << true;
    QTest::newRow("pipe") << QByteArray("a|b\n1|2\n") << '|' << true;
    QTest::newRow("semicolons inside quotes") << QByteArray("\"a;b\",c\n\"d;e;f\",g\n") << ',' << true;
    QTest::newRow("commas inside multi-line quotes")
        << QByteArray("id;text\n1;\"x, y,\nz, w\"\n2;\"a,b\"\n") << ';' << true;
    QTest::newRow("one column falls back to comma") << QByteArray("name\nAnn\nBob\n") << ',' << false;
}

void TestCsvReader::sniffing_picksConsistentDelimiter()
{
    QFETCH(QByteArray, csv);
    QFETCH(char, delimiter);
    QFETCH(bool, sniffed);
    const Parsed parsed = parse(csv.toStdString());
    QCOMPARE(parsed.summary.delimiter, delimiter);
    QCOMPARE(parsed.summary.delimiterSniffed, sniffed);
    QVERIFY(parsed.errors.empty());
}

void TestCsvReader::delimiter_overrideWins()
{
    CsvDialect dialect;
    dialect.delimiter = ';';
    const Parsed parsed = parse("a,b;c\n1,2;3\n", dialect);
    QCOMPARE(parsed.summary.delimiter, ';');
    QVERIFY(!parsed.summary.delimiterSniffed);
    QCOMPARE(parsed.rows[1], (std::vector<std::string>{"1,2", "3"}));
}

void TestCsvReader::unterminatedQuote_isReported()
{
    const Parsed parsed = parse("id,note\n1,ok\n2,\"never closed\n3,x\n");
    QVERIFY(parsed.summary.ok());
    QCOMPARE(parsed.rows.size(), std::size_t{3});
    QCOMPARE(parsed.rows[2][1], std::string("never closed\n3,x\n"));
    QCOMPARE(parsed.errors.size(), std::size_t{1});
    QCOMPARE(parsed.errors[0].kind, CsvErrorKind::UnterminatedQuote);
    QCOMPARE(parsed.errors[0].record, 3);
    QCOMPARE(parsed.errors[0].line, 3);
}

void TestCsvReader::fieldCountMismatch_isFlaggedAndHandedOver()
{
    CsvReader reader;
    std::vector<bool> flags;
    const CsvSummary summary = reader.readBytes("a,b,c\n1,2,3\n4,5\n6,7,8,9\n", [&](const CsvRecord &r) {
        flags.push_back(r.fieldCountMismatch());
        return true;
    });
    QCOMPARE(flags, (std::vector<bool>{false, false, true, true}));
    QCOMPARE(summary.recordsWithErrors, 2);
    const Parsed parsed = parse("a,b,c\n4,5\n");
    QCOMPARE(parsed.errors.at(0).message, std::string("Record 2 (line 2): 2 fields where the header has 3"));
}

void TestCsvReader::emptyLines_policies()
{
    const std::string csv = "a,b\n\n1,2\n , \n\n3,4\n";
    const Parsed skip = parse(csv);
    QCOMPARE(skip.rows.size(), std::size_t{4});
    QCOMPARE(skip.lines, (std::vector<std::int64_t>{1, 3, 4, 6}));
    QCOMPARE(skip.numbers, (std::vector<std::int64_t>{1, 2, 3, 4}));
    CsvDialect dialect;
    dialect.emptyLines = CsvEmptyLines::Keep;
    QCOMPARE(parse(csv, dialect).rows.size(), std::size_t{6});
    dialect.emptyLines = CsvEmptyLines::SkipBlank;
    const Parsed blank = parse(csv, dialect);
    QCOMPARE(blank.rows.size(), std::size_t{3});
    QVERIFY(blank.errors.empty());
}

void TestCsvReader::fieldLimit_isFatal()
{
    CsvLimits limits;
    limits.maxFieldBytes = 1000;
    const std::string big(1001, 'x');
    for (const std::size_t chunk : {std::size_t{64}, CsvReader::s_defaultChunkSize}) {
        const Parsed quoted = parse("a,b\n1,\"" + big + "\"\n2,3\n", {}, limits, chunk);
        QVERIFY(quoted.summary.fatal);
        QCOMPARE(quoted.summary.fatal->kind, CsvErrorKind::FieldTooLarge);
        QCOMPARE(quoted.summary.fatal->record, 2);
        QCOMPARE(quoted.rows.size(), std::size_t{1}); // nothing after the fatal error
        const Parsed plain = parse("a,b\n1,2\n3," + big + "\n", {}, limits, chunk);
        QVERIFY(plain.summary.fatal);
        QCOMPARE(plain.summary.fatal->record, 3);
    }
    QVERIFY(!parse("a,\"" + std::string(1000, 'x') + "\"\n", {}, limits).summary.fatal);
}

void TestCsvReader::hugeInputWithoutLineBreak_stopsWithinLimit_data()
{
    QTest::addColumn<QByteArray>("prefix");
    QTest::addColumn<char>("fill");
    QTest::addColumn<CsvErrorKind>("kind");
    QTest::newRow("unquoted field") << QByteArray("a,b\n1,") << 'x' << CsvErrorKind::FieldTooLarge;
    QTest::newRow("open quote") << QByteArray("a,b\n1,\"") << 'x' << CsvErrorKind::FieldTooLarge;
    QTest::newRow("endless delimiters") << QByteArray("a,b\n") << ',' << CsvErrorKind::RecordTooLarge;
    QTest::newRow("comment line") << QByteArray("a,b\n#") << 'x' << CsvErrorKind::RecordTooLarge;
}

void TestCsvReader::hugeInputWithoutLineBreak_stopsWithinLimit()
{
    QFETCH(QByteArray, prefix);
    QFETCH(char, fill);
    QFETCH(CsvErrorKind, kind);
    CsvDialect dialect;
    dialect.commentPrefix = "#";
    const CsvReader reader(dialect);
    const std::uint64_t twoGigabytes = std::uint64_t{2} << 30;
    const CsvSummary summary = reader.read(endless(twoGigabytes, prefix.toStdString(), fill), twoGigabytes,
                                           [](const CsvRecord &) { return true; });
    QVERIFY(summary.fatal);
    QCOMPARE(summary.fatal->kind, kind);
    QCOMPARE(summary.fatal->record, 2);
    // Read no more than the record limit allows for (16 MiB), whatever the file size.
    QVERIFY(summary.bytesRead <= 2 * reader.limits().maxRecordBytes + CsvReader::s_defaultChunkSize);
}

void TestCsvReader::binaryInput_isRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<std::int64_t>("record");
    QTest::addColumn<QString>("hint");
    QTest::newRow("NUL bytes") << QByteArray("a,b\n1,\0\0\x01", 9) << std::int64_t(0) << u"NUL bytes"_qs;
    QTest::newRow("xlsx") << QByteArray("PK\x03\x04\x14\0\x06\0", 8) << std::int64_t(0) << u".xlsx"_qs;
    QTest::newRow("UTF-16") << QByteArray("\xFF\xFE"
                                          "a\0,\0b\0",
                                          8)
                            << std::int64_t(0) << u"UTF-16"_qs;
    QByteArray late = "a,b\n";
    while (late.size() < 3 * qsizetype(CsvReader::s_defaultChunkSize) / 2) // beyond the first chunk
        late += "1,2\n";
    const auto records = late.count('\n');
    late += QByteArray("3,\0\n", 4);
    QTest::newRow("NUL after the sniff window") << late << std::int64_t(records + 1) << u"NUL bytes"_qs;
}

void TestCsvReader::binaryInput_isRefused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(std::int64_t, record);
    QFETCH(QString, hint);
    const Parsed parsed = parse(bytes.toStdString());
    QVERIFY(parsed.summary.fatal);
    QCOMPARE(parsed.summary.fatal->kind, CsvErrorKind::BinaryData);
    QCOMPARE(parsed.summary.fatal->record, record);
    QVERIFY2(QString::fromStdString(parsed.summary.fatal->message).contains(hint),
             parsed.summary.fatal->message.c_str());
}

void TestCsvReader::invalidDialect_isRefused()
{
    CsvDialect dialect;
    dialect.delimiter = '"';
    const Parsed parsed = parse("a,b\n", dialect);
    QVERIFY(parsed.summary.fatal);
    QCOMPARE(parsed.summary.fatal->kind, CsvErrorKind::InvalidDialect);
    QVERIFY(parsed.rows.empty());
}

void TestCsvReader::callbackFalse_cancels()
{
    const Parsed parsed = parse("a\n1\n2\n3\n", {}, {}, CsvReader::s_defaultChunkSize, 2);
    QVERIFY(parsed.summary.cancelled);
    QVERIFY(!parsed.summary.ok());
    QCOMPARE(parsed.summary.records, 2);
}

void TestCsvReader::cancelFlag_cancels()
{
    std::atomic<bool> cancel = false;
    CsvReader reader;
    reader.setCancelFlag(&cancel);
    int seen = 0;
    const CsvSummary summary = reader.readBytes("a\n1\n2\n3\n", [&](const CsvRecord &) {
        cancel = ++seen == 3; // as if another thread pressed Cancel
        return true;
    });
    QVERIFY(summary.cancelled);
    QCOMPARE(seen, 3);
}

void TestCsvReader::progress_reportsBytesAndTotal()
{
    std::string csv = "a,b\n";
    for (int i = 0; i < 100; ++i)
        csv += std::to_string(i) + ",\"x\"\n";
    CsvReader reader;
    reader.setChunkSize(100);
    std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
    reader.setProgressHandler([&](std::uint64_t done, std::uint64_t total) { calls.emplace_back(done, total); });
    const CsvSummary summary = reader.readBytes(csv, [](const CsvRecord &) { return true; });
    QVERIFY(summary.ok());
    QCOMPARE(summary.records, 101);
    QVERIFY(calls.size() >= 3);
    QVERIFY(std::is_sorted(calls.begin(), calls.end()));
    QCOMPARE(calls.back().first, std::uint64_t(csv.size()));
    QCOMPARE(calls.back().second, std::uint64_t(csv.size()));
}

void TestCsvReader::emptyInput_yieldsNothing()
{
    for (const char *input : {"", "\xEF\xBB\xBF", "\n", "\r\n\r\n"}) {
        const Parsed parsed = parse(input);
        QVERIFY(parsed.summary.ok());
        QVERIFY(parsed.rows.empty());
        QCOMPARE(parsed.summary.records, 0);
    }
}

void TestCsvReader::istream_isRead()
{
    std::istringstream in("a,b\n1,2\n");
    std::uint64_t total = 0;
    CsvReader reader;
    reader.setProgressHandler([&](std::uint64_t, std::uint64_t t) { total = t; });
    int records = 0;
    const CsvSummary summary = reader.read(in, [&](const CsvRecord &r) { return ++records, r.size() == 2; });
    QVERIFY(summary.ok());
    QCOMPARE(records, 2);
    QCOMPARE(total, std::uint64_t{8});
}

// Random fields full of quotes, delimiters, line breaks and UTF-8, written the RFC 4180 way
// with random line endings, must come back unchanged whatever the chunk size.
void TestCsvReader::randomRoundTrip_survivesEveryChunkSize()
{
    std::mt19937 random(4180);
    const std::string alphabet[] = {"a", "b", " ", ",", "\"", "\n", "\r", "\r\n", "\xC3\xA9", "\xE2\x82\xAC", "x"};
    const char *const endings[] = {"\n", "\r\n", "\r"};
    std::vector<std::vector<std::string>> rows;
    std::string csv;
    for (int r = 0; r < 300; ++r) {
        std::vector<std::string> row;
        for (int f = 0; f < 4; ++f) {
            std::string field;
            for (auto n = random() % 12; n > 0; --n)
                field += alphabet[random() % std::size(alphabet)];
            row.push_back(field);
            std::string quoted;
            for (const char c : field)
                quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
            // Appended piece by piece: GCC 12 at -O3 reports a false -Wrestrict on "," + std::string&&.
            if (f)
                csv += ',';
            if ((field.empty() && f > 0) || field == "a") {
                csv += field;
            } else {
                csv += '"';
                csv += quoted;
                csv += '"';
            }
        }
        csv += endings[random() % std::size(endings)];
        rows.push_back(row);
    }
    CsvDialect dialect;
    dialect.delimiter = ',';
    for (const std::size_t chunk : kChunkSizes) {
        const Parsed parsed = parse(csv, dialect, {}, chunk);
        QVERIFY(parsed.summary.ok());
        QVERIFY(parsed.errors.empty());
        QVERIFY(parsed.rows == rows);
    }
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
