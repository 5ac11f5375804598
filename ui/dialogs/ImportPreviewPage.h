// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizardPage>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace pme::ui {

class ImportWizard;
class SyncPreviewTableModel;

/// Per file: the detected format, the suggested profile (another can be picked, or made),
/// and the first rows as the sync would map them.
class ImportPreviewPage final : public QWizardPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportPreviewPage)

public:
    explicit ImportPreviewPage(ImportWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;

    QComboBox *fileCombo() const { return m_fileCombo; }
    QComboBox *profileCombo() const { return m_profileCombo; }
    SyncPreviewTableModel *model() const { return m_model; }
    /// Uses profile name for the current file and maps its rows again.
    void chooseProfile(const QString &name);

private:
    void onFileChanged(int index);
    void onProfileChanged(int index);
    void onMakeProfile();
    void fillProfiles();
    void showFile(int index);

    ImportWizard *m_wizard;
    QComboBox *m_fileCombo = nullptr;
    QLabel *m_format = nullptr;
    QLabel *m_suggested = nullptr;
    QComboBox *m_profileCombo = nullptr;
    QPushButton *m_makeProfile = nullptr;
    QLabel *m_problem = nullptr;
    QTableView *m_table = nullptr;
    SyncPreviewTableModel *m_model = nullptr;
};

} // namespace pme::ui
