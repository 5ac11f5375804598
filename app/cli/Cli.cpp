// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Cli.h"

#include "CliContext.h"
#include "Command.h"
#include "ExitCode.h"
#include "Version.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QProcessEnvironment>

namespace pme::cli {

namespace {

struct GlobalOptions {
    QCommandLineOption db{QStringLiteral("db"),
                          QCoreApplication::translate("pme::cli", "The PME Coach database to use (default: %1, "
                                                                   "or $PMECOACH_DB).")
                              .arg(core::Store::defaultPath()),
                          QCoreApplication::translate("pme::cli", "PATH")};
    QCommandLineOption user{QStringLiteral("user"),
                            QCoreApplication::translate("pme::cli", "Act as this user (or $PMECOACH_USER); the password "
                                                                     "comes from $PMECOACH_PASSWORD or is asked for."),
                            QCoreApplication::translate("pme::cli", "NAME")};
    QCommandLineOption json{QStringLiteral("json"),
                            QCoreApplication::translate("pme::cli", "Print results as JSON.")};
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")},
                            QCoreApplication::translate("pme::cli", "Show help (for a command: COMMAND --help).")};
    QCommandLineOption version{QStringLiteral("version"),
                               QCoreApplication::translate("pme::cli", "Show the version.")};

    void addTo(QCommandLineParser &parser) const
    {
        parser.addOption(db);
        parser.addOption(user);
        parser.addOption(json);
        parser.addOption(help);
        parser.addOption(version);
    }
};

QList<Command> allCommands()
{
    QList<Command> commands;
    commands += storeCommands();
    commands += syncCommands();
    commands += userCommands();
    commands += auditCommands();
    commands += demoCommands();
    commands += analyticsCommands();
    commands += validityCommands();
    // CCC meeting mode (docs/ccc.md)
    commands += cccCommands();
    commands += cccDecisionCommands();
    return commands;
}

QString overview(const QList<Command> &commands, const QCommandLineParser &parser)
{
    QString text = QCoreApplication::translate("pme::cli", "Usage: pmecoach-cli [--db PATH] [--user NAME] [--json] COMMAND "
                                                           "...\n\n"
                                                           "PME Coach from the command line: the same store and "
                                                           "core as the desktop application.\n\nCommands:\n");
    for (const Command &command : commands)
        text += QStringLiteral("  %1 %2\n      %3\n").arg(command.name, command.arguments, command.summary);
    text += QLatin1Char('\n') + parser.helpText().section(QLatin1Char('\n'), 2);
    text += QCoreApplication::translate("pme::cli", "\nExit codes: 0 ok, 1 failure, 2 usage error, 3 bad input, "
                                                    "4 database refused, 5 access denied, 6 not found, "
                                                    "7 audit chain broken.\n");
    return text;
}

// The command whose words open the positional arguments, preferring the longest name.
const Command *findCommand(const QList<Command> &commands, const QStringList &positional, int *words)
{
    for (int n = 3; n >= 1; --n) {
        if (positional.size() < n)
            continue;
        const QString name = positional.mid(0, n).join(QLatin1Char(' '));
        for (const Command &command : commands) {
            if (command.name == name) {
                *words = n;
                return &command;
            }
        }
    }
    return nullptr;
}

QString userName(const QCommandLineParser &parser, const GlobalOptions &global)
{
    return parser.isSet(global.user) ? parser.value(global.user).trimmed()
                                     : qEnvironmentVariable("PMECOACH_USER").trimmed();
}

QString databasePath(const QCommandLineParser &parser, const GlobalOptions &global)
{
    if (parser.isSet(global.db))
        return parser.value(global.db);
    const QString fromEnvironment = QProcessEnvironment::systemEnvironment().value(QStringLiteral("PMECOACH_DB"));
    return fromEnvironment.isEmpty() ? core::Store::defaultPath() : fromEnvironment;
}

} // namespace

int run(const QStringList &arguments)
{
    const GlobalOptions global;
    const QList<Command> commands = allCommands();

    QCommandLineParser first;
    first.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    global.addTo(first);
    // Command options are unknown at this stage; only the command words matter here.
    (void)first.parse(arguments);
    CliContext bare(QString(), false);
    if (first.isSet(global.version)) {
        bare.out() << "pmecoach-cli " << core::kVersion << Qt::endl;
        return Ok;
    }
    const QStringList positional = first.positionalArguments();
    int words = 0;
    const Command *command = findCommand(commands, positional, &words);
    if (!command) {
        if (positional.isEmpty() && first.isSet(global.help)) {
            bare.out() << overview(commands, first);
            return Ok;
        }
        if (positional.isEmpty())
            return bare.usage(QCoreApplication::translate("pme::cli", "no command given."));
        return bare.usage(QCoreApplication::translate("pme::cli", "unknown command '%1'.").arg(positional.join(QLatin1Char(' '))));
    }

    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    parser.setApplicationDescription(command->summary);
    global.addTo(parser);
    if (command->addOptions)
        command->addOptions(parser);
    parser.addPositionalArgument(command->name, command->summary, command->name + QLatin1Char(' ') + command->arguments);
    if (!parser.parse(arguments))
        return bare.usage(parser.errorText(), command->name);
    if (parser.isSet(global.help)) {
        bare.out() << parser.helpText();
        return Ok;
    }
    const QStringList args = parser.positionalArguments().mid(words);
    if (args.size() < command->minArguments || (command->maxArguments >= 0 && args.size() > command->maxArguments))
        return bare.usage(QCoreApplication::translate("pme::cli", "'%1' expects %2.")
                              .arg(command->name,
                                   command->arguments.isEmpty() ? QCoreApplication::translate("pme::cli", "no arguments")
                                                                : command->arguments),
                          command->name);

    CliContext context(databasePath(parser, global), parser.isSet(global.json), userName(parser, global));
    return command->run(context, parser, args);
}

} // namespace pme::cli
