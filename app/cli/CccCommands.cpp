// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ccc meetings, prepare, agenda, packet, report, close (docs/ccc.md, docs/cli.md).
#include "CccCommands.h"
#include "CliContext.h"
#include "Command.h"
#include "ExitCode.h"
#include "ccc/MeetingReport.h"
#include "ccc/MeetingService.h"
#include "ccc/PacketBuilder.h"
#include "ccc/PacketJson.h"
#include "domain/Dates.h"
#include "governance/AuditLog.h"
#include "reports/MeetingPdf.h"
#include "store/ProgramRepository.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QSaveFile>

#include <cstring>

namespace pme::cli {

namespace {

using namespace core::ccc;

QCommandLineOption option(const char *name, const QString &help, const QString &value = {})
{
    return value.isEmpty() ? QCommandLineOption(QString::fromLatin1(name), help)
                           : QCommandLineOption(QString::fromLatin1(name), help, value);
}

class CccCommands final {
    Q_DECLARE_TR_FUNCTIONS(pme::cli::CccCommands)

public:
    static std::optional<qint64> id(const QCommandLineParser &parser, const char *name)
    {
        bool ok = false;
        const qint64 value = parser.value(QString::fromLatin1(name)).toLongLong(&ok);
        return ok && value > 0 ? std::optional<qint64>(value) : std::nullopt;
    }

    static QJsonObject meetingJson(const Meeting &m)
    {
        QJsonArray agenda, members;
        for (const AgendaItem &a : m.agenda)
            agenda.append(
                QJsonObject{{QStringLiteral("position"), a.position + 1},
                            {QStringLiteral("learner_id"), a.learnerId},
                            {QStringLiteral("name"), a.name},
                            {QStringLiteral("open_flags"), QJsonArray{a.openFlags[2], a.openFlags[1], a.openFlags[0]}},
                            {QStringLiteral("lowest_probability"),
                             a.lowestProbability ? QJsonValue(*a.lowestProbability) : QJsonValue()},
                            {QStringLiteral("latest_evidence"), core::toIsoDate(a.latestEvidence)},
                            {QStringLiteral("finalized"), a.finalized > 0},
                            {QStringLiteral("note"), a.note}});
        for (const MeetingMember &member : m.members)
            members.append(QJsonObject{
                {QStringLiteral("user"), member.username},
                {QStringLiteral("name"), member.name},
                {QStringLiteral("role"), member.chair ? QStringLiteral("chair") : QStringLiteral("member")}});
        return QJsonObject{{QStringLiteral("id"), m.id},
                           {QStringLiteral("program"), m.programCode},
                           {QStringLiteral("held_on"), core::toIsoDate(m.heldOn)},
                           {QStringLiteral("period"), m.period.label},
                           {QStringLiteral("period_end"), core::toIsoDate(m.period.end)},
                           {QStringLiteral("status"), m.status},
                           {QStringLiteral("note"), m.note},
                           {QStringLiteral("members"), members},
                           {QStringLiteral("agenda"), agenda}};
    }

    static int runMeetings(CliContext &ctx, const QCommandLineParser &, const QStringList &)
    {
        auto session = ctx.session(tr("list committee meetings"));
        if (!session)
            return ctx.fail(session.error());
        auto list = MeetingService::meetings(session->db(), session->user);
        if (!list)
            return ctx.fail(list.error());
        if (ctx.json()) {
            QJsonArray array;
            for (const Meeting &m : *list)
                array.append(meetingJson(m));
            ctx.printJson(array);
            return Ok;
        }
        if (list->isEmpty())
            ctx.out() << tr("No committee meetings.") << Qt::endl;
        for (const Meeting &m : *list)
            ctx.out() << tr("%1  %2  %3  %4 (%5)")
                             .arg(m.id)
                             .arg(m.programCode, QLocale().toString(m.heldOn, QLocale::ShortFormat), m.period.label,
                                  m.status)
                      << Qt::endl;
        return Ok;
    }

    static int runAgenda(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        const auto meetingId = id(parser, "meeting");
        if (!meetingId)
            return ctx.usage(tr("--meeting ID is required."), QStringLiteral("ccc agenda"));
        auto session = ctx.session(tr("read a committee meeting"));
        if (!session)
            return ctx.fail(session.error());
        auto m = MeetingService::meeting(session->db(), session->user, *meetingId);
        if (!m)
            return ctx.fail(m.error());
        if (ctx.json()) {
            ctx.printJson(meetingJson(*m));
            return Ok;
        }
        ctx.out() << tr("%1, %2 (period ending %3), %4")
                         .arg(m->programCode, m->period.label, core::toIsoDate(m->period.end), m->status)
                  << Qt::endl;
        for (const AgendaItem &a : m->agenda)
            ctx.out() << tr("%1. %2 (learner %3): %4 high, %5 moderate, %6 low open flags%7")
                             .arg(a.position + 1)
                             .arg(a.name)
                             .arg(a.learnerId)
                             .arg(a.openFlags[2])
                             .arg(a.openFlags[1])
                             .arg(a.openFlags[0])
                             .arg(a.finalized ? tr("; decided") : QString())
                      << Qt::endl;
        return Ok;
    }

