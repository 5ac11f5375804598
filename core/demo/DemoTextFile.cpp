// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/DemoTextFile.h"

namespace pme::core {

namespace {

constexpr qsizetype kFlushBytes = qsizetype{1} << 20;

} // namespace

void DemoTextFile::header(std::initializer_list<const char *> names)
{
    for (const char *name : names)
        field(QByteArrayView(name));
    endRow();
    m_rows = 0;
}

void DemoTextFile::field(QByteArrayView text)
{
    if (m_rowStarted)
        m_buffer += ',';
    m_rowStarted = true;
    bool quote = false;
    for (char c : text) {
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        m_buffer += text;
        return;
    }
    m_buffer += '"';
    for (char c : text) {
        if (c == '"')
            m_buffer += '"';
        m_buffer += c;
    }
    m_buffer += '"';
}

void DemoTextFile::endRow()
{
    m_buffer += "\r\n";
    m_rowStarted = false;
    ++m_rows;
    flushIfLarge();
}

void DemoTextFile::raw(QByteArrayView text)
{
    m_buffer += text;
    flushIfLarge();
}

void DemoTextFile::flushIfLarge()
{
    if (m_buffer.size() < kFlushBytes)
        return;
    if (m_file.write(m_buffer) != m_buffer.size())
        m_failed = true;
    m_buffer.resize(0); // keeps the capacity for the next megabyte
}

bool DemoTextFile::commit()
{
    if (!m_buffer.isEmpty() && m_file.write(m_buffer) != m_buffer.size())
        m_failed = true;
    m_buffer.clear();
    if (m_failed) {
        m_file.cancelWriting();
        return false;
    }
    return m_file.commit();
}

} // namespace pme::core
