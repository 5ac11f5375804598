// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/Learner.h"

#include <array>
#include <utility>

namespace pme::core {

namespace {

constexpr std::array<std::pair<Learner::Status, const char *>, 5> kStatusNames{{
    {Learner::Status::Active, "active"},
    {Learner::Status::Completed, "completed"},
    {Learner::Status::Withdrawn, "withdrawn"},
    {Learner::Status::Leave, "leave"},
    {Learner::Status::Dismissed, "dismissed"},
}};

} // namespace

QString Learner::statusToString(Status status)
{
    for (const auto &[value, name] : kStatusNames) {
        if (value == status)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("active");
}

std::optional<Learner::Status> Learner::statusFromString(const QString &text)
{
    const QString key = text.trimmed().toLower();
    for (const auto &[value, name] : kStatusNames) {
        if (key == QLatin1String(name))
            return value;
    }
    return std::nullopt;
}

} // namespace pme::core
