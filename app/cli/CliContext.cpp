// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliContext.h"

#include "ExitCode.h"
#include "PasswordPrompt.h"
#include "governance/AccountService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace pme::cli {

namespace {

QString kindName(core::ErrorKind kind)
{
    switch (kind) {
    case core::ErrorKind::Io:
        return QStringLiteral("io");
    case core::ErrorKind::BadInput:
        return QStringLiteral("bad_input");
    case core::ErrorKind::Refused:
        return QStringLiteral("database_refused");
    case core::ErrorKind::NotFound:
        return QStringLiteral("not_found");
    case core::ErrorKind::Conflict:
        return QStringLiteral("conflict");
    case core::ErrorKind::Denied:
        return QStringLiteral("access_denied");
    case core::ErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    case core::ErrorKind::Internal:
        break;
    }
    return QStringLiteral("internal");
}

} // namespace

CliContext::CliContext(QString dbPath, bool json, QString userName)
    : m_dbPath(std::move(dbPath)), m_json(json), m_userName(std::move(userName)), m_out(stdout), m_err(stderr)
{
}

CliContext::~CliContext()
{
    m_signInPassword.fill(QChar(0));
}

core::Result<core::GovernedStore *> CliContext::governed(bool createIfMissing)
{
    if (!m_store) {
        core::GovernedStore::Options options;
        options.store.createIfMissing = createIfMissing;
        auto opened = core::GovernedStore::open(m_dbPath, options);
        if (!opened)
            return opened.error();
        m_store = std::move(opened).value();
        if (!m_store->store().backupPath().isEmpty() && !m_json)
            m_err
                << tr("Upgraded the database; the previous version was saved as %1").arg(m_store->store().backupPath())
                << Qt::endl;
    }
    return m_store.get();
}

core::Result<core::Store *> CliContext::store(bool createIfMissing)
{
    auto opened = governed(createIfMissing);
    if (!opened)
        return opened.error();
    return &(*opened)->store();
}

core::Result<core::AccountService *> CliContext::accounts()
{
    auto opened = governed();
    if (!opened)
        return opened.error();
    return (*opened)->accounts();
}

core::Result<const core::AuditLog *> CliContext::auditLog()
{
    auto opened = governed();
    if (!opened)
        return opened.error();
    return (*opened)->audit();
}

core::Error CliContext::signInRequired(const QString &what)
{
    QString message = tr("To %1, say who you are with --user NAME (the password is read from $PMECOACH_PASSWORD, "
                         "or asked for on the terminal).")
                          .arg(what);
    if (auto service = accounts()) {
        if (auto firstRun = (*service)->needsFirstAdministrator(); firstRun && *firstRun)
            message += QLatin1Char(' ')
                + tr("This database has no accounts yet: create the first administrator with "
                     "'pmecoach-cli users add NAME --role admin'.");
    }
    return core::makeError(core::ErrorKind::Denied, message);
}

core::Result<QString> CliContext::password()
{
    const QString fromEnvironment = qEnvironmentVariable("PMECOACH_PASSWORD");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    if (auto typed = promptForSecret(tr("Password for %1: ").arg(m_userName)))
        return *typed;
    return core::makeError(core::ErrorKind::Denied,
                           tr("No password for %1: set PMECOACH_PASSWORD, or run pmecoach-cli in a terminal "
                              "to be asked for it.")
                               .arg(m_userName));
}

core::Result<core::ActingUser> CliContext::actingUser(const QString &what)
{
    if (m_user)
        return *m_user;
    if (!hasUser())
        return signInRequired(what);
    auto service = accounts();
    if (!service)
        return service.error();
    auto secret = password();
    if (!secret)
        return secret.error();
    auto user = (*service)->login(m_userName, *secret);
    if (!user)
        return core::makeError(user.error().kind, tr("Cannot sign in as %1: %2").arg(m_userName, user.error().message));
    m_signInPassword = *secret;
    m_user = *user;
    return *user;
}

core::Result<QString> CliContext::newPassword(const QString &username)
{
    const QString fromEnvironment = qEnvironmentVariable("PMECOACH_NEW_PASSWORD");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    auto first = promptForSecret(tr("New password for %1: ").arg(username));
    if (!first)
        return core::makeError(core::ErrorKind::BadInput,
                               tr("No new password: set PMECOACH_NEW_PASSWORD, or run pmecoach-cli in a "
                                  "terminal to be asked for it."));
    auto again = promptForSecret(tr("Type it again: "));
    if (!again || *again != *first)
        return core::makeError(core::ErrorKind::BadInput, tr("The two passwords differ; nothing was changed."));
    return *first;
}

void CliContext::printJson(const QJsonValue &value)
{
    const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    m_out << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    m_out.flush();
}

int CliContext::fail(const core::Error &error)
{
    m_err << tr("pmecoach-cli: %1").arg(error.message) << Qt::endl;
    if (m_json)
        printJson(QJsonObject{{QStringLiteral("status"), QStringLiteral("error")},
                              {QStringLiteral("error"), kindName(error.kind)},
                              {QStringLiteral("message"), error.message}});
    return exitCodeFor(error.kind);
}

int CliContext::usage(const QString &message, const QString &command)
{
    m_err << tr("pmecoach-cli: %1").arg(message) << Qt::endl;
    m_err << (command.isEmpty() ? tr("Run 'pmecoach-cli --help' for the list of commands.")
                                : tr("Run 'pmecoach-cli %1 --help' for its options.").arg(command))
          << Qt::endl;
    return UsageError;
}

core::Result<core::ActingUser> CliContext::dataManager(const QString &what)
{
    auto user = actingUser(what);
    if (!user)
        return user;
    if (!user->hasRole(core::Role::ProgramDirector) && !user->hasRole(core::Role::Admin))
        return core::makeError(
            core::ErrorKind::Denied,
            tr("%1 may not %2: only a program director or an administrator may.").arg(user->username(), what));
    return user;
}

core::Result<CliContext::Session> CliContext::session(const QString &what, Needs needs)
{
    auto user = needs == Needs::DataManager ? dataManager(what) : actingUser(what);
    if (!user)
        return user.error();
    auto store = governed();
    if (!store)
        return store.error();
    return Session{std::move(*user), *store};
}

} // namespace pme::cli
