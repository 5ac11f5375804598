// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "governance/ActingUser.h"
#include "sync/ProfileRegistry.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace pme::core {
class GovernedStore;
}

namespace pme::ui {

class ImportBatchTableModel;
class ImportWizard;
class SyncRejectTableModel;
class UnlinkedIdentityTableModel;

/// The Data page: every import batch with its counts, the rejects of the selected batch,
/// and the learner ids of sources that still need linking to a learner. Program directors
/// and administrators import files and link ids here; core checks the role on every call.
class DataView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DataView)

public:
    DataView(core::GovernedStore &store, core::ActingUser user,
             QString profileFolder = core::ProfileRegistry::defaultUserFolder(), QWidget *parent = nullptr);

    /// Reads batches and unlinked identities again.
    void refresh();
    /// Opens the import wizard (window-modal, not blocking); it stays reachable for tests.
    void openImportWizard();
    ImportWizard *importWizard() const;
    /// Links the selected unlinked identity to learnerId; false (with the reason shown) on failure.
    bool linkSelected(qint64 learnerId);

    ImportBatchTableModel *batchModel() const { return m_batchModel; }
    SyncRejectTableModel *rejectModel() const { return m_rejectModel; }
    UnlinkedIdentityTableModel *identityModel() const { return m_identityModel; }
    QTableView *batchTable() const { return m_batchTable; }
    QTableView *identityTable() const { return m_identityTable; }
    QPushButton *importButton() const { return m_import; }
    QPushButton *linkButton() const { return m_link; }

signals:
    /// Something was imported or linked: other views over the store may reload.
    void dataChanged();

private:
    QWidget *createBatches();
    QWidget *createIdentities();
    void onBatchSelected();
    void onIdentitySelected();
    void onLink();
    void onImportFinished();
    void showError(const QString &message);

    core::GovernedStore &m_store;
    core::ActingUser m_user;
    QString m_profileFolder;
    QLabel *m_message = nullptr;
    QPushButton *m_import = nullptr;
    QPushButton *m_link = nullptr;
    QTableView *m_batchTable = nullptr;
    QTableView *m_rejectTable = nullptr;
    QTableView *m_identityTable = nullptr;
    QLabel *m_rejectsLabel = nullptr;
    ImportBatchTableModel *m_batchModel = nullptr;
    SyncRejectTableModel *m_rejectModel = nullptr;
    UnlinkedIdentityTableModel *m_identityModel = nullptr;
    QPointer<ImportWizard> m_wizard;
};

} // namespace pme::ui
