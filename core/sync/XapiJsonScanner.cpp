// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "XapiJsonScanner.h"

#include <QIODevice>

namespace pme::core {

namespace {

constexpr std::size_t s_chunkSize = 1 << 20;
constexpr int s_maxDepth = 256; // statements nest a few levels; extensions rarely more
// A real statement is a few kilobytes; this bounds memory when a file is not what it claims.
constexpr std::size_t s_maxStatementBytes = std::size_t(64) << 20;

bool isDigit(int c)
{
    return c >= '0' && c <= '9';
}

QString hexByte(int c)
{
    return QStringLiteral("0x") + QString::number(c, 16).toUpper().rightJustified(2, QLatin1Char('0'));
}

void appendUtf8(std::string *out, char32_t cp)
{
    if (cp < 0x80) {
        out->push_back(char(cp));
    } else if (cp < 0x800) {
        out->push_back(char(0xC0 | (cp >> 6)));
        out->push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out->push_back(char(0xE0 | (cp >> 12)));
        out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out->push_back(char(0xF0 | (cp >> 18)));
        out->push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(char(0x80 | (cp & 0x3F)));
    }
}

} // namespace

XapiJsonScanner::XapiJsonScanner(QIODevice &device) : m_device(device), m_buffer(s_chunkSize)
{
}

int XapiJsonScanner::peekAfterFill()
{
    return fill() ? static_cast<unsigned char>(m_buffer[m_pos]) : -1;
}

bool XapiJsonScanner::fill()
{
    if (m_eof)
        return false;
    if (m_capturing) {
        m_capture.append(m_buffer.data() + m_captureStart, m_end - m_captureStart);
        m_captureStart = 0;
    }
    m_base += qint64(m_end);
    m_pos = 0;
    m_end = 0;
    const qint64 n = m_device.read(m_buffer.data(), qint64(m_buffer.size()));
    if (n < 0)
        m_ioFailed = true;
    if (n <= 0) {
        m_eof = true;
        return false;
    }
    m_end = std::size_t(n);
    if (m_progress)
        m_progress(m_base + n);
    return true;
}

bool XapiJsonScanner::fail(const QString &what)
{
    return failAt(offset(), what);
}

bool XapiJsonScanner::failAt(qint64 at, const QString &what)
{
    if (m_stopped || !m_error.isEmpty())
        return false; // keep the first, most precise message
    const qint64 column = at - m_lineStart + 1;
    m_error = tr("Line %1, column %2 (byte offset %3): %4").arg(m_line).arg(column).arg(at).arg(what);
    if (m_inElement)
        m_error += tr(" (in statement %1, which starts on line %2)").arg(m_elementCount).arg(m_elementLine);
    return false;
}

bool XapiJsonScanner::failUnexpected(const char *expected)
{
    const int c = peek();
    QString found;
    if (c < 0)
        found = m_ioFailed ? tr("a read error") : tr("the end of the file");
    else if (c >= 0x20 && c < 0x7f)
        found = QStringLiteral("'%1'").arg(QChar(c));
    else
        found = tr("the byte %1").arg(hexByte(c));
    if (c == '/')
        return fail(tr("found '/': JSON has no comments"));
    if (c == '\'')
        return fail(tr("found a single quote: JSON strings use double quotes"));
    return fail(tr("expected %1 but found %2").arg(tr(expected), found));
}

void XapiJsonScanner::startCapture()
{
    m_capture.clear();
    m_captureStart = m_pos;
    m_capturing = true;
}

void XapiJsonScanner::endCapture()
{
    m_capture.append(m_buffer.data() + m_captureStart, m_pos - m_captureStart);
    m_capturing = false;
}

bool XapiJsonScanner::emitElement()
{
    m_inElement = false;
    if ((*m_handler)(Element{m_capture, m_elementCount, m_elementLine}))
        return true;
    m_stopped = true;
    return false;
}

void XapiJsonScanner::skipWhitespace()
{
    for (;;) {
        const int c = peek();
        if (c == '\n') {
            advance();
            ++m_line;
            m_lineStart = offset();
        } else if (c == ' ' || c == '\t' || c == '\r') {
            advance();
        } else {
            return;
        }
    }
}

bool XapiJsonScanner::expect(char c, const char *expected)
{
    if (peek() != static_cast<unsigned char>(c))
        return failUnexpected(expected);
    advance();
    return true;
}

bool XapiJsonScanner::parseValue(int depth)
{
    if (m_capturing && m_capture.size() > s_maxStatementBytes)
        return fail(tr("a statement is larger than %1 MiB").arg(s_maxStatementBytes >> 20));
    switch (peek()) {
    case '{':
        return parseObject(depth + 1);
    case '[':
        return parseArray(depth + 1);
    case '"':
        return parseString();
    case 't':
    case 'f':
    case 'n':
        return parseLiteral();
    default:
        if (peek() == '-' || isDigit(peek()))
            return parseNumber();
        return failUnexpected(QT_TR_NOOP("a JSON value"));
    }
}

bool XapiJsonScanner::parseObject(int depth)
{
    if (depth > s_maxDepth)
        return fail(tr("values are nested more than %1 levels deep").arg(s_maxDepth));
    advance(); // '{'
    skipWhitespace();
    if (peek() == '}') {
        advance();
        return true;
    }
    for (;;) {
        if (peek() != '"')
            return failUnexpected(QT_TR_NOOP("a property name in double quotes"));
        if (!parseString())
            return false;
        skipWhitespace();
        if (!expect(':', QT_TR_NOOP("':' after the property name")))
            return false;
        skipWhitespace();
        if (!parseValue(depth))
            return false;
        skipWhitespace();
        if (peek() == '}') {
            advance();
            return true;
        }
        if (!expect(',', QT_TR_NOOP("',' or '}' after a property value")))
            return false;
        skipWhitespace();
    }
}

bool XapiJsonScanner::parseArray(int depth)
{
    if (depth > s_maxDepth)
        return fail(tr("values are nested more than %1 levels deep").arg(s_maxDepth));
    advance(); // '['
    skipWhitespace();
    if (peek() == ']') {
        advance();
        return true;
    }
    for (;;) {
        if (!parseValue(depth))
            return false;
        skipWhitespace();
        if (peek() == ']') {
            advance();
            return true;
        }
        if (!expect(',', QT_TR_NOOP("',' or ']' after an array element")))
            return false;
        skipWhitespace();
    }
}

// Checks a string and, when decoded is given, collects its unescaped UTF-8 text.
bool XapiJsonScanner::parseString(std::string *decoded)
{
    advance(); // '"'
    for (;;) {
        // Most bytes of a statement are plain ASCII inside strings: scan them in bulk.
        const char *p = m_buffer.data() + m_pos;
        const char *end = m_buffer.data() + m_end;
        const char *start = p;
        while (p < end) {
            const auto c = static_cast<unsigned char>(*p);
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
                break;
            ++p;
        }
        if (decoded)
            decoded->append(start, std::size_t(p - start));
        m_pos = std::size_t(p - m_buffer.data());
        const int c = peek();
        if (c < 0)
            return fail(tr("the file ends inside a string"));
        if (c == '"') {
            advance();
            return true;
        }
        if (c == '\\') {
            if (!parseEscape(decoded))
                return false;
        } else if (c < 0x20) {
            return fail(c == '\n' || c == '\r'
                            ? tr("a line break inside a string must be written as \\n")
                            : tr("the control character %1 inside a string must be escaped").arg(hexByte(c)));
        } else if (c >= 0x80 && !parseUtf8(c, decoded)) {
            return false;
        }
    }
}

bool XapiJsonScanner::parseEscape(std::string *decoded)
{
    advance(); // '\\'
    const int c = peek();
    const auto readHex4 = [this](char32_t *out) {
        *out = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = peek();
            const int v = isDigit(h)     ? h - '0'
                : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                         : -1;
            if (v < 0)
                return fail(tr("\\u must be followed by four hexadecimal digits"));
            *out = (*out << 4) | char32_t(v);
            advance();
        }
        return true;
    };
    static constexpr std::string_view simple = "\"\\/bfnrt";
    static constexpr std::string_view meaning = "\"\\/\b\f\n\r\t";
    if (c >= 0 && simple.find(char(c)) != std::string_view::npos) {
        advance();
        if (decoded)
            decoded->push_back(meaning[simple.find(char(c))]);
        return true;
    }
    if (c != 'u')
        return fail(tr("invalid escape sequence in a string"));
    advance();
    char32_t cp = 0;
    if (!readHex4(&cp))
        return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return fail(tr("a low surrogate \\u escape without a high surrogate before it"));
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        char32_t low = 0;
        if (peek() != '\\' || (advance(), peek() != 'u'))
            return fail(tr("a high surrogate \\u escape must be followed by a low surrogate"));
        advance();
        if (!readHex4(&low))
            return false;
        if (low < 0xDC00 || low > 0xDFFF)
            return fail(tr("a high surrogate \\u escape must be followed by a low surrogate"));
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    if (decoded)
        appendUtf8(decoded, cp);
    return true;
}

