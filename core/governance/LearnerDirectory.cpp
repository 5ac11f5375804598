// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/LearnerDirectory.h"

#include "governance/AccessPolicy.h"
#include "governance/ActingUser.h"

namespace pme::core {

Result<QList<LearnerRow>> LearnerDirectory::list(Database &db, const ActingUser &viewer, LearnerQuery query)
{
    if (!viewer.isValid())
        return makeError(ErrorKind::Denied, tr("Sign in to see learners."));
    auto scope = AccessPolicy::scope(db, viewer, DataKind::Roster);
    if (!scope)
        return scope.error();
    if (!scope->isEveryone()) {
        // Intersect with any narrowing the caller asked for; never widen it.
        QList<qint64> ids;
        for (qint64 id : scope->ids()) {
            if (!query.onlyIds || query.onlyIds->contains(id))
                ids.append(id);
        }
        query.onlyIds = std::move(ids);
    }
    return LearnerRepository(db).list(query);
}

} // namespace pme::core
