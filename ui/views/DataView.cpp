// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/DataView.h"

#include "dialogs/ImportWizard.h"
#include "dialogs/LinkIdentityDialog.h"
#include "governance/GovernedStore.h"
#include "models/ImportBatchTableModel.h"
#include "models/SyncRejectTableModel.h"
#include "models/UnlinkedIdentityTableModel.h"
#include "sync/SyncData.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace pme::ui {

namespace {

QTableView *table(const char *name, const QString &accessibleName, QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(QLatin1String(name));
    view->setAccessibleName(accessibleName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setWordWrap(false);
    return view;
}

} // namespace

DataView::DataView(core::GovernedStore &store, core::ActingUser user, QString profileFolder, QWidget *parent)
    : QWidget(parent),
      m_store(store),
      m_user(std::move(user)),
      m_profileFolder(std::move(profileFolder)),
      m_batchModel(new ImportBatchTableModel(this)),
      m_rejectModel(new SyncRejectTableModel(this)),
      m_identityModel(new UnlinkedIdentityTableModel(this))
{
    setObjectName(QStringLiteral("dataView"));
    auto *title = new QLabel(tr("Data"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *intro = new QLabel(tr("Where the profile comes from: every import batch with its file, counts and rejected "
                                "rows, and the learner ids of source systems that still need linking."),
                             this);
    intro->setWordWrap(true);
    // The name every page's explanation has, so that checks of the pages find it.
    intro->setObjectName(QStringLiteral("emptyStateExplanation"));
    m_import = new QPushButton(tr("&Import Files…"), this);
    m_import->setObjectName(QStringLiteral("importFilesButton"));
    auto *reload = new QPushButton(tr("Re&fresh"), this);
    auto *header = new QHBoxLayout;
    header->addWidget(title);
    header->addStretch();
    header->addWidget(reload);
    header->addWidget(m_import);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("dataMessage"));
    m_message->setWordWrap(true);
    m_message->hide();

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(createBatches());
    splitter->addWidget(createIdentities());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(intro);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    connect(m_import, &QPushButton::clicked, this, &DataView::openImportWizard);
    connect(reload, &QPushButton::clicked, this, &DataView::refresh);
    if (!core::SyncData::mayManage(m_user)) {
        // Core refuses these calls anyway; the page says so instead of showing empty tables.
        splitter->hide();
        m_import->hide();
        reload->hide();
        showError(tr("Import batches and learner ids are managed by program directors and administrators."));
        return;
    }
    refresh();
}

QWidget *DataView::createBatches()
{
    auto *box = new QGroupBox(tr("Import batches"), this);
    m_batchTable = table("batchTable", tr("Import batches"), m_batchModel, box);
    m_batchTable->horizontalHeader()->setStretchLastSection(false);
    m_rejectTable = table("batchRejectTable", tr("Rejected rows of the selected batch"), m_rejectModel, box);
    m_rejectsLabel = new QLabel(box);
    m_rejectsLabel->setObjectName(QStringLiteral("batchRejectsLabel"));
    m_rejectsLabel->setWordWrap(true);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_batchTable, 3);
    layout->addWidget(m_rejectsLabel);
    layout->addWidget(m_rejectTable, 2);
    connect(m_batchTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DataView::onBatchSelected);
    return box;
}

QWidget *DataView::createIdentities()
{
    auto *box = new QGroupBox(tr("Unlinked learner ids"), this);
    m_identityTable = table("identityTable", tr("Unlinked learner ids"), m_identityModel, box);
    m_identityTable->setMinimumHeight(m_identityTable->fontMetrics().height() * 9);
    m_link = new QPushButton(tr("&Link to Learner…"), box);
    m_link->setObjectName(QStringLiteral("linkIdentityButton"));
    m_link->setEnabled(false);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_link);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_identityTable, 1);
    layout->addLayout(buttons);
    connect(m_identityTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DataView::onIdentitySelected);
    connect(m_link, &QPushButton::clicked, this, &DataView::onLink);
    return box;
}

void DataView::refresh()
{
    core::SyncData sync(m_store.database(), m_user);
    auto batches = sync.batches();
    if (!batches) {
        showError(batches.error().message);
        return;
    }
    m_batchModel->setBatches(*batches);
    m_batchTable->resizeColumnsToContents();
    auto identities = sync.unlinkedIdentities();
    if (!identities) {
        showError(identities.error().message);
        return;
    }
    m_identityModel->setIdentities(*identities);
    m_identityTable->resizeColumnsToContents();
    m_message->hide();
    if (m_batchModel->rowCount() > 0)
        m_batchTable->selectRow(0);
    onBatchSelected();
    onIdentitySelected();
}

void DataView::showError(const QString &message)
{
    m_message->setText(message);
    m_message->show();
}

void DataView::onBatchSelected()
{
    const QModelIndex current = m_batchTable->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_rejectModel->setRejects({});
        m_rejectsLabel->setText(tr("Select a batch to see its rejected rows."));
        return;
    }
    const core::ImportBatch &batch = m_batchModel->batches().at(current.row());
    auto rejects = core::SyncData(m_store.database(), m_user).rejects(batch.id);
    m_rejectModel->setRejects(rejects ? *rejects : QList<core::SyncReject>());
    m_rejectTable->resizeColumnToContents(SyncRejectTableModel::RowColumn);
    m_rejectTable->resizeColumnToContents(SyncRejectTableModel::ColumnColumn);
    QString text = batch.rejected == 0
        ? tr("%1: no rows rejected.").arg(batch.fileName)
        : tr("%1: %2 rejected rows.").arg(batch.fileName, QLocale().toString(batch.rejected));
    if (!batch.message.isEmpty())
        text = tr("%1: %2").arg(batch.fileName, batch.message);
    m_rejectsLabel->setText(text);
}

void DataView::onIdentitySelected()
{
    m_link->setEnabled(m_identityTable->selectionModel()->currentIndex().isValid());
}

void DataView::openImportWizard()
{
    if (m_wizard) {
        m_wizard->raise();
        return;
    }
    m_wizard = new ImportWizard(m_store, m_user, m_profileFolder, this);
    m_wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_wizard, &ImportWizard::importFinished, this, &DataView::onImportFinished);
    m_wizard->open();
}

ImportWizard *DataView::importWizard() const
{
    return m_wizard;
}

void DataView::onImportFinished()
{
    refresh();
    emit dataChanged();
}

void DataView::onLink()
{
    const QModelIndex current = m_identityTable->selectionModel()->currentIndex();
    if (!current.isValid())
        return;
    auto learners = core::SyncData(m_store.database(), m_user).learners();
    if (!learners) {
        showError(learners.error().message);
        return;
    }
    const auto &identity = m_identityModel->identities().at(current.row());
    LinkIdentityDialog dialog(identity.sourceCode, identity.externalId, *learners, this);
    if (dialog.exec() == QDialog::Accepted && dialog.learnerId() > 0)
        linkSelected(dialog.learnerId());
}

bool DataView::linkSelected(qint64 learnerId)
{
    const QModelIndex current = m_identityTable->selectionModel()->currentIndex();
    if (!current.isValid())
        return false;
    const auto identity = m_identityModel->identities().at(current.row());
    if (auto r = core::SyncData(m_store.database(), m_user).link(identity.sourceCode, identity.externalId, learnerId);
        !r) {
        showError(r.error().message);
        return false;
    }
    refresh();
    showError(tr("Linked %1 of %2. Sync that source's files again to bring in their rows.")
                  .arg(identity.externalId, identity.sourceCode));
    emit dataChanged();
    return true;
}

} // namespace pme::ui
