// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/LearnerProfileView.h"

#include "Settings.h"
#include "WorkspaceWorker.h"
#include "analytics/AnalyticsQueries.h"
#include "charts/PlotInteraction.h"
#include "charts/SmallMultiples.h"
#include "charts/TrajectoryPlot.h"
#include "goals/GoalPlanQueries.h"
#include "models/CompetencyTableModel.h"
#include "models/FlagTableModel.h"
#include "models/ObservationFilterModel.h"
#include "models/ObservationTableModel.h"
#include "views/EvidencePanel.h"
#include "views/FlagPanel.h"
#include "workspace/FlagActions.h"
#include "workspace/ProfileQueries.h"
#include "workspace/TrajectoryBuilder.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace pme::ui {

using core::workspace::LearnerProfile;

LearnerProfileView::LearnerProfileView(WorkspaceWorker &worker, core::ActingUser user, QWidget *parent)
    : QWidget(parent), m_worker(worker), m_user(std::move(user))
{
    setObjectName(QStringLiteral("learnerProfile"));
    m_message = new QLabel(tr("Open a learner from the Cohort page."), this);
    m_message->setObjectName(QStringLiteral("profileMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(16, 12, 16, 8);
    layout->addWidget(createHeader());
    m_split = new QSplitter(Qt::Horizontal, content);
    m_split->setObjectName(QStringLiteral("profileSplitter"));
    m_split->addWidget(createLeft());
    m_split->addWidget(createRight());
    m_split->setStretchFactor(0, 4);
    m_split->setStretchFactor(1, 6);
    m_split->setSizes({600, 800});
    m_split->restoreState(Settings::profileSplitterState.get());
    layout->addWidget(m_split, 1);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_message);
    m_stack->addWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);
}

LearnerProfileView::~LearnerProfileView()
{
    Settings::profileSplitterState.set(m_split->saveState());
}

QWidget *LearnerProfileView::createHeader()
{
    auto *header = new QWidget(this);
    m_name = new QLabel(header);
    m_name->setObjectName(QStringLiteral("profileName"));
    QFont nameFont = m_name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.4);
    nameFont.setBold(true);
    m_name->setFont(nameFont);
    m_details = new QLabel(header);
    m_details->setObjectName(QStringLiteral("profileDetails"));
    m_details->setWordWrap(true);
    m_switcher = new QComboBox(header);
    m_switcher->setObjectName(QStringLiteral("learnerSwitcher"));
    m_switcher->setAccessibleName(tr("Open another learner"));
    m_switcher->setMinimumContentsLength(22);
    m_switcher->hide();
    connect(m_switcher, &QComboBox::activated, this, [this](int index) {
        const qint64 id = m_switcher->itemData(index).toLongLong();
        if (id && id != learnerId())
            openLearner(id);
    });
    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    text->addWidget(m_name);
    text->addWidget(m_details);
    auto *row = new QHBoxLayout(header);
    row->setContentsMargins(0, 0, 0, 6);
    row->addLayout(text, 1);
    row->addWidget(m_switcher, 0, Qt::AlignTop);
    return header;
}

