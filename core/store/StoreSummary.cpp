// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/StoreSummary.h"

#include "store/Database.h"
#include "store/Statement.h"

namespace pme::core {

Result<StoreSummary> StoreSummary::read(Database &db)
{
    Statement select(db, "SELECT (SELECT count(*) FROM programs), (SELECT count(*) FROM learners), "
                         "(SELECT count(*) FROM frameworks), (SELECT count(*) FROM competencies), "
                         "(SELECT count(*) FROM observations), (SELECT count(*) FROM import_batches), "
                         "(SELECT max(finished_at) FROM import_batches)");
    auto row = select.step();
    if (!row)
        return row.error();
    StoreSummary s;
    s.programs = select.columnInt64(0);
    s.learners = select.columnInt64(1);
    s.frameworks = select.columnInt64(2);
    s.competencies = select.columnInt64(3);
    s.observations = select.columnInt64(4);
    s.importBatches = select.columnInt64(5);
    s.lastImportAt = select.columnText(6);
    select.reset();
    auto version = db.pragmaInt("user_version");
    if (!version)
        return version.error();
    s.schemaVersion = static_cast<int>(*version);
    return s;
}

} // namespace pme::core
