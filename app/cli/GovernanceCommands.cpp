// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// users add|list|passwd|assign|activate|deactivate|demo, users role add|remove.
// Every decision about who may do what is core's (AccountService, AccessPolicy); these
// commands turn arguments into calls and results into text or JSON.
#include "CliContext.h"
#include "Command.h"
#include "ExitCode.h"
#include "domain/Dates.h"
#include "governance/AccessPolicy.h"
#include "governance/AccountService.h"
#include "governance/DemoAccounts.h"
#include "governance/UserDirectory.h"
#include "store/ProgramRepository.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace pme::cli {

namespace {

class UserCommands final {
    Q_DECLARE_TR_FUNCTIONS(pme::cli::UserCommands)

public:
    static std::optional<core::Role> parseRole(const QString &text)
    {
        QString key = text.trimmed().toLower();
        key.replace(QLatin1Char('-'), QLatin1Char('_'));
        if (key == QLatin1String("ccc"))
            return core::Role::CccMember;
        if (key == QLatin1String("director"))
            return core::Role::ProgramDirector;
        return core::roleFromKey(key);
    }

    static QString roleKeys() { return QStringLiteral("learner, coach, ccc_member, program_director, admin"); }

    // The program --program names, or every program when it is absent.
    static core::Result<std::optional<qint64>> programOption(CliContext &ctx, const QCommandLineParser &parser)
    {
        if (!parser.isSet(QStringLiteral("program")))
            return std::optional<qint64>();
        auto store = ctx.store();
        if (!store)
            return store.error();
        auto program
            = core::ProgramRepository((*store)->database()).findByCode(parser.value(QStringLiteral("program")));
        if (!program)
            return program.error();
        return std::optional<qint64>(program->id);
    }

    static std::optional<qint64> idOption(const QCommandLineParser &parser, const QString &name, bool *ok)
    {
        if (!parser.isSet(name))
            return std::nullopt;
        const qint64 id = parser.value(name).toLongLong(ok);
        if (*ok && id <= 0)
            *ok = false;
        return id;
    }

    static QString grantText(const core::RoleGrant &grant, const QHash<qint64, QString> &programCodes)
    {
        const QString key = core::roleKey(grant.role);
        return grant.programId ? key + QLatin1Char('@') + programCodes.value(*grant.programId) : key;
    }

    static QHash<qint64, QString> programCodes(core::Database &db)
    {
        QHash<qint64, QString> codes;
        if (auto programs = core::ProgramRepository(db).list()) {
            for (const core::Program &program : *programs)
                codes.insert(program.id, program.code);
        }
        return codes;
    }

    static core::Result<qint64> userId(CliContext &ctx, const core::ActingUser &actor, const QString &name)
    {
        auto store = ctx.store();
        if (!store)
            return store.error();
        return core::UserDirectory::idOf((*store)->database(), actor, name);
    }

    static core::Result<QList<core::Role>> rolesOption(const QCommandLineParser &parser)
    {
        QList<core::Role> roles;
        for (const QString &text : parser.values(QStringLiteral("role"))) {
            const auto role = parseRole(text);
            if (!role)
                return core::makeError(core::ErrorKind::BadInput,
                                       tr("There is no role '%1'. The roles are: %2.").arg(text, roleKeys()));
            if (!roles.contains(*role))
                roles.append(*role);
        }
        return roles;
    }

    static core::Result<core::NewAccount> newAccount(CliContext &ctx, const QCommandLineParser &parser,
                                                     const QString &username)
    {
        auto roles = rolesOption(parser);
        if (!roles)
            return roles.error();
        bool ok = true;
        const auto learnerId = idOption(parser, QStringLiteral("learner"), &ok);
        if (!ok)
            return core::makeError(core::ErrorKind::BadInput, tr("--learner takes a learner id (a number)."));
        if (roles->isEmpty() && !learnerId)
            return core::makeError(core::ErrorKind::BadInput,
                                   tr("Give the account a role with --role (%1).").arg(roleKeys()));
        if (roles->contains(core::Role::Learner) && !learnerId)
            return core::makeError(core::ErrorKind::BadInput,
                                   tr("A learner account belongs to a learner: add --learner ID "
                                      "('pmecoach-cli learners list' shows the ids)."));
        auto program = programOption(ctx, parser);
        if (!program)
            return program.error();
        core::NewAccount account;
        account.username = username;
        account.displayName = parser.value(QStringLiteral("display-name"));
        account.learnerId = learnerId;
        account.demo = parser.isSet(QStringLiteral("demo"));
        // The learner role comes with the link to the learner, in the learner's program.
        for (core::Role role : std::as_const(*roles)) {
            if (role != core::Role::Learner)
                account.roles.append({role, *program});
        }
        return account;
    }