QWidget *LearnerProfileView::createLeft()
{
    auto *left = new QSplitter(Qt::Vertical, this);
    m_competencies = new CompetencyTableModel(this);
    auto *sorted = new QSortFilterProxyModel(this);
    sorted->setSourceModel(m_competencies);
    sorted->setSortRole(CompetencyTableModel::SortRole);
    m_competencyTable = new QTableView(left);
    m_competencyTable->setObjectName(QStringLiteral("competencyTable"));
    m_competencyTable->setAccessibleName(tr("Competency overview"));
    m_competencyTable->setModel(sorted);
    m_competencyTable->setSortingEnabled(true);
    // Weakest first: what a coach looks at first.
    m_competencyTable->sortByColumn(CompetencyTableModel::StandingColumn, Qt::AscendingOrder);
    m_competencyTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_competencyTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_competencyTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_competencyTable->verticalHeader()->hide();
    m_competencyTable->verticalHeader()->setDefaultSectionSize(24);
    m_competencyTable->setWordWrap(false);
    m_competencyTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_competencyTable->horizontalHeader()->setStretchLastSection(false);
    connect(m_competencyTable, &QTableView::clicked, this, [this](const QModelIndex &index) {
        showCompetency(index.data(CompetencyTableModel::CompetencyIdRole).toLongLong());
    });
    connect(m_competencyTable, &QTableView::activated, this, [this](const QModelIndex &index) {
        showCompetency(index.data(CompetencyTableModel::CompetencyIdRole).toLongLong());
    });

    auto *flagBox = new QWidget(left);
    auto *flagLayout = new QVBoxLayout(flagBox);
    flagLayout->setContentsMargins(0, 6, 0, 0);
    auto *flagTitle = new QLabel(tr("<b>Flags</b>"), flagBox);
    m_flags = new FlagPanel(flagBox);
    flagLayout->addWidget(flagTitle);
    flagLayout->addWidget(m_flags, 1);
    connect(m_flags, &FlagPanel::flagSelected, this, &LearnerProfileView::onFlagSelected);
    connect(m_flags, &FlagPanel::stateRequested, this, &LearnerProfileView::onStateRequested);
    connect(m_flags, &FlagPanel::commentRequested, this, &LearnerProfileView::onCommentRequested);
    connect(m_flags, &FlagPanel::goalFromFlagRequested, this,
            [this](qint64 flagId) { emit goalFromFlagRequested(learnerId(), flagId); });
    left->addWidget(m_competencyTable);
    left->addWidget(flagBox);
    left->setStretchFactor(0, 5);
    left->setStretchFactor(1, 4);
    return left;
}

QWidget *LearnerProfileView::createRight()
{
    auto *right = new QSplitter(Qt::Vertical, this);
    m_chartTabs = new QTabWidget(right);
    m_chartTabs->setObjectName(QStringLiteral("chartTabs"));
    auto *chartPage = new QWidget(m_chartTabs);
    m_chartCompetency = new QComboBox(chartPage);
    m_chartCompetency->setObjectName(QStringLiteral("chartCompetency"));
    m_chartCompetency->setAccessibleName(tr("Competency shown"));
    m_chartCompetency->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_chartCompetency->setMinimumContentsLength(30);
    connect(m_chartCompetency, &QComboBox::activated, this,
            [this](int index) { showCompetency(m_chartCompetency->itemData(index).toLongLong()); });
    auto *exportButton = new QPushButton(tr("Export…"), chartPage);
    exportButton->setObjectName(QStringLiteral("exportChart"));
    exportButton->setToolTip(tr("Save the chart as a PNG image or a PDF document."));
    connect(exportButton, &QPushButton::clicked, this, &LearnerProfileView::exportChart);
    auto *hint = new QLabel(tr("Drag to pan, wheel to zoom, double-click to reset; hover a point for its details."),
                            chartPage);
    QFont small = hint->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    hint->setFont(small);
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_chartCompetency, 1);
    controls->addWidget(hint);
    controls->addWidget(exportButton);
    m_plot = new TrajectoryPlot(false, chartPage);
    m_plot->setMinimumHeight(300);
    auto *chartLayout = new QVBoxLayout(chartPage);
    chartLayout->setContentsMargins(4, 4, 4, 4);
    chartLayout->addLayout(controls);
    chartLayout->addWidget(m_plot, 1);
    m_chartTabs->addTab(chartPage, tr("Trajectory"));
    m_multiples = new SmallMultiples(m_chartTabs);
    connect(m_multiples, &SmallMultiples::competencyChosen, this, [this](qint64 id) {
        showCompetency(id);
        m_chartTabs->setCurrentIndex(0);
    });
    m_chartTabs->addTab(m_multiples, tr("All Competencies"));

    auto *tables = new QTabWidget(right);
    tables->setObjectName(QStringLiteral("evidenceTabs"));
    m_evidence = new EvidencePanel(tables);
    tables->addTab(m_evidence, tr("Evidence"));
    m_exams = new ObservationTableModel(this);
    auto *examTable = new QTableView(tables);
    examTable->setObjectName(QStringLiteral("examTable"));
    examTable->setAccessibleName(tr("Exams"));
    examTable->setModel(m_exams);
    examTable->verticalHeader()->hide();
    examTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int c : {ObservationTableModel::CompetencyColumn, ObservationTableModel::KindColumn,
                  ObservationTableModel::AssessorColumn, ObservationTableModel::RatingColumn})
        examTable->hideColumn(c);
    examTable->horizontalHeader()->setStretchLastSection(true);
    examTable->horizontalHeader()->resizeSection(ObservationTableModel::DateColumn, 110);
    examTable->horizontalHeader()->resizeSection(ObservationTableModel::InstrumentColumn, 160);
    tables->addTab(examTable, tr("Exams"));
    right->addWidget(m_chartTabs);
    right->addWidget(tables);
    right->setStretchFactor(0, 6);
    right->setStretchFactor(1, 4);
    return right;
}

