// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The rules that compare a learner with peers or read text: too little recent evidence,
// behind on accumulated evidence, concerning language in comments.
#include "analytics/FlagRuleContext.h"

namespace pme::core::analytics::flagrules {

void sparseEvidence(Context &ctx)
{
    const QString code = QStringLiteral("sparse_evidence");
    const RuleSettings &rule = ctx.rules.rule(code);
    if (!rule.enabled)
        return;
    const int window = static_cast<int>(rule.parameter(QStringLiteral("window_days"), 90));
    const double minMedian = rule.parameter(QStringLiteral("min_cohort_median"), 2);
    const auto &learners = ctx.data.learners();
    // counts[learner][competency] in the learner's window, for everyone in training.
    LearnerCompetencyTable<int> counts(learners.size(), ctx.data.competencies().size());
    ProgramCompetencies seen(ctx.data.competencies().size());
    for (const EvidencePoint &e : ctx.data.evidence()) {
        if (e.competency < 0 || !learners[static_cast<std::size_t>(e.learner)].inTraining)
            continue;
        if (e.day >= ctx.nowDay(e.learner) - window)
            ++counts.at(e.learner, e.competency);
        seen.note(learners[static_cast<std::size_t>(e.learner)].programId, e.competency);
    }
    std::unordered_map<qint64, std::vector<qint32>> programCompetencies = seen.take();
    auto peers = peerValues(ctx, programCompetencies, [&](qint32 l, qint32 c) { return double(counts.value(l, c)); });
    if (ctx.norms)
        programCompetencies.clear();
    auto medians = peerMedians(ctx, code, peers, programCompetencies);

    ProgramMedians byProgram(medians);
    RuleScores scores = ctx.scores(code);
    struct Compared {
        qint32 competency;
        double count;
        double median;
    };
    std::vector<Compared> compared;
    std::vector<std::pair<double, qint32>> shortfalls;
    for (qint32 l : ctx.learners) {
        const LearnerRecord &learner = ctx.learner(l);
        if (!learner.inTraining || ctx.nowDay(l) < window)
            continue;
        double have = 0, expected = 0;
        compared.clear();
        shortfalls.clear();
        const std::vector<qint32> &list = programCompetencies[learner.programId];
        const std::vector<double> &programMedians = byProgram.of(learner.programId, list);
        for (std::size_t i = 0; i < list.size(); ++i) {
            const qint32 c = list[i];
            const double m = programMedians[i];
            if (m < minMedian)
                continue;
            const double n = counts.value(l, c);
            have += std::min(n, m);
            expected += m;
            compared.push_back({c, n, m});
            if (n < m)
                shortfalls.emplace_back(n / m, c);
        }
        if (expected <= 0)
            continue;
        const double score = 1.0 - have / expected;
        scores.add(l, score);
        const int severity = rule.severityFor(score);
        if (!severity)
            continue;
        std::sort(shortfalls.begin(), shortfalls.end());
        QStringList gaps;
        for (std::size_t i = 0; i < shortfalls.size() && i < 4; ++i) {
            const qint32 c = shortfalls[i].second;
            gaps.append(tr("%1: %2 (peers' median %3)")
                            .arg(ctx.competency(c).name, ctx.integer(counts.value(l, c)),
                                 ctx.num(medians[{learner.programId, c}], 1)));
        }
        FlagCandidate flag{code, l, std::nullopt, severity, score, {}, {}, {}};
        flag.explanation = tr("Over the last %1 days there was %2 of the evidence that learners in the same program "
                              "had over the same period. Largest gaps: %3.")
                               .arg(ctx.integer(window), ctx.percent(have / expected), gaps.join(QStringLiteral("; ")));
        JsonFields item;
        JsonList perCompetency;
        for (const Compared &x : compared)
            perCompetency.append(
                item.add("competency", ctx.competency(x.competency).code).add("count", x.count).add("cohort_median", x.median).take());
        JsonFields details;
        details.add("window_days", window).add("share_of_peers", have / expected).addRaw("competencies", perCompetency.take());
        ctx.raise(std::move(flag), details);
    }
}

// The share of the evidence-weighted progress the learner's peers in the same program had
// earned by the same point that the learner has not: missing evidence counts as no progress.
void evidenceAdjustedLevel(Context &ctx)
{
    const QString code = QStringLiteral("evidence_adjusted_level");
    const RuleSettings &rule = ctx.rules.rule(code);
    if (!rule.enabled)
        return;
    const auto &learners = ctx.data.learners();
    // earned[learner][competency]: Σ (rating − scale minimum) before the cutoff.
    LearnerCompetencyTable<double> earned(learners.size(), ctx.data.competencies().size());
    ProgramCompetencies seen(ctx.data.competencies().size());
    for (const RatedPoint &p : ctx.data.ratings()) {
        const LearnerRecord &learner = learners[static_cast<std::size_t>(p.learner)];
        if (!learner.inTraining)
            continue;
        earned.at(p.learner, p.competency) += p.rating - ctx.competency(p.competency).scaleMin;
        seen.note(learner.programId, p.competency);
    }
    std::unordered_map<qint64, std::vector<qint32>> programCompetencies = seen.take();
    auto peers = peerValues(ctx, programCompetencies, [&](qint32 l, qint32 c) { return earned.value(l, c); });
    if (ctx.norms)
        programCompetencies.clear();
    auto medians = peerMedians(ctx, code, peers, programCompetencies);
    ProgramMedians byProgram(medians);
    RuleScores scores = ctx.scores(code);
    for (qint32 l : ctx.learners) {
        const LearnerRecord &learner = ctx.learner(l);
        if (!learner.inTraining)
            continue;
        double have = 0, expected = 0;
        const std::vector<qint32> &list = programCompetencies[learner.programId];
        const std::vector<double> &programMedians = byProgram.of(learner.programId, list);
        for (std::size_t i = 0; i < list.size(); ++i) {
            const qint32 c = list[i];
            const double m = programMedians[i];
            if (m <= 0)
                continue;
            have += earned.value(l, c);
            expected += m;
        }
        if (expected <= 0)
            continue;
        const double score = 1.0 - have / expected;
        scores.add(l, score);
        if (const int severity = rule.severityFor(score)) {
            FlagCandidate flag{code, l, std::nullopt, severity, score, {}, {}, {}};
            flag.explanation = tr("Counting each rating above the scale's minimum as progress, and missing evidence as "
                                  "none, the learner has %1 of what the typical learner in the same program had earned "
                                  "by the same point.")
                                   .arg(ctx.percent(have / expected));
            JsonFields details;
            details.add("share_of_typical", have / expected);
            ctx.raise(std::move(flag), details);
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
    // The dataset knows which observations carry a comment, and when: only the comments of
    // learners in training within their window are read.
    std::vector<char> wanted(ctx.data.learners().size(), 0);
    for (qint32 l : ctx.learners)
        wanted[static_cast<std::size_t>(l)] = ctx.learner(l).inTraining ? 1 : 0;
    std::vector<const NarrativePoint *> toRead;
    for (const NarrativePoint &n : ctx.data.narratives()) {
        const qint32 now = ctx.nowDay(n.learner);
        if (wanted[static_cast<std::size_t>(n.learner)] && n.day < now && n.day >= now - window)
            toRead.push_back(&n);
    }
    if (toRead.empty())
        return {};
    struct Found {
        qint64 observationId;
        QDate date;
        NarrativeLexicon::Hit hit;
    };
    std::unordered_map<qint32, std::vector<Found>> found;
    const auto scan = [&](const NarrativePoint &n, const QString &text) {
        for (NarrativeLexicon::Hit &hit : lexicon->scan(text))
            found[n.learner].push_back({n.observationId, ctx.learner(n.learner).start.addDays(n.day), std::move(hit)});
    };
    Result<void> r;
    // A share of the store's rows: each by its id (in id order); most of them: one scan.
    if (toRead.size() * 8 < ctx.data.evidence().size()) {
        std::sort(toRead.begin(), toRead.end(),
                  [](const NarrativePoint *a, const NarrativePoint *b) { return a->observationId < b->observationId; });
        Statement select(ctx.db, "SELECT narrative FROM observations WHERE id = ?");
        for (const NarrativePoint *n : toRead) {
            select.bind(1, n->observationId);
            if (r = select.forEachRow([&](Statement &s) { scan(*n, s.columnText(0)); }); !r)
                break;
        }
    } else {
        std::unordered_map<qint64, const NarrativePoint *> byId;
        for (const NarrativePoint *n : toRead)
            byId.emplace(n->observationId, n);
        Statement select(ctx.db, "SELECT id, narrative FROM observations WHERE narrative IS NOT NULL");
        r = select.forEachRow([&](Statement &s) {
            if (const auto it = byId.find(s.columnInt64(0)); it != byId.end())
                scan(*it->second, s.columnText(1));
        });
    }
    if (!r)
        return r.error();
    RuleScores scores = ctx.scores(QStringLiteral("narrative_concern"));
    for (auto &[l, hits] : found) {
        const double score = static_cast<double>(hits.size());
        scores.add(l, score);
        const int severity = rule.severityFor(score);
        if (!severity)
            continue;
        std::sort(hits.begin(), hits.end(), [](const Found &a, const Found &b) { return a.date > b.date; });
        FlagCandidate flag{QStringLiteral("narrative_concern"), l, std::nullopt, severity, score, {}, {}, {}};
        JsonList sentences;
        JsonFields sentence;
        QStringList quoted;
        for (const Found &f : hits) {
            flag.evidence.push_back(f.observationId);
            const QString category = lexicon->categoryTitle(f.hit.category);
            sentences.append(sentence.add("observation_id", f.observationId)
                                 .add("date", toIsoDate(f.date))
                                 .add("sentence", f.hit.sentence)
                                 .add("phrase", f.hit.phrase)
                                 .add("category", category)
                                 .take());
            if (quoted.size() < 2)
                quoted.append(tr("“%1” (%2, %3)").arg(f.hit.sentence, category, ctx.dateText(f.date)));
        }
        flag.explanation = tr("%n sentence(s) in comments over the last %1 days use language that often signals "
                              "concern. Most recent: %2.", nullptr, static_cast<int>(hits.size()))
                               .arg(ctx.integer(window), quoted.join(QStringLiteral("; ")));
        JsonFields details;
        details.add("window_days", window)
            .add("lexicon", lexicon->name())
            .add("lexicon_version", lexicon->version())
            .addRaw("sentences", sentences.take());
        ctx.raise(std::move(flag), details);
    }
    return {};
}

} // namespace pme::core::analytics::flagrules
