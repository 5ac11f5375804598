// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ObservationFilterModel.h"

#include "models/ObservationTableModel.h"

namespace pme::ui {

ObservationFilterModel::ObservationFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(ObservationTableModel::SortRole);
}

void ObservationFilterModel::setObservations(ObservationTableModel *model)
{
    m_source = model;
    setSourceModel(model);
}

void ObservationFilterModel::setCompetency(std::optional<qint64> competencyId)
{
    m_competency = competencyId;
    invalidateFilter();
}

void ObservationFilterModel::setInstrument(const QString &instrument)
{
    m_instrument = instrument;
    invalidateFilter();
}

void ObservationFilterModel::setKinds(QStringList kinds, bool exceptKinds)
{
    m_kinds = std::move(kinds);
    m_exceptKinds = exceptKinds;
    invalidateFilter();
}

void ObservationFilterModel::setDateRange(const QDate &from, const QDate &to)
{
    m_from = from;
    m_to = to;
    invalidateFilter();
}

void ObservationFilterModel::setHighlightedOnly(bool on)
{
    m_highlightedOnly = on;
    invalidateFilter();
}

bool ObservationFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    if (!m_source || sourceRow >= m_source->rowCount())
        return false;
    const core::workspace::ObservationRow &row = m_source->observation(sourceRow);
    if (m_highlightedOnly && !m_source->highlighted().contains(row.id))
        return false;
    if (m_competency && row.competencyId != m_competency)
        return false;
    if (!m_instrument.isEmpty() && row.instrument != m_instrument)
        return false;
    if (!m_kinds.isEmpty() && m_kinds.contains(row.kind) == m_exceptKinds)
        return false;
    if (m_from.isValid() && row.date < m_from)
        return false;
    if (m_to.isValid() && row.date > m_to)
        return false;
    return true;
}

} // namespace pme::ui