// One UTF-8 sequence (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
// Reported at its first byte: the usual cause is a file saved as Latin-1 or Windows-1252.
bool XapiJsonScanner::parseUtf8(int lead, std::string *decoded)
{
    const qint64 start = offset();
    const auto invalid = [&] {
        return failAt(start,
                      tr("invalid UTF-8 starting with the byte %1 (is the file in another encoding, "
                         "such as Windows-1252?)")
                          .arg(hexByte(lead)));
    };
    int count = 0;
    int low = 0x80;
    int high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        count = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        count = 2;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        count = 3;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return invalid();
    }
    if (decoded)
        decoded->push_back(char(lead));
    advance();
    for (int i = 0; i < count; ++i) {
        const int c = peek();
        if (c < low || c > high)
            return invalid();
        if (decoded)
            decoded->push_back(char(c));
        low = 0x80;
        high = 0xBF;
        advance();
    }
    return true;
}

bool XapiJsonScanner::parseDigits(const char *what)
{
    if (!isDigit(peek()))
        return failUnexpected(what);
    while (isDigit(peek()))
        advance();
    return true;
}

bool XapiJsonScanner::parseNumber()
{
    if (peek() == '-')
        advance();
    if (peek() == '0') {
        advance();
        if (isDigit(peek()))
            return fail(tr("numbers cannot start with 0"));
    } else if (!parseDigits(QT_TR_NOOP("a digit"))) {
        return false;
    }
    if (peek() == '.') {
        advance();
        if (!parseDigits(QT_TR_NOOP("a digit after the decimal point")))
            return false;
    }
    if (peek() == 'e' || peek() == 'E') {
        advance();
        if (peek() == '+' || peek() == '-')
            advance();
        if (!parseDigits(QT_TR_NOOP("a digit in the exponent")))
            return false;
    }
    return true;
}

