// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/AnalyticsDataset.h"

#include "analytics/TwoThreads.h"
#include "domain/Dates.h"
#include "store/Database.h"
#include "store/SharedReadView.h"
#include "store/Statement.h"

#include <algorithm>
#include <atomic>
#include <limits>
#include <numeric>
#include <thread>
#include <unordered_map>
#include <utility>

namespace pme::core::analytics {

namespace {

// 'YYYY-MM-DD' to a Julian day without building strings or dates (Howard Hinnant's
// days_from_civil); 0 for anything else.
qint64 julianDay(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return 0;
    int parts[3] = {0, 0, 0};
    const int starts[3] = {0, 5, 8};
    const int lengths[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p) {
        for (int i = 0; i < lengths[p]; ++i) {
            const char c = text[static_cast<std::size_t>(starts[p] + i)];
            if (c < '0' || c > '9')
                return 0;
            parts[p] = parts[p] * 10 + (c - '0');
        }
    }
    const int m = parts[1], d = parts[2];
    static constexpr int monthDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > monthDays[m - 1])
        return 0;
    const bool leap = (parts[0] % 4 == 0 && parts[0] % 100 != 0) || parts[0] % 400 == 0;
    if (m == 2 && d == 29 && !leap)
        return 0;
    const qint64 y = parts[0] - (m <= 2 ? 1 : 0);
    const qint64 era = y / 400;
    const qint64 yoe = y - era * 400;
    const qint64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const qint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468 + 2440588; // days since 1970-01-01, then to Julian
}

template<typename Id>
std::optional<qint32> findIndex(const std::vector<std::pair<qint64, qint32>> &ids, Id id)
{
    const auto it = std::lower_bound(ids.begin(), ids.end(), std::pair<qint64, qint32>(id, 0),
                                     [](const auto &a, const auto &b) { return a.first < b.first; });
    if (it == ids.end() || it->first != id)
        return std::nullopt;
    return it->second;
}

bool inTrainingAt(const LearnerRecord &l, const AsOf &asOf)
{
    if (l.withdrawnOn && *l.withdrawnOn < l.cutoff)
        return false;
    switch (asOf.kind()) {
    case AsOf::Kind::Latest:
        return l.status == Learner::Status::Active || l.status == Learner::Status::Leave;
    case AsOf::Kind::Date:
        return l.start < l.cutoff && (!l.expectedCompletion.isValid() || l.expectedCompletion >= l.cutoff);
    case AsOf::Kind::DaysAfterStart:
        return true;
    }
    return false;
}

// Ids are usually dense: index them directly, else search.
std::vector<qint32> denseIndex(const std::vector<std::pair<qint64, qint32>> &ids)
{
    std::vector<qint32> dense;
    if (!ids.empty() && ids.back().first >= 0 && ids.back().first <= 4 * static_cast<qint64>(ids.size()) + 4096) {
        dense.assign(static_cast<std::size_t>(ids.back().first) + 1, -1);
        for (const auto &[id, index] : ids)
            dense[static_cast<std::size_t>(id)] = index;
    }
    return dense;
}

// Every column of a row costs the scan: exam scores are read by id (exams are few).
#define kScanColumns                                                                                                   \
    "SELECT id, learner_id, competency_id, kind, observed_on, rating, narrative IS NOT NULL FROM observations"

/// What one scan of (part of) the observations found.
struct ScanPart {
    std::vector<EvidencePoint> evidence;
    std::vector<ExamPoint> exams;
    std::vector<RatedPoint> ratings;
    std::vector<NarrativePoint> narratives;
    qint64 newestDay = 0;

    /// Room for the rows of a range of `ids`, which bounds them (capped: ids may be sparse).
    /// Vectors of millions of points grown by doubling cost a copy at each step and fresh
    /// pages for all of them; room never written to costs nothing.
    void reserve(qint64 ids)
    {
        const auto rows = static_cast<std::size_t>(std::clamp<qint64>(ids, 0, qint64{1} << 22));
        ratings.reserve(rows);
        evidence.reserve(rows);
    }
};

/// Turns observation rows into the dataset's points. Read-only after construction, so that
/// two threads can scan with one.
struct Scanner {
    Scanner(const std::vector<std::pair<qint64, qint32>> &learners, const std::vector<std::pair<qint64, qint32>> &competencies)
        : learnerIds(learners), competencyIds(competencies), learnerDense(denseIndex(learners)),
          competencyDense(denseIndex(competencies))
    {
    }

