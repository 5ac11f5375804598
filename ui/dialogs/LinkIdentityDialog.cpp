// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/LinkIdentityDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace pme::ui {

LinkIdentityDialog::LinkIdentityDialog(const QString &sourceCode, const QString &externalId,
                                       const QList<core::LearnerRow> &learners, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("linkIdentityDialog"));
    setWindowTitle(tr("Link to Learner"));
    auto *intro = new QLabel(
        tr("Rows of <b>%1</b> with the learner id <b>%2</b> belong to which learner? The next sync of that source "
           "picks their rows up.")
            .arg(sourceCode.toHtmlEscaped(), externalId.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    m_learners = new QComboBox(this);
    m_learners->setObjectName(QStringLiteral("learnerCombo"));
    m_learners->setAccessibleName(tr("Learner"));
    for (const core::LearnerRow &row : learners)
        m_learners->addItem(tr("%1 (%2)").arg(row.learner.displayName, row.programCode), row.learner.id);
    auto *form = new QFormLayout;
    form->addRow(tr("&Learner:"), m_learners);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Link"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!learners.isEmpty());
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

qint64 LinkIdentityDialog::learnerId() const
{
    return m_learners->currentData().toLongLong();
}

} // namespace pme::ui
