// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// pme_screenshots: renders the main views from the demo store into PNG files for the docs
// (tools/screenshots runs it under Xvfb). Not a test: it asserts nothing, and it builds the
// demo store (with the analytics computed) when the given one does not exist yet.
#include "MainWindow.h"
#include "analytics/AnalyticsEngine.h"
#include "charts/CohortCharts.h"
#include "demo/DemoStoreBuilder.h"
#include "governance/DemoAccounts.h"
#include "models/CohortFilterModel.h"
#include "models/CohortTableModel.h"
#include "models/FlagTableModel.h"
#include "views/CohortView.h"
#include "views/FlagPanel.h"
#include "views/GoalsView.h"
#include "views/LearnerProfileView.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSettings>
#include <QProcess>
#include <QPushButton>
#include <QTabWidget>
#include <QTextStream>
#include <QThread>

#include <cstdio>

using namespace pme;

namespace {

void waitFor(const std::function<bool()> &done, int ms = 60000)
{
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < ms) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(5);
    }
}

void settle()
{
    for (int i = 0; i < 20; ++i) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(10);
    }
}

bool save(QWidget *window, const QString &dir, const QString &name)
{
    settle();
    const QString path = QDir(dir).filePath(name);
    const bool ok = window->grab().save(path);
    std::fprintf(stdout, "%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

std::unique_ptr<ui::MainWindow> signIn(const QString &storePath, const QString &username)
{
    auto store = core::GovernedStore::open(storePath);
    if (!store)
        qFatal("open: %s", qPrintable(store.error().message));
    auto accounts = (*store)->accounts();
    if (!accounts)
        qFatal("accounts: %s", qPrintable(accounts.error().message));
    auto user = (*accounts)->login(username, core::DemoAccounts::password());
    if (!user)
        qFatal("sign-in %s: %s", qPrintable(username), qPrintable(user.error().message));
    auto window = std::make_unique<ui::MainWindow>(std::move(store).value(), *user);
    window->resize(1600, 1000);
    window->show();
    return window;
}

bool ensureStore(const QString &path)
{
    if (QFileInfo::exists(path))
        return true;
    std::fprintf(stdout, "building the demo store %s\n", qPrintable(path));
    auto built = core::DemoStoreBuilder::build(core::DemoCohortConfig{},
                                               QFileInfo(path).absolutePath() + QStringLiteral("/demo-files"), path);
    if (!built) {
        std::fprintf(stderr, "%s\n", qPrintable(built.error().message));
        return false;
    }
    return true;
}

bool ensureAnalytics(const QString &path)
{
    auto store = core::GovernedStore::open(path);
    if (!store)
        return false;
    auto runs = (*store)->database().pragmaInt("user_version");
    Q_UNUSED(runs)
    auto result = core::analytics::AnalyticsEngine::recompute((*store)->database(), {});
    if (!result) {
        std::fprintf(stderr, "recompute: %s\n", qPrintable(result.error().message));
        return false;
    }
    return true;
}

/// The learner in training with the most severe open flags.
qint64 mostFlagged(ui::CohortView *cohort)
{
    qint64 best = 0;
    int weight = -1;
    for (const auto &row : cohort->model()->rows()) {
        if (row.inTraining() && row.flagWeight() > weight) {
            weight = row.flagWeight();
            best = row.learnerId;
        }
    }
    return best;
}

void selectRichestFlag(ui::LearnerProfileView *profile)
{
    ui::FlagTableModel *flags = profile->flags()->model();
    int best = -1;
    for (int r = 0; r < flags->rowCount(); ++r) {
        const auto &flag = flags->flag(r);
        if (flag.state != QLatin1String("open") || !flag.competencyId)
            continue;
        if (best < 0 || flag.evidence.size() > flags->flag(best).evidence.size())
            best = r;
    }
    if (best >= 0)
        profile->flags()->selectFlag(flags->flag(best).id);
}

bool assignDemoCoach(const QString &storePath, qint64 learnerId)
{
    auto store = core::GovernedStore::open(storePath);
    if (!store)
        return false;
    auto accounts = (*store)->accounts();
    if (!accounts)
        return false;
    auto admin = (*accounts)->login(QStringLiteral("demo-admin"), core::DemoAccounts::password());
    auto coach = (*accounts)->login(QStringLiteral("demo-coach"), core::DemoAccounts::password());
    if (!admin || !coach)
        return false;
    // A store rendered before already has the assignment.
    auto assigned = (*accounts)->assignCoach(*admin, coach->id(), learnerId);
    if (!assigned && assigned.error().kind != core::ErrorKind::Conflict)
        std::fprintf(stderr, "assign the demo coach: %s\n", qPrintable(assigned.error().message));
    return assigned || assigned.error().kind == core::ErrorKind::Conflict;
}

/// Shows the agreed plan (the demo's other plan is a draft) with its first goal selected.
bool showAgreedPlan(ui::GoalsView *goals)
{
    for (const auto &p : goals->snapshot().plans) {
        if (p.status != QLatin1String("agreed"))
            continue;
        auto *box = goals->findChild<QComboBox *>(QStringLiteral("planBox"));
        box->setCurrentIndex(box->findData(p.id));
        emit box->activated(box->currentIndex());
        waitFor([goals, id = p.id] { return goals->plan() && goals->plan()->summary.id == id; });
        return goals->plan() && goals->plan()->isAgreed();
    }
    std::fprintf(stderr, "the demo learner has no agreed plan\n");
    return false;
}

bool savePdf(ui::GoalsView *goals, const QString &dir)
{
    const QString pdf = QDir(dir).filePath(QStringLiteral("goals-plan.pdf"));
    if (!goals->exportPdf(pdf))
        return false;
    // First page only, at a resolution that reads on screen.
    const int code = QProcess::execute(QStringLiteral("pdftoppm"),
                                       {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("80"),
                                        QStringLiteral("-singlefile"), pdf, QDir(dir).filePath(QStringLiteral("goals-pdf"))});
    QFile::remove(pdf);
    std::fprintf(stdout, "%s %s\n", code == 0 ? "wrote" : "FAILED (pdftoppm)",
                 qPrintable(QDir(dir).filePath(QStringLiteral("goals-pdf.png"))));
    return code == 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("pmecoach-screenshots"));
    QApplication::setApplicationName(QStringLiteral("pmecoach-screenshots"));
    QApplication::setApplicationDisplayName(QStringLiteral("PME Coach"));
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption storeOption(
        QStringLiteral("store"), QStringLiteral("The demo store (built when missing)."), QStringLiteral("PATH"));
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Folder for the PNG files."),
                                       QStringLiteral("DIR"));
    parser.addOption(storeOption);
    parser.addOption(outOption);
    parser.process(app);
    const QString storePath = parser.value(storeOption);
    const QString out = parser.value(outOption);
    if (storePath.isEmpty() || out.isEmpty())
        parser.showHelp(2);
    QDir().mkpath(out);
    QSettings().clear(); // the same window state every time
    if (!ensureStore(storePath) || !ensureAnalytics(storePath))
        return 1;

    bool ok = true;
    qint64 flagged = 0;
    {
        auto window = signIn(storePath, QStringLiteral("demo-director"));
        ui::CohortView *cohort = window->cohortView();
        waitFor([cohort] { return cohort->isLoaded() && cohort->hasEvidence(); });
        window->showPage(ui::MainWindow::CohortPage);
        ok &= save(window.get(), out, QStringLiteral("cohort.png"));
        cohort->charts()->clickBar(ui::CohortFilterModel::BarFilter::Kind::Rule, 0);
        ok &= save(window.get(), out, QStringLiteral("cohort-filtered.png"));

        const qint64 learner = mostFlagged(cohort);
        flagged = learner;
        window->openLearner(learner);
        ui::LearnerProfileView *profile = window->profileView();
        waitFor([profile, learner] { return profile->learnerId() == learner; });
        selectRichestFlag(profile);
        ok &= save(window.get(), out, QStringLiteral("profile.png"));
        profile->chartTabs()->setCurrentIndex(1);
        ok &= save(window.get(), out, QStringLiteral("profile-all-competencies.png"));
    }
    {
        auto window = signIn(storePath, QStringLiteral("demo-learner"));
        ui::LearnerProfileView *profile = window->profileView();
        waitFor([profile] { return profile->learnerId() != 0; });
        window->showPage(ui::MainWindow::LearnerPage);
        ok &= save(window.get(), out, QStringLiteral("learner-own-profile.png"));

        // The demo learner's goal plans: the agreed plan, its history, the notes, and the
        // agreed plan's PDF rendered to PNG (pdftoppm) so that it can be looked at too.
        ui::GoalsView *goals = window->goalsView();
        waitFor([goals] { return goals->plan().has_value(); });
        window->showPage(ui::MainWindow::GoalsPage);
        ok &= showAgreedPlan(goals);
        ok &= save(window.get(), out, QStringLiteral("goals-plan.png"));
        goals->tabs()->setCurrentIndex(1);
        ok &= save(window.get(), out, QStringLiteral("goals-history.png"));
        goals->tabs()->setCurrentIndex(2);
        ok &= save(window.get(), out, QStringLiteral("goals-notes.png"));
        ok &= savePdf(goals, out);
    }
    {
        // A coach on one of their learners: a flag offers "Create a Goal from This…", which
        // opens the Goals page with the goal proposed from it.
        // The demo coach's own learners may have finished training: they coach the most
        // flagged learner too.
        ok &= assignDemoCoach(storePath, flagged);
        auto window = signIn(storePath, QStringLiteral("demo-coach"));
        const qint64 learner = flagged;
        window->openLearner(learner);
        ui::LearnerProfileView *profile = window->profileView();
        waitFor([profile, learner] { return profile->learnerId() == learner; });
        selectRichestFlag(profile);
        auto *create = profile->flags()->findChild<QPushButton *>(QStringLiteral("goalFromFlag"));
        waitFor([create] { return create->isVisible(); });
        ok &= save(window.get(), out, QStringLiteral("profile-flag-goal.png"));
        create->click();
        ui::GoalsView *goals = window->goalsView();
        waitFor([goals] { return goals->snapshot().proposed.has_value(); });
        ok &= save(window.get(), out, QStringLiteral("goals-from-flag.png"));
    }
    return ok ? 0 : 1;
}
