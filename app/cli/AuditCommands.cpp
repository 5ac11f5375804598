// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// audit verify, audit list: the audit log for program directors and administrators.
#include "CliContext.h"
#include "Command.h"
#include "ExitCode.h"
#include "domain/Dates.h"
#include "governance/AccessPolicy.h"
#include "governance/AuditLog.h"
#include "governance/UserDirectory.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pme::cli {

namespace {

QString problemKind(core::AuditProblem::Kind kind)
{
    switch (kind) {
    case core::AuditProblem::Kind::Altered:
        return QStringLiteral("altered");
    case core::AuditProblem::Kind::Forged:
        return QStringLiteral("forged");
    case core::AuditProblem::Kind::Missing:
        return QStringLiteral("missing");
    case core::AuditProblem::Kind::Relinked:
        break;
    }
    return QStringLiteral("relinked");
}

QJsonValue optionalJson(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

class AuditCommands final {
    Q_DECLARE_TR_FUNCTIONS(pme::cli::AuditCommands)

public:
    // "ID:HEX" as printed by a previous 'audit verify'.
    static std::optional<core::AuditAnchor> parseAnchor(const QString &text)
    {
        const qsizetype colon = text.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            return std::nullopt;
        bool ok = false;
        core::AuditAnchor anchor;
        anchor.id = text.left(colon).toLongLong(&ok);
        const QByteArray hex = text.mid(colon + 1).trimmed().toLatin1();
        anchor.hash = QByteArray::fromHex(hex);
        if (!ok || anchor.id <= 0 || anchor.hash.size() != 32 || anchor.hash.toHex() != hex.toLower())
            return std::nullopt;
        return anchor;
    }

    static core::Result<core::ActingUser> auditReader(CliContext &ctx, const QString &command)
    {
        const QString who = tr("The audit log is for program directors and administrators.");
        auto actor = ctx.actingUser(tr("read or verify the audit log"));
        if (!actor)
            return actor.error();
        if (!core::AccessPolicy::mayViewAudit(*actor))
            return core::makeError(core::ErrorKind::Denied,
                                   tr("%1 may not run '%2'.").arg(actor->username(), command) + QLatin1Char(' ') + who);
        return actor;
    }

    static int runVerify(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        std::optional<core::AuditAnchor> anchor;
        if (parser.isSet(QStringLiteral("anchor"))) {
            anchor = parseAnchor(parser.value(QStringLiteral("anchor")));
            if (!anchor)
                return ctx.usage(tr("--anchor takes ID:HEX as printed by 'audit verify' (64 hex digits)."),
                                 QStringLiteral("audit verify"));
        }
        auto actor = auditReader(ctx, QStringLiteral("audit verify"));
        if (!actor)
            return ctx.fail(actor.error());
        auto log = ctx.auditLog();
        if (!log)
            return ctx.fail(log.error());
        auto result = (*log)->verify((*ctx.store())->database(), anchor);
        if (!result)
            return ctx.fail(result.error());
        printVerification(ctx, *result);
        return result->isIntact() ? Ok : AuditBroken;
    }

    static void printVerification(CliContext &ctx, const core::AuditVerification &result)
    {
        const QString anchor
            = QStringLiteral("%1:%2").arg(result.lastId).arg(QString::fromLatin1(result.lastHash.toHex()));
        if (ctx.json()) {
            QJsonArray problems;
            for (const core::AuditProblem &problem : result.problems)
                problems.append(QJsonObject{{QStringLiteral("kind"), problemKind(problem.kind)},
                                            {QStringLiteral("entry_id"), problem.entryId},
                                            {QStringLiteral("message"), problem.message}});
            ctx.printJson(QJsonObject{
                {QStringLiteral("status"), result.isIntact() ? QStringLiteral("intact") : QStringLiteral("broken")},
                {QStringLiteral("entries"), result.entryCount},
                {QStringLiteral("last_id"), result.lastId},
                {QStringLiteral("last_hash"), QString::fromLatin1(result.lastHash.toHex())},
                {QStringLiteral("anchor"), anchor},
                {QStringLiteral("problems"), problems}});
            return;
        }
        if (result.isIntact()) {
            ctx.out() << tr("Checked %n audit entries: the chain is intact.", nullptr,
                            static_cast<int>(result.entryCount))
                      << Qt::endl;
        } else {
            ctx.out() << tr("Checked %n audit entries: the chain is BROKEN.", nullptr,
                            static_cast<int>(result.entryCount))
                      << Qt::endl;
            for (const core::AuditProblem &problem : result.problems)
                ctx.out()
                    << tr("  entry %1 (%2): %3").arg(problem.entryId).arg(problemKind(problem.kind), problem.message)
                    << Qt::endl;
        }
        ctx.out() << tr("Anchor: %1").arg(anchor) << Qt::endl
                  << tr("Keep the anchor outside the database; 'audit verify --anchor %1' later also detects "
                        "entries removed from the end.")
                         .arg(anchor)
                  << Qt::endl;
    }

    static core::Result<core::AuditFilter> filter(CliContext &ctx, const QCommandLineParser &parser,
                                                  const core::ActingUser &actor)
    {
        core::AuditFilter filter;
        if (parser.isSet(QStringLiteral("learner"))) {
            bool ok = false;
            filter.learnerId = parser.value(QStringLiteral("learner")).toLongLong(&ok);
            if (!ok)
                return core::makeError(core::ErrorKind::BadInput, tr("--learner takes a learner id (a number)."));
        }
        for (const char *name : {"from", "to"}) {
            const QString option = QString::fromLatin1(name);
            if (!parser.isSet(option))
                continue;
            const auto date = core::parseIsoDate(parser.value(option));
            if (!date)
                return core::makeError(core::ErrorKind::BadInput,
                                       tr("--%1 takes a date such as 2026-07-01.").arg(option));
            (option == QLatin1String("from") ? filter.from : filter.to) = *date;
        }
        if (parser.isSet(QStringLiteral("limit"))) {
            bool ok = false;
            filter.limit = parser.value(QStringLiteral("limit")).toInt(&ok);
            if (!ok || filter.limit <= 0)
                return core::makeError(core::ErrorKind::BadInput, tr("--limit takes a positive number."));
        }
        filter.action = parser.value(QStringLiteral("action")).trimmed();
        // --user is taken (the acting user): the filter is --by.
        if (parser.isSet(QStringLiteral("by"))) {
            auto id = core::UserDirectory::idOf((*ctx.store())->database(), actor, parser.value(QStringLiteral("by")));
            if (!id)
                return id.error();
            filter.userId = *id;
        }
        return filter;
    }

    static int runList(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        auto actor = auditReader(ctx, QStringLiteral("audit list"));
        if (!actor)
            return ctx.fail(actor.error());
        auto criteria = filter(ctx, parser, *actor);
        if (!criteria)
            return criteria.error().kind == core::ErrorKind::BadInput
                ? ctx.usage(criteria.error().message, QStringLiteral("audit list"))
                : ctx.fail(criteria.error());
        auto log = ctx.auditLog();
        if (!log)
            return ctx.fail(log.error());
        auto entries = (*log)->query((*ctx.store())->database(), *actor, *criteria);
        if (!entries)
            return ctx.fail(entries.error());
        if (ctx.json()) {
            QJsonArray array;
            for (const core::AuditEntry &e : *entries)
                array.append(QJsonObject{{QStringLiteral("id"), e.id},
                                         {QStringLiteral("at"), e.at},
                                         {QStringLiteral("user_id"), optionalJson(e.userId)},
                                         {QStringLiteral("username"), e.username},
                                         {QStringLiteral("action"), e.action},
                                         {QStringLiteral("entity_kind"), e.entityKind},
                                         {QStringLiteral("entity_id"), optionalJson(e.entityId)},
                                         {QStringLiteral("learner_id"), optionalJson(e.learnerId)},
                                         {QStringLiteral("details"), e.details}});
            ctx.printJson(array);
            return Ok;
        }
        for (const core::AuditEntry &e : *entries) {
            ctx.out() << QStringLiteral("%1  %2  %3  %4  %5  %6")
                             .arg(e.id, 6)
                             .arg(e.at, -24)
                             .arg(e.username.isEmpty() ? QStringLiteral("-") : e.username, -16)
                             .arg(e.action, -18)
                             .arg(e.learnerId ? QString::number(*e.learnerId) : QStringLiteral("-"), 6)
                             .arg(e.details)
                             .trimmed()
                      << Qt::endl;
        }
        return Ok;
    }

    static void addListOptions(QCommandLineParser &parser)
    {
        parser.addOptions({
            {QStringLiteral("learner"), tr("Only entries about this learner."), tr("ID")},
            {QStringLiteral("by"), tr("Only entries by this user."), tr("NAME")},
            {QStringLiteral("action"), tr("Only this action (login, login_failed, user_created, ...)."), tr("ACTION")},
            {QStringLiteral("from"), tr("Only entries on or after this day (UTC)."), tr("YYYY-MM-DD")},
            {QStringLiteral("to"), tr("Only entries on or before this day (UTC)."), tr("YYYY-MM-DD")},
            {QStringLiteral("limit"), tr("At most N entries, newest first (default 500)."), tr("N")},
        });
    }
};

} // namespace

QList<Command> auditCommands()
{
    using A = AuditCommands;
    return {
        {QStringLiteral("audit verify"),
         AuditCommands::tr("Check the audit chain for tampering (exit code 7 when broken)."), QString(), 0, 0,
         [](QCommandLineParser &parser) {
             parser.addOption({QStringLiteral("anchor"),
                               AuditCommands::tr("Also check that the chain still holds this earlier head."),
                               AuditCommands::tr("ID:HEX")});
         },
         A::runVerify},
        {QStringLiteral("audit list"), AuditCommands::tr("List audit entries, newest first."), QString(), 0, 0,
         A::addListOptions, A::runList},
    };
}

} // namespace pme::cli
