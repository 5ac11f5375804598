// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/GoalsView.h"

#include "WorkspaceWorker.h"
#include "analytics/AnalyticsQueries.h"
#include "goals/CoachingNotes.h"
#include "goals/GoalPlanService.h"
#include "goals/GoalSuggestion.h"
#include "models/GoalTableModel.h"
#include "views/CoachingNotesPanel.h"
#include "views/GoalEditor.h"
#include "views/GoalProgressDelegate.h"
#include "views/PlanHistoryText.h"
#include "views/PlanStateBar.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace pme::ui {

using core::GovernedStore;
using core::Result;
namespace goals = core::goals;

GoalsView::GoalsView(WorkspaceWorker &worker, core::ActingUser actingUser, QWidget *parent)
    : QWidget(parent), m_worker(worker), m_user(std::move(actingUser))
{
    setObjectName(QStringLiteral("goalsView"));
    m_empty = new QLabel(tr("Goal plans belong to a learner: open a learner first."), this);
    m_empty->setObjectName(QStringLiteral("goalsMessage"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(16, 12, 16, 8);
    layout->addWidget(createHeader());
    m_tabs = new QTabWidget(content);
    m_tabs->setObjectName(QStringLiteral("goalTabs"));
    m_tabs->addTab(createPlanTab(), tr("Plan"));
    m_tabs->addTab(createHistoryTab(), tr("History"));
    m_notes = new CoachingNotesPanel(m_tabs);
    m_tabs->addTab(m_notes, tr("Notes"));
    layout->addWidget(m_tabs, 1);
    connect(m_notes, &CoachingNotesPanel::writeRequested, this, [this](const goals::NoteDraft &note) {
        const core::ActingUser user = m_user;
        const qint64 learner = m_learnerId;
        run(
            [user, learner, note](GovernedStore &store) -> Result<qint64> {
                auto audit = store.audit();
                if (!audit)
                    return audit.error();
                auto id = goals::CoachingNotes::write(store.database(), **audit, user, learner, note);
                return id ? Result<qint64>(qint64(0)) : Result<qint64>(id.error());
            },
            tr("The note was added."));
    });
    connect(m_notes, &CoachingNotesPanel::shareRequested, this, [this](qint64 noteId, bool shared) {
        const core::ActingUser user = m_user;
        run(
            [user, noteId, shared](GovernedStore &store) -> Result<qint64> {
                auto audit = store.audit();
                if (!audit)
                    return audit.error();
                auto r = goals::CoachingNotes::setShared(store.database(), **audit, user, noteId, shared);
                return r ? Result<qint64>(qint64(0)) : Result<qint64>(r.error());
            },
            shared ? tr("The note is shared with the program.") : tr("The note is private again."));
    });

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);
}

QWidget *GoalsView::createHeader()
{
    auto *header = new QWidget(this);
    m_title = new QLabel(header);
    m_title->setObjectName(QStringLiteral("goalsTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_planBox = new QComboBox(header);
    m_planBox->setObjectName(QStringLiteral("planBox"));
    m_planBox->setAccessibleName(tr("Goal plan"));
    m_planBox->setMinimumContentsLength(30);
    connect(m_planBox, &QComboBox::activated, this,
            [this](int index) { load(m_planBox->itemData(index).toLongLong()); });

    m_newPlan = createNewPlanRow(header);
    m_stateBar = new PlanStateBar(header);
    connect(m_stateBar, &PlanStateBar::signRequested, this, &GoalsView::onSign);
    connect(m_stateBar, &PlanStateBar::exportRequested, this, &GoalsView::onExport);
    connect(m_stateBar, &PlanStateBar::closeRequested, this, &GoalsView::onClose);
    connect(m_stateBar, &PlanStateBar::shareRequested, this, [this](bool shared) {
        if (!m_snapshot.plan)
            return;
        const core::ActingUser user = m_user;
        const qint64 planId = m_snapshot.plan->summary.id;
        run(
            [user, planId, shared](GovernedStore &store) -> Result<qint64> {
                auto audit = store.audit();
                if (!audit)
                    return audit.error();
                auto r = goals::GoalPlanService::setShared(store.database(), **audit, user, planId, shared);
                return r ? Result<qint64>(planId) : Result<qint64>(r.error());
            },
            shared ? tr("The plan is shared with the program.") : tr("The plan is private again."));
    });
    m_message = new QLabel(header);
    m_message->setObjectName(QStringLiteral("goalsNotice"));
    m_message->setWordWrap(true);

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_planBox);
    auto *layout = new QVBoxLayout(header);
    layout->setContentsMargins(0, 0, 0, 6);
    layout->addLayout(top);
    layout->addWidget(m_newPlan);
    layout->addWidget(m_stateBar);
    layout->addWidget(m_message);
    return header;
}

QWidget *GoalsView::createNewPlanRow(QWidget *parent)
{
    m_newPlan = new QWidget(parent);
    m_newTitle = new QLineEdit(m_newPlan);
    m_newTitle->setObjectName(QStringLiteral("newPlanTitle"));
    m_newTitle->setPlaceholderText(tr("Title of a new plan"));
    m_newTitle->setAccessibleName(tr("Title of a new plan"));
    m_newPeriod = new QLineEdit(m_newPlan);
    m_newPeriod->setPlaceholderText(tr("Period (e.g. PGY-2, block 4)"));
    m_newPeriod->setAccessibleName(tr("Period"));
    m_newStart = new QDateEdit(QDate::currentDate(), m_newPlan);
    m_newEnd = new QDateEdit(QDate::currentDate().addMonths(6), m_newPlan);
    for (QDateEdit *edit : {m_newStart, m_newEnd}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    }
    auto *start = new QPushButton(tr("Start New Plan"), m_newPlan);
    start->setObjectName(QStringLiteral("startPlan"));
    connect(start, &QPushButton::clicked, this, &GoalsView::startPlan);
    auto *newRow = new QHBoxLayout(m_newPlan);
    newRow->setContentsMargins(0, 0, 0, 0);
    newRow->addWidget(new QLabel(tr("New plan:"), m_newPlan));
    newRow->addWidget(m_newTitle, 2);
    newRow->addWidget(m_newPeriod, 1);
    newRow->addWidget(m_newStart);
    newRow->addWidget(new QLabel(tr("to"), m_newPlan));
    newRow->addWidget(m_newEnd);
    newRow->addWidget(start);
    return m_newPlan;
}

QWidget *GoalsView::createPlanTab()
{
    auto *split = new QSplitter(Qt::Vertical, this);
    m_goals = new GoalTableModel(this);
    m_goalTable = new QTableView(split);
    m_goalTable->setObjectName(QStringLiteral("goalTable"));
    m_goalTable->setAccessibleName(tr("Goals"));
    m_goalTable->setModel(m_goals);
    m_goalTable->setItemDelegateForColumn(GoalTableModel::ProgressColumn, new GoalProgressDelegate(m_goalTable));
    m_goalTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_goalTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_goalTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_goalTable->verticalHeader()->hide();
    m_goalTable->setWordWrap(false);
    m_goalTable->horizontalHeader()->setSectionResizeMode(GoalTableModel::GoalColumn, QHeaderView::Stretch);
    m_goalTable->horizontalHeader()->setSectionResizeMode(GoalTableModel::MeasureColumn, QHeaderView::Interactive);
    m_goalTable->horizontalHeader()->resizeSection(GoalTableModel::MeasureColumn, 260);
    m_goalTable->horizontalHeader()->resizeSection(GoalTableModel::ProgressColumn, 170);
    connect(m_goalTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &GoalsView::onGoalSelected);
    m_editor = new GoalEditor(split);
    connectEditor();
    split->addWidget(m_goalTable);
    split->addWidget(m_editor);
    // The editor keeps its natural height; the goal list takes the rest.
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 0);
    return split;
}

void GoalsView::connectEditor()
{
    connect(m_editor, &GoalEditor::addRequested, this, [this](const goals::GoalDraft &goal) {
        const core::ActingUser user = m_user;
        const qint64 learner = m_learnerId;
        const qint64 planId = m_snapshot.plan ? m_snapshot.plan->summary.id : 0;
        const goals::PlanHeader fresh{tr("Goal plan %1").arg(QDate::currentDate().year()), QString(),
                                      QDate::currentDate(), std::nullopt};
        run(
            [user, learner, planId, goal, fresh](GovernedStore &store) -> Result<qint64> {
                auto audit = store.audit();
                if (!audit)
                    return audit.error();
                // The first goal of a learner without a plan starts one.
                auto plan = planId
                    ? Result<qint64>(planId)
                    : goals::GoalPlanService::createPlan(store.database(), **audit, user, learner, fresh);
                if (!plan)
                    return plan;
                auto added = goals::GoalPlanService::addGoal(store.database(), **audit, user, *plan, goal);
                return added ? plan : Result<qint64>(added.error());
            },
            tr("The goal was added. The plan needs both signatures again."));
    });
    const auto goalChange = [this](auto change, const QString &done) {
        const core::ActingUser user = m_user;
        run(
            [user, change](GovernedStore &store) -> Result<qint64> {
                auto audit = store.audit();
                if (!audit)
                    return audit.error();
                auto r = change(store.database(), **audit, user);
                return r ? Result<qint64>(qint64(0)) : Result<qint64>(r.error());
            },
            done);
    };
    connect(m_editor, &GoalEditor::saveRequested, this, [goalChange](qint64 goalId, const goals::GoalDraft &goal) {
        goalChange(
            [goalId, goal](auto &db, auto &audit, auto &user) {
                return goals::GoalPlanService::updateGoal(db, audit, user, goalId, goal);
            },
            tr("The goal was saved."));
    });
    connect(m_editor, &GoalEditor::removeRequested, this, [goalChange](qint64 goalId) {
        goalChange([goalId](auto &db, auto &audit,
                            auto &user) { return goals::GoalPlanService::removeGoal(db, audit, user, goalId); },
                   tr("The goal was removed."));
    });
    connect(m_editor, &GoalEditor::achievedRequested, this, [goalChange](qint64 goalId) {
        goalChange([goalId](auto &db, auto &audit,
                            auto &user) { return goals::GoalPlanService::confirmAchieved(db, audit, user, goalId); },
                   tr("The goal is confirmed achieved."));
    });
    connect(m_editor, &GoalEditor::actionDoneRequested, this, [goalChange](qint64 actionId, bool done) {
        goalChange(
            [actionId, done](auto &db, auto &audit, auto &user) {
                return goals::GoalPlanService::setActionDone(db, audit, user, actionId, done);
            },
            done ? tr("The action is marked done.") : tr("The action is marked not done."));
    });
}

QWidget *GoalsView::createHistoryTab()
{
    auto *page = new QWidget(this);
    m_history = new QTextBrowser(page);
    m_history->setObjectName(QStringLiteral("planHistory"));
    m_history->setAccessibleName(tr("History of the plan"));
    m_comment = new QLineEdit(page);
    m_comment->setObjectName(QStringLiteral("planComment"));
    m_comment->setPlaceholderText(tr("Comment on the plan"));
    m_comment->setAccessibleName(tr("Comment"));
    m_commentButton = new QPushButton(tr("Comment"), page);
    m_commentButton->setObjectName(QStringLiteral("commentPlan"));
    connect(m_commentButton, &QPushButton::clicked, this, &GoalsView::onComment);
    connect(m_comment, &QLineEdit::returnPressed, this, &GoalsView::onComment);
    auto *row = new QHBoxLayout;
    row->addWidget(m_comment, 1);
    row->addWidget(m_commentButton);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_history, 1);
    layout->addLayout(row);
    return page;
}

