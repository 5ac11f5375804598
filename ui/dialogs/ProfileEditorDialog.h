// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/MappingProfile.h"

#include <QDialog>
#include <QMap>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace pme::core {
class ProfileRegistry;
}

namespace pme::ui {

/// Makes a mapping profile for a file no profile recognises: for each domain field of the
/// chosen target, a column of the file's header; then a source and a name. Saved through
/// ProfileRegistry::save, so later syncs of such files find it.
class ProfileEditorDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileEditorDialog)

public:
    ProfileEditorDialog(core::ProfileRegistry &profiles, QStringList header, QWidget *parent = nullptr);

    /// The profile as the form describes it now.
    core::MappingProfile profile() const;
    /// The name it was saved under, after accept().
    const QString &savedName() const { return m_savedName; }

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *sourceCodeEdit() const { return m_sourceCode; }
    QComboBox *targetCombo() const { return m_target; }
    /// The column chooser of a domain field; nullptr for a field the target does not have.
    QComboBox *columnCombo(const QString &field) const { return m_columns.value(field); }
    QLabel *errorLabel() const { return m_error; }

    void accept() override;

private:
    void rebuildFields();
    core::MappingProfile::Target target() const;

    core::ProfileRegistry &m_profiles;
    QStringList m_header;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_title = nullptr;
    QComboBox *m_target = nullptr;
    QLineEdit *m_sourceCode = nullptr;
    QLineEdit *m_sourceName = nullptr;
    QFormLayout *m_fieldsForm = nullptr;
    QMap<QString, QComboBox *> m_columns;
    QLabel *m_error = nullptr;
    QString m_savedName;
};

} // namespace pme::ui