bool XapiJsonScanner::parseLiteral()
{
    const std::string_view word = peek() == 't' ? "true" : peek() == 'f' ? "false" : "null";
    for (char c : word) {
        if (peek() != static_cast<unsigned char>(c))
            return fail(tr("expected the literal %1").arg(QLatin1StringView(word)));
        advance();
    }
    return true;
}

XapiJsonScanner::Status XapiJsonScanner::run(const ElementHandler &handler)
{
    m_handler = &handler;
    // RFC 8259 lets a parser skip a byte order mark; Windows tools like to write one.
    if (peek() == 0xEF && m_end - m_pos >= 3 && m_buffer[m_pos + 1] == '\xBB' && m_buffer[m_pos + 2] == '\xBF')
        m_pos += 3;
    skipWhitespace();
    bool ok = false;
    switch (peek()) {
    case '[':
        m_layout = Layout::JsonArray;
        ok = parseStatementArray(1);
        break;
    case '{':
        ok = parseFirstObject() && parseSequence();
        break;
    case -1:
        ok = fail(m_ioFailed ? tr("the file could not be read") : tr("the file is empty"));
        break;
    default:
        ok = failUnexpected(QT_TR_NOOP("'[' or '{' (xAPI statements as JSON)"));
        break;
    }
    if (ok && (skipWhitespace(), peek() != -1))
        ok = failUnexpected(m_layout == Layout::JsonLines ? QT_TR_NOOP("another statement object")
                                                          : QT_TR_NOOP("nothing more after the end of the JSON"));
    if (m_stopped)
        return Status::Stopped;
    if (!ok || m_ioFailed) {
        if (m_error.isEmpty())
            fail(tr("the file could not be read"));
        return Status::Failed;
    }
    return Status::Finished;
}