void GoalsView::setLearner(qint64 learnerId)
{
    if (learnerId == m_learnerId && (m_snapshot.learnerId == learnerId || m_stale))
        return;
    m_learnerId = learnerId;
    m_newTitle->clear();
    m_stale = !isVisible();
    if (!m_stale)
        load(0);
}

void GoalsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Read again each time the page comes back: progress follows evidence synced meanwhile.
    const bool stale = m_stale || m_snapshot.learnerId == m_learnerId;
    m_stale = false;
    if (m_learnerId && stale && !m_loading)
        load(0);
}

void GoalsView::load(qint64 planId, const QString &done)
{
    run([planId](GovernedStore &) -> Result<qint64> { return planId; }, done);
}

void GoalsView::run(std::function<Result<qint64>(GovernedStore &)> change, const QString &done)
{
    if (!m_learnerId)
        return;
    const core::ActingUser user = m_user;
    const qint64 learner = m_learnerId;
    const qint64 current = m_snapshot.plan && m_snapshot.learnerId == learner ? m_snapshot.plan->summary.id : 0;
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_worker.run<GoalsSnapshot>(
        this,
        [user, learner, current, change](GovernedStore &store) -> Result<GoalsSnapshot> {
            auto shown = change(store);
            if (!shown)
                return shown.error();
            return GoalsSnapshot::read(store, user, learner, *shown ? *shown : current);
        },
        [this, generation, done](const Result<GoalsSnapshot> &result) {
            if (generation == m_generation)
                onLoaded(result, done);
        });
}

