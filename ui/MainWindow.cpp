// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "FileDialogs.h"
#include "IdleWatcher.h"
#include "Settings.h"
#include "WorkspaceWorker.h"
#include "dialogs/AboutDialog.h"
#include "governance/AccessPolicy.h"
#include "models/CohortTableModel.h"
#include "store/StoreSummary.h"
#include "sync/SyncData.h"
#include "views/AuditView.h"
#include "views/CohortView.h"
#include "views/DataView.h"
#include "views/EmptyStatePage.h"
#include "views/GoalsView.h"
#include "views/IdleLockEditor.h"
#include "views/LearnerProfileView.h"
#include "views/LockScreen.h"
#include "views/MeetingView.h"
#include "views/UserBadge.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>

namespace pme::ui {

MainWindow::MainWindow(std::unique_ptr<core::GovernedStore> store, core::ActingUser user, QWidget *parent)
    : QMainWindow(parent), m_store(std::move(store)), m_user(std::move(user))
{
    setWindowTitle(m_user.isDemo() ? tr("PME Coach — DEMO — %1").arg(m_user.displayName())
                                   : tr("PME Coach — %1").arg(m_user.displayName()));
    setMinimumSize(900, 600);

    m_navigation = new QListWidget(this);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Navigation"));
    m_navigation->setFixedWidth(180);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setSpacing(2);
    QFont navFont = m_navigation->font();
    navFont.setPointSizeF(navFont.pointSizeF() * 1.15);
    m_navigation->setFont(navFont);
    m_navigation->setStyleSheet(QStringLiteral("QListWidget { background: palette(window); padding-top: 12px; }"
                                               "QListWidget::item { padding: 8px 14px; }"));

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));

    auto *content = new QWidget(this);
    content->setObjectName(QStringLiteral("content"));
    auto *layout = new QHBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    auto *divider = new QFrame(content);
    divider->setFrameShape(QFrame::VLine);
    divider->setFrameShadow(QFrame::Sunken);
    layout->addWidget(divider);
    layout->addWidget(m_pages, 1);

    // The lock screen replaces the content rather than covering it: nothing of it is drawn.
    m_lockScreen = new LockScreen(m_user, m_store->path(), m_store->options(), this);
    m_screens = new QStackedWidget(this);
    m_screens->addWidget(content);
    m_screens->addWidget(m_lockScreen);
    setCentralWidget(m_screens);

    createStatusBar();
    createMenus();
    createPages();
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    connect(m_lockScreen, &LockScreen::unlocked, this, &MainWindow::onUnlocked);
    connect(m_lockScreen, &LockScreen::switchUserRequested, this, &MainWindow::switchUserRequested);

    m_idle = new IdleWatcher(std::chrono::seconds(qMax(1, Settings::idleLockSeconds.get())), this);
    connect(m_idle, &IdleWatcher::idle, this, &MainWindow::lock);

    if (!restoreGeometry(Settings::mainWindowGeometry.get()))
        resize(1280, 800);
    restoreState(Settings::mainWindowState.get());
    const int page = Settings::currentPage.get();
    showPage(page >= 0 && page < PageCount && hasPage(static_cast<Page>(page)) ? static_cast<Page>(page) : CohortPage);
    refreshSummary();
}

void MainWindow::createStatusBar()
{
    statusBar()->addWidget(new UserBadge(m_user, this));
    auto *separator = new QFrame(this);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);
    statusBar()->addWidget(separator);
    m_storeLabel = new QLabel(this);
    m_storeLabel->setObjectName(QStringLiteral("storeLabel"));
    statusBar()->addWidget(m_storeLabel, 1);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Database…"), this, &MainWindow::onOpenDatabase);
    open->setShortcut(QKeySequence::Open);
    QAction *lockAction = file->addAction(tr("&Lock"), this, &MainWindow::lock);
    lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    const QStringList names{tr("&Cohort"), tr("&Learner"),   tr("&Goals"),   tr("Co&mmittee"),
                            tr("&Data"),   tr("&Audit Log"), tr("&Settings")};
    for (int i = 0; i < PageCount; ++i) {
        if (i == AuditPage && !core::AccessPolicy::mayViewAudit(m_user))
            continue;
        if (i == MeetingPage && !m_user.hasRole(core::Role::CccMember) && !m_user.hasRole(core::Role::ProgramDirector))
            continue;
        QAction *action = go->addAction(names.at(i), this, [this, i] { showPage(static_cast<Page>(i)); });
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About PME Coach"), this, &MainWindow::onAbout);
}

void MainWindow::addPage(Page page, const QString &label, QWidget *widget)
{
    Q_ASSERT(m_pages->count() == page);
    widget->setObjectName(QStringLiteral("page%1").arg(page));
    m_pages->addWidget(widget);
    auto *item = new QListWidgetItem(label, m_navigation);
    item->setToolTip(label);
}

