// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/AnalyticsQueries.h"
#include "workspace/WorkspaceTypes.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace pme::core::ccc {

/// The committee's overall judgement of a resident's progress (ccc_decisions.progress).
enum class Progress { Accelerated, AsExpected, NotAsExpected, NotProgressing };

/// "accelerated", "as_expected", "not_as_expected", "not_progressing".
QString progressKey(Progress progress);
std::optional<Progress> progressFromKey(QStringView key);
/// "Accelerated", "As expected", ... for people.
QString progressTitle(Progress progress);
inline constexpr Progress kAllProgress[]
    = {Progress::Accelerated, Progress::AsExpected, Progress::NotAsExpected, Progress::NotProgressing};

/// The kinds of action a committee takes (interventions.kind).
inline constexpr const char *kActionKinds[] = {"coaching", "learning_plan", "remediation", "referral"};
QString actionKindTitle(const QString &kind);

/// A review period: its label ("2026 spring") and its last day. Comments and exams "in the
/// period" are those of the six months that end on `end`.
struct Period {
    QString label;
    QDate end;

    QDate start() const { return end.isValid() ? end.addDays(1).addMonths(-6) : QDate(); }
    bool isValid() const { return !label.isEmpty() && end.isValid(); }

    /// "2026-spring" / "2026 spring" (January to June, ends June 30), "2026-fall" / "2026 fall"
    /// (July to December, ends December 31), or an ISO date (the period ending that day).
    static std::optional<Period> parse(const QString &text);
};

struct MeetingMember {
    qint64 userId = 0;
    QString name;
    bool chair = false;
    QString username;
};

/// A resident on a meeting's agenda with the figures the agenda was ordered by.
struct AgendaItem {
    qint64 learnerId = 0;
    QString name;
    int position = 0;
    QString note;
    int openFlags[3] = {0, 0, 0}; ///< low, moderate, high
    std::optional<double> lowestProbability;
    QDate latestEvidence;
    /// Finalised decisions recorded for the resident at this meeting (levels and overall).
    int finalized = 0;

    int openFlagTotal() const { return openFlags[0] + openFlags[1] + openFlags[2]; }
};

struct Meeting {
    qint64 id = 0;
    qint64 programId = 0;
    QString programCode;
    QString programName;
    QDate heldOn;
    Period period;
    QString status; ///< planned, in_progress, closed
    QString note;
    QList<MeetingMember> members;
    QList<AgendaItem> agenda; ///< in agenda order

    bool isClosed() const { return status == QLatin1String("closed"); }
};

/// What a person fills in to prepare a meeting.
struct MeetingDraft {
    qint64 programId = 0;
    QDate heldOn;
    Period period;
    QList<MeetingMember> members; ///< exactly one chair
    QList<qint64> learnerIds;
};

/// The level the model proposes for one subcompetency at the period end.
struct ProposedLevel {
    qint64 competencyId = 0;
    QString code;
    QString name;
    double scaleMin = 1, scaleMax = 5, scaleStep = 0.5;
    std::optional<double> target;
    /// intercept + slope * t at the period end, before rounding; empty without an estimate.
    std::optional<double> estimate;
    double sd = 0;
    /// The estimate rounded to the nearest step of the framework's scale and clamped to it.
    std::optional<double> level;
    /// The ratings behind the estimate up to the period end: workplace ratings and earlier
    /// committee levels (not this period's own decision).
    int evidence = 0;
    bool tooLittleEvidence = true;
    /// The latest committee level before this period's decision, if any.
    std::optional<double> previousLevel;
};

/// One narrative comment in the period with its concerning passages.
struct NarrativeItem {
    qint64 observationId = 0;
    QDate date;
    QString competencyCode;
    QString assessor;
    QString text;
    struct Passage {
        int start = 0;
        int length = 0;
        QString category;
    };
    QList<Passage> concerns;
};

/// A goal plan the resident shared with the program, in outline.
struct SharedPlanSummary {
    qint64 id = 0;
    QString title;
    QString status;
    QString periodLabel;
    int goals = 0, achieved = 0, open = 0;
    QStringList statements;
    QStringList progress; ///< per goal, as statements: "PC3: estimated level 3.1 of 3.5"; empty when not measurable
};

/// Everything the committee reads about one resident for one period (PacketBuilder).
struct ResidentPacket {
    workspace::ProfileHeader header;
    Period period;
    int evidenceThreshold = 0; ///< fewer rated observations than this: "too little evidence"
    QList<ProposedLevel> proposals; ///< every subcompetency of the program's frameworks
    QList<workspace::TrajectorySeries> trajectories; ///< same order as proposals
    QList<analytics::FlagView> openFlags;
    QList<workspace::ObservationRow> exams; ///< on or before the period end, newest first
    QList<NarrativeItem> narratives; ///< in the period, concerning ones first, then newest first
    int narrativesWithConcerns = 0;
    QList<SharedPlanSummary> plans;

    const ProposedLevel *proposal(qint64 competencyId) const;
};

/// A level for one subcompetency as the committee decides it.
struct LevelChoice {
    qint64 competencyId = 0;
    double level = 0;
    QString rationale; ///< required when the level differs from the proposal
};

/// An action the committee takes (an intervention).
struct ActionItem {
    QString kind; ///< one of kActionKinds
    QString description;
    std::optional<qint64> ownerUserId;
    QDate dueOn;
};

/// Everything decided about one resident at a meeting, finalised at once.
struct ResidentDecision {
    qint64 meetingId = 0;
    qint64 learnerId = 0;
    QList<LevelChoice> levels;
    std::optional<Progress> progress;
    QString progressRationale;
    QList<ActionItem> actions;
    QString note; ///< the meeting note about this resident (agenda item note)
};

/// A stored decision row.
struct DecisionRecord {
    qint64 id = 0;
    qint64 meetingId = 0;
    qint64 learnerId = 0;
    std::optional<qint64> competencyId; ///< empty: the overall progress judgement
    QString competencyCode;
    std::optional<double> proposedLevel;
    std::optional<double> level;
    std::optional<Progress> progress;
    QString rationale;
    QString decidedBy;
    QString finalizedAt;
    std::optional<qint64> supersedesId;
    std::optional<qint64> supersededById;
    std::optional<qint64> observationId;

    bool isOverride() const { return level && proposedLevel && *level != *proposedLevel; }
};

/// A new decision that replaces a finalised one.
struct Supersession {
    qint64 decisionId = 0;
    std::optional<double> level; ///< for a subcompetency decision
    std::optional<Progress> progress; ///< for the overall judgement
    QString rationale; ///< required
};

struct ActionRecord {
    qint64 id = 0;
    qint64 decisionId = 0;
    QString kind;
    QString description;
    QString owner;
    QDate dueOn;
};

/// A resident's decisions at a meeting: the current ones (none superseded), their history
/// and the actions.
struct ResidentDecisions {
    QList<DecisionRecord> current;
    QList<DecisionRecord> history; ///< superseded rows, oldest first
    QList<ActionRecord> actions;
    QString note;

    bool isFinalized() const { return !current.isEmpty(); }
    const DecisionRecord *overall() const;
    const DecisionRecord *level(qint64 competencyId) const;
};

} // namespace pme::core::ccc