    static core::Result<qint64> createAccount(CliContext &ctx, const core::NewAccount &account)
    {
        auto service = ctx.accounts();
        if (!service)
            return service.error();
        auto firstRun = (*service)->needsFirstAdministrator();
        if (!firstRun)
            return firstRun.error();
        if (*firstRun) {
            // The first run: nobody can sign in yet, so the first account is made without --user.
            if (!account.roles.contains(core::RoleGrant{core::Role::Admin, std::nullopt}))
                return core::makeError(core::ErrorKind::Denied,
                                       tr("This database has no accounts yet, and the first one must be an "
                                          "administrator of every program: 'pmecoach-cli users add NAME --role "
                                          "admin'."));
            auto password = ctx.newPassword(account.username);
            if (!password)
                return password.error();
            auto admin = (*service)->createFirstAdministrator(account, *password);
            if (!admin)
                return admin.error();
            return admin->id();
        }
        auto actor = ctx.actingUser(tr("add accounts"));
        if (!actor)
            return actor.error();
        if (!core::AccessPolicy::mayManageAccounts(*actor))
            return core::makeError(core::ErrorKind::Denied, tr("Only an administrator can add accounts."));
        auto password = ctx.newPassword(account.username);
        if (!password)
            return password.error();
        return (*service)->createUser(*actor, account, *password);
    }

    static int runAdd(CliContext &ctx, const QCommandLineParser &parser, const QStringList &args)
    {
        auto account = newAccount(ctx, parser, args.first());
        if (!account)
            return account.error().kind == core::ErrorKind::BadInput
                ? ctx.usage(account.error().message, QStringLiteral("users add"))
                : ctx.fail(account.error());
        auto id = createAccount(ctx, *account);
        if (!id)
            return ctx.fail(id.error());
        if (ctx.json()) {
            ctx.printJson(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                      {QStringLiteral("id"), *id},
                                      {QStringLiteral("username"), account->username.trimmed()}});
        } else {
            ctx.out() << tr("Created the account %1 (id %2).").arg(account->username.trimmed()).arg(*id) << Qt::endl;
        }
        return Ok;
    }

    static QJsonObject summaryJson(const core::AccountSummary &user, const QHash<qint64, QString> &codes)
    {
        QJsonArray roles;
        for (const core::RoleGrant &grant : user.roles)
            roles.append(grantText(grant, codes));
        return {{QStringLiteral("id"), user.id},
                {QStringLiteral("username"), user.username},
                {QStringLiteral("display_name"), user.displayName},
                {QStringLiteral("roles"), roles},
                {QStringLiteral("learner_id"), user.learnerId ? QJsonValue(*user.learnerId) : QJsonValue()},
                {QStringLiteral("demo"), user.demo},
                {QStringLiteral("active"), user.active},
                {QStringLiteral("failed_logins"), user.failedLogins},
                {QStringLiteral("locked_until"), user.lockedUntil},
                {QStringLiteral("last_login_at"), user.lastLoginAt}};
    }

    static QString summaryLine(const core::AccountSummary &user, const QHash<qint64, QString> &codes)
    {
        QStringList roles;
        for (const core::RoleGrant &grant : user.roles)
            roles << grantText(grant, codes);
        QStringList marks;
        if (user.demo)
            marks << tr("DEMO");
        if (!user.active)
            marks << tr("deactivated");
        if (!user.lockedUntil.isEmpty())
            marks << tr("locked until %1").arg(user.lockedUntil);
        return QStringLiteral("%1  %2  %3  %4")
            .arg(user.username, -16)
            .arg(user.displayName, -24)
            .arg(roles.join(QLatin1Char(',')), -28)
            .arg(marks.join(QLatin1Char(' ')))
            .trimmed();
    }