// The elements of [ ... ] at the given depth, each handed over as one statement.
bool XapiJsonScanner::parseStatementArray(int depth)
{
    advance(); // '['
    skipWhitespace();
    if (peek() == ']') {
        advance();
        return true;
    }
    for (;;) {
        m_inElement = true;
        ++m_elementCount;
        m_elementLine = m_line;
        startCapture();
        if (!parseValue(depth))
            return false;
        endCapture();
        if (!emitElement())
            return false;
        skipWhitespace();
        if (peek() == ']') {
            advance();
            return true;
        }
        if (peek() < 0)
            return fail(
                tr("the file ends before the statement array is closed, after statement %1").arg(m_elementCount));
        if (!expect(',', QT_TR_NOOP("',' or ']' after a statement")))
            return false;
        skipWhitespace();
    }
}

// The first object is a statement, unless it holds a "statements" array: then it is an LRS
// response, and that array is streamed instead of being held whole.
bool XapiJsonScanner::parseFirstObject()
{
    m_inElement = true;
    m_elementCount = 1;
    m_elementLine = m_line;
    startCapture();
    advance(); // '{'
    skipWhitespace();
    bool first = true;
    while (peek() != '}') {
        if (!first && !(expect(',', QT_TR_NOOP("',' or '}' after a property value")) && (skipWhitespace(), true)))
            return false;
        first = false;
        std::string key;
        if (peek() != '"')
            return failUnexpected(QT_TR_NOOP("a property name in double quotes"));
        if (!parseString(&key))
            return false;
        skipWhitespace();
        if (!expect(':', QT_TR_NOOP("':' after the property name")))
            return false;
        skipWhitespace();
        if (key == "statements" && peek() == '[' && m_layout == Layout::Unknown) {
            m_layout = Layout::LrsResponse;
            m_inElement = false;
            m_capturing = false;
            m_capture.clear();
            m_elementCount = 0;
            if (!parseStatementArray(2))
                return false;
        } else if (key == "more" && peek() == '"') {
            std::string more;
            if (!parseString(&more))
                return false;
            m_more = QString::fromStdString(more);
        } else if (!parseValue(1)) {
            return false;
        }
        skipWhitespace();
    }
    advance(); // '}'
    if (m_layout == Layout::LrsResponse) {
        m_inElement = false;
        return true;
    }
    m_layout = Layout::JsonLines;
    m_more.clear(); // a statement's own "more" property means nothing here
    endCapture();
    return emitElement();
}

// After a first statement object: further top-level values, each one statement.
bool XapiJsonScanner::parseSequence()
{
    if (m_layout != Layout::JsonLines)
        return true;
    for (skipWhitespace(); peek() >= 0; skipWhitespace()) {
        m_inElement = true;
        ++m_elementCount;
        m_elementLine = m_line;
        startCapture();
        if (!parseValue(0))
            return false;
        endCapture();
        if (!emitElement())
            return false;
    }
    return true;
}

} // namespace pme::core
