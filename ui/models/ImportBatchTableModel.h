// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/ImportBatchRepository.h"

#include <QAbstractTableModel>
#include <QList>

namespace pme::ui {

/// Import batches as SyncData::batches() listed them (newest first), one row each.
class ImportBatchTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportBatchTableModel)

public:
    enum Column {
        FileColumn,
        ProfileColumn,
        StatusColumn,
        StartedColumn,
        ReadColumn,
        InsertedColumn,
        UpdatedColumn,
        UnchangedColumn,
        RejectedColumn,
        ColumnCount
    };
    /// The raw value of a cell (the status key, the ISO instant, the count).
    static constexpr int RawRole = Qt::UserRole + 1;

    explicit ImportBatchTableModel(QObject *parent = nullptr);

    void setBatches(QList<core::ImportBatch> batches);
    /// Shows sync reports (a dry run's or a sync's) as batches, one row per file.
    void setReports(const QList<core::SyncReport> &reports);
    const QList<core::ImportBatch> &batches() const { return m_batches; }

    /// A sync status in words ("partial" -> "Some rows rejected"): never colour alone.
    static QString statusLabel(const QString &status);
    /// An instant stored as ISO text, in the user's locale.
    static QString localTime(const QString &iso);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant raw(const core::ImportBatch &batch, int column) const;

    QList<core::ImportBatch> m_batches;
};

} // namespace pme::ui
