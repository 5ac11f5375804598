// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace/WorkspaceTypes.h"

#include <QAbstractTableModel>

namespace pme::ui {

/// The competency overview: each competency's estimated level now against the cohort at the
/// same point in training. The standing is a word and a symbol (▼ below, ● as expected,
/// ▲ above), with a colour-blind-safe tint as a third cue, never the only one.
class CompetencyTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompetencyTableModel)

public:
    enum Column { CompetencyColumn, LevelColumn, CohortColumn, StandingColumn, TargetColumn, CountColumn, ColumnCount };
    static constexpr int CompetencyIdRole = Qt::UserRole + 1;
    static constexpr int SortRole = Qt::UserRole + 2;

    explicit CompetencyTableModel(QObject *parent = nullptr);

    void setStandings(QList<core::workspace::CompetencyStanding> standings);
    const QList<core::workspace::CompetencyStanding> &standings() const { return m_rows; }
    int rowOf(qint64 competencyId) const;

    static QString standingText(core::workspace::CompetencyStanding::Band band);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const core::workspace::CompetencyStanding &row, int column) const;

    QList<core::workspace::CompetencyStanding> m_rows;
};

} // namespace pme::ui
