// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/AnalyticsQueries.h"

#include <QAbstractTableModel>

namespace pme::ui {

/// A learner's flags, most severe first. Severity is spelled out and marked with one to three
/// ▲, so it never depends on colour.
class FlagTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlagTableModel)

public:
    enum Column { SeverityColumn, RuleColumn, CompetencyColumn, StateColumn, AsOfColumn, ColumnCount };
    static constexpr int FlagIdRole = Qt::UserRole + 1;

    explicit FlagTableModel(QObject *parent = nullptr);

    void setFlags(QList<core::analytics::FlagView> flags);
    const QList<core::analytics::FlagView> &flags() const { return m_flags; }
    const core::analytics::FlagView &flag(int row) const { return m_flags.at(row); }
    int rowOf(qint64 flagId) const;

    static QString severityText(int severity);
    static QString stateText(const QString &state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<core::analytics::FlagView> m_flags;
};

} // namespace pme::ui
