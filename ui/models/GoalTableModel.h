// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "goals/GoalTypes.h"

#include <QAbstractTableModel>

namespace pme::ui {

/// The goals of one plan: statement, measure, target date, progress toward the target and
/// status. The progress column carries the fraction (ProgressRole) for a bar, and its text
/// says the numbers, so the bar never stands alone.
class GoalTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GoalTableModel)

public:
    enum Column { GoalColumn, MeasureColumn, TargetDateColumn, ProgressColumn, StatusColumn, ColumnCount };
    static constexpr int GoalIdRole = Qt::UserRole + 1;
    /// 0..1, or an invalid QVariant for a goal a person judges.
    static constexpr int ProgressRole = Qt::UserRole + 2;

    explicit GoalTableModel(QObject *parent = nullptr);

    void setGoals(QList<core::goals::Goal> goals);
    const QList<core::goals::Goal> &goals() const { return m_goals; }
    int rowOf(qint64 goalId) const;
    static QString statusText(const core::goals::Goal &goal);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<core::goals::Goal> m_goals;
};

} // namespace pme::ui
