// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace pme::cli {

/// Asks for a secret on the controlling terminal (/dev/tty) with echo turned off, so that
/// passwords never appear on screen, in the shell history or in a process list. Nothing
/// when there is no terminal (a script, a cron job): those use the environment variables.
/// The terminal's echo is restored even when the person presses Ctrl+C.
std::optional<QString> promptForSecret(const QString &prompt);

} // namespace pme::cli
