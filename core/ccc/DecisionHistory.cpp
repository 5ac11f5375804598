// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DecisionService: superseding a finalised decision, and reading a resident's decisions.
#include "ccc/DecisionService.h"
#include "ccc/MeetingRows.h"
#include "ccc/PacketBuilder.h"
#include "domain/Dates.h"
#include "governance/AccessPolicy.h"
#include "governance/ActingUser.h"
#include "governance/AuditLog.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace pme::core::ccc {

namespace {

using detail::compactJson;

constexpr const char *kDecisionColumns
    = "SELECT d.id, d.meeting_id, d.learner_id, d.competency_id, c.code, d.proposed_level, d.level, d.progress, "
      "d.rationale, u.display_name, d.finalized_at, d.supersedes_id, "
      "(SELECT s.id FROM ccc_decisions s WHERE s.supersedes_id = d.id), d.observation_id "
      "FROM ccc_decisions d LEFT JOIN competencies c ON c.id = d.competency_id "
      "LEFT JOIN users u ON u.id = d.decided_by ";

DecisionRecord readDecision(Statement &s)
{
    DecisionRecord d;
    d.id = s.columnInt64(0);
    d.meetingId = s.columnInt64(1);
    d.learnerId = s.columnInt64(2);
    d.competencyId = s.columnOptionalInt64(3);
    d.competencyCode = s.columnText(4);
    d.proposedLevel = s.columnOptionalDouble(5);
    d.level = s.columnOptionalDouble(6);
    d.progress = progressFromKey(s.columnText(7));
    d.rationale = s.columnText(8);
    d.decidedBy = s.columnText(9);
    d.finalizedAt = s.columnText(10);
    d.supersedesId = s.columnOptionalInt64(11);
    d.supersededById = s.columnOptionalInt64(12);
    d.observationId = s.columnOptionalInt64(13);
    return d;
}

Result<DecisionRecord> readOne(Database &db, qint64 id)
{
    const QByteArray sql = QByteArray(kDecisionColumns) + "WHERE d.id = ?";
    Statement select(db, sql.constData());
    select.bind(1, id);
    auto row = select.step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorKind::NotFound, DecisionService::tr("There is no committee decision %1.").arg(id));
    return readDecision(select);
}

/// The decision's observation takes the new level as a new revision; the old values are kept.
Result<void> reviseObservation(Database &db, qint64 observationId, double level)
{
    Statement old(db, "SELECT rating, rating_text, revision, content_hash FROM observations WHERE id = ?");
    old.bind(1, observationId);
    auto row = old.step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorKind::NotFound, DecisionService::tr("The decision's observation is missing."));
    const QJsonObject previous{{QStringLiteral("rating"), old.columnDouble(0)},
                               {QStringLiteral("rating_text"), old.columnText(1)}};
    const qint64 revision = old.columnInt64(2);
    const std::optional<qint64> hash = old.columnOptionalInt64(3);
    old.reset();
    Statement keep(db,
                   "INSERT INTO observation_revisions (observation_id, revision, batch_id, content_hash, "
                   "replaced_at, previous) VALUES (?, ?, NULL, ?, ?, ?)");
    keep.bind(1, observationId);
    keep.bind(2, revision);
    keep.bind(3, hash);
    keep.bind(4, nowUtcIso());
    keep.bind(5, compactJson(previous));
    if (auto r = keep.exec(); !r)
        return r;
    Statement update(db, "UPDATE observations SET rating = ?, rating_text = ?, revision = ? WHERE id = ?");
    update.bind(1, level);
    update.bind(2, QLocale::c().toString(level, 'g', 4));
    update.bind(3, revision + 1);
    update.bind(4, observationId);
    return update.exec();
}

Result<void> checkSupersession(Database &db, const ActingUser &user, const DecisionRecord &old,
                               const Supersession &change, const Meeting &meeting)
{
    if (old.supersededById)
        return makeError(ErrorKind::Conflict,
                         DecisionService::tr("Decision %1 was already superseded by decision %2; "
                                             "supersede that one.")
                             .arg(old.id)
                             .arg(*old.supersededById));
    if (change.rationale.trimmed().isEmpty())
        return makeError(ErrorKind::BadInput,
                         DecisionService::tr("A decision that supersedes a finalised one needs "
                                             "its reason."));
    if (!old.competencyId)
        return change.progress
            ? Result<void>()
            : makeError(ErrorKind::BadInput, DecisionService::tr("The new overall judgement needs a progress value."));
    if (!change.level)
        return makeError(ErrorKind::BadInput, DecisionService::tr("The new decision needs a level."));
    auto proposals = PacketBuilder::proposals(db, user, old.learnerId, meeting.period.end);
    if (!proposals)
        return proposals.error();
    for (const ProposedLevel &p : *proposals) {
        if (p.competencyId != *old.competencyId)
            continue;
        const double steps = (*change.level - p.scaleMin) / p.scaleStep;
        if (*change.level < p.scaleMin || *change.level > p.scaleMax || std::abs(steps - std::round(steps)) > 1e-6)
            return makeError(
                ErrorKind::BadInput,
                DecisionService::tr("%1 is not a level of %2's scale.").arg(QLocale().toString(*change.level), p.code));
        return {};
    }
    return makeError(ErrorKind::BadInput, DecisionService::tr("The decision's subcompetency is not the resident's."));
}

} // namespace

