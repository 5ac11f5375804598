// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "WorkspaceTestStore.h"
#include "ccc/DecisionService.h"
#include "ccc/MeetingReport.h"
#include "ccc/MeetingService.h"
#include "ccc/PacketBuilder.h"
#include "ccc/PacketJson.h"
#include "domain/Dates.h"
#include "governance/AuditLog.h"
#include "workspace/ProfileQueries.h"
#include "workspace/TrajectoryBuilder.h"

#include <QJsonDocument>
#include <QLocale>
#include <QTest>

#include <cmath>

using namespace pme;
using namespace pme::core::ccc;

class TestCcc : public QObject {
    Q_OBJECT

private:
    tests::WorkspaceTestStore m_demo;
    Period m_period;
    qint64 m_program = 0;

    core::ActingUser director() { return m_demo.user(QStringLiteral("demo-director")); }
    core::ActingUser member() { return m_demo.user(QStringLiteral("demo-ccc")); }
    qint64 count(const char *sql, std::optional<qint64> bind = std::nullopt) { return m_demo.scalar(sql, bind); }

    QList<qint64> residents(int n)
    {
        QList<qint64> ids;
        core::Statement select(m_demo.db(),
                               "SELECT id FROM learners WHERE program_id = ? AND status = 'active' "
                               "ORDER BY id LIMIT ?");
        select.bind(1, m_program);
        select.bind(2, n);
        while (auto row = select.step()) {
            if (!*row)
                break;
            ids.append(select.columnInt64(0));
        }
        return ids;
    }

    /// A meeting of demo-ccc (chair) and demo-director about learners.
    qint64 prepare(const QList<qint64> &learners)
    {
        MeetingDraft draft;
        draft.programId = m_program;
        draft.heldOn = m_period.end.addDays(10);
        draft.period = m_period;
        draft.members = {MeetingMember{member().id(), {}, true, {}}, MeetingMember{director().id(), {}, false, {}}};
        draft.learnerIds = learners;
        auto id = MeetingService::prepare(m_demo.db(), m_demo.audit(), director(), draft);
        if (!id)
            qWarning("prepare: %s", qPrintable(id.error().message));
        return id ? *id : 0;
    }

    /// Every proposal accepted as proposed (or at the scale's minimum, reasoned, where none).
    ResidentDecision acceptAll(qint64 meetingId, qint64 learnerId)
    {
        ResidentDecision d;
        d.meetingId = meetingId;
        d.learnerId = learnerId;
        auto proposals = PacketBuilder::proposals(m_demo.db(), member(), learnerId, m_period.end);
        if (!proposals)
            qFatal("proposals: %s", qPrintable(proposals.error().message));
        for (const ProposedLevel &p : *proposals) {
            if (p.level)
                d.levels.append(LevelChoice{p.competencyId, *p.level, {}});
            else
                d.levels.append(LevelChoice{p.competencyId, p.scaleMin, QStringLiteral("No evidence yet.")});
        }
        d.progress = Progress::AsExpected;
        return d;
    }

