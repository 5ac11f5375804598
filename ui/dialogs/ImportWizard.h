// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "governance/ActingUser.h"
#include "sync/ProfileRegistry.h"
#include "sync/SyncPreview.h"
#include "sync/SyncTypes.h"

#include <QList>
#include <QWizard>

namespace pme::core {
class GovernedStore;
}

namespace pme::ui {

class ImportFilesPage;
class ImportPreviewPage;
class ImportSyncPage;
class ImportValidationPage;

/// One file of an import, as the wizard learns about it.
struct ImportFile {
    QString path;
    QString profileName; ///< the profile chosen; the suggested one at first
    core::SyncPreviewResult preview;
    QString previewError; ///< the file could not be read at all
    core::SyncReport dryRun;
    core::SyncReport result;
};

/// Brings export files into the store: choose files, check the detected format and the
/// profile against a preview of the first rows (or make a profile), see what a dry run
/// would do, sync on a worker thread with progress and Cancel, and read the result per file
/// with its rejects. Sync itself is core's (SyncPlan); this only asks and shows.
class ImportWizard final : public QWizard {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportWizard)

public:
    enum PageId { FilesPageId, PreviewPageId, ValidationPageId, SyncPageId };

    /// profileFolder: where saved profiles are read from and written to.
    ImportWizard(core::GovernedStore &store, core::ActingUser user,
                 const QString &profileFolder = core::ProfileRegistry::defaultUserFolder(), QWidget *parent = nullptr);
    ~ImportWizard() override;

    core::GovernedStore &store() { return m_store; }
    const core::ActingUser &user() const { return m_user; }
    core::ProfileRegistry &profiles() { return m_profiles; }
    const QString &profileFolder() const { return m_profileFolder; }
    /// Why the profiles could not be read; empty when they were.
    const QString &profilesError() const { return m_profilesError; }

    QList<ImportFile> &files() { return m_files; }
    void addFile(const QString &path);
    void removeFile(int index);
    /// Maps the first rows of file index with its chosen profile.
    void refreshPreview(int index);
    /// The files in sync order (rosters first), as the plan runs them.
    void sortForSync();
    /// One not-yet-run report per chosen file, for the validation and sync pages to fill in.
    QList<core::SyncReport> waitingReports() const;

    ImportFilesPage *filesPage() const { return m_filesPage; }
    ImportPreviewPage *previewPage() const { return m_previewPage; }
    ImportValidationPage *validationPage() const { return m_validationPage; }
    ImportSyncPage *syncPage() const { return m_syncPage; }

signals:
    /// A sync ran (some files may have been refused): views over the store should reload.
    void importFinished();

private:
    core::GovernedStore &m_store;
    core::ActingUser m_user;
    QString m_profileFolder;
    core::ProfileRegistry m_profiles;
    QString m_profilesError;
    QList<ImportFile> m_files;
    ImportFilesPage *m_filesPage = nullptr;
    ImportPreviewPage *m_previewPage = nullptr;
    ImportValidationPage *m_validationPage = nullptr;
    ImportSyncPage *m_syncPage = nullptr;
};

} // namespace pme::ui
