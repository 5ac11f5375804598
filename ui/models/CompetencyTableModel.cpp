// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/CompetencyTableModel.h"

#include "charts/Palette.h"

#include <QBrush>
#include <QLocale>

namespace pme::ui {

using core::workspace::CompetencyStanding;

CompetencyTableModel::CompetencyTableModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void CompetencyTableModel::setStandings(QList<CompetencyStanding> standings)
{
    beginResetModel();
    m_rows = std::move(standings);
    endResetModel();
}

int CompetencyTableModel::rowOf(qint64 competencyId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).competencyId == competencyId)
            return i;
    }
    return -1;
}

QString CompetencyTableModel::standingText(CompetencyStanding::Band band)
{
    switch (band) {
    case CompetencyStanding::Band::Below:
        return tr("▼ Below");
    case CompetencyStanding::Band::Above:
        return tr("▲ Above");
    case CompetencyStanding::Band::Within:
        return tr("● Within");
    }
    return {};
}

int CompetencyTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CompetencyTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CompetencyTableModel::display(const CompetencyStanding &row, int column) const
{
    const QLocale locale;
    switch (column) {
    case CompetencyColumn:
        return row.code;
    case LevelColumn:
        return tr("%1 ± %2").arg(locale.toString(row.levelNow, 'f', 1), locale.toString(row.levelNowSd, 'f', 1));
    case CohortColumn:
        return tr("%1 ± %2").arg(locale.toString(row.cohortNow, 'f', 1), locale.toString(row.cohortSpreadNow, 'f', 1));
    case StandingColumn:
        return standingText(row.band());
    case TargetColumn:
        return row.probabilityTarget ? tr("%1%").arg(locale.toString(qRound(*row.probabilityTarget * 100))) : QString();
    case CountColumn:
        return locale.toString(row.observations);
    }
    return {};
}

QVariant CompetencyTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const CompetencyStanding &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return display(row, index.column());
    case CompetencyIdRole:
        return row.competencyId;
    case SortRole:
        switch (index.column()) {
        case LevelColumn:
            return row.levelNow;
        case CohortColumn:
            return row.cohortNow;
        case StandingColumn:
            return row.z();
        case TargetColumn:
            return row.probabilityTarget.value_or(2.0);
        case CountColumn:
            return row.observations;
        default:
            return display(row, index.column());
        }
    case Qt::BackgroundRole:
        if (index.column() == StandingColumn && row.band() != CompetencyStanding::Band::Within) {
            QColor tint = row.band() == CompetencyStanding::Band::Below ? Palette::secondary() : Palette::sky();
            tint.setAlphaF(0.30);
            return QBrush(tint);
        }
        return {};
    case Qt::ToolTipRole: {
        const QLocale locale;
        return tr("%1 %2\nEstimated level now %3 (SD %4); learners at the same point in training: %5, spread %6 "
                  "(one between-learner SD).\nThe standing is below or above when the difference is more than that "
                  "spread.")
            .arg(row.code, row.name, locale.toString(row.levelNow, 'f', 2), locale.toString(row.levelNowSd, 'f', 2),
                 locale.toString(row.cohortNow, 'f', 2), locale.toString(row.cohortSpreadNow, 'f', 2));
    }
    case Qt::TextAlignmentRole:
        return index.column() == CompetencyColumn || index.column() == StandingColumn
            ? QVariant()
            : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant CompetencyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case CohortColumn:
            return tr("What learners showed at the same point in training: the cohort's mean ± one between-learner SD");
        case StandingColumn:
            return tr("Below or above: more than one between-learner SD from the cohort at the same point");
        case TargetColumn:
            return tr("Probability of reaching the framework's target level by the expected completion");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CompetencyColumn:
        return tr("Competency");
    case LevelColumn:
        return tr("Level now");
    case CohortColumn:
        return tr("Cohort");
    case StandingColumn:
        return tr("vs cohort");
    case TargetColumn:
        return tr("P(target)");
    case CountColumn:
        return tr("Ratings");
    }
    return {};
}

} // namespace pme::ui
