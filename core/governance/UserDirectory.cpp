// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/UserDirectory.h"

#include "governance/AccessPolicy.h"
#include "governance/ActingUser.h"
#include "store/Statement.h"

namespace pme::core {

Result<qint64> UserDirectory::idOf(Database &db, const ActingUser &viewer, const QString &username)
{
    if (!AccessPolicy::mayManageAccounts(viewer) && !AccessPolicy::mayViewAudit(viewer))
        return makeError(ErrorKind::Denied,
                         tr("Only administrators and program directors can look accounts up by name."));
    Statement st(db, "SELECT id FROM users WHERE username = ?");
    st.bind(1, username.trimmed());
    auto row = st.step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorKind::NotFound, tr("There is no user named %1.").arg(username.trimmed()));
    return st.columnInt64(0);
}

} // namespace pme::core
