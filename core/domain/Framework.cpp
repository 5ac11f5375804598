// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/Framework.h"

namespace pme::core {

QString Framework::kindToString(Kind kind)
{
    switch (kind) {
    case Kind::Milestones:
        return QStringLiteral("milestones");
    case Kind::Epa:
        return QStringLiteral("epa");
    case Kind::Competencies:
        break;
    }
    return QStringLiteral("competencies");
}

std::optional<Framework::Kind> Framework::kindFromString(const QString &text)
{
    const QString key = text.trimmed().toLower();
    if (key == QLatin1String("milestones"))
        return Kind::Milestones;
    if (key == QLatin1String("epa") || key == QLatin1String("epas"))
        return Kind::Epa;
    if (key == QLatin1String("competencies"))
        return Kind::Competencies;
    return std::nullopt;
}

} // namespace pme::core
