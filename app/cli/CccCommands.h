// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace pme::cli {

/// Whether the command line asks for a PDF (`ccc report --out FILE.pdf`): painting one needs
/// a QGuiApplication, which main() then creates instead of a QCoreApplication (on the
/// offscreen platform when there is no display and QT_QPA_PLATFORM is unset).
bool cccNeedsGui(int argc, char *argv[]);

} // namespace pme::cli
