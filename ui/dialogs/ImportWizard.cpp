// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/ImportWizard.h"

#include "dialogs/ImportFilesPage.h"
#include "dialogs/ImportPreviewPage.h"
#include "dialogs/ImportSyncPage.h"
#include "dialogs/ImportValidationPage.h"
#include "governance/GovernedStore.h"
#include "sync/SyncPlan.h"

#include <QFileInfo>

namespace pme::ui {

ImportWizard::ImportWizard(core::GovernedStore &store, core::ActingUser user, const QString &profileFolder,
                           QWidget *parent)
    : QWizard(parent), m_store(store), m_user(std::move(user)), m_profileFolder(profileFolder)
{
    setObjectName(QStringLiteral("importWizard"));
    setWindowTitle(tr("Import Files"));
    setAccessibleName(tr("Import files wizard"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    auto profiles = core::ProfileRegistry::load(profileFolder);
    if (profiles)
        m_profiles = std::move(profiles).value();
    else
        m_profilesError = profiles.error().message;

    m_filesPage = new ImportFilesPage(this);
    m_previewPage = new ImportPreviewPage(this);
    m_validationPage = new ImportValidationPage(this);
    m_syncPage = new ImportSyncPage(this);
    setPage(FilesPageId, m_filesPage);
    setPage(PreviewPageId, m_previewPage);
    setPage(ValidationPageId, m_validationPage);
    setPage(SyncPageId, m_syncPage);
    resize(1000, 680);
}

ImportWizard::~ImportWizard() = default;

void ImportWizard::addFile(const QString &path)
{
    for (const ImportFile &file : std::as_const(m_files)) {
        if (file.path == path)
            return;
    }
    ImportFile file;
    file.path = path;
    m_files << file;
    refreshPreview(int(m_files.size()) - 1);
    if (m_files.last().profileName.isEmpty())
        m_files.last().profileName = m_files.last().preview.suggestedProfile;
}

void ImportWizard::removeFile(int index)
{
    if (index >= 0 && index < m_files.size())
        m_files.removeAt(index);
}

void ImportWizard::refreshPreview(int index)
{
    if (index < 0 || index >= m_files.size())
        return;
    // Rows of learners that a roster of this import adds are shown as they will be synced.
    QList<core::SyncPlanFile> rosters;
    for (qsizetype i = 0; i < m_files.size(); ++i) {
        const ImportFile &other = m_files.at(i);
        if (i != index && !other.profileName.isEmpty() && other.preview.problem.isEmpty()
            && other.preview.target == core::MappingProfile::Target::Roster)
            rosters << core::SyncPlanFile{other.path, other.profileName};
    }
    ImportFile &file = m_files[index];
    auto preview
        = core::SyncPreview(m_store.database(), m_profiles).previewAfter(rosters, m_user, file.path, file.profileName);
    if (preview) {
        file.preview = std::move(preview).value();
        file.previewError.clear();
    } else {
        file.preview = {};
        file.previewError = preview.error().message;
    }
}

void ImportWizard::sortForSync()
{
    QList<core::SyncPlanFile> plan;
    for (const ImportFile &file : std::as_const(m_files))
        plan << core::SyncPlanFile{file.path, file.profileName};
    const QList<core::SyncPlanFile> ordered = core::SyncPlan(m_store.database(), m_profiles).ordered(plan);
    QList<ImportFile> sorted;
    for (const core::SyncPlanFile &entry : ordered) {
        for (const ImportFile &file : std::as_const(m_files)) {
            if (file.path == entry.path)
                sorted << file;
        }
    }
    m_files = sorted;
}

QList<core::SyncReport> ImportWizard::waitingReports() const
{
    QList<core::SyncReport> reports;
    for (const ImportFile &file : m_files) {
        core::SyncReport waiting;
        waiting.file = QFileInfo(file.path).fileName();
        waiting.profile = file.profileName;
        reports << waiting;
    }
    return reports;
}

} // namespace pme::ui
