// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QString>

namespace pme::core {

class Database;

/// What a store holds, in counts: for status lines, empty states and `pmecoach-cli`.
struct StoreSummary {
    qint64 programs = 0;
    qint64 learners = 0;
    qint64 frameworks = 0;
    qint64 competencies = 0;
    qint64 observations = 0;
    qint64 importBatches = 0;
    QString lastImportAt;   ///< empty when nothing was ever imported
    int schemaVersion = 0;

    bool isEmpty() const { return learners == 0 && observations == 0; }

    static Result<StoreSummary> read(Database &db);
};

} // namespace pme::core
