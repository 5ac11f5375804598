// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/SyncTypes.h"

#include <QList>
#include <QWidget>

class QLabel;
class QTableView;

namespace pme::ui {

class ImportBatchTableModel;
class SyncRejectTableModel;

/// Sync reports, one row per file, and the rejects of the selected file: what the import
/// wizard shows after a dry run and after the sync.
class ImportReportPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportReportPanel)

public:
    explicit ImportReportPanel(QWidget *parent = nullptr);

    void setReports(QList<core::SyncReport> reports);
    const QList<core::SyncReport> &reports() const { return m_reports; }
    /// The selected file's row; -1 when none.
    int currentRow() const;
    void setCurrentRow(int row);

    ImportBatchTableModel *reportModel() const { return m_reportModel; }
    SyncRejectTableModel *rejectModel() const { return m_rejectModel; }

signals:
    void currentRowChanged(int row);

private:
    void onSelectionChanged();

    QList<core::SyncReport> m_reports;
    QTableView *m_reportTable = nullptr;
    QTableView *m_rejectTable = nullptr;
    QLabel *m_rejectsLabel = nullptr;
    ImportBatchTableModel *m_reportModel = nullptr;
    SyncRejectTableModel *m_rejectModel = nullptr;
};

} // namespace pme::ui