    static int runList(CliContext &ctx, const QCommandLineParser &, const QStringList &)
    {
        auto actor = ctx.actingUser(tr("list the accounts"));
        if (!actor)
            return ctx.fail(actor.error());
        auto service = ctx.accounts();
        if (!service)
            return ctx.fail(service.error());
        auto users = (*service)->listUsers(*actor);
        if (!users)
            return ctx.fail(users.error());
        const auto codes = programCodes((*ctx.store())->database());
        if (ctx.json()) {
            QJsonArray array;
            for (const auto &user : *users)
                array.append(summaryJson(user, codes));
            ctx.printJson(array);
            return Ok;
        }
        for (const auto &user : *users)
            ctx.out() << summaryLine(user, codes) << Qt::endl;
        return Ok;
    }

    static core::Result<void> changePassword(CliContext &ctx, const core::ActingUser &actor, const QString &name)
    {
        auto service = ctx.accounts();
        if (!service)
            return service.error();
        if (name.trimmed().compare(actor.username(), Qt::CaseInsensitive) == 0) {
            auto password = ctx.newPassword(actor.username());
            if (!password)
                return password.error();
            return (*service)->changeOwnPassword(actor, ctx.signInPassword(), *password);
        }
        if (!core::AccessPolicy::mayManageAccounts(actor))
            return core::makeError(core::ErrorKind::Denied,
                                   tr("Only an administrator can set another user's password. You can change "
                                      "your own: 'pmecoach-cli --user %1 users passwd %1'.")
                                       .arg(actor.username()));
        auto id = userId(ctx, actor, name);
        if (!id)
            return id.error();
        auto password = ctx.newPassword(name.trimmed());
        if (!password)
            return password.error();
        return (*service)->setPassword(actor, *id, *password);
    }