    const std::vector<std::pair<qint64, qint32>> &learnerIds;
    const std::vector<std::pair<qint64, qint32>> &competencyIds;
    const std::vector<qint32> learnerDense;
    const std::vector<qint32> competencyDense;
    std::vector<qint64> startDay;  ///< by learner index
    std::vector<qint64> cutoffDay; ///< by learner index

    static qint32 lookup(const std::vector<qint32> &dense, const std::vector<std::pair<qint64, qint32>> &ids, qint64 id)
    {
        if (!dense.empty())
            return id >= 0 && static_cast<std::size_t>(id) < dense.size() ? dense[static_cast<std::size_t>(id)] : -1;
        return findIndex(ids, id).value_or(-1);
    }

    /// The rows of `statement` (kScanColumns on `db`). An exam's score is read while the scan
    /// still holds its read transaction, so that both see the same state.
    Result<void> scan(Database &db, Statement &statement, ScanPart &part) const
    {
        Statement examScores(db, "SELECT score, percentile, instrument FROM observations WHERE id = ?");
        Result<void> examRead;
        std::optional<qint64> lastLearnerId;
        qint32 learner = -1;
        auto scanned = statement.forEachRow([&](Statement &s) {
            const qint64 learnerId = s.columnInt64(1);
            if (learnerId != lastLearnerId) {
                lastLearnerId = learnerId;
                learner = lookup(learnerDense, learnerIds, learnerId);
            }
            if (learner < 0)
                return;
            const auto index = static_cast<std::size_t>(learner);
            const qint64 day = julianDay(s.columnUtf8(4));
            if (day == 0 || day >= cutoffDay[index])
                return;
            part.newestDay = std::max(part.newestDay, day);
            const auto sinceStart = static_cast<qint32>(day - startDay[index]);
            const qint64 id = s.columnInt64(0);
            const qint32 competency = s.isNull(2) ? -1 : lookup(competencyDense, competencyIds, s.columnInt64(2));
            part.evidence.push_back({id, learner, competency, sinceStart});
            if (s.columnInt64(6) != 0)
                part.narratives.push_back({id, learner, sinceStart});
            const std::string_view kind = s.columnUtf8(3);
            if (kind == "exam") {
                ExamPoint exam{id, learner, sinceStart, std::nullopt, std::nullopt, QString()};
                examScores.bind(1, id);
                if (auto r = examScores.forEachRow([&](Statement &e) {
                        exam.score = e.columnOptionalDouble(0);
                        exam.percentile = e.columnOptionalDouble(1);
                        exam.instrument = e.columnText(2);
                    });
                    !r && examRead)
                    examRead = r;
                part.exams.push_back(std::move(exam));
                return;
            }
            if (competency < 0 || s.isNull(5) || kind == "narrative")
                return;
            part.ratings.push_back({id, learner, competency, sinceStart, s.columnDouble(5)});
        });
        if (!scanned)
            return scanned;
        return examRead;
    }
};

/// Every observation, in rowid order across the parts. A large file store is read by two
/// threads, each through its own connection over chunks of the rowids, both seeing the same
/// state (SharedReadView); otherwise by one.
Result<std::vector<ScanPart>> scanAll(Database &db, const Scanner &scanner, const AnalyticsDataset::Options &options)
{
    qint64 first = 0, last = -1;
    // Two subqueries: SQLite reads a min() or a max() alone from the end of the rowid tree,
    // but scans the table for both in one.
    Statement bounds(db, "SELECT (SELECT min(id) FROM observations), (SELECT max(id) FROM observations)");
    if (auto r = bounds.forEachRow([&](Statement &s) {
            if (!s.isNull(0)) {
                first = s.columnInt64(0);
                last = s.columnInt64(1);
            }
        });
        !r)
        return r.error();
    std::optional<SharedReadView> view
        = last - first + 1 >= std::max<qint64>(options.minRowsForParallelScan, 2)
        ? SharedReadView::open(db, options.writersLockedOut)
        : std::nullopt;
    std::vector<ScanPart> parts(1);
    if (!view) {
        parts[0].reserve(last - first + 1);
        Statement scan(db, kScanColumns);
        if (auto r = scanner.scan(db, scan, parts[0]); !r)
            return r.error();
        return parts;
    }
    // Bounds read again inside the view: a commit may have come before the lock was taken.
    if (auto r = bounds.forEachRow([&](Statement &s) {
            first = s.isNull(0) ? 0 : s.columnInt64(0);
            last = s.isNull(0) ? -1 : s.columnInt64(1);
        });
        !r)
        return r.error();
    // The rowids in chunks that the two threads take in turn, so that one that gets less of
    // the machine reads fewer of them.
    const qint64 rows = last - first + 1;
    const qint64 chunks = std::clamp<qint64>(rows / std::max<qint64>(options.rowsPerParallelChunk, 1), 2, 16);
    const qint64 chunkRows = (rows + chunks - 1) / chunks;
    parts.resize(static_cast<std::size_t>(chunks));
    std::atomic<qint64> nextChunk{0};
    const auto scanChunks = [&](Database &connection) -> Result<void> {
        Statement scan(connection, kScanColumns " WHERE id BETWEEN ? AND ?");
        for (qint64 k = nextChunk++; k < chunks; k = nextChunk++) {
            const qint64 from = first + k * chunkRows;
            ScanPart &part = parts[static_cast<std::size_t>(k)];
            part.reserve(chunkRows);
            scan.bind(1, from);
            scan.bind(2, k + 1 == chunks ? last : from + chunkRows - 1);
            if (auto r = scanner.scan(connection, scan, part); !r)
                return r;
        }
        return {};
    };
    Result<void> secondResult;
    std::thread second([&] { secondResult = scanChunks(view->second()); });
    const Result<void> firstResult = scanChunks(db);
    second.join();
    if (!firstResult)
        return firstResult.error();
    if (!secondResult)
        return secondResult.error();
    return parts;
}

template<typename T>
void append(std::vector<T> &into, std::vector<T> &from)
{
    if (into.empty())
        into = std::move(from);
    else
        into.insert(into.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

/// The parts' rated points by competency, then learner, day and id; `offsets` gets each
/// competency's range. A counting sort puts each competency's points in place (in rowid
/// order), the parts placed on two threads; then, on two threads, each competency's range is
/// counted by day into a buffer of the thread's own and back by learner.
std::vector<RatedPoint> sortedByCompetency(const std::vector<ScanPart> &parts, std::size_t competencies,
                                           std::size_t learners, std::vector<qint64> &offsets)
{
    // next[part * competencies + c]: where the part's next point of competency c goes.
    std::vector<qint64> next(parts.size() * competencies, 0);
    for (std::size_t k = 0; k < parts.size(); ++k) {
        for (const RatedPoint &p : parts[k].ratings)
            ++next[k * competencies + static_cast<std::size_t>(p.competency)];
    }
    offsets.assign(competencies + 1, 0);
    qint64 placed = 0;
    for (std::size_t c = 0; c < competencies; ++c) {
        offsets[c] = placed;
        for (std::size_t k = 0; k < parts.size(); ++k)
            placed += std::exchange(next[k * competencies + c], placed);
    }
    offsets[competencies] = placed;
    std::vector<RatedPoint> sorted(static_cast<std::size_t>(placed));
    std::atomic<std::size_t> nextPart{0};
    onTwoThreads(sorted.size() >= 100000, [&] {
        for (std::size_t k = nextPart++; k < parts.size(); k = nextPart++) {
            qint64 *at = next.data() + k * competencies;
            for (const RatedPoint &p : parts[k].ratings)
                sorted[static_cast<std::size_t>(at[p.competency]++)] = p;
        }
    });

    const auto byDay = [](const RatedPoint &a, const RatedPoint &b) {
        return a.day != b.day ? a.day < b.day : a.observationId < b.observationId;
    };
    std::atomic<std::size_t> nextCompetency{0};
    const auto sortCompetencies = [&] {
        std::vector<RatedPoint> buffer;
        std::vector<qint64> start(learners + 1);
        std::vector<qint64> dayStart;
        for (std::size_t c = nextCompetency++; c < competencies; c = nextCompetency++) {
            const std::span<RatedPoint> range(sorted.data() + offsets[c],
                                              static_cast<std::size_t>(offsets[c + 1] - offsets[c]));
            if (range.empty())
                continue;
            buffer.resize(range.size());
            const auto [earliest, latest] = std::minmax_element(
                range.begin(), range.end(), [](const RatedPoint &a, const RatedPoint &b) { return a.day < b.day; });
            const auto days = static_cast<std::size_t>(qint64(latest->day) - earliest->day + 1);
            // Into the buffer by day, then back by learner: both counting sorts are stable, so
            // each learner's points end up by day and, within a day, in the order they came
            // (by id). Days spread far wider than the points: by learner, then each run sorted.
            const bool byDayFirst = days <= 4 * range.size() + 4096;
            if (byDayFirst) {
                dayStart.assign(days + 1, 0);
                for (const RatedPoint &p : range)
                    ++dayStart[static_cast<std::size_t>(p.day - earliest->day) + 1];
                std::partial_sum(dayStart.begin(), dayStart.end(), dayStart.begin());
                for (const RatedPoint &p : range)
                    buffer[static_cast<std::size_t>(dayStart[static_cast<std::size_t>(p.day - earliest->day)]++)] = p;
            } else {
                std::copy(range.begin(), range.end(), buffer.begin());
            }
            std::fill(start.begin(), start.end(), 0);
            for (const RatedPoint &p : buffer)
                ++start[static_cast<std::size_t>(p.learner) + 1];
            std::partial_sum(start.begin(), start.end(), start.begin());
            for (const RatedPoint &p : buffer)
                range[static_cast<std::size_t>(start[static_cast<std::size_t>(p.learner)]++)] = p;
            // The parts hand each competency's points over in id order, which the two stable
            // sorts keep; counted by learner alone, each learner's run is sorted by day.
            if (byDayFirst)
                continue;
            for (auto run = range.begin(); run != range.end();) {
                const auto runEnd
                    = std::find_if(run, range.end(), [&](const RatedPoint &p) { return p.learner != run->learner; });
                if (!std::is_sorted(run, runEnd, byDay))
                    std::sort(run, runEnd, byDay);
                run = runEnd;
            }
        }
    };
    onTwoThreads(sorted.size() >= 100000, sortCompetencies);
    return sorted;
}

} // namespace

Result<AnalyticsDataset> AnalyticsDataset::load(Database &db, const AsOf &asOf, const Options &options)
{
    AnalyticsDataset data;
    data.m_asOf = asOf;

    // "Latest" needs the store's horizon (the day after its newest evidence). Unless it is
    // given, the scan finds it: evidence is cut off only at other as-of points.
    const bool horizonFromScan = !options.horizon && asOf.kind() == AsOf::Kind::Latest && options.learnerIds.empty();
    if (options.horizon) {
        data.m_horizon = *options.horizon;
    } else if (!horizonFromScan) {
        Statement newest(db, "SELECT max(observed_on) FROM observations");
        if (auto r = newest.forEachRow([&](Statement &s) {
                if (!s.isNull(0))
                    data.m_horizon = QDate::fromJulianDay(julianDay(s.columnUtf8(0))).addDays(1);
            });
            !r)
            return r.error();
    }
    if (!data.m_horizon.isValid() && !horizonFromScan)
        data.m_horizon = QDate::currentDate().addDays(1);

    std::unordered_map<qint64, QDate> withdrawn;
    Statement left(db, "SELECT learner_id, min(observed_on) FROM outcomes "
                       "WHERE kind = 'withdrawn' AND observed_on IS NOT NULL GROUP BY learner_id");
    if (auto r = left.forEachRow([&](Statement &s) {
            const qint64 day = julianDay(s.columnUtf8(1));
            if (day > 0)
                withdrawn.emplace(s.columnInt64(0), QDate::fromJulianDay(day));
        });
        !r)
        return r.error();

    Statement learners(db, "SELECT id, program_id, display_name, start_date, expected_completion_date, status "
                           "FROM learners ORDER BY id");
    if (auto r = learners.forEachRow([&](Statement &s) {
            LearnerRecord l;
            l.id = s.columnInt64(0);
            l.programId = s.columnInt64(1);
            l.displayName = s.columnText(2);
            l.start = QDate::fromJulianDay(julianDay(s.columnUtf8(3)));
            if (!s.isNull(4))
                l.expectedCompletion = QDate::fromJulianDay(julianDay(s.columnUtf8(4)));
            l.status = Learner::statusFromString(s.columnText(5)).value_or(Learner::Status::Active);
            if (const auto it = withdrawn.find(l.id); it != withdrawn.end())
                l.withdrawnOn = it->second;
            if (!horizonFromScan) {
                l.cutoff = asOf.cutoff(l.start, data.m_horizon);
                l.inTraining = l.start.isValid() && inTrainingAt(l, asOf);
            }
            data.m_learnerIds.emplace_back(l.id, static_cast<qint32>(data.m_learners.size()));
            data.m_learners.push_back(std::move(l));
        });
        !r)
        return r.error();

    Statement competencies(db, "SELECT c.id, c.framework_id, c.code, c.name, f.code, f.scale_min, f.scale_max, "
                               "f.target_level FROM competencies c JOIN frameworks f ON f.id = c.framework_id "
                               "ORDER BY c.id");
    if (auto r = competencies.forEachRow([&](Statement &s) {
            CompetencyRecord c;
            c.id = s.columnInt64(0);
            c.frameworkId = s.columnInt64(1);
            c.code = s.columnText(2);
            c.name = s.columnText(3);
            c.frameworkCode = s.columnText(4);
            c.scaleMin = s.columnDouble(5);
            c.scaleMax = s.columnDouble(6);
            c.target = s.columnOptionalDouble(7);
            data.m_competencyIds.emplace_back(c.id, static_cast<qint32>(data.m_competencies.size()));
            data.m_competencies.push_back(std::move(c));
        });
        !r)
        return r.error();

    // Julian days of each learner's start and cutoff, by index, for the scan.
    Scanner scanner(data.m_learnerIds, data.m_competencyIds);
    scanner.startDay.resize(data.m_learners.size());
    scanner.cutoffDay.resize(data.m_learners.size());
    for (std::size_t i = 0; i < data.m_learners.size(); ++i) {
        scanner.startDay[i] = data.m_learners[i].start.toJulianDay();
        scanner.cutoffDay[i] = horizonFromScan ? std::numeric_limits<qint64>::max()
                                               : data.m_learners[i].cutoff.toJulianDay();
    }

    std::vector<ScanPart> parts;
    if (options.learnerIds.empty()) {
        auto scanned = scanAll(db, scanner, options);
        if (!scanned)
            return scanned.error();
        parts = std::move(*scanned);
    } else {
        parts.resize(1);
        Statement scan(db, kScanColumns " WHERE learner_id = ?");
        for (qint64 id : options.learnerIds) {
            scan.bind(1, id);
            if (auto r = scanner.scan(db, scan, parts[0]); !r)
                return r.error();
        }
    }
    data.m_scanConnections = parts.size() > 1 ? 2 : 1; // chunks only when two threads read
    qint64 newestDay = 0;
    std::size_t evidence = 0;
    for (const ScanPart &part : parts)
        evidence += part.evidence.size();
    data.m_evidence.reserve(evidence);
    for (ScanPart &part : parts) {
        newestDay = std::max(newestDay, part.newestDay);
        data.m_evidence.insert(data.m_evidence.end(), part.evidence.begin(), part.evidence.end());
        part.evidence = {};
        append(data.m_exams, part.exams);
        append(data.m_narratives, part.narratives);
    }
    data.m_ratings
        = sortedByCompetency(parts, data.m_competencies.size(), data.m_learners.size(), data.m_competencyOffsets);

    if (horizonFromScan) {
        data.m_horizon = newestDay > 0 ? QDate::fromJulianDay(newestDay).addDays(1) : QDate::currentDate().addDays(1);
        for (LearnerRecord &l : data.m_learners) {
            l.cutoff = asOf.cutoff(l.start, data.m_horizon);
            l.inTraining = l.start.isValid() && inTrainingAt(l, asOf);
        }
    }

    const auto byLearnerDay = [](const auto &a, const auto &b) {
        return a.learner != b.learner ? a.learner < b.learner
                                      : (a.day != b.day ? a.day < b.day : a.observationId < b.observationId);
    };
    std::sort(data.m_exams.begin(), data.m_exams.end(), byLearnerDay);
    std::sort(data.m_narratives.begin(), data.m_narratives.end(), byLearnerDay);
    return data;
}

std::optional<qint32> AnalyticsDataset::learnerIndex(qint64 learnerId) const
{
    return findIndex(m_learnerIds, learnerId);
}

std::optional<qint32> AnalyticsDataset::competencyIndex(qint64 competencyId) const
{
    return findIndex(m_competencyIds, competencyId);
}

std::span<const RatedPoint> AnalyticsDataset::ratings(qint32 competency) const
{
    if (competency < 0 || static_cast<std::size_t>(competency) >= m_competencies.size())
        return {};
    const auto begin = static_cast<std::size_t>(m_competencyOffsets[static_cast<std::size_t>(competency)]);
    const auto end = static_cast<std::size_t>(m_competencyOffsets[static_cast<std::size_t>(competency) + 1]);
    return std::span<const RatedPoint>(m_ratings.data() + begin, end - begin);
}

std::vector<GrowthGroup> AnalyticsDataset::growthGroups(qint32 competency) const
{
    std::vector<GrowthGroup> groups;
    for (const RatedPoint &p : ratings(competency)) {
        if (groups.empty() || groups.back().learnerId != m_learners[static_cast<std::size_t>(p.learner)].id)
            groups.push_back({m_learners[static_cast<std::size_t>(p.learner)].id});
        groups.back().add(p.years(), p.rating);
    }
    return groups;
}

} // namespace pme::core::analytics
