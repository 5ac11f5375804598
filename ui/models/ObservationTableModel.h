// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace/WorkspaceTypes.h"

#include <QAbstractTableModel>
#include <QSet>

namespace pme::ui {

/// A learner's observations (the evidence table, and the exams panel). Rows of a selected
/// flag's evidence are highlighted: HighlightRole is true, the row is tinted and marked ◆.
class ObservationTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ObservationTableModel)

public:
    enum Column {
        DateColumn,
        CompetencyColumn,
        KindColumn,
        InstrumentColumn,
        AssessorColumn,
        RatingColumn,
        ScoreColumn,
        PercentileColumn,
        NarrativeColumn,
        ColumnCount
    };
    static constexpr int ObservationIdRole = Qt::UserRole + 1;
    static constexpr int SortRole = Qt::UserRole + 2;
    static constexpr int HighlightRole = Qt::UserRole + 3;

    explicit ObservationTableModel(QObject *parent = nullptr);

    void setObservations(QList<core::workspace::ObservationRow> rows);
    const QList<core::workspace::ObservationRow> &observations() const { return m_rows; }
    const core::workspace::ObservationRow &observation(int row) const { return m_rows.at(row); }
    void setHighlighted(QSet<qint64> ids);
    const QSet<qint64> &highlighted() const { return m_highlighted; }
    int rowOf(qint64 observationId) const;

    static QString kindLabel(const QString &kind);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const core::workspace::ObservationRow &row, int column) const;

    QList<core::workspace::ObservationRow> m_rows;
    QSet<qint64> m_highlighted;
};

} // namespace pme::ui
