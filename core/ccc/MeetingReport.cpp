// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ccc/MeetingReport.h"

#include "ccc/DecisionService.h"
#include "ccc/MeetingRows.h"
#include "ccc/MeetingService.h"
#include "ccc/PacketBuilder.h"
#include "domain/Dates.h"
#include "governance/AuditLog.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QLocale>

namespace pme::core::ccc {

namespace {

QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')) {
        bytes.replace("\"", "\"\"");
        bytes = '"' + bytes + '"';
    }
    return bytes;
}

QString number(std::optional<double> value)
{
    return value ? QLocale::c().toString(*value, 'g', 4) : QString();
}

} // namespace

Result<MeetingReport> MeetingReportBuilder::build(Database &db, const AuditLog &audit, const ActingUser &user,
                                                  qint64 meetingId, bool withPackets, std::optional<qint64> learnerId)
{
    auto meeting = MeetingService::meeting(db, user, meetingId);
    if (!meeting)
        return meeting.error();
    MeetingReport report;
    report.meeting = *meeting;
    for (const AgendaItem &item : meeting->agenda) {
        if (learnerId && item.learnerId != *learnerId)
            continue;
        ResidentReport resident;
        resident.item = item;
        if (withPackets) {
            auto packet = PacketBuilder::build(db, audit, user, item.learnerId, meeting->period);
            if (!packet)
                return packet.error();
            resident.packet = std::move(*packet);
        }
        auto decisions = DecisionService::decisions(db, user, meetingId, item.learnerId);
        if (!decisions)
            return decisions.error();
        resident.decisions = std::move(*decisions);
        report.residents.append(std::move(resident));
    }
    if (learnerId && report.residents.isEmpty())
        return makeError(ErrorKind::NotFound, tr("Learner %1 is not on this meeting's agenda.").arg(*learnerId));
    return report;
}

QByteArray MeetingReportBuilder::levelsCsv(const MeetingReport &report)
{
    QByteArray out = "program,period,period_end,learner_id,resident,subcompetency,level,proposed_level,overridden,"
                     "decision_id,finalized_at\r\n";
    const Meeting &m = report.meeting;
    for (const ResidentReport &r : report.residents) {
        for (const DecisionRecord &d : r.decisions.current) {
            if (!d.competencyId || !d.level)
                continue;
            const QStringList fields{m.programCode,
                                     m.period.label,
                                     toIsoDate(m.period.end),
                                     QString::number(r.item.learnerId),
                                     r.item.name,
                                     d.competencyCode,
                                     number(d.level),
                                     number(d.proposedLevel),
                                     d.isOverride() || d.supersedesId ? QStringLiteral("yes") : QStringLiteral("no"),
                                     QString::number(d.id),
                                     d.finalizedAt};
            QList<QByteArray> encoded;
            for (const QString &f : fields)
                encoded.append(csvField(f));
            out += encoded.join(',') + "\r\n";
        }
    }
    return out;
}

Result<void> MeetingReportBuilder::recordExport(Database &db, const AuditLog &audit, const ActingUser &user,
                                                const MeetingReport &report, const QString &kind,
                                                const QString &fileName)
{
    const QJsonObject details{{QStringLiteral("kind"), kind},
                              {QStringLiteral("file"), QFileInfo(fileName).fileName()},
                              {QStringLiteral("residents"), qint64(report.residents.size())}};
    const std::optional<qint64> learner
        = report.residents.size() == 1 ? std::optional<qint64>(report.residents.first().item.learnerId) : std::nullopt;
    if (auto r = audit.append(db, user, AuditAction::CccReportExported, QStringLiteral("ccc_meeting"),
                              report.meeting.id, learner, detail::compactJson(details));
        !r)
        return r.error();
    return {};
}

} // namespace pme::core::ccc