void GoalsView::onLoaded(const Result<GoalsSnapshot> &result, const QString &done)
{
    m_loading = false;
    if (!result) {
        if (m_snapshot.learnerId != m_learnerId) {
            m_empty->setText(result.error().message);
            m_stack->setCurrentWidget(m_empty);
        }
        showMessage(result.error().message, true);
        emit failed(result.error().message);
        return;
    }
    m_snapshot = *result;
    showSnapshot();
    showMessage(done, false);
    emit loaded();
}

void GoalsView::showSnapshot()
{
    const GoalsSnapshot &s = m_snapshot;
    m_title->setText(tr("Goal plans — %1").arg(s.learnerName));
    {
        const QSignalBlocker block(m_planBox);
        m_planBox->clear();
        for (const goals::PlanSummary &p : s.plans)
            m_planBox->addItem(
                tr("%1 (%2)").arg(p.header.title, p.header.periodLabel.isEmpty() ? p.status : p.header.periodLabel),
                p.id);
        m_planBox->setCurrentIndex(s.plan ? m_planBox->findData(s.plan->summary.id) : -1);
        m_planBox->setVisible(s.plans.size() > 1);
    }
    m_newPlan->setVisible(s.mayCoProduce);
    m_editor->setCompetencies(s.competencies);
    const qint64 selected = m_editor->goalId();
    m_goals->setGoals(s.plan ? s.plan->goals : QList<goals::Goal>());
    const bool editable = s.plan ? s.plan->mayEdit : s.mayCoProduce;
    m_editor->setEditable(editable);
    m_editor->setVisible(editable || m_goals->rowCount() > 0);
    const int row = m_goals->rowOf(selected);
    if (row >= 0)
        m_goalTable->selectRow(row);
    else if (m_goals->rowCount() > 0)
        m_goalTable->selectRow(0);
    else
        m_editor->clear();
    if (s.proposed) {
        m_tabs->setCurrentIndex(0);
        m_goalTable->clearSelection();
        m_editor->setGoal(*s.proposed, 0);
        m_editor->setSource(s.proposedFrom);
        m_editor->setEditable(editable);
        m_editor->setVisible(true);
    }
    m_history->setHtml(s.plan ? PlanHistoryText::html(*s.plan) : QString());
    m_comment->setVisible(s.plan && s.plan->mayEdit);
    m_commentButton->setVisible(s.plan && s.plan->mayEdit);
    const bool isLearner = m_user.hasRole(core::Role::Learner) && m_user.learnerId() == s.learnerId;
    m_notes->setNotes(s.notes, s.mayCoProduce, isLearner);
    m_stateBar->setPlan(s.plan, s.mayCoProduce);
    m_stack->setCurrentIndex(1);
}

