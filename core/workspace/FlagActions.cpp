// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspace/FlagActions.h"

#include "domain/Dates.h"
#include "governance/AccessPolicy.h"
#include "governance/ActingUser.h"
#include "governance/AuditLog.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace pme::core::workspace {

namespace {

struct FlagOwner {
    qint64 learnerId = 0;
    QString rule;
};

Result<FlagOwner> ownerOf(Database &db, qint64 flagId)
{
    Statement select(db, "SELECT learner_id, rule_code FROM flags WHERE id = ?");
    select.bind(1, flagId);
    auto row = select.step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorKind::NotFound, FlagActions::tr("There is no flag %1.").arg(flagId));
    return FlagOwner{select.columnInt64(0), select.columnText(1)};
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

Result<bool> FlagActions::mayDecide(Database &db, const ActingUser &user, qint64 learnerId)
{
    if (!user.isValid())
        return false;
    Statement learner(db, "SELECT program_id FROM learners WHERE id = ?");
    learner.bind(1, learnerId);
    auto found = learner.step();
    if (!found)
        return found.error();
    if (!*found)
        return makeError(ErrorKind::NotFound, tr("There is no learner with id %1.").arg(learnerId));
    const qint64 programId = learner.columnInt64(0);
    for (const RoleGrant &grant : user.roles()) {
        if ((grant.role == Role::CccMember || grant.role == Role::ProgramDirector) && grant.covers(programId))
            return true;
    }
    if (!user.hasRole(Role::Coach))
        return false;
    // The same rule as AccessPolicy: an assignment holds up to, not including, ended_on.
    Statement assigned(db,
                       "SELECT 1 FROM coach_assignments WHERE coach_user_id = ?1 AND learner_id = ?2 "
                       "AND started_on <= ?3 AND (ended_on IS NULL OR ended_on > ?3) LIMIT 1");
    assigned.bind(1, user.id());
    assigned.bind(2, learnerId);
    assigned.bind(3, toIsoDate(QDate::currentDate()));
    return assigned.step();
}

Result<bool> FlagActions::mayComment(Database &db, const ActingUser &user, qint64 learnerId)
{
    return AccessPolicy::mayRead(db, user, DataKind::Flags, learnerId);
}

Result<void> FlagActions::setState(Database &db, const AuditLog &audit, const ActingUser &user, qint64 flagId,
                                   analytics::FlagStore::State state, const QString &reason)
{
    auto owner = ownerOf(db, flagId);
    if (!owner)
        return owner.error();
    if (auto r = AccessPolicy::requireRead(db, user, DataKind::Flags, owner->learnerId); !r)
        return r;
    auto allowed = mayDecide(db, user, owner->learnerId);
    if (!allowed)
        return allowed.error();
    if (!*allowed)
        return makeError(ErrorKind::Denied,
                         tr("Only the learner's coach, a CCC member or the program director can "
                            "acknowledge, resolve or dismiss a flag. You can comment on it."));
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    if (auto r = analytics::FlagStore::setState(db, flagId, state, reason, user.id()); !r)
        return r;
    const QJsonObject details{{QStringLiteral("flag"), flagId},
                              {QStringLiteral("rule"), owner->rule},
                              {QStringLiteral("state"), analytics::FlagStore::stateToString(state)},
                              {QStringLiteral("reason"), reason.trimmed()}};
    if (auto r = audit.append(db, user, AuditAction::FlagStateChanged, QStringLiteral("flag"), flagId, owner->learnerId,
                              compact(details));
        !r)
        return r.error();
    return tx.commit();
}

Result<void> FlagActions::comment(Database &db, const AuditLog &audit, const ActingUser &user, qint64 flagId,
                                  const QString &text)
{
    auto owner = ownerOf(db, flagId);
    if (!owner)
        return owner.error();
    if (auto r = AccessPolicy::requireRead(db, user, DataKind::Flags, owner->learnerId); !r)
        return r;
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    if (auto r = analytics::FlagStore::comment(db, flagId, text, user.id()); !r)
        return r;
    const QJsonObject details{{QStringLiteral("flag"), flagId},
                              {QStringLiteral("rule"), owner->rule},
                              {QStringLiteral("characters"), qint64(text.trimmed().size())}};
    if (auto r = audit.append(db, user, AuditAction::FlagCommented, QStringLiteral("flag"), flagId, owner->learnerId,
                              compact(details));
        !r)
        return r.error();
    return tx.commit();
}

} // namespace pme::core::workspace
