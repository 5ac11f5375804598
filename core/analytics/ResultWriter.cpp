// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/ResultWriter.h"

#include "domain/Dates.h"
#include "store/BackgroundCheckpoint.h"
#include "store/MultiRowInsert.h"
#include "store/Statement.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace pme::core::analytics {

namespace {

Result<void> writeModels(Database &db, const AnalyticsDataset &data, const Trajectories &trajectories,
                         const QString &now)
{
    if (auto r = db.execute("DELETE FROM growth_models"); !r)
        return r;
    Statement insert(db, "INSERT INTO growth_models (competency_id, observations, learners, intercept, slope, vcov_ii, "
                         "vcov_is, vcov_ss, re_var_i, re_cov_is, re_var_s, residual_var, theta, reml, evaluations, "
                         "boundary, fitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const CompetencyModel &model : trajectories.models()) {
        if (!model.fit)
            continue;
        const GrowthFit &f = *model.fit;
        insert.bind(1, data.competencies()[static_cast<std::size_t>(model.competency)].id);
        insert.bind(2, f.observations);
        insert.bind(3, f.groups);
        insert.bind(4, f.fixedEffects(0));
        insert.bind(5, f.fixedEffects(1));
        insert.bind(6, f.fixedCovariance(0, 0));
        insert.bind(7, f.fixedCovariance(0, 1));
        insert.bind(8, f.fixedCovariance(1, 1));
        insert.bind(9, f.randomCovariance(0, 0));
        insert.bind(10, f.randomCovariance(0, 1));
        insert.bind(11, f.randomCovariance(1, 1));
        insert.bind(12, f.residualVariance);
        insert.bind(13, QString::fromUtf8(QJsonDocument(QJsonArray{f.theta(0), f.theta(1), f.theta(2)})
                                              .toJson(QJsonDocument::Compact)));
        insert.bind(14, f.remlCriterion);
        insert.bind(15, f.evaluations);
        insert.bind(16, f.boundary ? 1 : 0);
        insert.bind(17, now);
        if (auto r = insert.exec(); !r)
            return r;
    }
    return {};
}

// One estimate's values at parameters first + 1 … first + 18; `lastObserved` is its date as
// text (empty: none), bound without a copy.
void bindEstimate(Statement &insert, int first, const AnalyticsDataset &data, const LearnerRecord &learner,
                  const LearnerForecast &f, std::string_view lastObserved)
{
    insert.bind(first + 1, learner.id);
    insert.bind(first + 2, data.competencies()[static_cast<std::size_t>(f.competency)].id);
    insert.bind(first + 3, f.observations);
    if (!lastObserved.empty())
        insert.bindStatic(first + 4, lastObserved);
    else if (f.lastDay)
        insert.bind(first + 4, toIsoDate(learner.start.addDays(*f.lastDay)));
    else
        insert.bindNull(first + 4);
    insert.bind(first + 5, f.estimate.coefficients(0));
    insert.bind(first + 6, f.estimate.coefficients(1));
    insert.bind(first + 7, f.estimate.covariance(0, 0));
    insert.bind(first + 8, f.estimate.covariance(0, 1));
    insert.bind(first + 9, f.estimate.covariance(1, 1));
    insert.bind(first + 10, f.yearsNow);
    insert.bind(first + 11, f.levelNow);
    insert.bind(first + 12, f.levelNowSd);
    insert.bind(first + 13, f.cohortNow);
    insert.bind(first + 14, f.cohortSpreadNow);
    insert.bind(first + 15, f.yearsAtCompletion);
    insert.bind(first + 16, f.levelAtCompletion);
    insert.bind(first + 17, f.levelAtCompletionSd);
    insert.bind(first + 18, f.probabilityTarget);
}

Result<void> writeEstimates(Database &db, const AnalyticsDataset &data, const Trajectories &trajectories,
                            std::span<const qint32> scope, bool everyone)
{
    if (everyone) {
        if (auto r = db.execute("DELETE FROM learner_estimates"); !r)
            return r;
    } else {
        Statement remove(db, "DELETE FROM learner_estimates WHERE learner_id = ?");
        for (qint32 l : scope) {
            remove.bind(1, data.learners()[static_cast<std::size_t>(l)].id);
            if (auto r = remove.exec(); !r)
                return r;
        }
    }
    std::vector<std::pair<const LearnerRecord *, const LearnerForecast *>> rows;
    for (qint32 l : scope) {
        for (const LearnerForecast &f : trajectories.forecastsFor(l))
            rows.emplace_back(&data.learners()[static_cast<std::size_t>(l)], &f);
    }
    // The dates as UTF-8 first, bound from here without a copy: a QString each, converted and
    // then copied by SQLite, cost the writer about 25 ms of its 200 on the bench.
    std::vector<std::array<char, 10>> lastObserved(rows.size());
    std::vector<char> haveLastObserved(rows.size(), 0);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const LearnerForecast &f = *rows[i].second;
        haveLastObserved[i] = f.lastDay && toIsoDate(rows[i].first->start.addDays(*f.lastDay), lastObserved[i]);
    }
    return insertRows(db,
                      "INSERT INTO learner_estimates (learner_id, competency_id, observations, last_observed_on, "
                      "intercept, slope, cov_ii, cov_is, cov_ss, years_now, level_now, level_now_sd, cohort_now, "
                      "cohort_spread_now, years_at_completion, level_at_completion, level_at_completion_sd, "
                      "probability_target) VALUES ",
                      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 18, rows.size(),
                      [&](Statement &insert, int offset, std::size_t i) {
                          bindEstimate(insert, offset, data, *rows[i].first, *rows[i].second,
                                       haveLastObserved[i] ? std::string_view(lastObserved[i].data(), 10)
                                                           : std::string_view());
                      });
}

} // namespace

