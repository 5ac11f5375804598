// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/Sodium.h"

#include "Logging.h"

#include <sodium.h>

namespace pme::core {

bool sodiumReady()
{
    // A function-local static is initialised exactly once even when two threads (the GUI
    // and an import worker) get here together; sodium_init() itself is idempotent.
    static const bool ready = [] {
        const bool ok = sodium_init() >= 0;
        if (!ok)
            qCCritical(lcGovernance) << "libsodium could not be initialised";
        return ok;
    }();
    return ready;
}

} // namespace pme::core