    static core::Result<QList<MeetingMember>> members(core::Database &db, const core::ActingUser &user,
                                                      qint64 programId, const QCommandLineParser &parser)
    {
        auto eligible = MeetingService::eligibleMembers(db, user, programId);
        if (!eligible)
            return eligible.error();
        QList<MeetingMember> chosen;
        QStringList names{parser.value(QStringLiteral("chair"))};
        names += parser.values(QStringLiteral("member"));
        for (int i = 0; i < names.size(); ++i) {
            const auto it = std::find_if(eligible->begin(), eligible->end(), [&](const MeetingMember &m) {
                return m.username.compare(names[i].trimmed(), Qt::CaseInsensitive) == 0;
            });
            if (it == eligible->end())
                return core::makeError(core::ErrorKind::BadInput,
                                       tr("%1 does not sit on this program's committee.").arg(names[i]));
            MeetingMember m = *it;
            m.chair = i == 0;
            chosen.append(m);
        }
        return chosen;
    }

    static int runPrepare(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        const auto period = Period::parse(parser.value(QStringLiteral("period")));
        const auto heldOn = core::parseIsoDate(parser.value(QStringLiteral("held-on")));
        if (!period || !heldOn || !parser.isSet(QStringLiteral("program")) || !parser.isSet(QStringLiteral("chair")))
            return ctx.usage(tr("--program CODE, --period P, --held-on DATE and --chair USER are required."),
                             QStringLiteral("ccc prepare"));
        auto session = ctx.session(tr("prepare a committee meeting"));
        if (!session)
            return ctx.fail(session.error());
        auto program = core::ProgramRepository(session->db()).findByCode(parser.value(QStringLiteral("program")));
        if (!program)
            return ctx.fail(program.error());
        MeetingDraft draft;
        draft.programId = program->id;
        draft.heldOn = *heldOn;
        draft.period = *period;
        auto chosen = members(session->db(), session->user, program->id, parser);
        if (!chosen)
            return ctx.fail(chosen.error());
        draft.members = *chosen;
        if (parser.isSet(QStringLiteral("all"))) {
            auto residents = MeetingService::residents(session->db(), session->user, program->id);
            if (!residents)
                return ctx.fail(residents.error());
            for (const auto &[learner, name] : *residents)
                draft.learnerIds.append(learner);
        }
        for (const QString &value : parser.values(QStringLiteral("learner")))
            draft.learnerIds.append(value.toLongLong());
        auto audit = session->store->audit();
        if (!audit)
            return ctx.fail(audit.error());
        auto meetingId = MeetingService::prepare(session->db(), **audit, session->user, draft);
        if (!meetingId)
            return ctx.fail(meetingId.error());
        if (ctx.json())
            ctx.printJson(
                QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}, {QStringLiteral("meeting"), *meetingId}});
        else
            ctx.out() << tr("Meeting %1 prepared with %2 residents on its agenda, ordered by need.")
                             .arg(*meetingId)
                             .arg(draft.learnerIds.size())
                      << Qt::endl;
        return Ok;
    }

    static int runPacket(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        const auto learner = id(parser, "learner");
        const auto period = Period::parse(parser.value(QStringLiteral("period")));
        if (!learner || !period)
            return ctx.usage(tr("--learner ID and --period P (2026-spring, 2025-fall or a date) are required."),
                             QStringLiteral("ccc packet"));
        auto session = ctx.session(tr("read a committee packet"));
        if (!session)
            return ctx.fail(session.error());
        auto audit = session->store->audit();
        if (!audit)
            return ctx.fail(audit.error());
        auto packet = PacketBuilder::build(session->db(), **audit, session->user, *learner, *period);
        if (!packet)
            return ctx.fail(packet.error());
        ctx.printJson(PacketJson::toJson(*packet));
        return Ok;
    }

