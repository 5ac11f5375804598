// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace pme::cli {

/// Runs pmecoach-cli with the given arguments (argv[0] first); returns the exit code.
int run(const QStringList &arguments);

} // namespace pme::cli