void LearnerProfileView::setLearnerChoices(const QList<std::pair<qint64, QString>> &learners)
{
    const QSignalBlocker block(m_switcher);
    m_switcher->clear();
    for (const auto &[id, name] : learners)
        m_switcher->addItem(name, id);
    m_switcher->setVisible(learners.size() > 1);
    m_switcher->setCurrentIndex(m_switcher->findData(learnerId()));
}

void LearnerProfileView::openLearner(qint64 learnerId)
{
    m_clock.start();
    m_requested = learnerId;
    const core::ActingUser user = m_user;
    m_worker.run<LearnerProfile>(
        this,
        [user, learnerId](core::GovernedStore &store) -> core::Result<LearnerProfile> {
            auto audit = store.audit();
            if (!audit)
                return audit.error();
            return core::workspace::ProfileQueries::open(store.database(), **audit, user, learnerId);
        },
        [this, learnerId](const core::Result<LearnerProfile> &result) { onLoaded(learnerId, result); });
}

void LearnerProfileView::onLoaded(qint64 learnerId, const core::Result<LearnerProfile> &result)
{
    if (learnerId != m_requested)
        return; // a later request supersedes this one
    m_loadMs = m_clock.elapsed();
    if (!result) {
        m_profile.reset();
        m_message->setText(result.error().message);
        m_stack->setCurrentWidget(m_message);
        emit profileRefused(result.error().message);
        return;
    }
    m_profile = std::make_unique<LearnerProfile>(*result);
    showProfile();
    m_switchMs = m_clock.elapsed();
    emit profileShown(learnerId);
}

void LearnerProfileView::showProfile()
{
    const LearnerProfile &p = *m_profile;
    const QLocale locale;
    m_name->setText(p.header.name);
    QStringList parts{tr("%1 — %2").arg(p.header.programCode, p.header.programName)};
    if (!p.header.stage.isEmpty())
        parts << p.header.stage;
    else if (p.header.status == QLatin1String("completed"))
        parts << tr("Completed training");
    else if (p.header.status == QLatin1String("withdrawn"))
        parts << tr("Withdrawn");
    else if (p.header.status == QLatin1String("leave"))
        parts << tr("On leave");
    if (p.header.start.isValid())
        parts << tr("Started %1").arg(locale.toString(p.header.start, QLocale::ShortFormat));
    if (p.header.expectedCompletion.isValid())
        parts << tr("Expected completion %1").arg(locale.toString(p.header.expectedCompletion, QLocale::ShortFormat));
    parts << (p.header.coaches.isEmpty() ? tr("No coach assigned")
                                         : tr("Coach: %1").arg(p.header.coaches.join(QStringLiteral(", "))));
    m_details->setText(parts.join(QStringLiteral(" · ")));
    {
        const QSignalBlocker block(m_switcher);
        m_switcher->setCurrentIndex(m_switcher->findData(p.header.learnerId));
    }

    m_competencies->setStandings(p.competencies);
    m_evidence->setObservations(p.observations);
    m_exams->setObservations(p.exams());
    m_flags->setFlags(p.flags, p.mayDecideFlags, p.mayCommentFlags);

    const QList<qint64> chartable = core::workspace::TrajectoryBuilder::chartableCompetencies(p);
    QList<core::workspace::TrajectorySeries> all;
    {
        const QSignalBlocker block(m_chartCompetency);
        m_chartCompetency->clear();
        for (qint64 id : chartable) {
            all.append(core::workspace::TrajectoryBuilder::build(p, id));
            m_chartCompetency->addItem(tr("%1 %2").arg(all.last().code, all.last().name), id);
        }
    }
    m_multiples->setSeries(all);
    // Keep the competency across learners when the new one has it; else the weakest one.
    qint64 show = chartable.contains(m_competencyId) ? m_competencyId : 0;
    if (!show && !p.competencies.isEmpty()) {
        const auto weakest = std::min_element(p.competencies.begin(), p.competencies.end(),
                                              [](const auto &a, const auto &b) { return a.z() < b.z(); });
        show = weakest->competencyId;
    }
    if (!show && !chartable.isEmpty())
        show = chartable.first();
    m_competencyId = 0;
    showCompetency(show);
    m_stack->setCurrentIndex(1);
}