    static int runReport(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        const auto meetingId = id(parser, "meeting");
        const QString out = parser.value(QStringLiteral("out"));
        const bool pdf = out.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive);
        const bool csv = out.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
        if (!meetingId || (!pdf && !csv))
            return ctx.usage(tr("--meeting ID and --out FILE.pdf or FILE.csv are required."),
                             QStringLiteral("ccc report"));
        const auto learner = id(parser, "learner");
        if (learner && !pdf)
            return ctx.usage(tr("A resident's summary (--learner) is a PDF."), QStringLiteral("ccc report"));
        auto session = ctx.session(tr("write a committee report"));
        if (!session)
            return ctx.fail(session.error());
        auto audit = session->store->audit();
        if (!audit)
            return ctx.fail(audit.error());
        auto report = MeetingReportBuilder::build(session->db(), **audit, session->user, *meetingId, pdf, learner);
        if (!report)
            return ctx.fail(report.error());
        if (pdf) {
            auto written = learner ? ui::reports::MeetingPdf::writeResidentSummary(*report, *learner, out)
                                   : ui::reports::MeetingPdf::writeMeetingReport(*report, out);
            if (!written)
                return ctx.fail(written.error());
        } else {
            QSaveFile file(out);
            if (!file.open(QIODevice::WriteOnly) || file.write(MeetingReportBuilder::levelsCsv(*report)) < 0
                || !file.commit())
                return ctx.fail(core::makeError(core::ErrorKind::Io, tr("%1 could not be written.").arg(out)));
        }
        const QString kind = csv ? QStringLiteral("levels_csv")
            : learner            ? QStringLiteral("resident_summary")
                                 : QStringLiteral("meeting_report");
        if (auto r = MeetingReportBuilder::recordExport(session->db(), **audit, session->user, *report, kind, out); !r)
            return ctx.fail(r.error());
        if (ctx.json())
            ctx.printJson(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                      {QStringLiteral("file"), out},
                                      {QStringLiteral("residents"), qint64(report->residents.size())}});
        else
            ctx.out() << tr("Wrote %1 (%2 residents).").arg(out).arg(report->residents.size()) << Qt::endl;
        return Ok;
    }

    static int runClose(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        const auto meetingId = id(parser, "meeting");
        if (!meetingId)
            return ctx.usage(tr("--meeting ID is required."), QStringLiteral("ccc close"));
        auto session = ctx.session(tr("close a committee meeting"));
        if (!session)
            return ctx.fail(session.error());
        auto audit = session->store->audit();
        if (!audit)
            return ctx.fail(audit.error());
        if (auto r = MeetingService::close(session->db(), **audit, session->user, *meetingId,
                                           parser.value(QStringLiteral("note")));
            !r)
            return ctx.fail(r.error());
        ctx.out() << tr("Meeting %1 closed.").arg(*meetingId) << Qt::endl;
        return Ok;
    }
};

} // namespace

bool cccNeedsGui(int argc, char *argv[])
{
    bool ccc = false, report = false, pdf = false;
    for (int i = 1; i < argc; ++i) {
        ccc = ccc || std::strcmp(argv[i], "ccc") == 0;
        report = report || std::strcmp(argv[i], "report") == 0;
        const std::size_t n = std::strlen(argv[i]);
        pdf = pdf
            || (n > 4 && (std::strcmp(argv[i] + n - 4, ".pdf") == 0 || std::strcmp(argv[i] + n - 4, ".PDF") == 0));
    }
    return ccc && report && pdf;
}

QList<Command> cccCommands()
{
    using C = CccCommands;
    const auto meetingOption = [](QCommandLineParser &p) {
        p.addOption(option("meeting", C::tr("The committee meeting."), QStringLiteral("ID")));
    };
    return {
        {QStringLiteral("ccc meetings"),
         C::tr("List the committee meetings you take part in."),
         {},
         0,
         0,
         {},
         &C::runMeetings},
        {QStringLiteral("ccc agenda"),
         C::tr("Show a meeting: members, and the agenda in order with each resident's need."),
         {},
         0,
         0,
         meetingOption,
         &C::runAgenda},
        {QStringLiteral("ccc prepare"),
         C::tr("Prepare a committee meeting; its agenda is ordered by need."),
         {},
         0,
         0,
         [](QCommandLineParser &p) {
             p.addOption(option("program", C::tr("The program's code."), QStringLiteral("CODE")));
             p.addOption(
                 option("period", C::tr("2026-spring, 2025-fall, or the period's last day."), QStringLiteral("P")));
             p.addOption(option("held-on", C::tr("The meeting's date."), QStringLiteral("DATE")));
             p.addOption(option("chair", C::tr("The chair's user name."), QStringLiteral("USER")));
             p.addOption(option("member", C::tr("A member present (repeatable)."), QStringLiteral("USER")));
             p.addOption(option("learner", C::tr("A resident on the agenda (repeatable)."), QStringLiteral("ID")));
             p.addOption(option("all", C::tr("Every resident of the program in training.")));
         },
         &C::runPrepare},
        {QStringLiteral("ccc packet"),
         C::tr("A resident's committee packet for a period, as JSON."),
         {},
         0,
         0,
         [](QCommandLineParser &p) {
             p.addOption(option("learner", C::tr("The resident."), QStringLiteral("ID")));
             p.addOption(
                 option("period", C::tr("2026-spring, 2025-fall, or the period's last day."), QStringLiteral("P")));
         },
         &C::runPacket},
        {QStringLiteral("ccc report"),
         C::tr("Write a meeting's PDF report, its levels CSV, or (--learner) a resident's summary."),
         {},
         0,
         0,
         [meetingOption](QCommandLineParser &p) {
             meetingOption(p);
             p.addOption(option("out", C::tr("FILE.pdf or FILE.csv."), QStringLiteral("FILE")));
             p.addOption(option("learner", C::tr("The resident's own one-page summary (PDF)."), QStringLiteral("ID")));
         },
         &C::runReport},
        {QStringLiteral("ccc close"),
         C::tr("Close a meeting, with the meeting note."),
         {},
         0,
         0,
         [meetingOption](QCommandLineParser &p) {
             meetingOption(p);
             p.addOption(option("note", C::tr("The meeting note."), QStringLiteral("TEXT")));
         },
         &C::runClose},
    };
}

} // namespace pme::cli
