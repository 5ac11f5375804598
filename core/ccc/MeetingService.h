// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "ccc/CccTypes.h"

#include <QCoreApplication>

namespace pme::core {
class ActingUser;
class AuditLog;
class Database;
} // namespace pme::core

namespace pme::core::ccc {

/// Clinical Competency Committee meetings: preparing one (members, period, residents), the
/// agenda ordered by need and reordered by hand, starting and closing. Only the CCC members
/// and program directors of the meeting's program take part (AccessPolicy); every change is
/// audited in its own transaction.
class MeetingService final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::ccc::MeetingService)

public:
    /// Validates the draft (period, date, exactly one chair among members who sit on the
    /// program's committee, residents of the program), stores the meeting with its agenda
    /// ordered by need, and returns its id.
    static Result<qint64> prepare(Database &db, const AuditLog &audit, const ActingUser &user,
                                  const MeetingDraft &draft);

    /// The agenda's order of need: open flags by severity (the most severe first, then the
    /// count), then the lowest probability of reaching the target (unknown last), then the
    /// least recent evidence (none first), then the name.
    static Result<QList<AgendaItem>> orderByNeed(Database &db, const QList<qint64> &learnerIds);

    /// The meetings of the programs where user runs meetings, newest first, without agendas.
    static Result<QList<Meeting>> meetings(Database &db, const ActingUser &user);
    /// One meeting with its members and its agenda (with each resident's need figures and
    /// finalised decisions). Denied for anyone who does not run meetings of its program.
    static Result<Meeting> meeting(Database &db, const ActingUser &user, qint64 meetingId);

    /// Moves a resident to position (0-based) on the agenda; the others shift.
    static Result<void> moveAgendaItem(Database &db, const AuditLog &audit, const ActingUser &user, qint64 meetingId,
                                       qint64 learnerId, int position);
    /// planned -> in_progress.
    static Result<void> start(Database &db, const AuditLog &audit, const ActingUser &user, qint64 meetingId);
    /// -> closed, with the meeting note. A closed meeting takes no more decisions.
    static Result<void> close(Database &db, const AuditLog &audit, const ActingUser &user, qint64 meetingId,
                              const QString &note);

    /// The users who may sit on programId's committee (CCC members, program directors), by name.
    static Result<QList<MeetingMember>> eligibleMembers(Database &db, const ActingUser &user, qint64 programId);
    /// The programs where user runs meetings: (id, "CODE — Name").
    static Result<QList<QPair<qint64, QString>>> programs(Database &db, const ActingUser &user);
    /// The learners of programId in training (active or on leave), by name: who may be put on
    /// an agenda.
    static Result<QList<QPair<qint64, QString>>> residents(Database &db, const ActingUser &user, qint64 programId);
};

} // namespace pme::core::ccc