Result<std::unique_ptr<ResultWriter>> ResultWriter::begin(Database &db)
{
    std::unique_ptr<ResultWriter> writer(new ResultWriter(db));
    if (db.path() != QLatin1String(":memory:") && !db.inTransaction() && !db.hasActiveStatements()) {
        auto own = Database::open(db.path());
        // Unenforced before the transaction begins (SQLite ignores the pragma inside one); the
        // checkpoint after the commit runs in the background.
        if (own && own->execute("PRAGMA foreign_keys = OFF; PRAGMA wal_autocheckpoint = 0;"))
            writer->m_own = std::move(*own);
    }
    writer->m_tx.emplace(writer->db());
    if (!writer->m_tx->isActive())
        return writer->m_tx->error();
    if (writer->m_own.isOpen())
        writer->m_writeback.emplace(db.path());
    return writer;
}

ResultWriter::~ResultWriter()
{
    if (m_thread.joinable())
        m_thread.join();
    m_writeback.reset();
    m_tx.reset(); // rolls back unless committed, before the own connection closes
    if (m_committed)
        BackgroundCheckpoint::start(std::move(m_own));
}

void ResultWriter::writeEstimates(const AnalyticsDataset &data, const Trajectories &trajectories,
                                  std::span<const qint32> scope, bool everyone)
{
    m_data = &data;
    m_trajectories = &trajectories;
    m_scope = scope;
    m_everyone = everyone;
    m_started = true;
    if (m_own.isOpen())
        m_thread = std::thread([this] { m_written = write(); });
}

Result<void> ResultWriter::estimatesWritten()
{
    if (!m_started)
        return makeError(ErrorKind::Internal, tr("No estimates were given to write."));
    if (m_thread.joinable())
        m_thread.join();
    else if (!m_own.isOpen() && !m_done)
        m_written = write();
    m_done = true;
    return m_written;
}

Result<void> ResultWriter::write()
{
    Database &out = db();
    if (m_everyone) {
        if (auto r = writeModels(out, *m_data, *m_trajectories, nowUtcIso()); !r)
            return r;
    }
    return analytics::writeEstimates(out, *m_data, *m_trajectories, m_scope, m_everyone);
}

Result<void> ResultWriter::requireUser(qint64 userId)
{
    Statement exists(db(), "SELECT count(*) FROM users WHERE id = ?");
    exists.bind(1, userId);
    qint64 count = 0;
    if (auto r = exists.forEachRow([&](Statement &s) { count = s.columnInt64(0); }); !r)
        return r;
    if (count == 0)
        return makeError(ErrorKind::NotFound, tr("There is no account %1.").arg(userId));
    return {};
}

Result<void> ResultWriter::commit()
{
    if (auto r = estimatesWritten(); !r)
        return r;
    if (m_writeback)
        m_writeback->stop();
    auto committed = m_tx->commit();
    m_committed = committed.ok() && m_own.isOpen();
    return committed;
}

} // namespace pme::core::analytics
