// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The rule on the program's expected-evidence schedule: how much of the evidence due by now
// (and of the evidence handed in ahead of its date) the learner has earned, and where that
// stands among the learners of the same program at the same point.
#include "analytics/FlagRuleContext.h"

namespace pme::core::analytics::flagrules {

namespace {

const QString kRule = QStringLiteral("evidence_on_schedule");

// One item of a program's schedule: `count` observations of a competency (of one instrument,
// when it names one) expected by day `due` of training.
struct ScheduledItem {
    qint32 competency = 0;
    QString instrument;
    QString title;
    qint32 due = 0;
    int count = 1;
};

// What one learner has towards each item of their program's schedule: the credit (each
// observation's rating as a share of the scale, an unrated one as none) and the observations.
struct Progress {
    std::vector<double> credit;
    std::vector<int> filled;
    std::vector<qint64> evidence;
};

struct Schedule {
    std::unordered_map<qint64, std::vector<ScheduledItem>> programs; ///< sorted by due day
};

Result<Schedule> readSchedule(Context &ctx)
{
    Schedule schedule;
    Statement select(ctx.db, "SELECT program_id, competency_id, instrument, title, due_day, required_count "
                             "FROM expected_evidence ORDER BY program_id, due_day, id");
    auto r = select.forEachRow([&](Statement &s) {
        const auto c = ctx.data.competencyIndex(s.columnInt64(1));
        if (!c)
            return;
        schedule.programs[s.columnInt64(0)].push_back({*c, s.columnText(2), s.columnText(3),
                                                       static_cast<qint32>(s.columnInt64(4)),
                                                       static_cast<int>(std::max<qint64>(1, s.columnInt64(5)))});
    });
    if (!r)
        return r.error();
    return schedule;
}

// Each observation before the learner's cutoff fills the earliest-due item of their program
// that it matches (competency, and instrument when the item names one) and that still wants one.
Result<std::unordered_map<qint32, Progress>> readProgress(Context &ctx, const Schedule &schedule,
                                                          const std::vector<char> &wanted)
{
    std::unordered_map<qint32, Progress> progress;
    const auto row = [&](Statement &s) {
        const auto l = ctx.data.learnerIndex(s.columnInt64(1));
        if (!l || !wanted[static_cast<std::size_t>(*l)])
            return;
        const LearnerRecord &learner = ctx.learner(*l);
        const auto items = schedule.programs.find(learner.programId);
        const auto c = ctx.data.competencyIndex(s.columnInt64(2));
        const auto date = parseIsoDate(s.columnUtf8(4));
        if (items == schedule.programs.end() || !c || !date || *date >= learner.cutoff)
            return;
        Progress &p = progress[*l];
        if (p.credit.empty()) {
            p.credit.assign(items->second.size(), 0.0);
            p.filled.assign(items->second.size(), 0);
        }
        const QString instrument = s.columnText(3);
        for (std::size_t i = 0; i < items->second.size(); ++i) {
            const ScheduledItem &item = items->second[i];
            if (item.competency != *c || p.filled[i] >= item.count
                || (!item.instrument.isEmpty() && item.instrument != instrument))
                continue;
            const CompetencyRecord &competency = ctx.competency(*c);
            const double range = competency.scaleMax - competency.scaleMin;
            if (!s.isNull(5) && range > 0)
                p.credit[i] += std::clamp((s.columnDouble(5) - competency.scaleMin) / range, 0.0, 1.0);
            ++p.filled[i];
            p.evidence.push_back(s.columnInt64(0));
            break;
        }
    };
    const char *sql = "SELECT o.id, o.learner_id, o.competency_id, o.instrument, o.observed_on, o.rating "
                      "FROM observations o WHERE o.competency_id IN (SELECT competency_id FROM expected_evidence) "
                      "%1 ORDER BY o.learner_id, o.observed_on, o.id";
    // A single learner's refresh reads only their rows, through the learner index.
    const bool few = ctx.norms != nullptr;
    Statement select(ctx.db, QString::fromLatin1(sql)
                                 .arg(few ? QStringLiteral("AND o.learner_id = ?") : QString())
                                 .toUtf8()
                                 .constData());
    if (!few) {
        if (auto r = select.forEachRow(row); !r)
            return r.error();
        return progress;
    }
    for (qint32 l : ctx.learners) {
        if (!wanted[static_cast<std::size_t>(l)])
            continue;
        select.bind(1, ctx.learner(l).id);
        if (auto r = select.forEachRow(row); !r)
            return r.error();
    }
    return progress;
}

struct Standing {
    int due = 0;         ///< items due by now
    int handedIn = 0;    ///< of which with evidence
    int ahead = 0;       ///< items not yet due with evidence
    double expected = 0; ///< observations expected by now, plus those handed in ahead of their date
    double earned = 0;   ///< their credit
    JsonList missing;    ///< due items without (enough) evidence, earliest first (JSON objects)
    QStringList missingText;
};

Standing standing(const Context &ctx, qint32 l, const std::vector<ScheduledItem> &items, const Progress *p)
{
    Standing s;
    const qint32 now = ctx.nowDay(l);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const ScheduledItem &item = items[i];
        const int filled = p ? p->filled[i] : 0;
        const bool isDue = item.due < now;
        if (!isDue && filled == 0)
            continue;
        // An item not yet due counts only for what was handed in: early work never lowers the share.
        s.expected += isDue ? item.count : filled;
        s.earned += p ? p->credit[i] : 0.0;
        if (!isDue) {
            ++s.ahead;
            continue;
        }
        ++s.due;
        if (filled > 0)
            ++s.handedIn;
        if (filled < item.count) {
            const QDate date = ctx.learner(l).start.addDays(item.due);
            JsonFields missing;
            s.missing.append(missing.add("item", item.title)
                                 .add("due", toIsoDate(date))
                                 .add("have", filled)
                                 .add("expected", item.count)
                                 .take());
            if (s.missingText.size() < 3)
                s.missingText.append(tr("%1 (due %2)").arg(item.title, ctx.dateText(date)));
        }
    }
    return s;
}

// The share of the program's learners with more of what was expected, those level counting
// half: the learner's standing among peers (0.9 = behind nine in ten).
double peersWithMore(const std::vector<double> &sortedShares, double share)
{
    const auto lo = std::lower_bound(sortedShares.begin(), sortedShares.end(), share);
    const auto hi = std::upper_bound(lo, sortedShares.end(), share);
    const double n = static_cast<double>(sortedShares.size());
    return (static_cast<double>(sortedShares.end() - hi) + 0.5 * static_cast<double>(hi - lo)) / n;
}

// Each program's shares of what was expected, sorted: from this computation's learners in
// training, or (a refresh) from the shares the last full recompute stored, which are then kept.
std::unordered_map<qint64, std::vector<double>> peerShares(Context &ctx,
                                                           const std::vector<std::optional<Standing>> &standings)
{
    std::unordered_map<qint64, std::vector<double>> peers;
    if (ctx.norms) {
        const QJsonObject stored = ctx.norms->value(kRule).toObject();
        for (auto it = stored.begin(); it != stored.end(); ++it) {
            for (const QJsonValue &v : it->toArray())
                peers[it.key().toLongLong()].push_back(v.toDouble());
        }
    } else {
        for (std::size_t l = 0; l < standings.size(); ++l) {
            if (standings[l])
                peers[ctx.learner(static_cast<qint32>(l)).programId].push_back(standings[l]->earned
                                                                                 / standings[l]->expected);
        }
    }
    QJsonObject recorded;
    for (auto &[program, shares] : peers) {
        std::sort(shares.begin(), shares.end());
        if (ctx.norms)
            continue;
        QJsonArray list;
        for (double v : shares)
            list.append(v);
        recorded.insert(QString::number(program), list);
    }
    if (!ctx.norms)
        ctx.out.norms.insert(kRule, recorded);
    return peers;
}

FlagCandidate scheduleFlag(Context &ctx, qint32 l, int severity, double score, double share, double peers,
                           Standing &s, JsonFields &details)
{
    FlagCandidate flag{kRule, l, std::nullopt, severity, score, {}, {}, {}};
    flag.explanation = tr("By now %n item(s) of expected evidence were due, and %1 of them handed in.", nullptr, s.due)
                           .arg(ctx.integer(s.handedIn));
    if (s.ahead > 0)
        flag.explanation += QLatin1Char(' ') + tr("%n more were handed in ahead of their date.", nullptr, s.ahead);
    flag.explanation += QLatin1Char(' ')
        + tr("Counting each at its rating's share of the scale and a missing one as none, the learner has %1 of "
             "what was expected; %2 of the learners in the same program at the same point have more.")
              .arg(ctx.percent(share), ctx.percent(score));
    if (!s.missingText.isEmpty())
        flag.explanation += QLatin1Char(' ') + tr("Missing: %1.").arg(s.missingText.join(QStringLiteral("; ")));
    details.add("due", s.due)
        .add("handed_in", s.handedIn)
        .add("ahead", s.ahead)
        .add("share_of_expected", share)
        .add("peers", peers)
        .add("peers_with_more", score)
        .addRaw("missing", s.missing.take());
    return flag;
}

} // namespace

