// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ccc/MeetingService.h"

#include "ccc/MeetingRows.h"
#include "domain/Dates.h"
#include "governance/AccessPolicy.h"
#include "governance/ActingUser.h"
#include "governance/AuditLog.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace pme::core::ccc {

namespace detail {

Result<Meeting> readMeeting(Database &db, qint64 meetingId)
{
    Statement select(db,
                     "SELECT m.program_id, p.code, p.name, m.held_on, m.period_label, m.period_end, m.status, "
                     "m.note FROM ccc_meetings m JOIN programs p ON p.id = m.program_id WHERE m.id = ?");
    select.bind(1, meetingId);
    auto row = select.step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorKind::NotFound, MeetingService::tr("There is no committee meeting %1.").arg(meetingId));
    Meeting m;
    m.id = meetingId;
    m.programId = select.columnInt64(0);
    m.programCode = select.columnText(1);
    m.programName = select.columnText(2);
    m.heldOn = parseIsoDate(select.columnText(3)).value_or(QDate());
    m.period = Period{select.columnText(4), parseIsoDate(select.columnText(5)).value_or(QDate())};
    m.status = select.columnText(6);
    m.note = select.columnText(7);
    return m;
}

Result<Meeting> readMeetingFor(Database &db, const ActingUser &user, qint64 meetingId)
{
    auto m = readMeeting(db, meetingId);
    if (!m)
        return m;
    if (!AccessPolicy::mayRunCccMeetings(user, m->programId))
        return makeError(ErrorKind::Denied,
                         MeetingService::tr("Only the committee members and program directors of "
                                            "%1 take part in its committee meetings.")
                             .arg(m->programCode));
    return m;
}

Result<bool> onAgenda(Database &db, qint64 meetingId, qint64 learnerId)
{
    Statement select(db, "SELECT 1 FROM ccc_agenda_items WHERE meeting_id = ? AND learner_id = ?");
    select.bind(1, meetingId);
    select.bind(2, learnerId);
    return select.step();
}

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace detail

namespace {

using detail::compactJson;

bool needsMoreAttention(const AgendaItem &a, const AgendaItem &b)
{
    const auto maxSeverity = [](const AgendaItem &i) {
        return i.openFlags[2] ? 3 : i.openFlags[1] ? 2 : i.openFlags[0] ? 1 : 0;
    };
    if (maxSeverity(a) != maxSeverity(b))
        return maxSeverity(a) > maxSeverity(b);
    if (a.openFlagTotal() != b.openFlagTotal())
        return a.openFlagTotal() > b.openFlagTotal();
    if (a.lowestProbability.has_value() != b.lowestProbability.has_value())
        return a.lowestProbability.has_value();
    if (a.lowestProbability && *a.lowestProbability != *b.lowestProbability)
        return *a.lowestProbability < *b.lowestProbability;
    if (a.latestEvidence != b.latestEvidence)
        return !a.latestEvidence.isValid() || (b.latestEvidence.isValid() && a.latestEvidence < b.latestEvidence);
    if (a.name != b.name)
        return a.name.localeAwareCompare(b.name) < 0;
    return a.learnerId < b.learnerId;
}

Result<AgendaItem> needOf(Database &db, qint64 learnerId)
{
    Statement select(
        db,
        "SELECT l.display_name, "
        "(SELECT count(*) FROM flags f WHERE f.learner_id = l.id AND f.state = 'open' AND f.severity <= 1), "
        "(SELECT count(*) FROM flags f WHERE f.learner_id = l.id AND f.state = 'open' AND f.severity = 2), "
        "(SELECT count(*) FROM flags f WHERE f.learner_id = l.id AND f.state = 'open' AND f.severity >= 3), "
        "(SELECT min(e.probability_target) FROM learner_estimates e WHERE e.learner_id = l.id), "
        "(SELECT max(o.observed_on) FROM observations o WHERE o.learner_id = l.id) "
        "FROM learners l WHERE l.id = ?");
    select.bind(1, learnerId);
    auto row = select.step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorKind::NotFound, MeetingService::tr("There is no learner with id %1.").arg(learnerId));
    AgendaItem item;
    item.learnerId = learnerId;
    item.name = select.columnText(0);
    for (int i = 0; i < 3; ++i)
        item.openFlags[i] = static_cast<int>(select.columnInt64(1 + i));
    item.lowestProbability = select.columnOptionalDouble(4);
    item.latestEvidence = parseIsoDate(select.columnText(5)).value_or(QDate());
    return item;
}

