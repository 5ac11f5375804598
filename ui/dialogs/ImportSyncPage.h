// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/SyncTypes.h"

#include <QWizardPage>

class QLabel;
class QProgressBar;
class QPushButton;

namespace pme::ui {

class ImportReportPanel;
class ImportTask;
class ImportWizard;

/// The sync itself, on a worker thread with its own store connection: progress, Cancel,
/// then the result of each file with its rejects, which can be saved as CSV.
class ImportSyncPage final : public QWizardPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportSyncPage)

public:
    explicit ImportSyncPage(ImportWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;

    bool isRunning() const;
    void cancel();
    ImportReportPanel *panel() const { return m_panel; }
    QPushButton *cancelButton() const { return m_cancel; }
    /// Asks where (through FileDialogs) and writes every reject of the selected file.
    void onSaveRejects();

signals:
    void syncFinished();

private:
    void onFileStarted(int index);
    void onProgressed(int index, qint64 done, qint64 total);
    void onFileFinished(int index, const core::SyncReport &report);
    void onFinished();
    void onCurrentRowChanged(int row);

    ImportWizard *m_wizard;
    ImportTask *m_task = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_saveRejects = nullptr;
    QLabel *m_saved = nullptr;
    ImportReportPanel *m_panel = nullptr;
    QList<core::SyncReport> m_reports;
    bool m_done = false;
};

} // namespace pme::ui
