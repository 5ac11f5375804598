// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace pme::cli {

class CliContext;

/// One pmecoach-cli command, such as "frameworks import". Commands are grouped in files by
/// area (StoreCommands.cpp, ...) and registered in Cli.cpp.
struct Command {
    QString name;        ///< one to three words
    QString summary;     ///< one line for --help
    QString arguments;   ///< the positional arguments, for the usage line ("FILE...")
    int minArguments = 0;
    int maxArguments = 0;  ///< -1: any number
    std::function<void(QCommandLineParser &)> addOptions;
    std::function<int(CliContext &, const QCommandLineParser &, const QStringList &)> run;
};

QList<Command> storeCommands();
QList<Command> syncCommands();
QList<Command> userCommands();
QList<Command> auditCommands();
QList<Command> demoCommands();
QList<Command> analyticsCommands();
QList<Command> validityCommands();
// CCC meeting mode (docs/ccc.md)
QList<Command> cccCommands();
QList<Command> cccDecisionCommands();

} // namespace pme::cli
