// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/FirstAdministratorDialog.h"

#include "SignInTask.h"
#include "governance/AccountRules.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pme::ui {

FirstAdministratorDialog::FirstAdministratorDialog(const QString &storePath,
                                                   const core::GovernedStore::Options &options, QWidget *parent)
    : QDialog(parent), m_task(new SignInTask(storePath, options, this))
{
    setWindowTitle(tr("Create the Administrator Account — PME Coach"));
    auto *intro = new QLabel(tr("<h2>Create the administrator account</h2>"
                                "<p>This database has no accounts yet. The administrator manages accounts, roles "
                                "and coach assignments, and reads the audit log; they see learners' names but "
                                "no learner data.</p>"),
                             this);
    intro->setWordWrap(true);

    const auto lineEdit = [this](const char *name, const QString &accessibleName) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(QLatin1String(name));
        edit->setAccessibleName(accessibleName);
        connect(edit, &QLineEdit::textChanged, this, &FirstAdministratorDialog::updateState);
        return edit;
    };
    m_username = lineEdit("username", tr("User name"));
    m_displayName = lineEdit("displayName", tr("Full name"));
    m_password = lineEdit("password", tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat = lineEdit("repeatPassword", tr("Repeat password"));
    m_repeat->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout;
    form->addRow(tr("&User name:"), m_username);
    form->addRow(tr("&Full name:"), m_displayName);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("&Repeat password:"), m_repeat);

    auto *rules = new QLabel(tr("User names: 2 to 64 letters, digits, '.', '_', '-' or '@'. Passwords: at least "
                                "%n characters, and not the user name.",
                                nullptr, core::AccountRules::kMinPasswordLength),
                             this);
    rules->setWordWrap(true);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setMinimumHeight(m_message->fontMetrics().lineSpacing() * 2);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_submit = buttons->addButton(tr("Create and Sign In"), QDialogButtonBox::AcceptRole);
    m_submit->setObjectName(QStringLiteral("createButton"));
    m_submit->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &FirstAdministratorDialog::onSubmit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_task, &SignInTask::signedIn, this, &FirstAdministratorDialog::onCreated);
    connect(m_task, &SignInTask::refused, this, &FirstAdministratorDialog::onRefused);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(rules);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    setMinimumWidth(500);
    updateState();
}

FirstAdministratorDialog::~FirstAdministratorDialog() = default;

QString FirstAdministratorDialog::problem() const
{
    if (m_username->text().trimmed().isEmpty())
        return QString();
    if (auto name = core::AccountRules::checkUsername(m_username->text()); !name)
        return name.error().message;
    if (m_password->text().isEmpty())
        return QString();
    if (auto password = core::AccountRules::checkPassword(m_username->text().trimmed(), m_password->text()); !password)
        return password.error().message;
    if (!m_repeat->text().isEmpty() && m_repeat->text() != m_password->text())
        return tr("The two passwords differ.");
    return QString();
}

void FirstAdministratorDialog::updateState()
{
    const QString wrong = problem();
    m_message->setStyleSheet(wrong.isEmpty() ? QString() : QStringLiteral("QLabel { color: #a00000; }"));
    m_message->setText(wrong);
    m_submit->setEnabled(!m_task->isRunning() && wrong.isEmpty() && !m_username->text().trimmed().isEmpty()
                         && !m_password->text().isEmpty() && m_repeat->text() == m_password->text());
}

void FirstAdministratorDialog::onSubmit()
{
    if (!m_submit->isEnabled())
        return;
    core::NewAccount account;
    account.username = m_username->text().trimmed();
    account.displayName = m_displayName->text().trimmed();
    account.roles = {core::RoleGrant{core::Role::Admin, std::nullopt}};
    m_task->createFirstAdministrator(account, m_password->text());
    m_message->setStyleSheet(QString());
    m_message->setText(tr("Creating the account…"));
    m_submit->setEnabled(false);
}

void FirstAdministratorDialog::onCreated(const core::ActingUser &user)
{
    m_user = user;
    m_password->clear();
    m_repeat->clear();
    accept();
}

void FirstAdministratorDialog::onRefused(const QString &message)
{
    updateState();
    m_message->setStyleSheet(QStringLiteral("QLabel { color: #a00000; font-weight: bold; }"));
    m_message->setText(message);
}

} // namespace pme::ui
