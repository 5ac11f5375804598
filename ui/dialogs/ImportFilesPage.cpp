// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/ImportFilesPage.h"

#include "FileDialogs.h"
#include "dialogs/ImportWizard.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace pme::ui {

ImportFilesPage::ImportFilesPage(ImportWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setObjectName(QStringLiteral("importFilesPage"));
    setTitle(tr("Choose Export Files"));
    setSubTitle(tr("CSV exports of assessment systems, rosters and exam reports, or xAPI statements. Files are "
                   "synced rosters first, then observations, then outcomes."));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("importFileList"));
    m_list->setAccessibleName(tr("Files to import"));
    auto *listLabel = new QLabel(tr("&Files:"), this);
    listLabel->setBuddy(m_list);
    auto *add = new QPushButton(tr("&Add File…"), this);
    add->setObjectName(QStringLiteral("addFileButton"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeFileButton"));
    m_remove->setEnabled(false);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    if (!m_wizard->profilesError().isEmpty()) {
        auto *error = new QLabel(m_wizard->profilesError(), this);
        error->setWordWrap(true);
        layout->addWidget(error);
    }
    layout->addWidget(listLabel);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, &ImportFilesPage::onAddFile);
    connect(m_remove, &QPushButton::clicked, this, &ImportFilesPage::onRemoveFile);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) { m_remove->setEnabled(row >= 0); });
}

bool ImportFilesPage::isComplete() const
{
    return !m_wizard->files().isEmpty();
}

void ImportFilesPage::onAddFile()
{
    const QString path = FileDialogs::openFile(this, tr("Choose an Export File"),
                                               tr("Exports (*.csv *.txt *.tsv *.json *.jsonl);;All files (*)"));
    if (path.isEmpty())
        return;
    m_wizard->addFile(path);
    refresh();
}

void ImportFilesPage::onRemoveFile()
{
    m_wizard->removeFile(m_list->currentRow());
    refresh();
}

void ImportFilesPage::refresh()
{
    m_list->clear();
    for (const ImportFile &file : std::as_const(m_wizard->files())) {
        const QString name = QFileInfo(file.path).fileName();
        QString detail;
        if (!file.previewError.isEmpty())
            detail = file.previewError;
        else if (file.preview.suggestedProfile.isEmpty())
            detail = tr("%1 — no profile recognises it").arg(file.preview.formatText());
        else
            detail = tr("%1 — profile %2").arg(file.preview.formatText(), file.preview.suggestedProfile);
        auto *item = new QListWidgetItem(tr("%1   (%2)").arg(name, detail), m_list);
        item->setToolTip(QDir::toNativeSeparators(file.path));
    }
    emit completeChanged();
}

} // namespace pme::ui