QString GoalsView::stateText() const
{
    return m_stateBar->text();
}

QString GoalsView::messageText() const
{
    return m_message->text();
}

void GoalsView::onGoalSelected()
{
    const QModelIndexList rows = m_goalTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const goals::Goal &g = m_goals->goals().at(rows.first().row());
    m_editor->setGoal(g.draft, g.id, g.progress.met && g.status == QLatin1String("open"));
    m_editor->setSource(g.fromFlag.isEmpty() ? QString() : tr("From the flag “%1”.").arg(g.fromFlag));
    m_editor->setEditable(m_snapshot.plan && m_snapshot.plan->mayEdit);
}

void GoalsView::startPlan()
{
    const goals::PlanHeader header{m_newTitle->text(), m_newPeriod->text(), m_newStart->date(), m_newEnd->date()};
    const core::ActingUser user = m_user;
    const qint64 learner = m_learnerId;
    run(
        [user, learner, header](GovernedStore &store) -> Result<qint64> {
            auto audit = store.audit();
            if (!audit)
                return audit.error();
            return goals::GoalPlanService::createPlan(store.database(), **audit, user, learner, header);
        },
        tr("The plan is started: add its goals, then both of you sign."));
    m_newTitle->clear();
}

void GoalsView::proposeFromFlag(qint64 learnerId, qint64 flagId)
{
    // One job reads the proposal and the page, so that the page cannot overwrite the proposal.
    m_learnerId = learnerId;
    m_stale = false;
    const core::ActingUser user = m_user;
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_worker.run<GoalsSnapshot>(
        this,
        [user, learnerId, flagId](GovernedStore &store) -> Result<GoalsSnapshot> {
            auto draft = goals::GoalSuggestion::fromFlag(store.database(), user, flagId, QDate::currentDate());
            if (!draft)
                return draft.error();
            auto flag = core::analytics::AnalyticsQueries::flag(store.database(), user, flagId);
            if (!flag)
                return flag.error();
            auto snapshot = GoalsSnapshot::read(store, user, learnerId, 0);
            if (snapshot) {
                snapshot->proposed = *draft;
                snapshot->proposedFrom = tr("From the flag “%1”: %n observation(s) behind it are its evidence.",
                                            nullptr, static_cast<int>(flag->evidence.size()))
                                             .arg(flag->competencyCode.isEmpty()
                                                      ? flag->ruleTitle
                                                      : tr("%1, %2").arg(flag->ruleTitle, flag->competencyCode));
            }
            return snapshot;
        },
        [this, generation](const Result<GoalsSnapshot> &result) {
            if (generation == m_generation)
                onLoaded(result, tr("A goal proposed from the flag: adjust it, then choose Add as New Goal."));
        });
}

} // namespace pme::ui