void MainWindow::createWorkspacePages()
{
    m_worker = new WorkspaceWorker(m_store->path(), m_store->options(), this);
    // Those who work with a cohort (coaches, CCC members, program directors) get the cohort
    // view; a learner gets their own profile, and the cohort only as anonymous bands in it.
    const bool seesCohort = m_user.hasRole(core::Role::Coach) || m_user.hasRole(core::Role::CccMember)
        || m_user.hasRole(core::Role::ProgramDirector);
    m_cohortPage = new EmptyStatePage(
        tr("Cohort"),
        seesCohort || !m_user.learnerId()
            ? tr("The learners you may see will be listed here: their program and stage, open flags by "
                 "severity, the chance of reaching each target level, and how recent their evidence is.")
            : tr("Your own profile is on the Learner page. Other learners are never shown to you: the cohort "
                 "appears there only as anonymous bands, what learners at your point in training typically show."),
        this);
    m_profileView = new LearnerProfileView(*m_worker, m_user, this);
    if (seesCohort) {
        m_scanner = new WorkspaceWorker(m_store->path(), m_store->options(), this);
        m_cohortView = new CohortView(*m_worker, *m_scanner, m_user, this);
        connect(m_cohortView, &CohortView::learnerActivated, this, &MainWindow::openLearner);
        connect(m_cohortView, &CohortView::loaded, this, [this] {
            QList<std::pair<qint64, QString>> choices;
            for (const core::workspace::CohortRow &row : m_cohortView->model()->rows()) {
                if (row.inTraining())
                    choices.append({row.learnerId, row.name});
            }
            m_profileView->setLearnerChoices(choices);
        });
        addPage(CohortPage, tr("Cohort"), m_cohortView);
        m_cohortPage->hide();
    } else {
        addPage(CohortPage, tr("Cohort"), m_cohortPage);
    }
    addPage(LearnerPage, !seesCohort && m_user.learnerId() ? tr("My Profile") : tr("Learner"), m_profileView);
    if (!seesCohort && m_user.learnerId())
        m_profileView->openLearner(*m_user.learnerId());
}

void MainWindow::openLearner(qint64 learnerId)
{
    m_profileView->openLearner(learnerId);
    showPage(LearnerPage);
}

void MainWindow::createPages()
{
    createWorkspacePages();

    // Goal plans follow the learner open on the Learner page; a flag's "Create a goal from
    // this" opens them with the goal proposed.
    m_goalsView = new GoalsView(*m_worker, m_user, this);
    connect(m_profileView, &LearnerProfileView::profileShown, m_goalsView, &GoalsView::setLearner);
    connect(m_profileView, &LearnerProfileView::goalFromFlagRequested, this, [this](qint64 learnerId, qint64 flagId) {
        m_goalsView->proposeFromFlag(learnerId, flagId);
        showPage(GoalsPage);
    });
    addPage(GoalsPage, tr("Goals"), m_goalsView);
    createMeetingPage();

    m_dataPage = new EmptyStatePage(
        tr("Data"),
        tr("Where the profile comes from: every import batch with its file, counts and rejected rows, "
           "and the identities from source systems that still need linking to a learner."),
        this);
    // Those who manage imports get the Data view (the explanation page stays for the others).
    if (core::SyncData::mayManage(m_user)) {
        auto *dataView = new DataView(*m_store, m_user, core::ProfileRegistry::defaultUserFolder(), this);
        connect(dataView, &DataView::dataChanged, this, &MainWindow::refreshSummary);
        connect(dataView, &DataView::dataChanged, this, [this] {
            if (m_cohortView)
                m_cohortView->reload();
        });
        addPage(DataPage, tr("Data"), dataView);
        m_dataPage->hide();
    } else {
        addPage(DataPage, tr("Data"), m_dataPage);
    }

    // Only program directors and administrators get the audit page; the others get an empty,
    // hidden slot so that page numbers stay the same for everyone.
    if (core::AccessPolicy::mayViewAudit(m_user)) {
        addPage(AuditPage, tr("Audit Log"), new AuditView(*m_store, m_user, this));
    } else {
        addPage(AuditPage, tr("Audit Log"), new QWidget(this));
        m_navigation->setRowHidden(AuditPage, true);
    }

    m_settingsPage
        = new EmptyStatePage(tr("Settings"), tr("The database this window works on, and when it locks."), this);
    auto *openButton = new QPushButton(tr("Open Another Database…"), m_settingsPage);
    openButton->setObjectName(QStringLiteral("openDatabaseButton"));
    connect(openButton, &QPushButton::clicked, this, &MainWindow::onOpenDatabase);
    m_settingsPage->addWidget(openButton);
    auto *idleLock = new IdleLockEditor(m_settingsPage);
    connect(idleLock, &IdleLockEditor::timeoutChanged, this,
            [this](int seconds) { m_idle->setTimeout(std::chrono::seconds(seconds)); });
    m_settingsPage->addWidget(idleLock);
    addPage(SettingsPage, tr("Settings"), m_settingsPage);
}

