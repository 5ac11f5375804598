// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "governance/ActingUser.h"
#include "governance/GovernedStore.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonValue>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

namespace pme::cli {

/// What every command gets: the parsed global options, the output streams, the store with
/// its audit log and accounts, and the person --user names, signed in once per run.
class CliContext final {
    Q_DECLARE_TR_FUNCTIONS(pme::cli::CliContext)

public:
    CliContext(QString dbPath, bool json, QString userName = {});
    ~CliContext();
    CliContext(const CliContext &) = delete;
    CliContext &operator=(const CliContext &) = delete;

    bool json() const { return m_json; }
    const QString &databasePath() const { return m_dbPath; }
    /// The --user name (or $PMECOACH_USER); empty when none was given.
    const QString &userName() const { return m_userName; }
    bool hasUser() const { return !m_userName.isEmpty(); }

    /// Opens the store; with createIfMissing false a missing file is a NotFound error.
    core::Result<core::Store *> store(bool createIfMissing = false);
    /// The store with its audit log and accounts (the audit key is read on first use).
    core::Result<core::GovernedStore *> governed(bool createIfMissing = false);
    core::Result<core::AccountService *> accounts();
    core::Result<const core::AuditLog *> auditLog();

    /// Signs in the --user (password from $PMECOACH_PASSWORD, or asked for on the terminal)
    /// once per run. Without --user: Denied, saying that to do `what` (a verb phrase: "list
    /// learners") a user is needed, how to pass one and, in a store without accounts, how to
    /// create the first administrator.
    core::Result<core::ActingUser> actingUser(const QString &what);
    /// actingUser(), refused (Denied) unless a program director or an administrator: managing
    /// a program's data (syncs, identities, the analytics) is theirs (DESIGN.md).
    core::Result<core::ActingUser> dataManager(const QString &what);

    /// Who acts, on which store: what most commands start with.
    struct Session {
        core::ActingUser user;
        core::GovernedStore *store = nullptr;
        core::Database &db() const { return store->database(); }
    };
    enum class Needs { SignedIn, DataManager };
    /// actingUser() (or dataManager()) and governed() in one.
    core::Result<Session> session(const QString &what, Needs needs = Needs::SignedIn);
    /// The password the acting user signed in with (to confirm a change of their own).
    const QString &signInPassword() const { return m_signInPassword; }
    /// A new password for username: $PMECOACH_NEW_PASSWORD, or asked for twice on the terminal.
    core::Result<QString> newPassword(const QString &username);

    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }
    /// Prints a JSON document on stdout (for --json).
    void printJson(const QJsonValue &value);
    /// Reports an error on stderr (and as JSON on stdout with --json); returns its exit code.
    int fail(const core::Error &error);
    /// Reports a usage error with a hint; returns UsageError.
    int usage(const QString &message, const QString &command = {});

private:
    core::Error signInRequired(const QString &what);
    core::Result<QString> password();

    QString m_dbPath;
    bool m_json = false;
    QString m_userName;
    std::unique_ptr<core::GovernedStore> m_store;
    std::optional<core::ActingUser> m_user;
    QString m_signInPassword;
    QTextStream m_out;
    QTextStream m_err;
};

} // namespace pme::cli
