// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The rules that compare a learner with peers or read text: too little recent evidence,
// behind on accumulated evidence, concerning language in comments.
#include "analytics/FlagRuleContext.h"

namespace pme::core::analytics::flagrules {

void sparseEvidence(Context &ctx)
{
    const RuleSettings &rule = ctx.rules.rule(QStringLiteral("sparse_evidence"));
    if (!rule.enabled)
        return;
    const int window = static_cast<int>(rule.parameter(QStringLiteral("window_days"), 90));
    const double minMedian = rule.parameter(QStringLiteral("min_cohort_median"), 2);
    const auto &learners = ctx.data.learners();
    // counts[learner][competency] in the learner's window, for everyone in training.
    std::unordered_map<PeerKey, std::vector<double>, PeerKeyHash> peers;
    std::vector<std::unordered_map<qint32, int>> counts(learners.size());
    std::unordered_map<qint64, std::vector<qint32>> programCompetencies;
    for (const EvidencePoint &e : ctx.data.evidence()) {
        if (e.competency < 0 || !learners[static_cast<std::size_t>(e.learner)].inTraining)
            continue;
        if (e.day >= ctx.nowDay(e.learner) - window)
            ++counts[static_cast<std::size_t>(e.learner)][e.competency];
        auto &list = programCompetencies[learners[static_cast<std::size_t>(e.learner)].programId];
        if (std::find(list.begin(), list.end(), e.competency) == list.end())
            list.push_back(e.competency);
    }
    for (std::size_t l = 0; l < learners.size(); ++l) {
        if (!learners[l].inTraining)
            continue;
        for (qint32 c : programCompetencies[learners[l].programId]) {
            const auto it = counts[l].find(c);
            peers[{learners[l].programId, c}].push_back(it == counts[l].end() ? 0.0 : it->second);
        }
    }
    if (ctx.norms)
        programCompetencies.clear();
    auto medians = peerMedians(ctx, QStringLiteral("sparse_evidence"), peers, programCompetencies);

    for (qint32 l : ctx.learners) {
        const LearnerRecord &learner = ctx.learner(l);
        if (!learner.inTraining || ctx.nowDay(l) < window)
            continue;
        double have = 0, expected = 0;
        QStringList gaps;
        QJsonArray perCompetency;
        std::vector<std::pair<double, qint32>> shortfalls;
        for (qint32 c : programCompetencies[learner.programId]) {
            const double m = medians[{learner.programId, c}];
            if (m < minMedian)
                continue;
            const auto it = counts[static_cast<std::size_t>(l)].find(c);
            const double n = it == counts[static_cast<std::size_t>(l)].end() ? 0 : it->second;
            have += std::min(n, m);
            expected += m;
            perCompetency.append(QJsonObject{{QStringLiteral("competency"), ctx.competency(c).code},
                                             {QStringLiteral("count"), n}, {QStringLiteral("cohort_median"), m}});
            if (n < m)
                shortfalls.emplace_back(n / m, c);
        }
        if (expected <= 0)
            continue;
        const double score = 1.0 - have / expected;
        ctx.score(QStringLiteral("sparse_evidence"), l, score);
        const int severity = rule.severityFor(score);
        if (!severity)
            continue;
        std::sort(shortfalls.begin(), shortfalls.end());
        for (std::size_t i = 0; i < shortfalls.size() && i < 4; ++i) {
            const qint32 c = shortfalls[i].second;
            const auto it = counts[static_cast<std::size_t>(l)].find(c);
            gaps.append(tr("%1: %2 (peers' median %3)")
                            .arg(ctx.competency(c).name,
                                 QLocale().toString(it == counts[static_cast<std::size_t>(l)].end() ? 0 : it->second),
                                 num(medians[{learner.programId, c}], 1)));
        }
        FlagCandidate flag{QStringLiteral("sparse_evidence"), l, std::nullopt, severity, score, {}, {}, {}};
        flag.explanation = tr("Over the last %1 days there was %2 of the evidence that learners in the same program "
                              "had over the same period. Largest gaps: %3.")
                               .arg(QLocale().toString(window), percent(have / expected),
                                    gaps.join(QStringLiteral("; ")));
        flag.details = QJsonObject{{QStringLiteral("window_days"), window},
                                   {QStringLiteral("share_of_peers"), have / expected},
                                   {QStringLiteral("competencies"), perCompetency}};
        ctx.raise(std::move(flag));
    }
}

// The share of the evidence-weighted progress the learner's peers in the same program had
// earned by the same point that the learner has not: missing evidence counts as no progress.
void evidenceAdjustedLevel(Context &ctx)
{
    const RuleSettings &rule = ctx.rules.rule(QStringLiteral("evidence_adjusted_level"));
    if (!rule.enabled)
        return;
    const auto &learners = ctx.data.learners();
    // earned[learner][competency]: Σ (rating − scale minimum) before the cutoff.
    std::vector<std::unordered_map<qint32, double>> earned(learners.size());
    std::unordered_map<qint64, std::vector<qint32>> programCompetencies;
    for (const RatedPoint &p : ctx.data.ratings()) {
        const LearnerRecord &learner = learners[static_cast<std::size_t>(p.learner)];
        if (!learner.inTraining)
            continue;
        earned[static_cast<std::size_t>(p.learner)][p.competency] += p.rating - ctx.competency(p.competency).scaleMin;
        auto &list = programCompetencies[learner.programId];
        if (std::find(list.begin(), list.end(), p.competency) == list.end())
            list.push_back(p.competency);
    }
    std::unordered_map<PeerKey, std::vector<double>, PeerKeyHash> peers;
    for (std::size_t l = 0; l < learners.size(); ++l) {
        if (!learners[l].inTraining)
            continue;
        for (qint32 c : programCompetencies[learners[l].programId]) {
            const auto it = earned[l].find(c);
            peers[{learners[l].programId, c}].push_back(it == earned[l].end() ? 0.0 : it->second);
        }
    }
    if (ctx.norms)
        programCompetencies.clear();
    auto medians = peerMedians(ctx, QStringLiteral("evidence_adjusted_level"), peers, programCompetencies);
    for (qint32 l : ctx.learners) {
        const LearnerRecord &learner = ctx.learner(l);
        if (!learner.inTraining)
            continue;
        double have = 0, expected = 0;
        for (qint32 c : programCompetencies[learner.programId]) {
            const double m = medians[{learner.programId, c}];
            if (m <= 0)
                continue;
            const auto it = earned[static_cast<std::size_t>(l)].find(c);
            have += it == earned[static_cast<std::size_t>(l)].end() ? 0.0 : it->second;
            expected += m;
        }
        if (expected <= 0)
            continue;
        const double score = 1.0 - have / expected;
        ctx.score(QStringLiteral("evidence_adjusted_level"), l, score);
        if (const int severity = rule.severityFor(score)) {
            FlagCandidate flag{QStringLiteral("evidence_adjusted_level"), l, std::nullopt, severity, score, {}, {}, {}};
            flag.explanation = tr("Counting each rating above the scale's minimum as progress, and missing evidence as "
                                  "none, the learner has %1 of what the typical learner in the same program had earned "
                                  "by the same point.")
                                   .arg(percent(have / expected));
            flag.details = QJsonObject{{QStringLiteral("share_of_typical"), have / expected}};
            ctx.raise(std::move(flag));
        }
    }
}

Result<void> narrativeConcern(Context &ctx)
{
    const RuleSettings &rule = ctx.rules.rule(QStringLiteral("narrative_concern"));
    if (!rule.enabled)
        return {};
    auto lexicon = NarrativeLexicon::builtIn(rule.lexicon.isEmpty() ? QStringLiteral("concerning-language") : rule.lexicon);
    if (!lexicon)
        return lexicon.error();
    const int window = static_cast<int>(rule.parameter(QStringLiteral("window_days"), 180));
    std::vector<char> wanted(ctx.data.learners().size(), 0);
    QDate earliest;
    for (qint32 l : ctx.learners) {
        if (!ctx.learner(l).inTraining)
            continue;
        wanted[static_cast<std::size_t>(l)] = 1;
        const QDate from = ctx.learner(l).cutoff.addDays(-window);
        if (!earliest.isValid() || from < earliest)
            earliest = from;
    }
    if (!earliest.isValid())
        return {};
    struct Found {
        qint64 observationId;
        QDate date;
        NarrativeLexicon::Hit hit;
    };
    std::unordered_map<qint32, std::vector<Found>> found;
    // A few learners (a refresh after a sync): their rows through the learner index; else one scan.
    const bool few = ctx.learners.size() * 20 < ctx.data.learners().size();
    Statement select(ctx.db, few ? "SELECT id, learner_id, observed_on, narrative FROM observations "
                                   "WHERE learner_id = ? AND narrative IS NOT NULL AND observed_on >= ?"
                                 : "SELECT id, learner_id, observed_on, narrative FROM observations "
                                   "WHERE narrative IS NOT NULL AND observed_on >= ?2");
    const auto row = [&](Statement &s) {
        const auto l = ctx.data.learnerIndex(s.columnInt64(1));
        if (!l || !wanted[static_cast<std::size_t>(*l)])
            return;
        const auto date = parseIsoDate(s.columnUtf8(2));
        const LearnerRecord &learner = ctx.learner(*l);
        if (!date || *date >= learner.cutoff || *date < learner.cutoff.addDays(-window))
            return;
        for (NarrativeLexicon::Hit &hit : lexicon->scan(s.columnText(3)))
            found[*l].push_back({s.columnInt64(0), *date, std::move(hit)});
    };
    select.bind(2, toIsoDate(earliest));
    Result<void> r;
    if (few) {
        for (qint32 l : ctx.learners) {
            select.bind(1, ctx.learner(l).id);
            if (r = select.forEachRow(row); !r)
                break;
        }
    } else {
        r = select.forEachRow(row);
    }
    if (!r)
        return r.error();
    for (auto &[l, hits] : found) {
        const double score = static_cast<double>(hits.size());
        ctx.score(QStringLiteral("narrative_concern"), l, score);
        const int severity = rule.severityFor(score);
        if (!severity)
            continue;
        std::sort(hits.begin(), hits.end(), [](const Found &a, const Found &b) { return a.date > b.date; });
        FlagCandidate flag{QStringLiteral("narrative_concern"), l, std::nullopt, severity, score, {}, {}, {}};
        QJsonArray sentences;
        QStringList quoted;
        for (const Found &f : hits) {
            flag.evidence.push_back(f.observationId);
            sentences.append(QJsonObject{{QStringLiteral("observation_id"), f.observationId},
                                         {QStringLiteral("date"), toIsoDate(f.date)},
                                         {QStringLiteral("sentence"), f.hit.sentence},
                                         {QStringLiteral("phrase"), f.hit.phrase},
                                         {QStringLiteral("category"), lexicon->categoryTitle(f.hit.category)}});
            if (quoted.size() < 2)
                quoted.append(tr("“%1” (%2, %3)").arg(f.hit.sentence, lexicon->categoryTitle(f.hit.category),
                                                     dateText(f.date)));
        }
        flag.explanation = tr("%n sentence(s) in comments over the last %1 days use language that often signals "
                              "concern. Most recent: %2.", nullptr, static_cast<int>(hits.size()))
                               .arg(QLocale().toString(window), quoted.join(QStringLiteral("; ")));
        flag.details = QJsonObject{{QStringLiteral("window_days"), window},
                                   {QStringLiteral("lexicon"), lexicon->name()},
                                   {QStringLiteral("lexicon_version"), lexicon->version()},
                                   {QStringLiteral("sentences"), sentences}};
        ctx.raise(std::move(flag));
    }
    return {};
}

} // namespace pme::core::analytics::flagrules
