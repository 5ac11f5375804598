// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/ImportSyncPage.h"

#include "FileDialogs.h"
#include "dialogs/ImportTask.h"
#include "dialogs/ImportWizard.h"
#include "governance/GovernedStore.h"
#include "sync/SyncData.h"
#include "views/ImportReportPanel.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace pme::ui {

namespace {
constexpr int kProgressSteps = 1000;
}

ImportSyncPage::ImportSyncPage(ImportWizard *wizard)
    : QWizardPage(wizard), m_wizard(wizard), m_task(new ImportTask(this))
{
    setObjectName(QStringLiteral("importSyncPage"));
    setTitle(tr("Sync"));
    setSubTitle(tr("Each file is written in one piece: a cancelled or refused file changes nothing."));
    setFinalPage(true);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("syncStatus"));
    m_status->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("syncProgress"));
    m_progress->setAccessibleName(tr("Sync progress"));
    m_progress->setRange(0, kProgressSteps);
    m_cancel = new QPushButton(tr("&Cancel Sync"), this);
    m_cancel->setObjectName(QStringLiteral("cancelSyncButton"));
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);
    m_panel = new ImportReportPanel(this);
    m_saveRejects = new QPushButton(tr("Save &Rejects as CSV…"), this);
    m_saveRejects->setObjectName(QStringLiteral("saveRejectsButton"));
    m_saveRejects->setEnabled(false);
    m_saved = new QLabel(this);
    m_saved->setObjectName(QStringLiteral("savedRejectsLabel"));
    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(m_saveRejects);
    saveRow->addWidget(m_saved, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addLayout(progressRow);
    layout->addWidget(m_panel, 1);
    layout->addLayout(saveRow);
    connect(m_cancel, &QPushButton::clicked, this, &ImportSyncPage::cancel);
    connect(m_saveRejects, &QPushButton::clicked, this, &ImportSyncPage::onSaveRejects);
    connect(m_panel, &ImportReportPanel::currentRowChanged, this, &ImportSyncPage::onCurrentRowChanged);
    connect(m_task, &ImportTask::fileStarted, this, &ImportSyncPage::onFileStarted);
    connect(m_task, &ImportTask::progressed, this, &ImportSyncPage::onProgressed);
    connect(m_task, &ImportTask::fileFinished, this, &ImportSyncPage::onFileFinished);
    connect(m_task, &ImportTask::failed, m_status, &QLabel::setText);
    connect(m_task, &ImportTask::finished, this, &ImportSyncPage::onFinished);
}

void ImportSyncPage::initializePage()
{
    m_done = false;
    m_reports = m_wizard->waitingReports();
    m_panel->setReports(m_reports);
    m_progress->setValue(0);
    m_cancel->setEnabled(true);
    m_saved->clear();
    ImportWorker::Job job;
    job.storePath = m_wizard->store().path();
    job.options = m_wizard->store().options();
    job.profileFolder = m_wizard->profileFolder();
    job.user = m_wizard->user();
    for (const ImportFile &file : std::as_const(m_wizard->files()))
        job.files << core::SyncPlanFile{file.path, file.profileName};
    m_status->setText(tr("Syncing…"));
    m_task->start(std::move(job));
}

bool ImportSyncPage::isComplete() const
{
    return m_done;
}

bool ImportSyncPage::isRunning() const
{
    return m_task->isRunning();
}

void ImportSyncPage::cancel()
{
    m_task->cancel();
    m_cancel->setEnabled(false);
    m_status->setText(tr("Cancelling: the file being synced is rolled back…"));
}

void ImportSyncPage::onFileStarted(int index)
{
    if (index >= 0 && index < m_reports.size()) {
        m_reports[index].status = QStringLiteral("running");
        m_panel->setReports(m_reports);
        m_status->setText(
            tr("Syncing %1 (%2 of %3)…")
                .arg(m_reports.at(index).file, QLocale().toString(index + 1), QLocale().toString(m_reports.size())));
    }
}

void ImportSyncPage::onProgressed(int index, qint64 done, qint64 total)
{
    const double files = qMax<qsizetype>(1, m_reports.size());
    const double part = total > 0 ? double(done) / double(total) : 0.0;
    m_progress->setValue(int((index + qBound(0.0, part, 1.0)) / files * kProgressSteps));
}

void ImportSyncPage::onFileFinished(int index, const core::SyncReport &report)
{
    if (index < 0 || index >= m_reports.size())
        return;
    m_reports[index] = report;
    m_wizard->files()[index].result = report;
    m_panel->setReports(m_reports);
    m_progress->setValue(int(double(index + 1) / double(m_reports.size()) * kProgressSteps));
}

void ImportSyncPage::onFinished()
{
    m_done = true;
    m_cancel->setEnabled(false);
    qint64 inserted = 0;
    qint64 updated = 0;
    qint64 rejected = 0;
    for (const core::SyncReport &report : std::as_const(m_reports)) {
        inserted += report.inserted;
        updated += report.updated;
        rejected += report.rejected;
    }
    const QLocale locale;
    m_status->setText(tr("Done: %1 rows inserted, %2 updated, %3 rejected.")
                          .arg(locale.toString(inserted), locale.toString(updated), locale.toString(rejected)));
    onCurrentRowChanged(m_panel->currentRow());
    emit completeChanged();
    emit m_wizard->importFinished();
    emit syncFinished();
}

void ImportSyncPage::onCurrentRowChanged(int row)
{
    m_saveRejects->setEnabled(m_done && row >= 0 && row < m_reports.size() && m_reports.at(row).rejectsTotal > 0);
}

void ImportSyncPage::onSaveRejects()
{
    const int row = m_panel->currentRow();
    if (row < 0 || row >= m_reports.size())
        return;
    const core::SyncReport &report = m_reports.at(row);
    QList<core::SyncReject> rejects = report.rejects;
    if (report.batchId > 0) {
        // The report holds the first rejects; the batch keeps every one.
        auto all = core::SyncData(m_wizard->store().database(), m_wizard->user()).rejects(report.batchId);
        if (all)
            rejects = *all;
    }
    const QString path = FileDialogs::saveFile(this, tr("Save Rejected Rows"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (auto r = core::SyncData::writeRejectsCsv(path, rejects); !r) {
        m_saved->setText(r.error().message);
        return;
    }
    m_saved->setText(
        tr("Saved %1 rejected rows to %2.").arg(QLocale().toString(rejects.size()), QDir::toNativeSeparators(path)));
}

} // namespace pme::ui
