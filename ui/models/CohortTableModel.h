// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace/WorkspaceTypes.h"

#include <QAbstractTableModel>
#include <QList>

namespace pme::ui {

/// The cohort table: one row per learner the query returned (who may be seen is decided by
/// CohortQueries in core). Sorting uses SortRole, which holds comparable raw values.
class CohortTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CohortTableModel)

public:
    enum Column {
        NameColumn,
        ProgramColumn,
        StageColumn,
        FlagsColumn,
        ProbabilityColumn,
        RecentColumn,
        LatestColumn,
        TrendColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int LearnerIdRole = Qt::UserRole + 2;
    /// TrendColumn: the monthly evidence counts (QList<int> in a QVariant).
    static constexpr int SparklineRole = Qt::UserRole + 3;

    explicit CohortTableModel(QObject *parent = nullptr);

    /// New rows; the evidence columns show "…" until applyEvidence().
    void setRows(QList<core::workspace::CohortRow> rows, bool hasEvidence = false);
    void applyEvidence(const core::workspace::CohortEvidence &evidence);
    bool hasEvidence() const { return m_hasEvidence; }
    const QList<core::workspace::CohortRow> &rows() const { return m_rows; }
    const core::workspace::CohortRow &row(int index) const { return m_rows.at(index); }
    /// The row of a learner, or -1.
    int rowOf(qint64 learnerId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "2 high · 1 moderate" (empty when none).
    static QString flagSummary(const core::workspace::CohortRow &row);

private:
    QVariant display(const core::workspace::CohortRow &row, int column) const;
    QVariant sortValue(const core::workspace::CohortRow &row, int column) const;
    QString toolTip(const core::workspace::CohortRow &row, int column) const;

    QList<core::workspace::CohortRow> m_rows;
    bool m_hasEvidence = false;
};

} // namespace pme::ui
