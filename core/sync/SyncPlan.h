// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/SyncJob.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <functional>

namespace pme::core {

class Database;
class ProfileRegistry;

/// One file of a plan and the profile to read it with (empty: the suggested one).
struct SyncPlanFile {
    QString path;
    QString profileName;
};

/// Several files synced together, in the order that makes them fit: rosters first (they
/// create the learners the other files refer to), then observations, then outcomes.
///
/// A dry run of a plan runs every file in one outer transaction that is rolled back at the
/// end, so the counts of a later file see the learners an earlier roster would create: they
/// are exactly what the real sync will give.
class SyncPlan final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::SyncPlan)

public:
    SyncPlan(Database &db, const ProfileRegistry &profiles) : m_db(db), m_profiles(profiles) { }

    /// files sorted into sync order (stable within a kind).
    QList<SyncPlanFile> ordered(QList<SyncPlanFile> files) const;

    using FileStarted = std::function<void(int index, const SyncPlanFile &file)>;
    using FileFinished = std::function<void(int index, const SyncReport &report)>;

    /// Syncs files in the order given; `base` supplies the user, audit log, dry-run flag,
    /// progress and cancel. Denied reports for a user who may not sync. A cancel stops
    /// after the current file (which is then reported cancelled).
    QList<SyncReport> run(const QList<SyncPlanFile> &files, const SyncRequest &base, const FileStarted &started = {},
                          const FileFinished &finished = {});

private:
    int rank(const SyncPlanFile &file) const;

    Database &m_db;
    const ProfileRegistry &m_profiles;
};

} // namespace pme::core
