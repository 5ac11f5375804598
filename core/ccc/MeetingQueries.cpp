// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// MeetingService's reads: meetings, their agendas, and the choices for preparing one.
#include "ccc/MeetingRows.h"
#include "ccc/MeetingService.h"
#include "domain/Dates.h"
#include "governance/AccessPolicy.h"
#include "governance/ActingUser.h"
#include "store/Database.h"
#include "store/Statement.h"

namespace pme::core::ccc {

namespace {

Result<void> readAgenda(Database &db, Meeting &m)
{
    QList<qint64> ids;
    QList<QString> notes;
    Statement select(db, "SELECT learner_id, note FROM ccc_agenda_items WHERE meeting_id = ? ORDER BY position, id");
    select.bind(1, m.id);
    if (auto r = select.forEachRow([&](Statement &s) {
            ids.append(s.columnInt64(0));
            notes.append(s.columnText(1));
        });
        !r)
        return r;
    Statement finalized(db,
                        "SELECT count(*) FROM ccc_decisions WHERE meeting_id = ? AND learner_id = ? "
                        "AND finalized_at IS NOT NULL");
    for (int i = 0; i < ids.size(); ++i) {
        auto need = MeetingService::orderByNeed(db, {ids[i]});
        if (!need)
            return need.error();
        AgendaItem item = need->first();
        item.position = i;
        item.note = notes[i];
        finalized.bind(1, m.id);
        finalized.bind(2, ids[i]);
        if (auto r = finalized.forEachRow([&](Statement &s) { item.finalized = static_cast<int>(s.columnInt64(0)); });
            !r)
            return r;
        m.agenda.append(item);
    }
    return {};
}

} // namespace

Result<QList<Meeting>> MeetingService::meetings(Database &db, const ActingUser &user)
{
    QList<qint64> ids;
    Statement select(db, "SELECT m.id, m.program_id FROM ccc_meetings m ORDER BY m.held_on DESC, m.id DESC");
    if (auto r = select.forEachRow([&](Statement &s) {
            if (AccessPolicy::mayRunCccMeetings(user, s.columnInt64(1)))
                ids.append(s.columnInt64(0));
        });
        !r)
        return r.error();
    QList<Meeting> list;
    for (qint64 id : ids) {
        auto m = detail::readMeeting(db, id);
        if (!m)
            return m.error();
        list.append(*m);
    }
    return list;
}

Result<Meeting> MeetingService::meeting(Database &db, const ActingUser &user, qint64 meetingId)
{
    auto m = detail::readMeetingFor(db, user, meetingId);
    if (!m)
        return m;
    Statement members(db,
                      "SELECT mm.user_id, u.display_name, mm.role, u.username FROM ccc_meeting_members mm "
                      "JOIN users u ON u.id = mm.user_id WHERE mm.meeting_id = ? "
                      "ORDER BY mm.role = 'chair' DESC, u.display_name");
    members.bind(1, meetingId);
    if (auto r = members.forEachRow([&](Statement &s) {
            m->members.append(MeetingMember{s.columnInt64(0), s.columnText(1),
                                            s.columnText(2) == QLatin1String("chair"), s.columnText(3)});
        });
        !r)
        return r.error();
    if (auto r = readAgenda(db, *m); !r)
        return r.error();
    return m;
}

Result<QList<MeetingMember>> MeetingService::eligibleMembers(Database &db, const ActingUser &user, qint64 programId)
{
    if (!AccessPolicy::mayRunCccMeetings(user, programId))
        return makeError(ErrorKind::Denied,
                         tr("Only the program's committee members and program directors can "
                            "prepare its committee meetings."));
    Statement select(db,
                     "SELECT DISTINCT u.id, u.display_name, u.username FROM users u "
                     "JOIN user_roles r ON r.user_id = u.id "
                     "WHERE u.active = 1 AND r.role IN ('ccc_member', 'program_director') "
                     "AND (r.program_id IS NULL OR r.program_id = ?) ORDER BY u.display_name, u.id");
    select.bind(1, programId);
    QList<MeetingMember> list;
    if (auto r = select.forEachRow([&](Statement &s) {
            list.append(MeetingMember{s.columnInt64(0), s.columnText(1), false, s.columnText(2)});
        });
        !r)
        return r.error();
    return list;
}

Result<QList<QPair<qint64, QString>>> MeetingService::programs(Database &db, const ActingUser &user)
{
    Statement select(db, "SELECT id, code, name FROM programs ORDER BY code");
    QList<QPair<qint64, QString>> list;
    if (auto r = select.forEachRow([&](Statement &s) {
            if (AccessPolicy::mayRunCccMeetings(user, s.columnInt64(0)))
                list.append({s.columnInt64(0), QStringLiteral("%1 — %2").arg(s.columnText(1), s.columnText(2))});
        });
        !r)
        return r.error();
    return list;
}

Result<QList<QPair<qint64, QString>>> MeetingService::residents(Database &db, const ActingUser &user, qint64 programId)
{
    if (!AccessPolicy::mayRunCccMeetings(user, programId))
        return makeError(ErrorKind::Denied,
                         tr("Only the program's committee members and program directors can "
                            "prepare its committee meetings."));
    Statement select(db,
                     "SELECT id, display_name FROM learners WHERE program_id = ? "
                     "AND status IN ('active', 'leave') ORDER BY display_name, id");
    select.bind(1, programId);
    QList<QPair<qint64, QString>> list;
    if (auto r = select.forEachRow([&](Statement &s) { list.append({s.columnInt64(0), s.columnText(1)}); }); !r)
        return r.error();
    return list;
}

} // namespace pme::core::ccc
