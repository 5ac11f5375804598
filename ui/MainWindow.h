// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "governance/ActingUser.h"
#include "governance/GovernedStore.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace pme::ui {

class CohortView;
class EmptyStatePage;
class GoalsView;
class IdleWatcher;
class LearnerProfileView;
class LockScreen;
class MeetingView;
class WorkspaceWorker;

/// The application window of one signed-in person: navigation on the left, one page per
/// area, who is signed in and the open store in the status bar. It builds menus and pages
/// and connects them; the pages do the work. After the idle time it hides everything
/// behind the lock screen. Switching user or database is the SessionController's job.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum Page { CohortPage, LearnerPage, GoalsPage, MeetingPage, DataPage, AuditPage, SettingsPage, PageCount };

    MainWindow(std::unique_ptr<core::GovernedStore> store, core::ActingUser user, QWidget *parent = nullptr);
    ~MainWindow() override;

    Page currentPage() const;
    /// Shows page; a page this person may not see (the audit log) is not shown.
    void showPage(Page page);
    bool hasPage(Page page) const;
    const core::Store &store() const { return m_store->store(); }
    const core::ActingUser &user() const { return m_user; }

    /// The cohort view (nullptr for those who see no cohort: learners, administrators).
    CohortView *cohortView() const { return m_cohortView; }
    LearnerProfileView *profileView() const { return m_profileView; }
    /// The Goals page: the plans of the learner open on the Learner page.
    GoalsView *goalsView() const { return m_goalsView; }
    /// The Committee page (nullptr for those who sit on no committee).
    MeetingView *meetingView() const { return m_meetingView; }
    /// Opens a learner's profile on the Learner page (core decides whether it may be seen).
    void openLearner(qint64 learnerId);

    bool isLocked() const;
    /// Hides the window's content behind the lock screen until the password is given again.
    void lock();

signals:
    /// The person asked to open (or create) another database; they must sign in there.
    void openDatabaseRequested(const QString &path);
    /// The lock screen's "Switch User": someone else wants to sign in.
    void switchUserRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void createPages();
    void createWorkspacePages();
    void createStatusBar();
    void createMeetingPage();
    void addPage(Page page, const QString &label, QWidget *widget);
    void refreshSummary();
    void onOpenDatabase();
    void setMenusEnabled(bool enabled);
    void onUnlocked();
    void onAbout();

    std::unique_ptr<core::GovernedStore> m_store;
    core::ActingUser m_user;
    QStackedWidget *m_screens = nullptr;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_storeLabel = nullptr;
    WorkspaceWorker *m_worker = nullptr;
    WorkspaceWorker *m_scanner = nullptr;
    EmptyStatePage *m_cohortPage = nullptr;
    CohortView *m_cohortView = nullptr;
    LearnerProfileView *m_profileView = nullptr;
    GoalsView *m_goalsView = nullptr;
    EmptyStatePage *m_dataPage = nullptr;
    EmptyStatePage *m_settingsPage = nullptr;
    LockScreen *m_lockScreen = nullptr;
    MeetingView *m_meetingView = nullptr;
    IdleWatcher *m_idle = nullptr;
};

} // namespace pme::ui