// CCC meeting mode (docs/ccc.md): committee members and program directors run meetings; the
// others get a hidden slot, so that page numbers stay the same for everyone.
void MainWindow::createMeetingPage()
{
    if (m_user.hasRole(core::Role::CccMember) || m_user.hasRole(core::Role::ProgramDirector)) {
        m_meetingView = new MeetingView(*m_worker, m_user, this);
        addPage(MeetingPage, tr("Committee"), m_meetingView);
        return;
    }
    addPage(MeetingPage, tr("Committee"),
            new EmptyStatePage(tr("Committee"),
                               tr("Clinical Competency Committee meetings: the agenda, each resident's packet, the "
                                  "committee's decisions and the meeting report. For committee members and "
                                  "program directors."),
                               this));
    m_navigation->setRowHidden(MeetingPage, true);
}

MainWindow::Page MainWindow::currentPage() const
{
    return static_cast<Page>(m_pages->currentIndex());
}

bool MainWindow::hasPage(Page page) const
{
    return page >= 0 && page < PageCount && !m_navigation->isRowHidden(page);
}

void MainWindow::showPage(Page page)
{
    if (hasPage(page))
        m_navigation->setCurrentRow(page);
}

bool MainWindow::isLocked() const
{
    return m_screens->currentWidget() == m_lockScreen;
}

void MainWindow::lock()
{
    if (isLocked())
        return;
    m_idle->setWatching(false);
    setMenusEnabled(false);
    m_screens->setCurrentWidget(m_lockScreen);
    m_lockScreen->prepare();
}

void MainWindow::setMenusEnabled(bool enabled)
{
    // The actions too, not only the menu bar: their shortcuts (Ctrl+O, Ctrl+1...) must not
    // work behind the lock screen.
    menuBar()->setEnabled(enabled);
    for (QAction *menu : menuBar()->actions()) {
        if (menu->menu()) {
            for (QAction *action : menu->menu()->actions())
                action->setEnabled(enabled);
        }
    }
}

void MainWindow::onUnlocked()
{
    m_screens->setCurrentIndex(0);
    setMenusEnabled(true);
    m_idle->setWatching(true);
}

void MainWindow::refreshSummary()
{
    const QString path = QDir::toNativeSeparators(QFileInfo(m_store->path()).absoluteFilePath());
    auto summary = core::StoreSummary::read(m_store->database());
    if (!summary) {
        m_storeLabel->setText(tr("%1 — %2").arg(path, summary.error().message));
        return;
    }
    const QLocale locale;
    // A learner's own account sees nothing about the others, not even how many there are.
    const bool seesAggregates = m_cohortView || !m_user.learnerId();
    if (!seesAggregates) {
        m_storeLabel->setText(path);
        m_dataPage->setHint(tr("Your profile comes from your program's exports; program directors and "
                               "administrators manage the imports."));
    } else {
        m_storeLabel->setText(tr("%1 — %2 learners, %3 observations")
                                  .arg(path, locale.toString(summary->learners),
                                       locale.toString(summary->observations)));
        m_dataPage->setHint(tr("This database holds %1 frameworks, %2 programs, %3 learners and %4 observations "
                               "from %5 imports.")
                                .arg(locale.toString(summary->frameworks), locale.toString(summary->programs),
                                     locale.toString(summary->learners), locale.toString(summary->observations),
                                     locale.toString(summary->importBatches)));
    }
    if (seesAggregates)
        m_cohortPage->setHint(summary->learners == 0
                                  ? tr("There are no learners yet. Learners arrive from your program's exports: a "
                                       "roster first, then assessments, exam scores and committee ratings.")
                                  : tr("%1 learners are in this database.").arg(locale.toString(summary->learners)));
    m_settingsPage->setHint(
        tr("<b>Database:</b> %1<br><b>Store schema:</b> %2").arg(path.toHtmlEscaped()).arg(summary->schemaVersion));
}

void MainWindow::onOpenDatabase()
{
    const QString path = FileDialogs::saveFile(this, tr("Open or Create a PME Coach Database"),
                                               tr("PME Coach databases (*.sqlite *.db *.pmecoach);;All files (*)"));
    if (!path.isEmpty())
        emit openDatabaseRequested(path);
}

void MainWindow::onAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    Settings::mainWindowGeometry.set(saveGeometry());
    Settings::mainWindowState.set(saveState());
    Settings::currentPage.set(currentPage());
    event->accept();
}

} // namespace pme::ui