Result<void> checkMembers(Database &db, const MeetingDraft &draft)
{
    if (draft.members.isEmpty())
        return makeError(ErrorKind::BadInput, MeetingService::tr("A meeting needs the members present."));
    int chairs = 0;
    QSet<qint64> seen;
    for (const MeetingMember &m : draft.members) {
        chairs += m.chair;
        if (seen.contains(m.userId))
            return makeError(ErrorKind::BadInput, MeetingService::tr("A member is listed twice."));
        seen.insert(m.userId);
        auto member = ActingUser::load(db, m.userId);
        if (!member)
            return makeError(ErrorKind::BadInput,
                             MeetingService::tr("Member %1: %2").arg(m.userId).arg(member.error().message));
        if (!AccessPolicy::mayRunCccMeetings(*member, draft.programId))
            return makeError(ErrorKind::BadInput,
                             MeetingService::tr("%1 does not sit on this program's committee (a "
                                                "CCC member or program director role is needed).")
                                 .arg(member->displayName()));
    }
    if (chairs != 1)
        return makeError(ErrorKind::BadInput, MeetingService::tr("A meeting has exactly one chair."));
    return {};
}

Result<void> checkDraft(Database &db, const MeetingDraft &draft)
{
    if (draft.period.label.trimmed().isEmpty() || !draft.period.end.isValid())
        return makeError(ErrorKind::BadInput,
                         MeetingService::tr("A meeting needs a period: a label and its last day."));
    if (!draft.heldOn.isValid())
        return makeError(ErrorKind::BadInput, MeetingService::tr("A meeting needs the date it is held on."));
    if (draft.learnerIds.isEmpty())
        return makeError(ErrorKind::BadInput,
                         MeetingService::tr("A meeting needs at least one resident on its agenda."));
    if (auto r = checkMembers(db, draft); !r)
        return r;
    Statement program(db, "SELECT program_id FROM learners WHERE id = ?");
    QSet<qint64> seen;
    for (qint64 id : draft.learnerIds) {
        if (seen.contains(id))
            return makeError(ErrorKind::BadInput, MeetingService::tr("Learner %1 is on the agenda twice.").arg(id));
        seen.insert(id);
        program.bind(1, id);
        auto row = program.step();
        if (!row)
            return row.error();
        if (!*row || program.columnInt64(0) != draft.programId)
            return makeError(ErrorKind::BadInput,
                             MeetingService::tr("Learner %1 is not a resident of this program.").arg(id));
        program.reset();
    }
    return {};
}

Result<void> insertMeeting(Database &db, const ActingUser &user, const MeetingDraft &draft,
                           const QList<AgendaItem> &agenda, qint64 &id)
{
    Statement meeting(db,
                      "INSERT INTO ccc_meetings (program_id, held_on, period_label, period_end, status, "
                      "created_by, created_at) VALUES (?, ?, ?, ?, 'planned', ?, ?)");
    meeting.bind(1, draft.programId);
    meeting.bind(2, toIsoDate(draft.heldOn));
    meeting.bind(3, draft.period.label.trimmed());
    meeting.bind(4, toIsoDate(draft.period.end));
    meeting.bind(5, user.id());
    meeting.bind(6, nowUtcIso());
    if (auto r = meeting.exec(); !r)
        return r;
    id = db.lastInsertRowId();
    Statement member(db, "INSERT INTO ccc_meeting_members (meeting_id, user_id, role) VALUES (?, ?, ?)");
    for (const MeetingMember &m : draft.members) {
        member.bind(1, id);
        member.bind(2, m.userId);
        member.bind(3, m.chair ? QStringLiteral("chair") : QStringLiteral("member"));
        if (auto r = member.exec(); !r)
            return r;
    }
    Statement item(db, "INSERT INTO ccc_agenda_items (meeting_id, learner_id, position) VALUES (?, ?, ?)");
    for (int i = 0; i < agenda.size(); ++i) {
        item.bind(1, id);
        item.bind(2, agenda[i].learnerId);
        item.bind(3, i);
        if (auto r = item.exec(); !r)
            return r;
    }
    return {};
}

} // namespace

Result<QList<AgendaItem>> MeetingService::orderByNeed(Database &db, const QList<qint64> &learnerIds)
{
    QList<AgendaItem> items;
    for (qint64 id : learnerIds) {
        auto item = needOf(db, id);
        if (!item)
            return item.error();
        items.append(*item);
    }
    std::stable_sort(items.begin(), items.end(), needsMoreAttention);
    for (int i = 0; i < items.size(); ++i)
        items[i].position = i;
    return items;
}

