// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/LogWriteback.h"

#include <QFile>

#include <chrono>

#ifdef __linux__
#include <fcntl.h>
#include <unistd.h>
#endif

namespace pme::core {

namespace {

// Often enough that the commit finds little unwritten (the log grows by tens of megabytes a
// second), seldom enough to cost nothing.
constexpr auto kInterval = std::chrono::milliseconds(10);

} // namespace

LogWriteback::LogWriteback(const QString &databasePath)
{
#ifdef __linux__
    m_thread = std::thread([this, log = QFile::encodeName(databasePath + QStringLiteral("-wal"))] { run(log); });
#else
    Q_UNUSED(databasePath);
#endif
}

LogWriteback::~LogWriteback()
{
    stop();
}

void LogWriteback::stop()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void LogWriteback::run(const QByteArray &logPath)
{
#ifdef __linux__
    int fd = -1;
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, kInterval, [this] { return m_stop; })) {
        lock.unlock();
        // The log may not exist until the transaction first spills into it.
        if (fd < 0)
            fd = ::open(logPath.constData(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0 && ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE) == 0)
            ++m_writebacks;
        lock.lock();
    }
    if (fd >= 0)
        ::close(fd);
#else
    Q_UNUSED(logPath);
#endif
}

} // namespace pme::core
