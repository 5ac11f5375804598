// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QCoreApplication;

namespace pme::core {

/// Loads PME Coach's and Qt's own translations for the user's locale. English plural forms
/// ("1 second", "30 seconds") are a translation too (pmecoach_en): it is always installed,
/// underneath the user's language, so that any message that language lacks still reads well.
/// Both the desktop application and pmecoach-cli call this; it needs Qt Core only.
void installTranslations(QCoreApplication &app);

} // namespace pme::core
