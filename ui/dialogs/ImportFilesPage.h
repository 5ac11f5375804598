// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizardPage>

class QListWidget;
class QPushButton;

namespace pme::ui {

class ImportWizard;

/// The wizard's first page: which export files to bring in.
class ImportFilesPage final : public QWizardPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportFilesPage)

public:
    explicit ImportFilesPage(ImportWizard *wizard);

    bool isComplete() const override;
    QListWidget *fileList() const { return m_list; }
    /// Asks for a file (through FileDialogs) and adds it.
    void onAddFile();

private:
    void onRemoveFile();
    void refresh();

    ImportWizard *m_wizard;
    QListWidget *m_list = nullptr;
    QPushButton *m_remove = nullptr;
};

} // namespace pme::ui