    static int runPasswd(CliContext &ctx, const QCommandLineParser &, const QStringList &args)
    {
        auto actor = ctx.actingUser(tr("change a password"));
        if (!actor)
            return ctx.fail(actor.error());
        if (auto r = changePassword(ctx, *actor, args.first()); !r)
            return ctx.fail(r.error());
        if (ctx.json())
            ctx.printJson(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
        else
            ctx.out() << tr("Changed the password of %1.").arg(args.first().trimmed()) << Qt::endl;
        return Ok;
    }

    // The acting administrator and the id of the account NAME, for the commands that change one.
    static core::Result<std::pair<core::ActingUser, qint64>> adminAndUser(CliContext &ctx, const QString &name)
    {
        auto actor = ctx.actingUser(tr("change accounts"));
        if (!actor)
            return actor.error();
        if (!core::AccessPolicy::mayManageAccounts(*actor))
            return core::makeError(core::ErrorKind::Denied, tr("Only an administrator can change accounts."));
        auto id = userId(ctx, *actor, name);
        if (!id)
            return id.error();
        return std::pair(*actor, *id);
    }

    static int done(CliContext &ctx, const core::Result<void> &result, const QString &message)
    {
        if (!result)
            return ctx.fail(result.error());
        if (ctx.json())
            ctx.printJson(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
        else
            ctx.out() << message << Qt::endl;
        return Ok;
    }

    static int runAssign(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        bool ok = true;
        const auto learnerId = idOption(parser, QStringLiteral("learner"), &ok);
        if (!parser.isSet(QStringLiteral("coach")) || !learnerId || !ok)
            return ctx.usage(tr("'users assign' needs --coach NAME and --learner ID."), QStringLiteral("users assign"));
        QDate date;
        if (parser.isSet(QStringLiteral("date"))) {
            const auto parsed = core::parseIsoDate(parser.value(QStringLiteral("date")));
            if (!parsed)
                return ctx.usage(tr("--date takes a date such as 2026-07-01."), QStringLiteral("users assign"));
            date = *parsed;
        }
        const QString coach = parser.value(QStringLiteral("coach"));
        auto who = adminAndUser(ctx, coach);
        if (!who)
            return ctx.fail(who.error());
        auto service = *ctx.accounts();
        if (parser.isSet(QStringLiteral("end")))
            return done(ctx, service->endCoachAssignment(who->first, who->second, *learnerId, date),
                        tr("Ended the assignment of %1 to learner %2.").arg(coach).arg(*learnerId));
        auto assigned = service->assignCoach(who->first, who->second, *learnerId, date);
        if (!assigned)
            return ctx.fail(assigned.error());
        return done(ctx, {}, tr("Assigned %1 as coach of learner %2.").arg(coach).arg(*learnerId));
    }

    static int runRole(CliContext &ctx, const QCommandLineParser &parser, const QStringList &args, bool add)
    {
        const QString command = add ? QStringLiteral("users role add") : QStringLiteral("users role remove");
        auto roles = rolesOption(parser);
        if (!roles)
            return ctx.usage(roles.error().message, command);
        if (roles->size() != 1)
            return ctx.usage(tr("Give one --role (%1).").arg(roleKeys()), command);
        auto program = programOption(ctx, parser);
        if (!program)
            return ctx.fail(program.error());
        auto who = adminAndUser(ctx, args.first());
        if (!who)
            return ctx.fail(who.error());
        const core::RoleGrant grant{roles->first(), *program};
        auto service = *ctx.accounts();
        const QString role = core::roleDisplayName(grant.role);
        if (add)
            return done(ctx, service->addRole(who->first, who->second, grant),
                        tr("%1 now holds the role %2.").arg(args.first(), role));
        return done(ctx, service->removeRole(who->first, who->second, grant),
                    tr("%1 no longer holds the role %2.").arg(args.first(), role));
    }

    static int runActive(CliContext &ctx, const QStringList &args, bool active)
    {
        auto who = adminAndUser(ctx, args.first());
        if (!who)
            return ctx.fail(who.error());
        return done(ctx, (*ctx.accounts())->setActive(who->first, who->second, active),
                    active ? tr("Reactivated the account %1.").arg(args.first())
                           : tr("Deactivated the account %1.").arg(args.first()));
    }

    static int runDemo(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        auto store = ctx.governed();
        if (!store)
            return ctx.fail(store.error());
        core::Database &db = (*store)->database();
        auto demoStore = core::DemoAccounts::isDemoStore(db);
        if (!demoStore)
            return ctx.fail(demoStore.error());
        if (!*demoStore && !parser.isSet(QStringLiteral("yes")))
            return ctx.usage(tr("This is not a demo database, and demo accounts have a published password. "
                                "Add --yes to create them anyway."),
                             QStringLiteral("users demo"));
        auto service = (*store)->accounts();
        if (!service)
            return ctx.fail(service.error());
        auto firstRun = (*service)->needsFirstAdministrator();
        if (!firstRun)
            return ctx.fail(firstRun.error());
        core::ActingUser actor;
        if (!*firstRun) {
            auto admin = ctx.actingUser(tr("add the demo accounts"));
            if (!admin)
                return ctx.fail(admin.error());
            actor = *admin;
        }
        auto created = core::DemoAccounts::create(db, **service, actor);
        if (!created)
            return ctx.fail(created.error());
        return printDemoAccounts(ctx, *created);
    }

    static int printDemoAccounts(CliContext &ctx, const core::DemoAccountsCreated &created)
    {
        const QList<core::DemoAccount> accounts = core::DemoAccounts::accounts();
        if (ctx.json()) {
            QJsonArray array;
            for (const core::DemoAccount &account : accounts)
                array.append(QJsonObject{{QStringLiteral("username"), account.username},
                                         {QStringLiteral("role"), core::roleKey(account.role)}});
            QJsonArray coached;
            for (qint64 id : created.coachedLearners)
                coached.append(id);
            ctx.printJson(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                      {QStringLiteral("accounts"), array},
                                      {QStringLiteral("password"), core::DemoAccounts::password()},
                                      {QStringLiteral("coached_learners"), coached},
                                      {QStringLiteral("linked_learner"), created.linkedLearner}});
            return Ok;
        }
        ctx.out() << tr("Created the demo accounts (password for each: %1):").arg(core::DemoAccounts::password())
                  << Qt::endl;
        for (const core::DemoAccount &account : accounts)
            ctx.out() << QStringLiteral("  %1  %2").arg(account.username, -14).arg(core::roleDisplayName(account.role))
                      << Qt::endl;
        QStringList coached;
        for (qint64 id : created.coachedLearners)
            coached << QString::number(id);
        ctx.out() << tr("demo-coach coaches learners %1; demo-learner is learner %2.")
                         .arg(coached.join(QStringLiteral(", ")))
                         .arg(created.linkedLearner)
                  << Qt::endl;
        return Ok;
    }

    static void addAddOptions(QCommandLineParser &parser)
    {
        parser.addOptions({
            {QStringLiteral("role"), tr("A role (%1); may be repeated.").arg(roleKeys()), tr("ROLE")},
            {QStringLiteral("program"), tr("Hold the roles in this program only (default: every program)."),
             tr("CODE")},
            {QStringLiteral("display-name"), tr("The name shown for the account."), tr("TEXT")},
            {QStringLiteral("learner"), tr("Link a learner account to this learner."), tr("ID")},
            {QStringLiteral("demo"), tr("Mark the account as a demo account.")},
        });
    }

    static void addRoleOptions(QCommandLineParser &parser)
    {
        parser.addOptions({
            {QStringLiteral("role"), tr("The role (%1).").arg(roleKeys()), tr("ROLE")},
            {QStringLiteral("program"), tr("The program the role is held in (default: every program)."), tr("CODE")},
        });
    }

    static void addAssignOptions(QCommandLineParser &parser)
    {
        parser.addOptions({
            {QStringLiteral("coach"), tr("The coach's user name."), tr("NAME")},
            {QStringLiteral("learner"), tr("The learner's id."), tr("ID")},
            {QStringLiteral("end"), tr("End the assignment instead (from --date, default today).")},
            {QStringLiteral("date"), tr("The first day with (or, with --end, without) the assignment."),
             tr("YYYY-MM-DD")},
        });
    }
};

} // namespace

