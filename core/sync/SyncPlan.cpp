// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/SyncPlan.h"

#include "governance/ActingUser.h"
#include "store/Transaction.h"
#include "sync/SyncData.h"

#include <QFileInfo>

#include <algorithm>

namespace pme::core {

int SyncPlan::rank(const SyncPlanFile &file) const
{
    const SyncJob job(m_db, m_profiles);
    const MappingProfile *profile
        = file.profileName.isEmpty() ? job.suggestProfile(file.path) : m_profiles.find(file.profileName);
    if (!profile)
        return 1;
    return profile->target == MappingProfile::Target::Roster  ? 0
        : profile->target == MappingProfile::Target::Outcomes ? 2
                                                              : 1;
}

QList<SyncPlanFile> SyncPlan::ordered(QList<SyncPlanFile> files) const
{
    std::stable_sort(files.begin(), files.end(),
                     [&](const SyncPlanFile &a, const SyncPlanFile &b) { return rank(a) < rank(b); });
    return files;
}

QList<SyncReport> SyncPlan::run(const QList<SyncPlanFile> &files, const SyncRequest &base, const FileStarted &started,
                                const FileFinished &finished)
{
    QList<SyncReport> reports;
    const auto refuseAll = [&](const QString &status, const QString &message) {
        for (qsizetype i = reports.size(); i < files.size(); ++i) {
            SyncReport report;
            report.file = QFileInfo(files.at(i).path).fileName();
            report.profile = files.at(i).profileName;
            report.status = status;
            report.message = message;
            report.dryRun = base.dryRun;
            reports << report;
            if (finished)
                finished(int(i), report);
        }
        return reports;
    };
    if (auto allowed = SyncData::requireManage(base.user ? *base.user : ActingUser()); !allowed)
        return refuseAll(QStringLiteral("refused"), allowed.error().message);

    // A dry run writes for real inside a transaction that is never committed.
    std::optional<Transaction> outer;
    if (base.dryRun) {
        outer.emplace(m_db);
        if (!outer->isActive())
            return refuseAll(QStringLiteral("refused"), outer->error().message);
    }
    SyncJob job(m_db, m_profiles);
    for (qsizetype i = 0; i < files.size(); ++i) {
        if (base.cancel && base.cancel->load())
            return refuseAll(QStringLiteral("cancelled"), tr("The sync was cancelled; nothing was changed."));
        if (started)
            started(int(i), files.at(i));
        SyncRequest request = base;
        request.path = files.at(i).path;
        request.profileName = files.at(i).profileName;
        request.dryRun = false;
        if (base.dryRun)
            request.audit = nullptr;
        SyncReport report = job.run(request);
        if (base.dryRun) {
            report.dryRun = true;
            report.batchId = 0;
        }
        reports << report;
        if (finished)
            finished(int(i), report);
    }
    if (outer)
        outer->rollback();
    return reports;
}

} // namespace pme::core
