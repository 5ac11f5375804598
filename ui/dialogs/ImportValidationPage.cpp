// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/ImportValidationPage.h"

#include "dialogs/ImportTask.h"
#include "dialogs/ImportWizard.h"
#include "governance/GovernedStore.h"
#include "views/ImportReportPanel.h"

#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QVBoxLayout>

namespace pme::ui {

ImportValidationPage::ImportValidationPage(ImportWizard *wizard)
    : QWizardPage(wizard), m_wizard(wizard), m_task(new ImportTask(this))
{
    setObjectName(QStringLiteral("importValidationPage"));
    setTitle(tr("Validation"));
    setSubTitle(tr("A dry run: every row is read, mapped and checked as the sync will do it, and nothing is "
                   "written. Rejected rows never stop the good ones."));
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Sync"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("validationStatus"));
    m_status->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Dry run progress"));
    m_progress->setRange(0, 0);
    m_panel = new ImportReportPanel(this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(m_panel, 1);
    connect(m_task, &ImportTask::fileFinished, this, &ImportValidationPage::onFileFinished);
    connect(m_task, &ImportTask::failed, m_status, &QLabel::setText);
    connect(m_task, &ImportTask::finished, this, &ImportValidationPage::onFinished);
}

void ImportValidationPage::initializePage()
{
    m_wizard->sortForSync();
    m_done = false;
    m_reports = m_wizard->waitingReports();
    m_panel->setReports(m_reports);
    m_status->setText(tr("Checking the files…"));
    m_progress->show();
    ImportWorker::Job job;
    job.storePath = m_wizard->store().path();
    job.options = m_wizard->store().options();
    job.profileFolder = m_wizard->profileFolder();
    job.user = m_wizard->user();
    for (const ImportFile &file : std::as_const(m_wizard->files()))
        job.files << core::SyncPlanFile{file.path, file.profileName};
    job.dryRun = true;
    m_task->start(std::move(job));
    emit completeChanged();
}

void ImportValidationPage::cleanupPage()
{
    m_task->cancel();
}

bool ImportValidationPage::isComplete() const
{
    if (!m_done)
        return false;
    for (const core::SyncReport &report : m_reports) {
        if (report.status == QLatin1String("ok") || report.status == QLatin1String("partial"))
            return true;
    }
    return false;
}

bool ImportValidationPage::isRunning() const
{
    return m_task->isRunning();
}

void ImportValidationPage::onFileFinished(int index, const core::SyncReport &report)
{
    if (index < 0 || index >= m_reports.size())
        return;
    m_reports[index] = report;
    m_wizard->files()[index].dryRun = report;
    m_panel->setReports(m_reports);
}

void ImportValidationPage::onFinished()
{
    m_done = true;
    m_progress->hide();
    qint64 rows = 0;
    qint64 rejected = 0;
    for (const core::SyncReport &report : std::as_const(m_reports)) {
        rows += report.rowsRead;
        rejected += report.rejected;
    }
    const QLocale locale;
    m_status->setText(tr("Checked %1 rows; %2 would be rejected. Choose Sync to write the rest.")
                          .arg(locale.toString(rows), locale.toString(rejected)));
    emit completeChanged();
    emit dryRunFinished();
}

} // namespace pme::ui
