// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ccc decide, ccc supersede: the committee's decisions from the command line (docs/cli.md).
#include "CliContext.h"
#include "Command.h"
#include "ExitCode.h"
#include "ccc/DecisionService.h"
#include "ccc/MeetingService.h"
#include "ccc/PacketBuilder.h"
#include "domain/Dates.h"
#include "governance/AuditLog.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pme::cli {

namespace {

using namespace core::ccc;

class CccDecideCommands final {
    Q_DECLARE_TR_FUNCTIONS(pme::cli::CccDecideCommands)

public:
    static std::optional<qint64> id(const QCommandLineParser &parser, const char *name)
    {
        bool ok = false;
        const qint64 value = parser.value(QString::fromLatin1(name)).toLongLong(&ok);
        return ok && value > 0 ? std::optional<qint64>(value) : std::nullopt;
    }

    /// --level CODE=LEVEL[:RATIONALE]
    static core::Result<void> applyLevel(const QString &spec, const QList<ProposedLevel> &proposals,
                                         QList<LevelChoice> &levels)
    {
        const qsizetype eq = spec.indexOf(QLatin1Char('='));
        const QString code = spec.left(eq).trimmed();
        const QString rest = eq < 0 ? QString() : spec.mid(eq + 1);
        const qsizetype colon = rest.indexOf(QLatin1Char(':'));
        bool ok = false;
        const double level = (colon < 0 ? rest : rest.left(colon)).trimmed().toDouble(&ok);
        const auto p
            = std::find_if(proposals.begin(), proposals.end(), [&](const ProposedLevel &x) { return x.code == code; });
        if (eq < 0 || !ok || p == proposals.end())
            return core::makeError(
                core::ErrorKind::BadInput,
                tr("'%1' is not CODE=LEVEL[:RATIONALE] for one of the resident's subcompetencies.").arg(spec));
        LevelChoice choice{p->competencyId, level, colon < 0 ? QString() : rest.mid(colon + 1).trimmed()};
        const auto existing = std::find_if(levels.begin(), levels.end(),
                                           [&](const LevelChoice &c) { return c.competencyId == p->competencyId; });
        if (existing != levels.end())
            *existing = choice;
        else
            levels.append(choice);
        return {};
    }

    /// --action KIND,DUE,OWNER,DESCRIPTION (OWNER may be empty)
    static core::Result<ActionItem> action(const QString &spec, const QList<MeetingMember> &people)
    {
        const QStringList parts = spec.split(QLatin1Char(','));
        const auto due = parts.size() >= 4 ? core::parseIsoDate(parts[1].trimmed()) : std::nullopt;
        if (!due)
            return core::makeError(core::ErrorKind::BadInput, tr("'%1' is not KIND,DUE,OWNER,DESCRIPTION.").arg(spec));
        ActionItem a{parts[0].trimmed(), parts.mid(3).join(QLatin1Char(',')).trimmed(), std::nullopt, *due};
        const QString owner = parts[2].trimmed();
        if (!owner.isEmpty()) {
            const auto it = std::find_if(people.begin(), people.end(), [&](const MeetingMember &m) {
                return m.username.compare(owner, Qt::CaseInsensitive) == 0;
            });
            if (it == people.end())
                return core::makeError(core::ErrorKind::BadInput, tr("%1 is not a member of this meeting.").arg(owner));
            a.ownerUserId = it->userId;
        }
        return a;
    }

    static core::Result<ResidentDecision> readDecision(CliContext::Session &s, const QCommandLineParser &parser,
                                                       qint64 meetingId, qint64 learnerId)
    {
        auto meeting = MeetingService::meeting(s.db(), s.user, meetingId);
        if (!meeting)
            return meeting.error();
        auto proposals = PacketBuilder::proposals(s.db(), s.user, learnerId, meeting->period.end);
        if (!proposals)
            return proposals.error();
        ResidentDecision d;
        d.meetingId = meetingId;
        d.learnerId = learnerId;
        d.progress = progressFromKey(parser.value(QStringLiteral("progress")));
        d.progressRationale = parser.value(QStringLiteral("progress-rationale"));
        d.note = parser.value(QStringLiteral("note"));
        if (parser.isSet(QStringLiteral("accept"))) {
            for (const ProposedLevel &p : *proposals) {
                if (p.level)
                    d.levels.append(LevelChoice{p.competencyId, *p.level, {}});
            }
        }
        for (const QString &spec : parser.values(QStringLiteral("level"))) {
            if (auto r = applyLevel(spec, *proposals, d.levels); !r)
                return r.error();
        }
        for (const QString &spec : parser.values(QStringLiteral("action"))) {
            auto a = action(spec, meeting->members);
            if (!a)
                return a.error();
            d.actions.append(*a);
        }
        return d;
    }

