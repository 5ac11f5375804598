// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A sync in its own process, for tst_synckill to kill: sync_child DB FILE
#include "store/Store.h"
#include "sync/ProfileRegistry.h"
#include "sync/SyncJob.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3)
        return 2;
    auto store = pme::core::Store::open(args.at(1));
    auto profiles = pme::core::ProfileRegistry::load(QString());
    if (!store || !profiles)
        return 3;
    pme::core::SyncJob job(store->database(), *profiles);
    pme::core::SyncRequest request;
    request.path = args.at(2);
    const pme::core::SyncReport report = job.run(request);
    std::printf("%s %lld\n", qPrintable(report.status), static_cast<long long>(report.inserted));
    return report.status == QLatin1String("ok") ? 0 : 1;
}