namespace {

Result<qint64> insertSuccessor(Database &db, const ActingUser &user, const DecisionRecord &old,
                               const Supersession &change)
{
    const QString now = nowUtcIso();
    Statement insert(db,
                     "INSERT INTO ccc_decisions (meeting_id, learner_id, competency_id, proposed_level, level, "
                     "progress, rationale, decided_by, finalized_at, supersedes_id, observation_id, created_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, old.meetingId);
    insert.bind(2, old.learnerId);
    insert.bind(3, old.competencyId);
    insert.bind(4, old.proposedLevel);
    insert.bind(5, old.competencyId ? change.level : std::nullopt);
    insert.bind(6, old.competencyId ? std::nullopt : std::optional<QString>(progressKey(*change.progress)));
    insert.bind(7, change.rationale.trimmed());
    insert.bind(8, user.id());
    insert.bind(9, now);
    insert.bind(10, old.id);
    insert.bind(11, old.observationId);
    insert.bind(12, now);
    if (auto r = insert.exec(); !r)
        return r.error();
    return db.lastInsertRowId();
}

QString supersessionDetails(const DecisionRecord &old, const Supersession &change)
{
    QJsonObject details{{QStringLiteral("meeting"), old.meetingId}, {QStringLiteral("supersedes"), old.id}};
    if (old.competencyId) {
        details.insert(QStringLiteral("competency"), old.competencyCode);
        details.insert(QStringLiteral("from"), old.level ? QJsonValue(*old.level) : QJsonValue());
        details.insert(QStringLiteral("to"), *change.level);
    } else {
        details.insert(QStringLiteral("from"), old.progress ? progressKey(*old.progress) : QString());
        details.insert(QStringLiteral("to"), progressKey(*change.progress));
    }
    return compactJson(details);
}

} // namespace

Result<qint64> DecisionService::supersede(Database &db, const AuditLog &audit, const ActingUser &user,
                                          const Supersession &change)
{
    auto old = readOne(db, change.decisionId);
    if (!old)
        return old.error();
    auto meeting = detail::readMeetingFor(db, user, old->meetingId);
    if (!meeting)
        return meeting.error();
    auto allowed = AccessPolicy::mayRecordCccDecisions(db, user, old->learnerId);
    if (!allowed)
        return allowed.error();
    if (!*allowed)
        return makeError(ErrorKind::Denied,
                         tr("Only the committee members and program directors of the resident's "
                            "program record committee decisions."));
    if (auto r = checkSupersession(db, user, *old, change, *meeting); !r)
        return r.error();
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    auto id = insertSuccessor(db, user, *old, change);
    if (!id)
        return id;
    if (old->observationId && change.level) {
        if (auto r = reviseObservation(db, *old->observationId, *change.level); !r)
            return r.error();
    }
    if (auto r = audit.append(db, user, AuditAction::CccDecisionSuperseded, QStringLiteral("ccc_decision"), *id,
                              old->learnerId, supersessionDetails(*old, change));
        !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    // The resident's curve takes the new level in; the decision stands if that fails.
    if (old->competencyId)
        (void)detail::refreshLearner(db, audit, user, old->learnerId);
    return id;
}

Result<ResidentDecisions> DecisionService::decisions(Database &db, const ActingUser &user, qint64 meetingId,
                                                     qint64 learnerId)
{
    auto meeting = detail::readMeetingFor(db, user, meetingId);
    if (!meeting)
        return meeting.error();
    auto allowed = AccessPolicy::mayRecordCccDecisions(db, user, learnerId);
    if (!allowed)
        return allowed.error();
    if (!*allowed)
        return makeError(ErrorKind::Denied,
                         tr("Only the committee members and program directors of the resident's "
                            "program read committee decisions."));
    ResidentDecisions out;
    const QByteArray sql = QByteArray(kDecisionColumns)
        + "WHERE d.meeting_id = ? AND d.learner_id = ? AND d.finalized_at IS NOT NULL "
          "ORDER BY d.competency_id IS NULL, c.sort_order, d.id";
    Statement select(db, sql.constData());
    select.bind(1, meetingId);
    select.bind(2, learnerId);
    if (auto r = select.forEachRow([&](Statement &s) {
            DecisionRecord d = readDecision(s);
            (d.supersededById ? out.history : out.current).append(d);
        });
        !r)
        return r.error();
    Statement actions(db,
                      "SELECT i.id, i.ccc_decision_id, i.kind, i.description, u.display_name, i.due_on "
                      "FROM interventions i JOIN ccc_decisions d ON d.id = i.ccc_decision_id "
                      "LEFT JOIN users u ON u.id = i.owner_user_id "
                      "WHERE d.meeting_id = ? AND d.learner_id = ? ORDER BY i.due_on, i.id");
    actions.bind(1, meetingId);
    actions.bind(2, learnerId);
    if (auto r = actions.forEachRow([&](Statement &s) {
            out.actions.append(ActionRecord{s.columnInt64(0), s.columnInt64(1), s.columnText(2), s.columnText(3),
                                            s.columnText(4), parseIsoDate(s.columnText(5)).value_or(QDate())});
        });
        !r)
        return r.error();
    Statement note(db, "SELECT note FROM ccc_agenda_items WHERE meeting_id = ? AND learner_id = ?");
    note.bind(1, meetingId);
    note.bind(2, learnerId);
    if (auto r = note.forEachRow([&](Statement &s) { out.note = s.columnText(0); }); !r)
        return r.error();
    return out;
}

} // namespace pme::core::ccc
