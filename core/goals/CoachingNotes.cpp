// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "goals/CoachingNotes.h"

#include "domain/Dates.h"
#include "governance/AccessPolicy.h"
#include "governance/ActingUser.h"
#include "governance/AuditLog.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace pme::core::goals {

namespace {

bool isLearnerThemself(const ActingUser &user, qint64 learnerId)
{
    return user.hasRole(Role::Learner) && user.learnerId() == learnerId;
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Result<void> checkDraft(const NoteDraft &note)
{
    if (note.kind != QLatin1String("session") && note.kind != QLatin1String("reflection"))
        return makeError(ErrorKind::BadInput, CoachingNotes::tr("A note is a session note or a reflection."));
    if (note.body.trimmed().isEmpty())
        return makeError(ErrorKind::BadInput, CoachingNotes::tr("A note needs some text."));
    if (note.body.size() > 20000 || note.nextSteps.size() > 4000 || note.attendees.size() > 500)
        return makeError(ErrorKind::BadInput, CoachingNotes::tr("The note is too long."));
    return {};
}

} // namespace

Result<qint64> CoachingNotes::write(Database &db, const AuditLog &audit, const ActingUser &user, qint64 learnerId,
                                    const NoteDraft &note)
{
    if (auto r = checkDraft(note); !r)
        return r.error();
    auto allowed = AccessPolicy::mayCoProduce(db, user, learnerId);
    if (!allowed)
        return allowed.error();
    if (!*allowed)
        return makeError(ErrorKind::Denied, tr("Only the learner and their coach write coaching notes."));
    const bool reflection = note.kind == QLatin1String("reflection");
    if (reflection && !isLearnerThemself(user, learnerId))
        return makeError(ErrorKind::Denied, tr("Reflections are the learner's own: only they write them."));
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    Statement insert(db,
                     "INSERT INTO coaching_notes (learner_id, author_user_id, kind, session_date, attendees, body, "
                     "next_steps, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)");
    insert.bind(1, learnerId);
    insert.bind(2, user.id());
    insert.bind(3, note.kind);
    insert.bind(4, note.sessionDate ? std::optional<QString>(toIsoDate(*note.sessionDate)) : std::nullopt);
    insert.bind(5, note.attendees.trimmed());
    insert.bind(6, note.body.trimmed());
    insert.bind(7, note.nextSteps.trimmed());
    insert.bind(8, nowUtcIso());
    if (auto r = insert.exec(); !r)
        return r.error();
    const qint64 noteId = db.lastInsertRowId();
    // The text stays behind the firewall; the log records that a note exists.
    const QJsonObject details{{QStringLiteral("kind"), note.kind},
                              {QStringLiteral("characters"), static_cast<double>(note.body.trimmed().size())}};
    if (auto r = audit.append(db, user, AuditAction::NoteWritten, QStringLiteral("coaching_note"), noteId, learnerId,
                              compact(details));
        !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return noteId;
}

Result<void> CoachingNotes::setShared(Database &db, const AuditLog &audit, const ActingUser &user, qint64 noteId,
                                      bool shared)
{
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    Statement select(db, "SELECT learner_id, visibility FROM coaching_notes WHERE id = ?");
    select.bind(1, noteId);
    auto row = select.step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorKind::NotFound, tr("There is no coaching note %1.").arg(noteId));
    const qint64 learnerId = select.columnInt64(0);
    const QString visibility = shared ? QStringLiteral("program") : QStringLiteral("private");
    if (!isLearnerThemself(user, learnerId))
        return makeError(ErrorKind::Denied, tr("Only the learner can share a note with the program."));
    if (select.columnText(1) == visibility)
        return {};
    Statement update(db,
                     "UPDATE coaching_notes SET visibility = ?2, shared_at = ?3, shared_by = ?4, updated_at = ?5 "
                     "WHERE id = ?1");
    update.bind(1, noteId);
    update.bind(2, visibility);
    const QString now = nowUtcIso();
    update.bind(3, shared ? std::optional<QString>(now) : std::nullopt);
    update.bind(4, shared ? std::optional<qint64>(user.id()) : std::nullopt);
    update.bind(5, now);
    if (auto r = update.exec(); !r)
        return r;
    if (auto r = audit.append(db, user, AuditAction::NoteShared, QStringLiteral("coaching_note"), noteId, learnerId,
                              compact(QJsonObject{{QStringLiteral("visibility"), visibility}}));
        !r)
        return r.error();
    return tx.commit();
}

Result<QList<CoachingNote>> CoachingNotes::list(Database &db, const ActingUser &user, qint64 learnerId)
{
    auto shared = AccessPolicy::mayRead(db, user, DataKind::SharedCoachingNotes, learnerId);
    if (!shared)
        return shared.error();
    auto unshared = AccessPolicy::mayRead(db, user, DataKind::PrivateCoachingNotes, learnerId);
    if (!unshared)
        return unshared.error();
    if (!*shared && !*unshared)
        return makeError(ErrorKind::Denied,
                         tr("Your roles do not give access to %1 of this learner.")
                             .arg(AccessPolicy::describe(DataKind::SharedCoachingNotes)));
    const bool self = isLearnerThemself(user, learnerId);
    Statement select(db,
                     "SELECT n.id, n.author_user_id, u.display_name, n.kind, n.session_date, n.attendees, n.body, "
                     "n.next_steps, n.visibility, n.shared_at, n.created_at FROM coaching_notes n "
                     "LEFT JOIN users u ON u.id = n.author_user_id WHERE n.learner_id = ? "
                     "ORDER BY coalesce(n.session_date, substr(n.created_at, 1, 10)) DESC, n.id DESC");
    select.bind(1, learnerId);
    QList<CoachingNote> notes;
    if (auto r = select.forEachRow([&](Statement &s) {
            CoachingNote n;
            n.visibility = s.columnText(8);
            n.kind = s.columnText(3);
            const bool isShared = n.visibility == QLatin1String("program");
            // A private reflection is the learner's alone, not the coaching pair's.
            const bool readable = isShared ? *shared : *unshared && (n.kind != QLatin1String("reflection") || self);
            if (!readable)
                return;
            n.id = s.columnInt64(0);
            n.learnerId = learnerId;
            n.authorId = s.columnInt64(1);
            n.authorName = s.columnText(2);
            n.sessionDate = s.isNull(4) ? std::nullopt : parseIsoDate(s.columnText(4));
            n.attendees = s.columnText(5);
            n.body = s.columnText(6);
            n.nextSteps = s.columnText(7);
            n.sharedAt = s.columnText(9);
            n.createdAt = s.columnText(10);
            notes.append(std::move(n));
        });
        !r)
        return r.error();
    return notes;
}

} // namespace pme::core::goals