QList<Command> userCommands()
{
    using U = UserCommands;
    return {
        {QStringLiteral("users add"),
         UserCommands::tr("Add an account (the first one, an administrator, needs no --user)."),
         UserCommands::tr("NAME"), 1, 1, U::addAddOptions, U::runAdd},
        {QStringLiteral("users list"), UserCommands::tr("List the accounts (administrators)."), QString(), 0, 0,
         nullptr, U::runList},
        {QStringLiteral("users passwd"), UserCommands::tr("Change your password, or (administrators) set someone's."),
         UserCommands::tr("NAME"), 1, 1, nullptr, U::runPasswd},
        {QStringLiteral("users assign"),
         UserCommands::tr("Assign a coach to a learner, or end it with --end (administrators)."), QString(), 0, 0,
         U::addAssignOptions, U::runAssign},
        {QStringLiteral("users role add"), UserCommands::tr("Give an account a role (administrators)."),
         UserCommands::tr("NAME"), 1, 1, U::addRoleOptions,
         [](CliContext &ctx, const QCommandLineParser &p, const QStringList &a) {
             return U::runRole(ctx, p, a, true);
         }},
        {QStringLiteral("users role remove"), UserCommands::tr("Take a role from an account (administrators)."),
         UserCommands::tr("NAME"), 1, 1, U::addRoleOptions,
         [](CliContext &ctx, const QCommandLineParser &p, const QStringList &a) {
             return U::runRole(ctx, p, a, false);
         }},
        {QStringLiteral("users deactivate"),
         UserCommands::tr("Deactivate an account; it cannot sign in (administrators)."), UserCommands::tr("NAME"), 1, 1,
         nullptr,
         [](CliContext &ctx, const QCommandLineParser &, const QStringList &a) { return U::runActive(ctx, a, false); }},
        {QStringLiteral("users activate"), UserCommands::tr("Reactivate an account (administrators)."),
         UserCommands::tr("NAME"), 1, 1, nullptr,
         [](CliContext &ctx, const QCommandLineParser &, const QStringList &a) { return U::runActive(ctx, a, true); }},
        {QStringLiteral("users demo"), UserCommands::tr("Create one demo account per role (demo databases, or --yes)."),
         QString(), 0, 0,
         [](QCommandLineParser &parser) {
             parser.addOption({QStringLiteral("yes"),
                               UserCommands::tr("Create them in a database that is not a demo "
                                                "database.")});
         },
         U::runDemo},
    };
}

} // namespace pme::cli
