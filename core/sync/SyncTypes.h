// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "domain/Observation.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace pme::core {

/// A row the sync did not take, and why. Stored with its batch; shown and saved as CSV.
struct SyncReject {
    qint64 row = 0;          ///< the record number as a spreadsheet shows it (header = 1); for xAPI, the statement index
    qint64 line = 0;         ///< physical line where it starts; 0 when not applicable
    QString column;          ///< the export's column (or the domain field) at fault; may be empty
    QString reason;          ///< one sentence a coordinator can act on
};

/// How a file's sync went. `status` is "ok" (every row taken), "partial" (some rejected),
/// "refused" (the file was not understood: nothing written) or "cancelled".
struct SyncReport {
    QString file;
    QString profile;
    QString status;
    QString message;
    qint64 batchId = 0;
    qint64 rowsRead = 0;
    qint64 inserted = 0;
    qint64 updated = 0;
    qint64 unchanged = 0;
    qint64 rejected = 0;
    qint64 rejectsTotal = 0;       ///< all rejects; `rejects` holds at most the first kMaxReportedRejects
    QList<SyncReject> rejects;
    QStringList unlinkedIdentities;  ///< learner ids of the source that no learner is linked to
    QString sha256;
    bool dryRun = false;
    /// Why a refused or cancelled file was refused (the CLI's exit code comes from it).
    ErrorKind errorKind = ErrorKind::Internal;

    static constexpr int kMaxReportedRejects = 100;
};

/// One observation ready to write, validated, in UTF-8 (it crosses from the parsing thread
/// to the writing thread, so it owns its text).
struct ObservationRow {
    qint64 row = 0;
    qint64 learnerId = 0;
    qint64 competencyId = 0;   ///< 0: none (exam scores)
    Observation::Kind kind = Observation::Kind::Assessment;
    std::string date;          ///< YYYY-MM-DD
    std::optional<double> rating;
    std::optional<double> score;
    std::optional<double> percentile;
    std::string ratingText;
    std::string assessor;
    std::string assessorRole;
    std::string instrument;
    std::string context;
    std::string narrative;
    std::string sourceKey;
    qint64 keyHash = 0;
    qint64 contentHash = 0;

    /// Back to a default row, keeping the text buffers: the parsing side reuses rows batch
    /// after batch instead of allocating their strings again for every row. A new field
    /// must be reset here too (tst_sync checks a reset row against a default one).
    void reset()
    {
        row = learnerId = competencyId = keyHash = contentHash = 0;
        kind = Observation::Kind::Assessment;
        rating.reset();
        score.reset();
        percentile.reset();
        for (std::string *text : {&date, &ratingText, &assessor, &assessorRole, &instrument, &context, &narrative,
                                  &sourceKey})
            text->clear();
    }
    bool operator==(const ObservationRow &) const = default;
};

} // namespace pme::core