void LearnerProfileView::showCompetency(qint64 competencyId)
{
    if (!m_profile || competencyId == m_competencyId)
        return;
    m_competencyId = competencyId;
    m_plot->setSeries(core::workspace::TrajectoryBuilder::build(*m_profile, competencyId));
    m_plot->setHighlighted(m_highlight);
    const QSignalBlocker block(m_chartCompetency);
    m_chartCompetency->setCurrentIndex(m_chartCompetency->findData(competencyId));
}

void LearnerProfileView::onFlagSelected(qint64 flagId, const QList<qint64> &evidence,
                                        std::optional<qint64> competencyId)
{
    if (flagId)
        loadFlagGoals(flagId);
    m_highlight = QSet<qint64>(evidence.begin(), evidence.end());
    if (competencyId)
        showCompetency(*competencyId);
    m_plot->setHighlighted(m_highlight);
    m_evidence->setHighlighted(m_highlight);
}

void LearnerProfileView::onStateRequested(qint64 flagId, core::analytics::FlagStore::State state, const QString &reason)
{
    const core::ActingUser user = m_user;
    runFlagAction(
        [user, flagId, state, reason](core::GovernedStore &store) -> core::Result<void> {
            auto audit = store.audit();
            if (!audit)
                return audit.error();
            return core::workspace::FlagActions::setState(store.database(), **audit, user, flagId, state, reason);
        },
        tr("Recorded: the flag is now %1.")
            .arg(FlagTableModel::stateText(core::analytics::FlagStore::stateToString(state)).toLower()));
}

void LearnerProfileView::onCommentRequested(qint64 flagId, const QString &text)
{
    const core::ActingUser user = m_user;
    runFlagAction(
        [user, flagId, text](core::GovernedStore &store) -> core::Result<void> {
            auto audit = store.audit();
            if (!audit)
                return audit.error();
            return core::workspace::FlagActions::comment(store.database(), **audit, user, flagId, text);
        },
        tr("Your comment was added."));
}

void LearnerProfileView::runFlagAction(std::function<core::Result<void>(core::GovernedStore &)> action,
                                       const QString &done)
{
    if (!m_profile)
        return;
    const core::ActingUser user = m_user;
    const qint64 learner = learnerId();
    using Flags = QList<core::analytics::FlagView>;
    m_worker.run<Flags>(
        this,
        [user, learner, action](core::GovernedStore &store) -> core::Result<Flags> {
            if (auto r = action(store); !r)
                return r.error();
            core::analytics::AnalyticsQueries::FlagFilter filter;
            filter.learnerId = learner;
            return core::analytics::AnalyticsQueries::flags(store.database(), user, filter);
        },
        [this, learner, done](const core::Result<Flags> &result) {
            if (!m_profile || learnerId() != learner)
                return;
            if (!result) {
                m_flags->showMessage(result.error().message, true);
                return;
            }
            m_profile->flags = *result;
            m_flags->setFlags(m_profile->flags, m_profile->mayDecideFlags, m_profile->mayCommentFlags);
            m_flags->showMessage(done, false);
        });
}

void LearnerProfileView::loadFlagGoals(qint64 flagId)
{
    const core::ActingUser user = m_user;
    const qint64 learner = learnerId();
    using Links = std::pair<QList<core::goals::FlagGoalLink>, bool>;
    m_worker.run<Links>(
        this,
        [user, learner, flagId](core::GovernedStore &store) -> core::Result<Links> {
            // Only the goals in plans this person may read: a shared plan's, or the pair's own.
            auto links = core::goals::GoalPlanQueries::goalsFromFlag(store.database(), user, flagId);
            if (!links)
                return links.error();
            auto mayCreate = core::goals::GoalPlanQueries::mayCoProduce(store.database(), user, learner);
            if (!mayCreate)
                return mayCreate.error();
            return Links{*links, *mayCreate};
        },
        [this, flagId](const core::Result<Links> &result) {
            if (result)
                m_flags->setGoalLinks(flagId, result->first, result->second);
        });
}

void LearnerProfileView::exportChart()
{
    PlotInteraction::exportWithDialog(m_plot, m_plot->series().code);
}

} // namespace pme::ui
