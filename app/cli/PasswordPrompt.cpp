// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PasswordPrompt.h"

#include <QByteArray>

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

namespace pme::cli {

namespace {

// What a signal handler needs to put the terminal back: plain data only.
int s_ttyFd = -1;
struct termios s_saved;

extern "C" void restoreTerminalAndExit(int signal)
{
    if (s_ttyFd >= 0)
        tcsetattr(s_ttyFd, TCSAFLUSH, &s_saved);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

void writeAll(int fd, const QByteArray &bytes)
{
    const char *data = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t written = ::write(fd, data, static_cast<size_t>(left));
        if (written <= 0)
            return;
        data += written;
        left -= written;
    }
}

// Reads one line; the buffer is wiped by the caller.
bool readLine(int fd, char *buffer, std::size_t size, std::size_t *length)
{
    *length = 0;
    while (*length + 1 < size) {
        char c = 0;
        const ssize_t n = ::read(fd, &c, 1);
        if (n <= 0)
            return *length > 0;
        if (c == '\n' || c == '\r')
            return true;
        buffer[(*length)++] = c;
    }
    return true;
}

} // namespace

std::optional<QString> promptForSecret(const QString &prompt)
{
    const int fd = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    struct termios noEcho;
    if (tcgetattr(fd, &s_saved) != 0) {
        ::close(fd);
        return std::nullopt;
    }
    noEcho = s_saved;
    noEcho.c_lflag &= ~static_cast<tcflag_t>(ECHO | ECHONL);
    noEcho.c_lflag |= ICANON;
    s_ttyFd = fd;
    const auto oldInt = std::signal(SIGINT, restoreTerminalAndExit);
    const auto oldTerm = std::signal(SIGTERM, restoreTerminalAndExit);
    tcsetattr(fd, TCSAFLUSH, &noEcho);

    writeAll(fd, prompt.toUtf8());
    char buffer[1024];
    std::size_t length = 0;
    const bool ok = readLine(fd, buffer, sizeof buffer, &length);

    tcsetattr(fd, TCSAFLUSH, &s_saved);
    std::signal(SIGINT, oldInt);
    std::signal(SIGTERM, oldTerm);
    s_ttyFd = -1;
    writeAll(fd, QByteArrayLiteral("\n"));
    ::close(fd);

    std::optional<QString> secret;
    if (ok)
        secret = QString::fromUtf8(buffer, static_cast<qsizetype>(length));
    explicit_bzero(buffer, sizeof buffer);
    return secret;
}

} // namespace pme::cli
