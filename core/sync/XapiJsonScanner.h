// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

class QIODevice;

namespace pme::core {

/// Checks that a stream is strict JSON (RFC 8259, UTF-8) and cuts the xAPI statements out of
/// it, one at a time, so that memory stays at one read buffer plus the largest statement
/// however big the file. Used by XapiReader; reports problems with line, column and byte.
class XapiJsonScanner final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::XapiReader)

public:
    enum class Layout {
        Unknown,
        JsonArray, ///< [ statement, statement, ... ]
        JsonLines, ///< statement objects one after another, usually one a line
        LrsResponse, ///< { "statements": [ ... ], "more": "..." }
    };

    struct Element {
        std::string_view text; ///< valid until the handler returns
        qint64 index = 0; ///< 1-based
        qint64 line = 0;
    };

    enum class Status { Finished, Stopped, Failed };

    /// Return false to stop the scan.
    using ElementHandler = std::function<bool(const Element &element)>;
    using ProgressHandler = std::function<void(qint64 bytesRead)>;

    explicit XapiJsonScanner(QIODevice &device);
    Q_DISABLE_COPY_MOVE(XapiJsonScanner)

    void setProgressHandler(ProgressHandler handler) { m_progress = std::move(handler); }

    Status run(const ElementHandler &handler);

    Layout layout() const { return m_layout; }
    /// The LRS response's "more" URL, decoded; empty when there is none.
    const QString &more() const { return m_more; }
    /// After Status::Failed: what and where, in English (translatable).
    const QString &errorMessage() const { return m_error; }
    bool ioFailed() const { return m_ioFailed; }

private:
    // The next byte, or -1 at the end; inline because every byte goes through here.
    int peek() { return m_pos < m_end ? static_cast<unsigned char>(m_buffer[m_pos]) : peekAfterFill(); }
    int peekAfterFill();
    void advance() { ++m_pos; }
    bool fill();
    qint64 offset() const { return m_base + qint64(m_pos); }

    bool fail(const QString &what);
    bool failAt(qint64 at, const QString &what);
    bool failUnexpected(const char *expected);
    void startCapture();
    void endCapture();
    bool emitElement();

    void skipWhitespace();
    bool expect(char c, const char *expected);
    bool parseValue(int depth);
    bool parseObject(int depth);
    bool parseArray(int depth);
    bool parseString(std::string *decoded = nullptr);
    bool parseEscape(std::string *decoded);
    bool parseUtf8(int lead, std::string *decoded);
    bool parseNumber();
    bool parseLiteral();
    bool parseDigits(const char *what);

    bool parseStatementArray(int depth);
    bool parseFirstObject();
    bool parseSequence();

    QIODevice &m_device;
    ProgressHandler m_progress;
    const ElementHandler *m_handler = nullptr;
    std::vector<char> m_buffer;
    std::size_t m_pos = 0;
    std::size_t m_end = 0;
    qint64 m_base = 0; ///< file offset of m_buffer[0]
    qint64 m_line = 1;
    qint64 m_lineStart = 0; ///< file offset where the current line starts
    bool m_eof = false;
    bool m_ioFailed = false;
    bool m_stopped = false;

    bool m_capturing = false;
    std::size_t m_captureStart = 0;
    std::string m_capture;
    qint64 m_elementCount = 0;
    qint64 m_elementLine = 0;
    bool m_inElement = false;

    Layout m_layout = Layout::Unknown;
    QString m_more;
    QString m_error;
};

} // namespace pme::core
