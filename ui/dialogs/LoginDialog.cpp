// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/LoginDialog.h"

#include "SignInTask.h"
#include "governance/DemoAccounts.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pme::ui {

LoginDialog::LoginDialog(const QString &storePath, const core::GovernedStore::Options &options, QWidget *parent)
    : QDialog(parent), m_task(new SignInTask(storePath, options, this))
{
    setWindowTitle(tr("Sign In — PME Coach"));
    auto *title = new QLabel(tr("<h2>Sign in to PME Coach</h2>"), this);
    auto *database
        = new QLabel(tr("Database: %1").arg(QDir::toNativeSeparators(QFileInfo(storePath).fileName())), this);
    database->setToolTip(QDir::toNativeSeparators(QFileInfo(storePath).absoluteFilePath()));

    m_demoBanner = new QLabel(this);
    m_demoBanner->setObjectName(QStringLiteral("demoBanner"));
    m_demoBanner->setWordWrap(true);
    m_demoBanner->setTextFormat(Qt::RichText);
    m_demoBanner->setStyleSheet(
        QStringLiteral("QLabel { background: #fff3b0; color: #3d3000; border: 2px solid #c9a400;"
                       " border-radius: 4px; padding: 8px; }"));
    m_demoBanner->hide();

    m_username = new QLineEdit(this);
    m_username->setObjectName(QStringLiteral("username"));
    m_username->setAccessibleName(tr("User name"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout;
    form->addRow(tr("&User name:"), m_username);
    form->addRow(tr("&Password:"), m_password);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setMinimumHeight(m_message->fontMetrics().lineSpacing() * 2);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_submit = buttons->addButton(tr("Sign In"), QDialogButtonBox::AcceptRole);
    m_submit->setObjectName(QStringLiteral("signInButton"));
    m_submit->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &LoginDialog::onSubmit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_username, &QLineEdit::textChanged, this, &LoginDialog::updateSubmit);
    connect(m_password, &QLineEdit::textChanged, this, &LoginDialog::updateSubmit);
    connect(m_task, &SignInTask::signedIn, this, &LoginDialog::onSignedIn);
    connect(m_task, &SignInTask::refused, this, &LoginDialog::onRefused);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(database);
    layout->addWidget(m_demoBanner);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    setMinimumWidth(440);
    updateSubmit();
}

LoginDialog::~LoginDialog() = default;

void LoginDialog::setDemoAccounts(const QStringList &usernames)
{
    m_demoBanner->setVisible(!usernames.isEmpty());
    if (usernames.isEmpty())
        return;
    m_demoBanner->setText(
        tr("<b>DEMO</b> — this database has demo accounts: %1. Each has the published "
           "password <b>%2</b>; they are for demonstrations only.")
            .arg(usernames.join(QStringLiteral(", ")).toHtmlEscaped(), core::DemoAccounts::password().toHtmlEscaped()));
}

void LoginDialog::setUsername(const QString &username)
{
    m_username->setText(username);
    if (!username.isEmpty())
        m_password->setFocus();
}

bool LoginDialog::isBusy() const
{
    return m_task->isRunning();
}

void LoginDialog::updateSubmit()
{
    m_submit->setEnabled(!m_task->isRunning() && !m_username->text().trimmed().isEmpty()
                         && !m_password->text().isEmpty());
}

void LoginDialog::setBusy(bool busy)
{
    m_username->setEnabled(!busy);
    m_password->setEnabled(!busy);
    updateSubmit();
}

void LoginDialog::onSubmit()
{
    if (!m_submit->isEnabled())
        return;
    m_message->setStyleSheet(QString());
    m_message->setText(tr("Signing in…"));
    m_task->signIn(m_username->text(), m_password->text());
    setBusy(true);
    emit signInStarted();
}

void LoginDialog::onSignedIn(const core::ActingUser &user)
{
    m_user = user;
    m_password->clear();
    setBusy(false);
    accept();
}

void LoginDialog::onRefused(const QString &message)
{
    setBusy(false);
    m_message->setStyleSheet(QStringLiteral("QLabel { color: #a00000; font-weight: bold; }"));
    m_message->setText(message);
    m_password->clear();
    m_password->setFocus();
}

} // namespace pme::ui
