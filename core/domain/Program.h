// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace pme::core {

/// A training program (a residency, a course presentation) that learners belong to.
struct Program {
    qint64 id = 0;
    QString code;
    QString name;
    QString specialty;
    std::optional<int> durationMonths;
};

} // namespace pme::core
