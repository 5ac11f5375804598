// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/Database.h"

namespace pme::core {

/// Copies a store's write-ahead log into the database file on a thread of its own.
///
/// SQLite checkpoints in the call that commits once the log holds more than a thousand pages,
/// so a large transaction (a full recompute's results) would wait for its pages to be written
/// a second time. A connection that turns its automatic checkpoint off
/// (`PRAGMA wal_autocheckpoint = 0`) hands itself here after its commit instead: the commit
/// is durable once the log is synced, and the copy runs in the background. A passive
/// checkpoint waits for no reader or writer; what it cannot copy yet, the next one does.
///
/// The process waits for the checkpoints still running when it exits.
class BackgroundCheckpoint final {
public:
    /// Checkpoints `db`'s file through `db` on a new thread, then closes the connection.
    static void start(Database db);
    /// Waits until every checkpoint started so far has finished.
    static void waitForAll();
};

} // namespace pme::core
