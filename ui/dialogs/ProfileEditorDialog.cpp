// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/ProfileEditorDialog.h"

#include "models/SyncPreviewTableModel.h"
#include "sync/ProfileRegistry.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace pme::ui {

ProfileEditorDialog::ProfileEditorDialog(core::ProfileRegistry &profiles, QStringList header, QWidget *parent)
    : QDialog(parent), m_profiles(profiles), m_header(std::move(header))
{
    setObjectName(QStringLiteral("profileEditorDialog"));
    setWindowTitle(tr("Make a Mapping Profile"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("profileName"));
    m_name->setPlaceholderText(tr("e.g. my-assessments"));
    m_title = new QLineEdit(this);
    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("profileTarget"));
    m_target->addItem(tr("Observations (assessments, ratings, exams)"),
                      int(core::MappingProfile::Target::Observations));
    m_target->addItem(tr("Roster (learners)"), int(core::MappingProfile::Target::Roster));
    m_target->addItem(tr("Outcomes"), int(core::MappingProfile::Target::Outcomes));
    m_sourceCode = new QLineEdit(this);
    m_sourceCode->setObjectName(QStringLiteral("profileSourceCode"));
    m_sourceCode->setPlaceholderText(tr("e.g. assess"));
    m_sourceName = new QLineEdit(this);
    m_sourceName->setPlaceholderText(tr("e.g. Assessment system"));

    auto *about = new QFormLayout;
    about->addRow(tr("Profile &name:"), m_name);
    about->addRow(tr("&Title:"), m_title);
    about->addRow(tr("&Kind of file:"), m_target);
    about->addRow(tr("Source &code:"), m_sourceCode);
    about->addRow(tr("Source n&ame:"), m_sourceName);

    auto *fieldsBox = new QWidget(this);
    m_fieldsForm = new QFormLayout(fieldsBox);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(fieldsBox);
    scroll->setWidgetResizable(true);
    auto *group = new QGroupBox(tr("Which column holds each field (* required)"), this);
    auto *groupLayout = new QVBoxLayout(group);
    groupLayout->addWidget(scroll);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("profileError"));
    m_error->setWordWrap(true);
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(about);
    layout->addWidget(group, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ProfileEditorDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ProfileEditorDialog::reject);
    connect(m_target, &QComboBox::currentIndexChanged, this, &ProfileEditorDialog::rebuildFields);
    rebuildFields();
    resize(560, 640);
}

core::MappingProfile::Target ProfileEditorDialog::target() const
{
    return static_cast<core::MappingProfile::Target>(m_target->currentData().toInt());
}

void ProfileEditorDialog::rebuildFields()
{
    while (m_fieldsForm->rowCount() > 0)
        m_fieldsForm->removeRow(0);
    m_columns.clear();
    const QStringList required = core::MappingProfile::requiredFields(target());
    for (const QString &field : core::MappingProfile::knownFields(target())) {
        auto *combo = new QComboBox;
        combo->setObjectName(QStringLiteral("column_") + field);
        combo->addItem(tr("(not in this file)"), QString());
        for (const QString &column : std::as_const(m_header))
            combo->addItem(column, column);
        // A column named like the field is the likely one.
        for (int i = 1; i < combo->count(); ++i) {
            if (core::normalizedColumnName(combo->itemText(i)) == core::normalizedColumnName(field))
                combo->setCurrentIndex(i);
        }
        QString label = SyncPreviewTableModel::fieldLabel(field);
        if (required.contains(field))
            label = tr("%1 *").arg(label);
        combo->setAccessibleName(label);
        m_fieldsForm->addRow(tr("%1:").arg(label), combo);
        m_columns.insert(field, combo);
    }
}

core::MappingProfile ProfileEditorDialog::profile() const
{
    core::MappingProfile profile;
    profile.name = m_name->text().trimmed();
    profile.title = m_title->text().trimmed().isEmpty() ? profile.name : m_title->text().trimmed();
    profile.target = target();
    profile.sourceCode = m_sourceCode->text().trimmed();
    profile.sourceName = m_sourceName->text().trimmed().isEmpty() ? profile.sourceCode : m_sourceName->text().trimmed();
    const QStringList required = core::MappingProfile::requiredFields(profile.target);
    for (auto it = m_columns.cbegin(); it != m_columns.cend(); ++it) {
        const QString column = it.value()->currentData().toString();
        if (column.isEmpty())
            continue;
        core::FieldMapping mapping;
        mapping.columns = {column};
        mapping.required = required.contains(it.key());
        profile.fields.insert(it.key(), mapping);
        if (mapping.required)
            profile.detectColumns << column;
    }
    // Without an id column, the fields that tell two rows apart make the key.
    if (profile.target != core::MappingProfile::Target::Roster
        && !profile.fields.contains(QStringLiteral("source_key"))) {
        for (const char *field : {"learner", "date", "competency", "outcome", "assessor", "instrument"}) {
            if (profile.fields.contains(QLatin1String(field)))
                profile.keyFields << QLatin1String(field);
        }
    }
    return profile;
}

void ProfileEditorDialog::accept()
{
    auto saved = m_profiles.save(profile());
    if (!saved) {
        m_error->setText(saved.error().message);
        m_error->show();
        return;
    }
    m_savedName = profile().name;
    QDialog::accept();
}

} // namespace pme::ui
