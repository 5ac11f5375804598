// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

namespace pme::cli {

/// pmecoach-cli's documented exit codes (README, docs/cli.md). Scripts rely on them: never
/// renumber, only add.
enum ExitCode : int {
    Ok = 0,
    Failure = 1,          ///< an unexpected or I/O failure
    UsageError = 2,       ///< unknown command, missing or malformed argument
    BadInput = 3,         ///< an input file or value is malformed or does not fit the domain
    DatabaseRefused = 4,  ///< not a PME Coach store, written by a newer version, or unreadable
    AccessDenied = 5,     ///< the acting user may not do this
    NotFound = 6,         ///< a named thing (learner, framework, database) does not exist
    AuditBroken = 7,      ///< 'audit verify' found the audit chain tampered with
};

inline int exitCodeFor(core::ErrorKind kind)
{
    switch (kind) {
    case core::ErrorKind::BadInput:
    case core::ErrorKind::Conflict:
        return BadInput;
    case core::ErrorKind::Refused:
        return DatabaseRefused;
    case core::ErrorKind::Denied:
        return AccessDenied;
    case core::ErrorKind::NotFound:
        return NotFound;
    case core::ErrorKind::Io:
    case core::ErrorKind::Internal:
    case core::ErrorKind::Cancelled:
        break;
    }
    return Failure;
}

} // namespace pme::cli
