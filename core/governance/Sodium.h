// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace pme::core {

/// Initialises libsodium once per process (thread-safe); false when it cannot be used, in
/// which case nothing that needs it (password hashes, the audit seal) may proceed.
bool sodiumReady();

} // namespace pme::core
