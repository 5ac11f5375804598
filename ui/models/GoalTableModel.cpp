// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/GoalTableModel.h"

#include "goals/GoalProgress.h"

#include <QLocale>

#include <cmath>

namespace pme::ui {

using core::goals::Goal;

GoalTableModel::GoalTableModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void GoalTableModel::setGoals(QList<Goal> goals)
{
    beginResetModel();
    m_goals = std::move(goals);
    endResetModel();
}

int GoalTableModel::rowOf(qint64 goalId) const
{
    for (int r = 0; r < m_goals.size(); ++r) {
        if (m_goals.at(r).id == goalId)
            return r;
    }
    return -1;
}

QString GoalTableModel::statusText(const Goal &goal)
{
    if (goal.status == QLatin1String("achieved"))
        return goal.achievedOn ? tr("Achieved %1").arg(QLocale().toString(*goal.achievedOn, QLocale::ShortFormat))
                               : tr("Achieved");
    if (goal.status == QLatin1String("dropped"))
        return tr("Dropped");
    if (goal.status == QLatin1String("not_achieved"))
        return tr("Not achieved");
    if (goal.overdue)
        return tr("Overdue");
    if (goal.progress.met)
        return tr("Target met — confirm?");
    return tr("Open");
}

int GoalTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_goals.size());
}

int GoalTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GoalTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_goals.size())
        return {};
    const Goal &g = m_goals.at(index.row());
    if (role == GoalIdRole)
        return g.id;
    if (role == ProgressRole && index.column() == ProgressColumn)
        return g.progress.measurable && g.progress.current ? QVariant(g.progress.fraction) : QVariant();
    if (role == Qt::ToolTipRole && index.column() == GoalColumn)
        return g.draft.statement;
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case GoalColumn:
        return g.draft.statement;
    case MeasureColumn:
        return core::goals::GoalProgress::describe(g.draft.measure, g.competencyCode);
    case TargetDateColumn:
        return g.draft.targetDate ? locale.toString(*g.draft.targetDate, QLocale::ShortFormat) : QString();
    case ProgressColumn:
        if (!g.progress.measurable)
            return tr("a person confirms");
        if (!g.progress.current)
            return tr("no evidence yet");
        return tr("%1 of %2")
            .arg(locale.toString(*g.progress.current, 'f',
                                 *g.progress.current == std::floor(*g.progress.current) ? 0 : 1),
                 locale.toString(g.progress.target));
    case StatusColumn:
        return statusText(g);
    }
    return {};
}

QVariant GoalTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case GoalColumn:
        return tr("Goal");
    case MeasureColumn:
        return tr("Measure");
    case TargetDateColumn:
        return tr("Target date");
    case ProgressColumn:
        return tr("Progress");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

} // namespace pme::ui
