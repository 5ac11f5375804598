// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/Observation.h"

#include <array>
#include <utility>

namespace pme::core {

namespace {

constexpr std::array<std::pair<Observation::Kind, const char *>, 6> kKindNames{{
    {Observation::Kind::Assessment, "assessment"},
    {Observation::Kind::Epa, "epa"},
    {Observation::Kind::Milestone, "milestone"},
    {Observation::Kind::Exam, "exam"},
    {Observation::Kind::Narrative, "narrative"},
    {Observation::Kind::CccDecision, "ccc_decision"},
}};

} // namespace

QString Observation::kindToString(Kind kind)
{
    for (const auto &[value, name] : kKindNames) {
        if (value == kind)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("assessment");
}

std::optional<Observation::Kind> Observation::kindFromString(const QString &text)
{
    const QString key = text.trimmed().toLower();
    for (const auto &[value, name] : kKindNames) {
        if (key == QLatin1String(name))
            return value;
    }
    return std::nullopt;
}

} // namespace pme::core
