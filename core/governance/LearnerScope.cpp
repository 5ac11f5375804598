// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/LearnerScope.h"

#include "store/Statement.h"

#include <algorithm>

namespace pme::core {

LearnerScope LearnerScope::everyone()
{
    LearnerScope scope;
    scope.m_everyone = true;
    return scope;
}

LearnerScope LearnerScope::of(QList<qint64> learnerIds)
{
    std::sort(learnerIds.begin(), learnerIds.end());
    learnerIds.erase(std::unique(learnerIds.begin(), learnerIds.end()), learnerIds.end());
    LearnerScope scope;
    scope.m_ids = std::move(learnerIds);
    return scope;
}

bool LearnerScope::contains(qint64 learnerId) const
{
    return m_everyone || std::binary_search(m_ids.cbegin(), m_ids.cend(), learnerId);
}

QString LearnerScope::idsJson() const
{
    QString json = QStringLiteral("[");
    for (qsizetype i = 0; i < m_ids.size(); ++i) {
        if (i > 0)
            json += QLatin1Char(',');
        json += QString::number(m_ids.at(i));
    }
    json += QLatin1Char(']');
    return json;
}

void LearnerScope::bind(Statement &statement, int everyoneIndex, int idsIndex) const
{
    statement.bind(everyoneIndex, m_everyone ? 1 : 0);
    statement.bind(idsIndex, idsJson());
}

} // namespace pme::core
