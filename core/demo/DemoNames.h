// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/DemoRandom.h"

#include <QByteArray>
#include <QSet>

namespace pme::core {

/// Fictional resident names drawn from diverse given and family name lists, and unique
/// e-mail addresses under demo.pmecoach.invalid (a reserved domain: nothing is ever sent).
class DemoNames final {
public:
    /// UTF-8 names; family names may hold spaces, hyphens, apostrophes and accents.
    static void draw(DemoRandom &rng, QByteArray *given, QByteArray *family);
    /// given.family@demo.pmecoach.invalid in plain ASCII, numbered when already taken.
    static QByteArray email(const QByteArray &given, const QByteArray &family, QSet<QByteArray> *taken);
};

} // namespace pme::core
