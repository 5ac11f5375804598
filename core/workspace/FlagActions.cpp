// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspace/FlagActions.h"

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
    return AccessPolicy::mayDecideFlags(db, user, learnerId);
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