Result<qint64> MeetingService::prepare(Database &db, const AuditLog &audit, const ActingUser &user,
                                       const MeetingDraft &draft)
{
    if (!AccessPolicy::mayRunCccMeetings(user, draft.programId))
        return makeError(ErrorKind::Denied,
                         tr("Only the program's committee members and program directors can "
                            "prepare its committee meetings."));
    if (auto r = checkDraft(db, draft); !r)
        return r.error();
    auto agenda = orderByNeed(db, draft.learnerIds);
    if (!agenda)
        return agenda.error();
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    qint64 id = 0;
    if (auto r = insertMeeting(db, user, draft, *agenda, id); !r)
        return r.error();
    QJsonArray residents;
    for (const AgendaItem &a : *agenda)
        residents.append(a.learnerId);
    const QJsonObject details{{QStringLiteral("period"), draft.period.label.trimmed()},
                              {QStringLiteral("period_end"), toIsoDate(draft.period.end)},
                              {QStringLiteral("held_on"), toIsoDate(draft.heldOn)},
                              {QStringLiteral("members"), qint64(draft.members.size())},
                              {QStringLiteral("agenda"), residents}};
    if (auto r = audit.append(db, user, AuditAction::CccMeetingPrepared, QStringLiteral("ccc_meeting"), id,
                              std::nullopt, compactJson(details));
        !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return id;
}

Result<void> MeetingService::moveAgendaItem(Database &db, const AuditLog &audit, const ActingUser &user,
                                            qint64 meetingId, qint64 learnerId, int position)
{
    auto meeting = detail::readMeetingFor(db, user, meetingId);
    if (!meeting)
        return meeting.error();
    if (meeting->isClosed())
        return makeError(ErrorKind::Conflict, tr("The meeting is closed; its agenda no longer changes."));
    QList<qint64> order;
    Statement select(db, "SELECT learner_id FROM ccc_agenda_items WHERE meeting_id = ? ORDER BY position, id");
    select.bind(1, meetingId);
    if (auto r = select.forEachRow([&](Statement &s) { order.append(s.columnInt64(0)); }); !r)
        return r;
    const qsizetype from = order.indexOf(learnerId);
    if (from < 0)
        return makeError(ErrorKind::NotFound, tr("Learner %1 is not on this meeting's agenda.").arg(learnerId));
    const qsizetype to = std::clamp<qsizetype>(position, 0, order.size() - 1);
    if (from == to)
        return {};
    order.move(from, to);
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    Statement update(db, "UPDATE ccc_agenda_items SET position = ? WHERE meeting_id = ? AND learner_id = ?");
    for (int i = 0; i < order.size(); ++i) {
        update.bind(1, i);
        update.bind(2, meetingId);
        update.bind(3, order[i]);
        if (auto r = update.exec(); !r)
            return r;
    }
    const QJsonObject details{{QStringLiteral("from"), qint64(from)}, {QStringLiteral("to"), qint64(to)}};
    if (auto r = audit.append(db, user, AuditAction::CccAgendaReordered, QStringLiteral("ccc_meeting"), meetingId,
                              learnerId, compactJson(details));
        !r)
        return r.error();
    return tx.commit();
}

namespace {

Result<void> setStatus(Database &db, const AuditLog &audit, const ActingUser &user, qint64 meetingId,
                       const QString &status, const std::optional<QString> &note)
{
    auto meeting = detail::readMeetingFor(db, user, meetingId);
    if (!meeting)
        return meeting.error();
    if (meeting->isClosed())
        return makeError(ErrorKind::Conflict, MeetingService::tr("The meeting is already closed."));
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    Statement update(db, "UPDATE ccc_meetings SET status = ?, note = coalesce(?, note) WHERE id = ?");
    update.bind(1, status);
    update.bind(2, note ? std::optional<QString>(note->trimmed()) : std::nullopt);
    update.bind(3, meetingId);
    if (auto r = update.exec(); !r)
        return r;
    const QJsonObject details{{QStringLiteral("from"), meeting->status}, {QStringLiteral("to"), status}};
    if (auto r = audit.append(db, user, AuditAction::CccMeetingStatusChanged, QStringLiteral("ccc_meeting"), meetingId,
                              std::nullopt, compactJson(details));
        !r)
        return r.error();
    return tx.commit();
}

} // namespace

Result<void> MeetingService::start(Database &db, const AuditLog &audit, const ActingUser &user, qint64 meetingId)
{
    return setStatus(db, audit, user, meetingId, QStringLiteral("in_progress"), std::nullopt);
}

Result<void> MeetingService::close(Database &db, const AuditLog &audit, const ActingUser &user, qint64 meetingId,
                                   const QString &note)
{
    return setStatus(db, audit, user, meetingId, QStringLiteral("closed"), note);
}

} // namespace pme::core::ccc
