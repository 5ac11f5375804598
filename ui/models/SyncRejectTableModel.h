// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/SyncTypes.h"

#include <QAbstractTableModel>
#include <QList>

namespace pme::ui {

/// Rows a sync rejected: where, and why.
class SyncRejectTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncRejectTableModel)

public:
    enum Column { RowColumn, ColumnColumn, ReasonColumn, ColumnCount };

    explicit SyncRejectTableModel(QObject *parent = nullptr);

    void setRejects(QList<core::SyncReject> rejects);
    const QList<core::SyncReject> &rejects() const { return m_rejects; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<core::SyncReject> m_rejects;
};

} // namespace pme::ui