    static QString message(const core::Error &e) { return e.message; }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_demo.build());
        auto horizon = core::workspace::ProfileQueries::lastHorizon(m_demo.db());
        QVERIFY(horizon && horizon->isValid());
        m_period = Period{QStringLiteral("test period"), horizon->addDays(-1)};
        m_program = count("SELECT program_id FROM user_roles WHERE role = 'program_director' LIMIT 1");
        QVERIFY(m_program > 0);
        QVERIFY(residents(6).size() == 6);
    }

    void period_parsesSeasonsAndDates()
    {
        QCOMPARE(Period::parse(QStringLiteral("2026-spring"))->end, QDate(2026, 6, 30));
        QCOMPARE(Period::parse(QStringLiteral("2025 fall"))->end, QDate(2025, 12, 31));
        QCOMPARE(Period::parse(QStringLiteral("2025 fall"))->start(), QDate(2025, 7, 1));
        QCOMPARE(Period::parse(QStringLiteral("2026-03-31"))->end, QDate(2026, 3, 31));
        QVERIFY(!Period::parse(QStringLiteral("spring")));
    }

    void agenda_isOrderedByNeed()
    {
        const QList<qint64> ids = residents(40);
        auto agenda = MeetingService::orderByNeed(m_demo.db(), ids);
        QVERIFY(agenda);
        QCOMPARE(agenda->size(), ids.size());
        const auto severity = [](const AgendaItem &i) {
            return i.openFlags[2] ? 3 : i.openFlags[1] ? 2 : i.openFlags[0] ? 1 : 0;
        };
        int ruledBySeverity = 0;
        for (int i = 1; i < agenda->size(); ++i) {
            const AgendaItem &a = agenda->at(i - 1), &b = agenda->at(i);
            // The figures are those of the store, not of the sort.
            QCOMPARE(a.openFlagTotal(),
                     int(count("SELECT count(*) FROM flags WHERE state = 'open' AND learner_id = ?", a.learnerId)));
            QVERIFY(severity(a) >= severity(b));
            if (severity(a) != severity(b)) {
                ++ruledBySeverity;
                continue;
            }
            QVERIFY(a.openFlagTotal() >= b.openFlagTotal());
            if (a.openFlagTotal() != b.openFlagTotal())
                continue;
            if (a.lowestProbability && b.lowestProbability && *a.lowestProbability != *b.lowestProbability) {
                QVERIFY(*a.lowestProbability < *b.lowestProbability);
                continue;
            }
            QVERIFY(a.lowestProbability.has_value() || !b.lowestProbability.has_value());
            if (a.lowestProbability.has_value() == b.lowestProbability.has_value()
                && (!a.lowestProbability || *a.lowestProbability == *b.lowestProbability))
                QVERIFY(!a.latestEvidence.isValid() || a.latestEvidence <= b.latestEvidence);
        }
        QVERIFY(ruledBySeverity > 0);
        // Severity outranks the count: a single high flag before many lower ones.
        const qint64 calm = agenda->last().learnerId;
        core::Statement raise(m_demo.db(),
                              "INSERT INTO flags (learner_id, rule_set_id, rule_code, severity, score, "
                              "explanation, state, as_of, raised_at, updated_at) SELECT ?, id, "
                              "'low_exam', 3, 99, 'test', 'open', '2020-01-01', '2020-01-01', "
                              "'2020-01-01' FROM rule_sets LIMIT 1");
        raise.bind(1, calm);
        QVERIFY(raise.exec());
        auto again = MeetingService::orderByNeed(m_demo.db(), ids);
        QVERIFY(again);
        const qsizetype at
            = std::find_if(again->begin(), again->end(), [&](const AgendaItem &i) { return i.learnerId == calm; })
            - again->begin();
        QVERIFY(at < again->size());
        for (qsizetype i = 0; i < again->size(); ++i) {
            if (i < at)
                QCOMPARE(severity(again->at(i)), 3);
            else if (i > at)
                QVERIFY(severity(again->at(i)) < 3 || again->at(i).openFlagTotal() <= again->at(at).openFlagTotal());
        }
        core::Statement drop(m_demo.db(), "DELETE FROM flags WHERE learner_id = ? AND explanation = 'test'");
        drop.bind(1, calm);
        QVERIFY(drop.exec());
    }

    void prepare_storesTheAgendaAndReorderPersists()
    {
        const QList<qint64> ids = residents(5);
        const qint64 before = count("SELECT count(*) FROM audit_entries WHERE action = 'ccc_meeting_prepared'");
        const qint64 id = prepare(ids);
        QVERIFY(id > 0);
        QCOMPARE(count("SELECT count(*) FROM audit_entries WHERE action = 'ccc_meeting_prepared'"), before + 1);
        auto meeting = MeetingService::meeting(m_demo.db(), member(), id);
        QVERIFY(meeting);
        QCOMPARE(meeting->members.size(), 2);
        QVERIFY(meeting->members.first().chair);
        auto expected = MeetingService::orderByNeed(m_demo.db(), ids);
        QVERIFY(expected);
        QCOMPARE(meeting->agenda.size(), 5);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(meeting->agenda[i].learnerId, expected->at(i).learnerId);
        const qint64 last = meeting->agenda.last().learnerId;
        QVERIFY(MeetingService::moveAgendaItem(m_demo.db(), m_demo.audit(), member(), id, last, 0));
        auto moved = MeetingService::meeting(m_demo.db(), member(), id);
        QCOMPARE(moved->agenda.first().learnerId, last);
        QCOMPARE(moved->agenda[1].learnerId, expected->at(0).learnerId);
        QCOMPARE(count("SELECT count(*) FROM audit_entries WHERE action = 'ccc_agenda_reordered'"), 1);
    }

    void prepare_refusesBadDraftsAndOutsiders()
    {
        MeetingDraft draft;
        draft.programId = m_program;
        draft.heldOn = QDate(2026, 7, 1);
        draft.period = m_period;
        draft.learnerIds = residents(2);
        draft.members = {MeetingMember{member().id(), {}, false, {}}};
        const qint64 before = count("SELECT count(*) FROM ccc_meetings");
        auto noChair = MeetingService::prepare(m_demo.db(), m_demo.audit(), director(), draft);
        QVERIFY(!noChair);
        QCOMPARE(noChair.error().kind, core::ErrorKind::BadInput);
        draft.members = {MeetingMember{m_demo.user(QStringLiteral("demo-coach")).id(), {}, true, {}}};
        QVERIFY(!MeetingService::prepare(m_demo.db(), m_demo.audit(), director(), draft)); // not on the committee
        draft.members = {MeetingMember{member().id(), {}, true, {}}};
        auto coach
            = MeetingService::prepare(m_demo.db(), m_demo.audit(), m_demo.user(QStringLiteral("demo-coach")), draft);
        QVERIFY(!coach);
        QCOMPARE(coach.error().kind, core::ErrorKind::Denied);
        QCOMPARE(count("SELECT count(*) FROM ccc_meetings"), before);
        QVERIFY(!MeetingService::meeting(m_demo.db(), m_demo.user(QStringLiteral("demo-coach")), 1));
    }

    void proposals_areTheModelsPeriodEndEstimatesRounded()
    {
        const qint64 learner = residents(1).first();
        auto proposals = PacketBuilder::proposals(m_demo.db(), member(), learner, m_period.end);
        QVERIFY(proposals);
        QCOMPARE(proposals->size(),
                 int(count("SELECT count(*) FROM competencies c JOIN program_frameworks pf ON "
                           "pf.framework_id = c.framework_id WHERE pf.program_id = ?",
                           m_program)));
        core::Statement start(m_demo.db(), "SELECT start_date FROM learners WHERE id = ?");
        start.bind(1, learner);
        QVERIFY(*start.step());
        const double t = core::parseIsoDate(start.columnText(0))->daysTo(m_period.end) / 365.25;
        core::Statement est(m_demo.db(),
                            "SELECT intercept, slope, cov_ii, cov_is, cov_ss FROM learner_estimates "
                            "WHERE learner_id = ? AND competency_id = ?");
        int compared = 0;
        for (const ProposedLevel &p : *proposals) {
            est.bind(1, learner);
            est.bind(2, p.competencyId);
            auto row = est.step();
            QVERIFY(row);
            if (!*row) {
                QVERIFY(!p.level);
                continue;
            }
            const double level = est.columnDouble(0) + est.columnDouble(1) * t;
            const double sd
                = std::sqrt(est.columnDouble(2) + 2 * t * est.columnDouble(3) + t * t * est.columnDouble(4));
            est.reset();
            QVERIFY(std::abs(*p.estimate - level) < 1e-9);
            QVERIFY(std::abs(p.sd - sd) < 1e-9);
            // Milestones: half levels from 1 to 5.
            QCOMPARE(*p.level, std::clamp(std::floor(level * 2 + 0.5) / 2, 1.0, 5.0));
            QCOMPARE(p.tooLittleEvidence, p.evidence < 3);
            ++compared;
        }
        QVERIFY(compared > 10);
    }

    void roundToScale_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("step");
        QTest::addColumn<double>("expected");
        QTest::newRow("down to the half level") << 2.24 << 0.5 << 2.0;
        QTest::newRow("a tie goes up") << 2.25 << 0.5 << 2.5;
        QTest::newRow("below the scale") << 0.2 << 0.5 << 1.0;
        QTest::newRow("above the scale") << 5.8 << 0.5 << 5.0;
        QTest::newRow("whole levels") << 3.4 << 1.0 << 3.0;
    }

    void roundToScale()
    {
        QFETCH(double, value);
        QFETCH(double, step);
        QFETCH(double, expected);
        QCOMPARE(PacketBuilder::roundToScale(value, 1, 5, step), expected);
    }

    void override_withoutRationaleIsRefused()
    {
        const qint64 learner = residents(6).at(5);
        const qint64 meeting = prepare({learner});
        QVERIFY(meeting);
        ResidentDecision d = acceptAll(meeting, learner);
        auto target = std::find_if(d.levels.begin(), d.levels.end(),
                                   [](const LevelChoice &c) { return c.rationale.isEmpty(); });
        QVERIFY(target != d.levels.end());
        target->level = target->level < 5 ? target->level + 0.5 : 4.5;
        const qint64 before = count("SELECT count(*) FROM ccc_decisions");
        auto refused = DecisionService::finalize(m_demo.db(), m_demo.audit(), member(), d);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, core::ErrorKind::BadInput);
        QVERIFY2(refused.error().message.contains(QStringLiteral("rationale")), qPrintable(refused.error().message));
        QCOMPARE(count("SELECT count(*) FROM ccc_decisions"), before); // nothing half-written
        target->level = 1.25; // off the half-level scale
        target->rationale = QStringLiteral("Seen on nights.");
        QVERIFY(!DecisionService::finalize(m_demo.db(), m_demo.audit(), member(), d));
        target->level = 1.5;
        ResidentDecision noProgress = d;
        noProgress.progress.reset();
        QVERIFY(!DecisionService::finalize(m_demo.db(), m_demo.audit(), member(), noProgress));
        auto done = DecisionService::finalize(m_demo.db(), m_demo.audit(), member(), d);
        QVERIFY2(done, qPrintable(done ? QString() : done.error().message));
        auto stored = DecisionService::decisions(m_demo.db(), member(), meeting, learner);
        QVERIFY(stored);
        const DecisionRecord *overridden = stored->level(target->competencyId);
        QVERIFY(overridden && overridden->isOverride());
        QCOMPARE(overridden->rationale, QStringLiteral("Seen on nights."));
    }

    void decisions_becomeObservationsInterventionsAndAudit()
    {
        const qint64 learner = m_demo.flaggedLearner();
        const qint64 meeting = prepare({learner});
        QVERIFY(meeting);
        ResidentDecision d = acceptAll(meeting, learner);
        d.progress = Progress::NotAsExpected;
        d.progressRationale = QStringLiteral("Slower than peers in procedures.");
        d.actions = {ActionItem{QStringLiteral("coaching"), QStringLiteral("Monthly coaching on procedures"),
                                m_demo.user(QStringLiteral("demo-coach")).id(), m_period.end.addMonths(2)},
                     ActionItem{QStringLiteral("learning_plan"), QStringLiteral("Written learning plan"), std::nullopt,
                                m_period.end.addMonths(1)}};
        d.note = QStringLiteral("Discussed first.");
        const qint64 runs = count("SELECT count(*) FROM analytics_runs");
        auto unreasoned = d;
        unreasoned.progressRationale.clear(); // "not as expected" needs its reason
        QCOMPARE(DecisionService::finalize(m_demo.db(), m_demo.audit(), member(), unreasoned).error().kind,
                 core::ErrorKind::BadInput);
        auto bad = d;
        bad.actions.append(ActionItem{QStringLiteral("referral"), QStringLiteral("No date"), std::nullopt, QDate()});
        QVERIFY(!DecisionService::finalize(m_demo.db(), m_demo.audit(), member(), bad));
        auto done = DecisionService::finalize(m_demo.db(), m_demo.audit(), member(), d);
        QVERIFY2(done, qPrintable(done ? QString() : done.error().message));
        QVERIFY2(done->analyticsError.isEmpty(), qPrintable(done->analyticsError));
        QCOMPARE(done->observationIds.size(), d.levels.size());
        QCOMPARE(done->interventionIds.size(), 2);
        QCOMPARE(
            count("SELECT count(*) FROM observations o JOIN sources s ON s.id = o.source_id WHERE o.learner_id = ? "
                  "AND o.kind = 'ccc_decision' AND s.code = 'pmecoach'",
                  learner),
            d.levels.size());
        core::Statement obs(m_demo.db(),
                            "SELECT o.rating, o.observed_on, d.level FROM ccc_decisions d "
                            "JOIN observations o ON o.id = d.observation_id WHERE d.meeting_id = ?");
        obs.bind(1, meeting);
        int rows = 0;
        QVERIFY(obs.forEachRow([&](core::Statement &s) {
            ++rows;
            QCOMPARE(s.columnDouble(0), s.columnDouble(2));
            QCOMPARE(s.columnText(1), core::toIsoDate(m_period.end));
        }));
        QCOMPARE(rows, d.levels.size());
        QCOMPARE(count("SELECT count(*) FROM interventions i JOIN ccc_decisions d ON d.id = i.ccc_decision_id "
                       "WHERE d.meeting_id = ? AND d.competency_id IS NULL AND i.due_on IS NOT NULL",
                       meeting),
                 2);
        QCOMPARE(count("SELECT count(*) FROM audit_entries WHERE action = 'ccc_decision_finalized' AND learner_id = ?",
                       learner),
                 d.levels.size() + 1);
        QVERIFY(count("SELECT count(*) FROM analytics_runs") > runs); // the resident's curves were refreshed
        // The workspace sees the decisions as committee ratings on the trajectories.
        auto profile = core::workspace::ProfileQueries::open(m_demo.db(), m_demo.audit(), director(), learner);
        QVERIFY(profile);
        const auto series = core::workspace::TrajectoryBuilder::build(*profile, d.levels.first().competencyId);
        QVERIFY(std::any_of(series.decisions.begin(), series.decisions.end(),
                            [&](const core::workspace::TrajectoryPoint &p) { return p.date == m_period.end; }));
        auto meetingRow = MeetingService::meeting(m_demo.db(), member(), meeting);
        QCOMPARE(meetingRow->agenda.first().finalized, d.levels.size() + 1);
        QCOMPARE(meetingRow->agenda.first().note, d.note);
        // The levels file has one row per decided subcompetency.
        auto report = MeetingReportBuilder::build(m_demo.db(), m_demo.audit(), member(), meeting, false);
        QVERIFY(report);
        const QList<QByteArray> lines = MeetingReportBuilder::levelsCsv(*report).split('\n');
        QCOMPARE(lines.size() - 2, d.levels.size()); // header, rows, trailing empty
        QVERIFY(lines.at(0).startsWith("program,period,period_end,learner_id,resident,subcompetency,level"));
    }

    void finalized_cannotBeEditedInPlace()
    {
        const qint64 learner = residents(6).at(4);
        const qint64 meeting = prepare({learner});
        ResidentDecision d = acceptAll(meeting, learner);
        QVERIFY(DecisionService::finalize(m_demo.db(), m_demo.audit(), member(), d));
        auto again = DecisionService::finalize(m_demo.db(), m_demo.audit(), member(), d);
        QVERIFY(!again);
        QCOMPARE(again.error().kind, core::ErrorKind::Conflict);
        auto before = DecisionService::decisions(m_demo.db(), member(), meeting, learner);
        QVERIFY(before && before->history.isEmpty());
        const DecisionRecord old = before->current.first();
        QVERIFY(old.competencyId && old.observationId);
        const double newLevel = *old.level < 5 ? *old.level + 0.5 : 4.5;
        QVERIFY(!DecisionService::supersede(m_demo.db(), m_demo.audit(), member(), {old.id, newLevel, {}, QString()}));
        auto newer = DecisionService::supersede(m_demo.db(), m_demo.audit(), member(),
                                                {old.id, newLevel, {}, QStringLiteral("Late assessments arrived.")});
        QVERIFY2(newer, qPrintable(newer ? QString() : newer.error().message));
        auto after = DecisionService::decisions(m_demo.db(), member(), meeting, learner);
        QCOMPARE(after->history.size(), 1);
        QCOMPARE(after->history.first().id, old.id);
        QCOMPARE(after->history.first().level, old.level); // the old row is untouched
        QCOMPARE(after->history.first().finalizedAt, old.finalizedAt);
        QCOMPARE(after->level(*old.competencyId)->id, *newer);
        QCOMPARE(after->level(*old.competencyId)->supersedesId, old.id);
        core::Statement obs(m_demo.db(),
                            "SELECT rating, revision, (SELECT count(*) FROM observation_revisions r WHERE "
                            "r.observation_id = o.id) FROM observations o WHERE id = ?");
        obs.bind(1, *old.observationId);
        QVERIFY(*obs.step());
        QCOMPARE(obs.columnDouble(0), newLevel);
        QCOMPARE(obs.columnInt64(1), 2);
        QCOMPARE(obs.columnInt64(2), 1);
        obs.reset();
        auto twice = DecisionService::supersede(m_demo.db(), m_demo.audit(), member(),
                                                {old.id, newLevel, {}, QStringLiteral("Again.")});
        QVERIFY(!twice);
        QCOMPARE(twice.error().kind, core::ErrorKind::Conflict);
        const DecisionRecord *overall = after->overall();
        QVERIFY(overall);
        QVERIFY(
            DecisionService::supersede(m_demo.db(), m_demo.audit(), member(),
                                       {overall->id, std::nullopt, Progress::Accelerated, QStringLiteral("Review.")}));
        QCOMPARE(count("SELECT count(*) FROM audit_entries WHERE action = 'ccc_decision_superseded'"), 2);
        QVERIFY(MeetingService::close(m_demo.db(), m_demo.audit(), member(), meeting, QStringLiteral("Done.")));
        auto closed = DecisionService::finalize(m_demo.db(), m_demo.audit(), member(), acceptAll(meeting, learner));
        QCOMPARE(closed.error().kind, core::ErrorKind::Conflict);
    }

    void decisions_onlyByTheProgramsCommittee()
    {
        const qint64 learner = residents(6).at(3);
        const qint64 meeting = prepare({learner});
        const ResidentDecision d = acceptAll(meeting, learner);
        auto coach
            = DecisionService::finalize(m_demo.db(), m_demo.audit(), m_demo.user(QStringLiteral("demo-coach")), d);
        QVERIFY(!coach);
        QCOMPARE(coach.error().kind, core::ErrorKind::Denied);
        QVERIFY(!PacketBuilder::build(m_demo.db(), m_demo.audit(), m_demo.user(QStringLiteral("demo-learner")),
                                      residents(1).first(), m_period));
    }

    void packet_marksConcerningPassagesOfThePeriodOnly()
    {
        const qint64 learner = m_demo.flaggedLearner();
        // A comment of the period with concerning language, and one dated before the period.
        for (const auto &[date, text] :
             {std::pair{m_period.end.addDays(-5),
                        QStringLiteral("Good rapport. He was unprofessional "
                                       "with the nursing team.")},
              std::pair{m_period.start().addDays(-1), QStringLiteral("Before the period.")}}) {
            core::Statement insert(m_demo.db(),
                                   "INSERT INTO observations (learner_id, kind, observed_on, narrative, "
                                   "source_id, source_key, key_hash) SELECT ?, 'narrative', ?, ?, id, ?, ? "
                                   "FROM sources WHERE code = 'pmecoach'");
            insert.bind(1, learner);
            insert.bind(2, core::toIsoDate(date));
            insert.bind(3, text);
            insert.bind(4, QStringLiteral("test-narrative-%1").arg(core::toIsoDate(date)));
            insert.bind(5, qint64(date.toJulianDay()));
            QVERIFY(insert.exec());
        }
        auto packet = PacketBuilder::build(m_demo.db(), m_demo.audit(), member(), learner, m_period);
        QVERIFY(packet);
        bool found = false;
        for (const NarrativeItem &n : packet->narratives) {
            QVERIFY(n.date >= m_period.start() && n.date <= m_period.end);
            QVERIFY(n.text != QLatin1String("Before the period."));
            for (const NarrativeItem::Passage &p : n.concerns)
                QVERIFY(p.start >= 0 && p.start + p.length <= n.text.size() && !p.category.isEmpty());
            if (n.text.startsWith(QLatin1String("Good rapport."))) {
                found = true;
                QCOMPARE(n.concerns.size(), 1);
                QCOMPARE(n.text.mid(n.concerns[0].start, n.concerns[0].length),
                         QStringLiteral("He was unprofessional with the nursing team."));
            }
        }
        QVERIFY(found);
        // Concerning comments come first.
        for (int i = 1; i < packet->narratives.size(); ++i)
            QVERIFY(!packet->narratives[i].concerns.size() || packet->narratives[i - 1].concerns.size());
        QCOMPARE(packet->narrativesWithConcerns,
                 int(std::count_if(packet->narratives.begin(), packet->narratives.end(),
                                   [](const NarrativeItem &n) { return !n.concerns.isEmpty(); })));
    }

    void firewall_holdsInPacketsAndReports()
    {
        const qint64 learner = m_demo.flaggedLearner();
        const qint64 coachId = m_demo.user(QStringLiteral("demo-coach")).id();
        core::Statement note(m_demo.db(),
                             "INSERT INTO coaching_notes (learner_id, author_user_id, body, next_steps, "
                             "visibility, created_at, updated_at) VALUES (?, ?, 'FIREWALL-NOTE body', "
                             "'FIREWALL-NOTE steps', 'private', '2026-01-01', '2026-01-01')");
        note.bind(1, learner);
        note.bind(2, coachId);
        QVERIFY(note.exec());
        for (const char *visibility : {"private", "program"}) {
            core::Statement plan(m_demo.db(),
                                 "INSERT INTO goal_plans (learner_id, title, visibility, status, created_at, "
                                 "updated_at) VALUES (?, ?, ?, 'agreed', '2026-01-01', '2026-01-01')");
            plan.bind(1, learner);
            plan.bind(2, QStringLiteral("%1 plan FIREWALL").arg(QLatin1String(visibility)));
            plan.bind(3, QString::fromLatin1(visibility));
            QVERIFY(plan.exec());
            core::Statement goal(m_demo.db(),
                                 "INSERT INTO goals (plan_id, statement, status) VALUES (?, ?, 'achieved')");
            goal.bind(1, m_demo.db().lastInsertRowId());
            goal.bind(2, QStringLiteral("%1 goal FIREWALL").arg(QLatin1String(visibility)));
            QVERIFY(goal.exec());
            // A measurable goal too: the packet shows its progress, computed from the evidence.
            core::Statement measured(m_demo.db(),
                                     "INSERT INTO goals (plan_id, statement, competency_id, measure_kind, measure, "
                                     "status, sort_order) SELECT plan_id, 'measured goal', "
                                     "(SELECT competency_id FROM observations WHERE learner_id = ? AND "
                                     "competency_id IS NOT NULL LIMIT 1), 'observation_count', '{\"count\": 40}', "
                                     "'open', 1 FROM goals WHERE id = ?");
            measured.bind(1, learner);
            measured.bind(2, m_demo.db().lastInsertRowId());
            QVERIFY(measured.exec());
        }
        // The demo coach is assigned to this learner: give them a committee seat too. Their
        // coaching access must not leak into a committee document.
        core::Statement seat(m_demo.db(),
                             "INSERT INTO user_roles (user_id, role, program_id) VALUES (?, 'ccc_member', ?)");
        seat.bind(1, coachId);
        seat.bind(2, m_program);
        QVERIFY(seat.exec());
        const core::ActingUser coachOnCommittee = m_demo.user(QStringLiteral("demo-coach"));
        for (const core::ActingUser &reader : {coachOnCommittee, director()}) {
            const qint64 views = count("SELECT count(*) FROM audit_entries WHERE action = 'ccc_packet_viewed'");
            auto packet = PacketBuilder::build(m_demo.db(), m_demo.audit(), reader, learner, m_period);
            QVERIFY2(packet, qPrintable(packet ? QString() : packet.error().message));
            QCOMPARE(count("SELECT count(*) FROM audit_entries WHERE action = 'ccc_packet_viewed'"), views + 1);
            QCOMPARE(packet->plans.size(), 1);
            QCOMPARE(packet->plans.first().title, QStringLiteral("program plan FIREWALL"));
            QCOMPARE(packet->plans.first().achieved, 1);
            QCOMPARE(packet->plans.first().open, 1);
            QCOMPARE(packet->plans.first().progress.size(), 2);
            QVERIFY(packet->plans.first().progress.at(0).isEmpty()); // free text: a person confirms it
            QVERIFY2(packet->plans.first().progress.at(1).contains(QLocale().toString(40)),
                     qPrintable(packet->plans.first().progress.at(1)));
            const QByteArray json = QJsonDocument(PacketJson::toJson(*packet)).toJson();
            QVERIFY(json.contains("program goal FIREWALL"));
            QVERIFY(!json.contains("private plan"));
            QVERIFY(!json.contains("private goal"));
            QVERIFY(!json.contains("FIREWALL-NOTE"));
            QCOMPARE(packet->proposals.size(), packet->trajectories.size());
        }
        const qint64 meeting = prepare({learner, residents(1).first()});
        auto report = MeetingReportBuilder::build(m_demo.db(), m_demo.audit(), coachOnCommittee, meeting, true);
        QVERIFY(report);
        for (const ResidentReport &r : report->residents) {
            const QByteArray json = QJsonDocument(PacketJson::toJson(r.packet)).toJson();
            QVERIFY(!json.contains("private plan") && !json.contains("FIREWALL-NOTE"));
        }
    }
};

QTEST_GUILESS_MAIN(TestCcc)
#include "tst_ccc.moc"
