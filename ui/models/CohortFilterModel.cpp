// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/CohortFilterModel.h"

#include "models/CohortTableModel.h"

#include <algorithm>

namespace pme::ui {

CohortFilterModel::CohortFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(CohortTableModel::SortRole);
    setDynamicSortFilter(true);
}

void CohortFilterModel::setCohort(CohortTableModel *model)
{
    m_cohort = model;
    setSourceModel(model);
}

void CohortFilterModel::setProgram(const QString &code)
{
    m_program = code;
    invalidateFilter();
}

void CohortFilterModel::setStage(const QString &stage)
{
    m_stage = stage;
    invalidateFilter();
}

void CohortFilterModel::setFlaggedOnly(bool on)
{
    m_flaggedOnly = on;
    invalidateFilter();
}

void CohortFilterModel::setFormerLearners(bool on)
{
    m_former = on;
    invalidateFilter();
}

void CohortFilterModel::setSearch(const QString &text)
{
    m_search = text.trimmed();
    invalidateFilter();
}

void CohortFilterModel::setFirstMonth(const QDate &month)
{
    m_firstMonth = month;
    invalidateFilter();
}

void CohortFilterModel::setBarFilter(BarFilter filter)
{
    m_bar = std::move(filter);
    invalidateFilter();
}

bool CohortFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    if (!m_cohort || sourceRow >= m_cohort->rowCount())
        return false;
    const core::workspace::CohortRow &row = m_cohort->row(sourceRow);
    if (!m_former && !row.inTraining())
        return false;
    if (!m_program.isEmpty() && row.programCode != m_program)
        return false;
    if (!m_stage.isEmpty() && row.stage != m_stage)
        return false;
    if (m_flaggedOnly && row.openFlagTotal() == 0)
        return false;
    if (!m_search.isEmpty() && !row.name.contains(m_search, Qt::CaseInsensitive))
        return false;
    switch (m_bar.kind) {
    case BarFilter::Kind::None:
        return true;
    case BarFilter::Kind::Rule:
        return row.openFlagRules.contains(m_bar.key);
    case BarFilter::Kind::ProbabilityBin: {
        if (!row.lowestProbability)
            return false;
        const int bin = std::clamp(int(*row.lowestProbability * 10), 0, 9);
        return bin == qRound(m_bar.key.toDouble() * 10);
    }
    case BarFilter::Kind::Month: {
        // The sparkline's months end at the horizon's month; the bar's key names one of them.
        const QDate month = QDate::fromString(m_bar.key + QStringLiteral("-01"), Qt::ISODate);
        const int index = (month.year() * 12 + month.month()) - (m_firstMonth.year() * 12 + m_firstMonth.month());
        return month.isValid() && m_firstMonth.isValid() && row.monthlyEvidence.value(index) > 0;
    }
    }
    return true;
}

} // namespace pme::ui