Result<void> evidenceOnSchedule(Context &ctx)
{
    const RuleSettings &rule = ctx.rules.rule(kRule);
    if (!rule.enabled)
        return {};
    auto schedule = readSchedule(ctx);
    if (!schedule)
        return schedule.error();
    if (schedule->programs.empty())
        return {};
    const auto &learners = ctx.data.learners();
    // Everyone in training is a peer; a refresh reads only its learners and the stored peers.
    std::vector<char> wanted(learners.size(), 0);
    if (ctx.norms) {
        for (qint32 l : ctx.learners)
            wanted[static_cast<std::size_t>(l)] = learners[static_cast<std::size_t>(l)].inTraining ? 1 : 0;
    } else {
        for (std::size_t l = 0; l < learners.size(); ++l)
            wanted[l] = learners[l].inTraining ? 1 : 0;
    }
    auto progress = readProgress(ctx, *schedule, wanted);
    if (!progress)
        return progress.error();
    std::vector<std::optional<Standing>> standings(learners.size());
    for (std::size_t l = 0; l < learners.size(); ++l) {
        const auto items = schedule->programs.find(learners[l].programId);
        if (!wanted[l] || items == schedule->programs.end())
            continue;
        const auto p = progress->find(static_cast<qint32>(l));
        Standing s = standing(ctx, static_cast<qint32>(l), items->second, p == progress->end() ? nullptr : &p->second);
        if (s.expected > 0) // else nothing was due yet
            standings[l] = std::move(s);
    }
    const auto peers = peerShares(ctx, standings);
    RuleScores scores = ctx.scores(kRule);
    JsonFields details;
    for (qint32 l : ctx.learners) {
        auto &s = standings[static_cast<std::size_t>(l)];
        const auto shares = peers.find(ctx.learner(l).programId);
        if (!s || shares == peers.end() || shares->second.size() < 2)
            continue;
        const double share = s->earned / s->expected;
        const double score = peersWithMore(shares->second, share);
        scores.add(l, score);
        if (const int severity = rule.severityFor(score)) {
            FlagCandidate flag = scheduleFlag(ctx, l, severity, score, share,
                                              static_cast<double>(shares->second.size()), *s, details);
            if (const auto p = progress->find(l); p != progress->end())
                flag.evidence = p->second.evidence;
            ctx.raise(std::move(flag), details);
        }
    }
    return {};
}

} // namespace pme::core::analytics::flagrules
