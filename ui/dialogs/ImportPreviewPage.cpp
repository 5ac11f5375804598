// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/ImportPreviewPage.h"

#include "dialogs/ImportWizard.h"
#include "dialogs/ProfileEditorDialog.h"
#include "models/SyncPreviewTableModel.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

namespace pme::ui {

ImportPreviewPage::ImportPreviewPage(ImportWizard *wizard)
    : QWizardPage(wizard), m_wizard(wizard), m_model(new SyncPreviewTableModel(this))
{
    setObjectName(QStringLiteral("importPreviewPage"));
    setTitle(tr("Check the Mapping"));
    setSubTitle(tr("How each file is read, and its first rows as they would be stored. Rows marked as rejected "
                   "say why; nothing has been written yet."));
    m_fileCombo = new QComboBox(this);
    m_fileCombo->setObjectName(QStringLiteral("previewFileCombo"));
    m_fileCombo->setAccessibleName(tr("File"));
    m_format = new QLabel(this);
    m_format->setObjectName(QStringLiteral("previewFormat"));
    m_suggested = new QLabel(this);
    m_suggested->setObjectName(QStringLiteral("previewSuggested"));
    m_profileCombo = new QComboBox(this);
    m_profileCombo->setObjectName(QStringLiteral("previewProfileCombo"));
    m_profileCombo->setAccessibleName(tr("Mapping profile"));
    m_profileCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_makeProfile = new QPushButton(tr("&Make a Profile…"), this);
    m_makeProfile->setObjectName(QStringLiteral("makeProfileButton"));
    auto *profileRow = new QHBoxLayout;
    profileRow->addWidget(m_profileCombo, 1);
    profileRow->addWidget(m_makeProfile);

    auto *form = new QFormLayout;
    form->addRow(tr("&File:"), m_fileCombo);
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Suggested profile:"), m_suggested);
    auto *profileLabel = new QLabel(tr("&Profile:"), this);
    profileLabel->setBuddy(m_profileCombo);
    form->addRow(profileLabel, profileRow);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("previewProblem"));
    m_problem->setWordWrap(true);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("previewTable"));
    m_table->setAccessibleName(tr("First rows as mapped"));
    m_table->setModel(m_model);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_table, 1);

    connect(m_fileCombo, &QComboBox::currentIndexChanged, this, &ImportPreviewPage::onFileChanged);
    connect(m_profileCombo, &QComboBox::currentIndexChanged, this, &ImportPreviewPage::onProfileChanged);
    connect(m_makeProfile, &QPushButton::clicked, this, &ImportPreviewPage::onMakeProfile);
}

void ImportPreviewPage::initializePage()
{
    // A roster added after another file changes what that file's rows look like.
    for (int i = 0; i < m_wizard->files().size(); ++i)
        m_wizard->refreshPreview(i);
    const QSignalBlocker blocker(m_fileCombo);
    m_fileCombo->clear();
    for (const ImportFile &file : std::as_const(m_wizard->files()))
        m_fileCombo->addItem(QFileInfo(file.path).fileName());
    fillProfiles();
    m_fileCombo->setCurrentIndex(0);
    showFile(0);
}

bool ImportPreviewPage::isComplete() const
{
    for (const ImportFile &file : std::as_const(m_wizard->files())) {
        if (!file.previewError.isEmpty() || !file.preview.problem.isEmpty() || file.profileName.isEmpty())
            return false;
    }
    return !m_wizard->files().isEmpty();
}

void ImportPreviewPage::fillProfiles()
{
    const QSignalBlocker blocker(m_profileCombo);
    m_profileCombo->clear();
    m_profileCombo->addItem(tr("(choose a profile)"), QString());
    for (const core::MappingProfile &profile : m_wizard->profiles().profiles())
        m_profileCombo->addItem(tr("%1 — %2").arg(profile.name, profile.title), profile.name);
}

void ImportPreviewPage::onFileChanged(int index)
{
    showFile(index);
}

void ImportPreviewPage::showFile(int index)
{
    if (index < 0 || index >= m_wizard->files().size())
        return;
    const ImportFile &file = m_wizard->files().at(index);
    const core::SyncPreviewResult &preview = file.preview;
    m_format->setText(file.previewError.isEmpty() ? preview.formatText() : QString());
    m_suggested->setText(preview.suggestedProfile.isEmpty() ? tr("none recognises this file")
                                                            : preview.suggestedProfile);
    {
        const QSignalBlocker blocker(m_profileCombo);
        const int at = m_profileCombo->findData(file.profileName);
        m_profileCombo->setCurrentIndex(at < 0 ? 0 : at);
    }
    QString problem = file.previewError.isEmpty() ? preview.problem : file.previewError;
    if (!problem.isEmpty() && !preview.header.isEmpty())
        problem += QLatin1Char(' ') + tr("Columns: %1.").arg(preview.header.join(QStringLiteral(", ")));
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_model->setPreview(preview);
    m_table->resizeColumnsToContents();
    for (int column = 0; column < m_model->columnCount(); ++column)
        m_table->setColumnWidth(column, qMin(m_table->columnWidth(column), 320));
    emit completeChanged();
}

void ImportPreviewPage::onProfileChanged(int index)
{
    chooseProfile(m_profileCombo->itemData(index).toString());
}

void ImportPreviewPage::chooseProfile(const QString &name)
{
    const int index = m_fileCombo->currentIndex();
    if (index < 0 || index >= m_wizard->files().size())
        return;
    m_wizard->files()[index].profileName = name;
    m_wizard->refreshPreview(index);
    if (name.isEmpty())
        m_wizard->files()[index].preview.problem = tr("Choose a profile, or make one for this file.");
    showFile(index);
}

void ImportPreviewPage::onMakeProfile()
{
    const int index = m_fileCombo->currentIndex();
    if (index < 0 || index >= m_wizard->files().size())
        return;
    ProfileEditorDialog dialog(m_wizard->profiles(), m_wizard->files().at(index).preview.header, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    fillProfiles();
    chooseProfile(dialog.savedName());
}

} // namespace pme::ui
