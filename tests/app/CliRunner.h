// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs the real pmecoach-cli as a user meets it: its output and exit code, with a clean
// environment and no controlling terminal (so it never waits for a typed password).

#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <unistd.h>

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

// Environment for one run: PMECOACH_* variables and where the audit keys go.
using Environment = QMap<QString, QString>;

/// Where the runs keep their audit keys: set by each test's initTestCase().
inline QString s_configHome;

inline Run cli(const QStringList &arguments, const Environment &extra = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"PMECOACH_DB", "PMECOACH_USER", "PMECOACH_PASSWORD", "PMECOACH_NEW_PASSWORD"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    // The audit keys live in the user's configuration folder: keep the tests' in the temporary one.
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), s_configHome);
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        env.insert(it.key(), it.value());
    process.setProcessEnvironment(env);
    // No controlling terminal: the CLI must never wait for a typed password in a test.
    process.setChildProcessModifier([] { ::setsid(); });
    process.start(QStringLiteral(PME_CLI_PATH), arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

inline Environment password(const QString &password)
{
    return {{QStringLiteral("PMECOACH_PASSWORD"), password}};
}

inline Environment newPassword(const QString &password)
{
    return {{QStringLiteral("PMECOACH_NEW_PASSWORD"), password}};
}

inline Environment both(const QString &current, const QString &next)
{
    return {{QStringLiteral("PMECOACH_PASSWORD"), current}, {QStringLiteral("PMECOACH_NEW_PASSWORD"), next}};
}

/// The demo accounts' password (core::DemoAccounts).
inline const QString kDemoPassword = QStringLiteral("pmecoach-demo");

/// Builds the demo store at db with `pmecoach-cli demo`, its export files in filesDir.
inline Run buildDemoStore(const QString &filesDir, const QString &db)
{
    return cli({QStringLiteral("demo"), QStringLiteral("--out"), filesDir, QStringLiteral("--store"), db});
}

/// Runs a command on db as one of the demo accounts.
inline Run asDemoUser(const QString &db, const QString &user, const QStringList &arguments)
{
    return cli(QStringList{QStringLiteral("--db"), db, QStringLiteral("--user"), user} + arguments,
               password(kDemoPassword));
}
