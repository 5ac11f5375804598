// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/SyncJob.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>

namespace pme::core {

class Database;

/// Imports the Open University Learning Analytics Dataset (docs/oulad.md): a folder of
/// related CSV files that no single-file profile can map.
///
/// Each module presentation becomes a program; each student's registration a learner of
/// it; each assessment submission a scored observation dated from the presentation's start;
/// `final_result` an outcome; each dated assessment an item of the program's expected-evidence
/// schedule. Everything goes in one transaction, like any sync.
class OuladImporter final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::OuladImporter)

public:
    explicit OuladImporter(Database &db) : m_db(db) {}

    /// True when the folder holds the OULAD files.
    static bool recognises(const QString &folder);
    /// The calendar day a presentation starts: 'B' presentations in February, 'J' in October.
    static QDate presentationStart(const QString &presentation);

    /// request.path is the folder; dryRun, user, audit, progress and cancel are honoured.
    SyncReport run(const SyncRequest &request);

private:
    struct State;
    Result<void> importAll(State &state, const SyncRequest &request, SyncReport &report);
    Result<void> importCourses(State &state, SyncReport &report);
    Result<void> importStudents(State &state, SyncReport &report, QList<SyncReject> &rejects);
    Result<void> importSubmissions(State &state, const SyncRequest &request, SyncReport &report,
                                   QList<SyncReject> &rejects);
    Result<void> importSchedule(State &state);
    Result<void> writeOutcomes(State &state, const QString &externalId, const QString &result, const QDate &date,
                               const std::optional<QDate> &left,
                               SyncReport &report);

    Database &m_db;
};

} // namespace pme::core
