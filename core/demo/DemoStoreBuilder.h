// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "demo/DemoCohortGenerator.h"
#include "sync/SyncTypes.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace pme::core {

/// What building a demo store did.
struct DemoStoreBuilt {
    DemoCohortFiles files;
    QList<SyncReport> syncs;
    int flagsOpen = 0; ///< after the first recompute
};

/// Builds the demo store the way a program would build its own: the demo cohort's export
/// files are written, then synced through the real import path into a new store, which is
/// marked as a demo store and given the demo accounts (core/governance/DemoAccounts).
class DemoStoreBuilder final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::DemoStoreBuilder)

public:
    /// Refuses a store path that already exists: a demo never overwrites data.
    static Result<DemoStoreBuilt> build(const DemoCohortConfig &config, const QString &filesDir,
                                        const QString &storePath);
};

} // namespace pme::core
