// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "sync/MappingProfile.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace pme::core {

class ActingUser;
class Database;
class ProfileRegistry;
struct SyncPlanFile;

/// One previewed row: the mapped domain values, or why the sync would reject it.
struct SyncPreviewRow {
    qint64 row = 0; ///< as a spreadsheet shows it (header = 1); for xAPI, the statement index
    QStringList values; ///< one per SyncPreviewResult::fields
    bool accepted = true;
    QString rejectColumn;
    QString rejectReason;
};

/// What a file looks like to a sync, before anything is written.
struct SyncPreviewResult {
    Q_DECLARE_TR_FUNCTIONS(pme::core::SyncPreviewResult)

public:
    QString path;
    bool xapi = false;
    char delimiter = ','; ///< CSV only
    QString encoding; ///< CSV only: "UTF-8" (ASCII included) or "Windows-1252"
    bool bom = false;
    QString suggestedProfile; ///< empty when no profile recognises the file
    QString profile; ///< the profile the rows were mapped with; empty when none
    MappingProfile::Target target = MappingProfile::Target::Observations;
    QString problem; ///< why no rows could be mapped (no profile, columns missing)
    QStringList header; ///< the file's columns (xAPI: the derived names)
    QStringList fields; ///< the domain fields shown, in display order
    QList<SyncPreviewRow> rows;

    /// "CSV, comma-separated, UTF-8" or "xAPI statements (JSON)", translated.
    QString formatText() const;
};

/// Reads the first rows of an export through the same mapping and validation a sync uses
/// (RowMapper with ObservationMapper or RosterMapper, against the store's codes and
/// identities) and writes nothing. Exact counts come from a dry run (SyncPlan).
class SyncPreview final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::SyncPreview)

public:
    static constexpr int kDefaultRows = 20;

    SyncPreview(Database &db, const ProfileRegistry &profiles) : m_db(db), m_profiles(profiles) { }

    /// profileName empty: the profile a sync would suggest. Fails only when the file cannot
    /// be read at all; a file no profile fits gives a result with `problem` set.
    Result<SyncPreviewResult> preview(const QString &path, const QString &profileName = {},
                                      int maxRows = kDefaultRows) const;

    /// As preview(), after syncing `earlier` (the rosters the same import brings) inside a
    /// transaction that is rolled back: rows of learners those files add show as they will be.
    Result<SyncPreviewResult> previewAfter(const QList<SyncPlanFile> &earlier, const ActingUser &user,
                                           const QString &path, const QString &profileName = {},
                                           int maxRows = kDefaultRows) const;

private:
    Result<void> readCsv(SyncPreviewResult &result, const MappingProfile *profile, int maxRows) const;
    Result<void> readXapi(SyncPreviewResult &result, const MappingProfile &profile, int maxRows) const;

    Database &m_db;
    const ProfileRegistry &m_profiles;
};

} // namespace pme::core
