// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "XapiValidator.h"

#include <QCoreApplication>
#include <QString>

#include <functional>

class QIODevice;

namespace pme::core {

/// One statement as read from a file: validated, or refused with its issues.
struct XapiReadItem {
    qint64 index = 0; ///< 1-based position among the file's statements
    qint64 line = 0; ///< line on which the statement starts
    XapiOutcome outcome;

    const XapiStatement *statement() const { return std::get_if<XapiStatement>(&outcome); }
    const QList<XapiIssue> *issues() const { return std::get_if<QList<XapiIssue>>(&outcome); }
};

/// Streams xAPI statements out of a file exported from an LRS or a learning tool: a JSON array
/// of statements, JSON lines (statement objects one after another), or an LRS response
/// ({"statements": [...], "more": "..."}); the layout is detected. Memory stays at one read
/// buffer plus the largest statement, whatever the file size.
///
/// Each statement goes to the handler as soon as it is read, valid or not; an invalid statement
/// does not stop the read. Input that is not strict JSON does: read() then fails with the line,
/// column and byte offset, after the statements before that point have been handed over. An
/// importer therefore applies what it was given only once read() has succeeded.
class XapiReader final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::XapiReader)

public:
    enum class Format { JsonArray, JsonLines, LrsResponse };

    struct Summary {
        Format format = Format::JsonArray;
        qint64 statements = 0;
        qint64 valid = 0;
        qint64 invalid = 0;
        QString more; ///< the LRS response's "more" URL; empty when there is none
    };

    /// Return false to stop; the read then fails with ErrorKind::Cancelled.
    using StatementHandler = std::function<bool(const XapiReadItem &item)>;
    /// bytesTotal is 0 when the device cannot tell its size.
    using ProgressHandler = std::function<void(qint64 bytesRead, qint64 bytesTotal)>;

    void setProgressHandler(ProgressHandler handler) { m_progress = std::move(handler); }

    Result<Summary> readFile(const QString &path, const StatementHandler &handler) const;
    Result<Summary> read(QIODevice &device, const StatementHandler &handler) const;

private:
    ProgressHandler m_progress;
};

} // namespace pme::core
