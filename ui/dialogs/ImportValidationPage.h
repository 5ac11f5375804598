// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/SyncTypes.h"

#include <QWizardPage>

class QLabel;
class QProgressBar;

namespace pme::ui {

class ImportReportPanel;
class ImportTask;
class ImportWizard;

/// What the sync would do: a dry run of every file (on a worker thread) with the exact
/// counts and the first rejects. Its Next button starts the real sync.
class ImportValidationPage final : public QWizardPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportValidationPage)

public:
    explicit ImportValidationPage(ImportWizard *wizard);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;

    bool isRunning() const;
    ImportReportPanel *panel() const { return m_panel; }

signals:
    void dryRunFinished();

private:
    void onFileFinished(int index, const core::SyncReport &report);
    void onFinished();

    ImportWizard *m_wizard;
    ImportTask *m_task = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    ImportReportPanel *m_panel = nullptr;
    QList<core::SyncReport> m_reports;
    bool m_done = false;
};

} // namespace pme::ui
