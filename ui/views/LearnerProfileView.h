// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "analytics/FlagStore.h"
#include "governance/ActingUser.h"
#include "governance/GovernedStore.h"
#include "workspace/WorkspaceTypes.h"

#include <QElapsedTimer>
#include <QSet>
#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTabWidget;

namespace pme::ui {

class CompetencyTableModel;
class EvidencePanel;
class FlagPanel;
class ObservationFilterModel;
class ObservationTableModel;
class SmallMultiples;
class TrajectoryPlot;
class WorkspaceWorker;

/// One learner's whole picture: header, competency overview against the cohort, the
/// trajectory chart and small multiples, the evidence, flags with their actions, and exams.
/// The profile is read on the workspace worker (ProfileQueries::open, which checks access and
/// audits the view); a profile the user may not see shows core's refusal and nothing else.
class LearnerProfileView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LearnerProfileView)

public:
    LearnerProfileView(WorkspaceWorker &worker, core::ActingUser user, QWidget *parent = nullptr);
    ~LearnerProfileView() override;

    void openLearner(qint64 learnerId);
    /// The learner shown (0: none).
    qint64 learnerId() const { return m_profile ? m_profile->header.learnerId : 0; }
    const core::workspace::LearnerProfile *profile() const { return m_profile.get(); }
    /// The learners offered in the header's switcher (the cohort's rows).
    void setLearnerChoices(const QList<std::pair<qint64, QString>> &learners);
    /// Shows a competency in the large chart.
    void showCompetency(qint64 competencyId);
    qint64 shownCompetency() const { return m_competencyId; }

    TrajectoryPlot *plot() const { return m_plot; }
    EvidencePanel *evidence() const { return m_evidence; }
    FlagPanel *flags() const { return m_flags; }
    CompetencyTableModel *competencies() const { return m_competencies; }
    SmallMultiples *smallMultiples() const { return m_multiples; }
    QTabWidget *chartTabs() const { return m_chartTabs; }
    /// Milliseconds from openLearner() to the profile drawn.
    qint64 lastSwitchMilliseconds() const { return m_switchMs; }
    /// Of which: until the profile read on the worker arrived.
    qint64 lastLoadMilliseconds() const { return m_loadMs; }

signals:
    void profileShown(qint64 learnerId);
    void profileRefused(const QString &message);
    /// "Create a goal from this" on one of the learner's flags.
    void goalFromFlagRequested(qint64 learnerId, qint64 flagId);

private:
    QWidget *createHeader();
    QWidget *createLeft();
    QWidget *createRight();
    void onLoaded(qint64 learnerId, const core::Result<core::workspace::LearnerProfile> &result);
    void showProfile();
    void onFlagSelected(qint64 flagId, const QList<qint64> &evidence, std::optional<qint64> competencyId);
    void onStateRequested(qint64 flagId, core::analytics::FlagStore::State state, const QString &reason);
    void onCommentRequested(qint64 flagId, const QString &text);
    void runFlagAction(std::function<core::Result<void>(core::GovernedStore &)> action, const QString &done);
    void exportChart();
    void loadFlagGoals(qint64 flagId);

    WorkspaceWorker &m_worker;
    core::ActingUser m_user;
    std::unique_ptr<core::workspace::LearnerProfile> m_profile;
    qint64 m_requested = 0;
    qint64 m_competencyId = 0;
    QSet<qint64> m_highlight;
    QElapsedTimer m_clock;
    qint64 m_switchMs = 0;
    qint64 m_loadMs = 0;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_name = nullptr;
    QLabel *m_details = nullptr;
    QComboBox *m_switcher = nullptr;
    QSplitter *m_split = nullptr;
    CompetencyTableModel *m_competencies = nullptr;
    QTableView *m_competencyTable = nullptr;
    FlagPanel *m_flags = nullptr;
    QTabWidget *m_chartTabs = nullptr;
    QComboBox *m_chartCompetency = nullptr;
    TrajectoryPlot *m_plot = nullptr;
    SmallMultiples *m_multiples = nullptr;
    EvidencePanel *m_evidence = nullptr;
    ObservationTableModel *m_exams = nullptr;
};

} // namespace pme::ui
