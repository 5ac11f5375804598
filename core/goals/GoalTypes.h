// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace pme::core::goals {

/// What a goal is measured by (goals.measure_kind, goals.measure as JSON).
///
/// | kind               | JSON                                                   | met when                   |
/// |--------------------|--------------------------------------------------------|----------------------------|
/// | competency_level   | {"level": 3.5}                                         | estimated level ≥ level    |
/// | observation_count  | {"count": 6, "kind": "epa", "min_rating": 4,           | that many observations of  |
/// |                    |  "since": "2026-01-01"}                                | the competency in window   |
/// | exam_percentile    | {"percentile": 40, "instrument": "ITE",                | latest exam percentile ≥   |
/// |                    |  "since": "2026-01-01"}                                |                            |
/// | free_text          | {"text": "..."}                                        | a person says so           |
///
/// The window of an observation count runs from `since` (else the plan's start) to the goal's
/// target date; an exam counts from `since` (else the plan's start).
struct GoalMeasure {
    enum class Kind { CompetencyLevel, ObservationCount, ExamPercentile, FreeText };
    Kind kind = Kind::FreeText;
    double target = 0; ///< level, count or percentile
    QString observationKind; ///< observation_count: 'assessment', 'epa', ... (empty: any)
    std::optional<double> minRating; ///< observation_count: only ratings at least this
    QString instrument; ///< exam_percentile: only this exam (empty: any)
    std::optional<QDate> since; ///< start of the evidence window
    QString text; ///< free_text: the measure a person confirms

    bool isMeasurable() const { return kind != Kind::FreeText; }
    QJsonObject toJson() const;
    static QString kindToString(Kind kind);
    static std::optional<Kind> kindFromString(const QString &text);
    /// Parses a stored measure; nullopt when the JSON does not fit the kind.
    static std::optional<GoalMeasure> fromJson(Kind kind, const QJsonObject &json);
};

/// One action of a goal, with its owner and due date.
struct GoalAction {
    qint64 id = 0;
    QString description;
    QString owner; ///< 'learner', 'coach' or 'program'
    std::optional<QDate> dueOn;
    std::optional<QDate> doneOn;
};

/// What a person writes for a goal (adding or revising one).
struct GoalDraft {
    QString statement;
    std::optional<qint64> competencyId;
    GoalMeasure measure;
    std::optional<QDate> targetDate;
    QString supportRequested;
    std::optional<qint64> fromFlagId;
    QList<GoalAction> actions;
};

/// Progress of a measurable goal, computed from the store when read.
struct GoalProgressValue {
    bool measurable = false;
    std::optional<double> current; ///< no value yet: no estimate, no exam in the window
    double target = 0;
    double fraction = 0; ///< 0..1, for a progress bar
    bool met = false; ///< the product suggests "achieved"; a person confirms
    QString summary; ///< "PC3: estimated level 3.1 of 3.5"
};

/// A stored goal with its actions and progress.
struct Goal {
    qint64 id = 0;
    qint64 planId = 0;
    GoalDraft draft;
    QString competencyCode;
    QString competencyName;
    QString status; ///< 'open', 'achieved', 'not_achieved', 'dropped'
    std::optional<QDate> achievedOn;
    GoalProgressValue progress;
    bool overdue = false; ///< open, in an agreed plan, past its target date
    /// The flag it came from, in words ("Below the cohort's expected trajectory, PC3, raised
    /// 27 Nov 2026"); empty when it came from none.
    QString fromFlag;
};

/// One entry of a plan's history: the conversation.
struct PlanEvent {
    qint64 id = 0;
    QString kind; ///< drafted, proposed, revised, commented, signed, agreement_reopened, achieved,
                  ///< action_done, action_undone, shared, closed
    std::optional<qint64> goalId;
    qint64 authorId = 0;
    QString authorName;
    QString at;
    int planVersion = 0;
    QByteArray versionHash; ///< raw SHA-256 (signatures and revisions)
    QJsonObject body;
};

/// A signature: who signed which version, as whom, and when.
struct PlanSignature {
    qint64 userId = 0;
    QString name;
    QString as; ///< 'learner' or 'coach'
    QString at;
    int planVersion = 0;
    QByteArray versionHash;
};

/// The plan's title, period and dates.
struct PlanHeader {
    QString title;
    QString periodLabel;
    std::optional<QDate> startsOn;
    std::optional<QDate> endsOn;
};

/// A plan as listed for a learner.
struct PlanSummary {
    qint64 id = 0;
    qint64 learnerId = 0;
    PlanHeader header;
    QString status; ///< 'draft', 'agreed', 'closed'
    QString visibility; ///< 'private', 'program'
    int version = 0;
    int goals = 0;
    QString updatedAt;
};

/// A whole plan as one reader may see it, with what that reader may do to it.
struct GoalPlan {
    PlanSummary summary;
    QString learnerName;
    QByteArray versionHash; ///< of the current content
    QList<Goal> goals;
    QList<PlanEvent> history;
    /// Signatures on the current version (older ones no longer count).
    QList<PlanSignature> signatures;
    /// Whether the current version carries the learner's, and an assigned coach's, signature.
    bool signedByLearner = false;
    bool signedByCoach = false;
    bool mayEdit = false; ///< the learner or their coach, plan not closed
    bool maySign = false; ///< mayEdit, and not yet signed this version
    bool mayShare = false; ///< the learner themself
    QString signAs; ///< 'learner' or 'coach': how this reader would sign

    bool isAgreed() const { return summary.status == QLatin1String("agreed"); }
    /// Whether the current version carries both signatures: an agreed plan, or one closed
    /// after its agreement, whose agreed record can still be exported.
    bool hasAgreement() const
    {
        return isAgreed() || (summary.status == QLatin1String("closed") && signedByLearner && signedByCoach);
    }
    const Goal *goal(qint64 goalId) const;
};

/// A coaching session note or a learner's reflection.
struct CoachingNote {
    qint64 id = 0;
    qint64 learnerId = 0;
    qint64 authorId = 0;
    QString authorName;
    QString kind; ///< 'session' or 'reflection'
    std::optional<QDate> sessionDate;
    QString attendees;
    QString body;
    QString nextSteps;
    QString visibility; ///< 'private' or 'program'
    QString sharedAt;
    QString createdAt;
};

/// What a person writes for a note.
struct NoteDraft {
    QString kind = QStringLiteral("session");
    std::optional<QDate> sessionDate;
    QString attendees;
    QString body;
    QString nextSteps;
};

/// A competency a goal can be about.
struct CompetencyChoice {
    qint64 id = 0;
    QString code;
    QString name;
};

/// A goal that came from a flag, as the flag shows it.
struct FlagGoalLink {
    qint64 planId = 0;
    qint64 goalId = 0;
    QString planTitle;
    QString statement;
    QString status;
};

} // namespace pme::core::goals