    static int runDecide(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        const auto meetingId = id(parser, "meeting");
        const auto learnerId = id(parser, "learner");
        if (!meetingId || !learnerId || !progressFromKey(parser.value(QStringLiteral("progress"))))
            return ctx.usage(tr("--meeting ID, --learner ID and --progress (accelerated, as_expected, "
                                "not_as_expected, not_progressing) are required."),
                             QStringLiteral("ccc decide"));
        auto session = ctx.session(tr("record committee decisions"));
        if (!session)
            return ctx.fail(session.error());
        auto audit = session->store->audit();
        if (!audit)
            return ctx.fail(audit.error());
        auto decision = readDecision(*session, parser, *meetingId, *learnerId);
        if (!decision)
            return ctx.fail(decision.error());
        auto done = DecisionService::finalize(session->db(), **audit, session->user, *decision);
        if (!done)
            return ctx.fail(done.error());
        if (ctx.json()) {
            QJsonArray decisions, observations, interventions;
            for (qint64 v : done->decisionIds)
                decisions.append(v);
            for (qint64 v : done->observationIds)
                observations.append(v);
            for (qint64 v : done->interventionIds)
                interventions.append(v);
            ctx.printJson(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                      {QStringLiteral("decisions"), decisions},
                                      {QStringLiteral("observations"), observations},
                                      {QStringLiteral("interventions"), interventions},
                                      {QStringLiteral("analytics_error"), done->analyticsError}});
            return Ok;
        }
        ctx.out() << tr("Finalised %1 levels, the progress judgement and %2 actions.")
                         .arg(decision->levels.size())
                         .arg(decision->actions.size())
                  << Qt::endl;
        if (!done->analyticsError.isEmpty())
            ctx.err() << tr("The resident's analytics were not refreshed: %1").arg(done->analyticsError) << Qt::endl;
        return Ok;
    }

    static int runSupersede(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        const auto decisionId = id(parser, "decision");
        bool ok = false;
        const double level = parser.value(QStringLiteral("level")).toDouble(&ok);
        const auto progress = progressFromKey(parser.value(QStringLiteral("progress")));
        if (!decisionId || (!ok && !progress))
            return ctx.usage(tr("--decision ID and --level L or --progress P are required."),
                             QStringLiteral("ccc supersede"));
        auto session = ctx.session(tr("record committee decisions"));
        if (!session)
            return ctx.fail(session.error());
        auto audit = session->store->audit();
        if (!audit)
            return ctx.fail(audit.error());
        Supersession change{*decisionId, ok ? std::optional<double>(level) : std::nullopt, progress,
                            parser.value(QStringLiteral("reason"))};
        auto newId = DecisionService::supersede(session->db(), **audit, session->user, change);
        if (!newId)
            return ctx.fail(newId.error());
        if (ctx.json())
            ctx.printJson(
                QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}, {QStringLiteral("decision"), *newId}});
        else
            ctx.out() << tr("Decision %1 supersedes decision %2.").arg(*newId).arg(*decisionId) << Qt::endl;
        return Ok;
    }
};

QCommandLineOption option(const char *name, const QString &help, const QString &value = {})
{
    return value.isEmpty() ? QCommandLineOption(QString::fromLatin1(name), help)
                           : QCommandLineOption(QString::fromLatin1(name), help, value);
}

} // namespace

QList<Command> cccDecisionCommands()
{
    using C = CccDecideCommands;
    return {
        {QStringLiteral("ccc decide"),
         C::tr("Finalise a resident's decisions at a meeting: levels, progress, actions."),
         {},
         0,
         0,
         [](QCommandLineParser &p) {
             p.addOption(option("meeting", C::tr("The committee meeting."), QStringLiteral("ID")));
             p.addOption(option("learner", C::tr("The resident."), QStringLiteral("ID")));
             p.addOption(option("accept", C::tr("Accept every proposed level (--level overrides one).")));
             p.addOption(option("level",
                                C::tr("A level: CODE=LEVEL[:RATIONALE] (repeatable); an override needs its rationale."),
                                QStringLiteral("SPEC")));
             p.addOption(option("progress", C::tr("accelerated, as_expected, not_as_expected or not_progressing."),
                                QStringLiteral("P")));
             p.addOption(option("progress-rationale", C::tr("Why."), QStringLiteral("TEXT")));
             p.addOption(option("action",
                                C::tr("An action: KIND,DUE,OWNER,DESCRIPTION (repeatable; OWNER a member or empty)."),
                                QStringLiteral("SPEC")));
             p.addOption(option("note", C::tr("The note about this resident."), QStringLiteral("TEXT")));
         },
         &C::runDecide},
        {QStringLiteral("ccc supersede"),
         C::tr("Replace a finalised decision with a new one, with its reason."),
         {},
         0,
         0,
         [](QCommandLineParser &p) {
             p.addOption(option("decision", C::tr("The decision to supersede."), QStringLiteral("ID")));
             p.addOption(option("level", C::tr("The new level (a subcompetency decision)."), QStringLiteral("L")));
             p.addOption(option("progress", C::tr("The new judgement (the overall decision)."), QStringLiteral("P")));
             p.addOption(option("reason", C::tr("Why the decision changes (required)."), QStringLiteral("TEXT")));
         },
         &C::runSupersede},
    };
}

} // namespace pme::cli
