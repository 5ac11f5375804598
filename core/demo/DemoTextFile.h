// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QSaveFile>
#include <QString>

namespace pme::core {

/// A file written through QSaveFile (replaced whole on commit, untouched on failure) with a
/// large buffer in front, and RFC 4180 rows: fields quoted only when they hold a comma, a
/// quote or a line break; records end with CRLF.
class DemoTextFile final {
    Q_DISABLE_COPY_MOVE(DemoTextFile)

public:
    explicit DemoTextFile(const QString &path) : m_file(path) { }

    bool open() { return m_file.open(QIODevice::WriteOnly); }
    QString path() const { return m_file.fileName(); }
    QString errorString() const { return m_file.errorString(); }
    /// Data rows written (the header row is not counted).
    qint64 rows() const { return m_rows; }
    bool failed() const { return m_failed; }

    void header(std::initializer_list<const char *> names);
    void field(QByteArrayView text);
    void field(qint64 number) { field(QByteArrayView(QByteArray::number(number))); }
    void endRow();
    /// Text appended as is (the JSON truth file).
    void raw(QByteArrayView text);

    /// Writes what is buffered and commits; false when any write failed.
    bool commit();
    void cancel() { m_file.cancelWriting(); }

private:
    void flushIfLarge();

    QSaveFile m_file;
    QByteArray m_buffer;
    qint64 m_rows = 0;
    bool m_rowStarted = false;
    bool m_failed = false;
};

} // namespace pme::core
