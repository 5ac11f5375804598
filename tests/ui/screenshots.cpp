// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// pme_screenshots: renders the main views from the demo store into PNG files for the docs
// (tools/screenshots runs it under Xvfb). Not a test: it asserts nothing, and it builds the
// demo store (with the analytics computed) when the given one does not exist yet.
#include "MainWindow.h"
#include "analytics/AnalyticsEngine.h"
#include "ccc/DecisionService.h"
#include "ccc/MeetingReport.h"
#include "ccc/MeetingService.h"
#include "ccc/PacketBuilder.h"
#include "charts/CohortCharts.h"
#include "charts/PacketCharts.h"
#include "demo/DemoStoreBuilder.h"
#include "governance/DemoAccounts.h"
#include "models/CohortFilterModel.h"
#include "models/CohortTableModel.h"
#include "models/FlagTableModel.h"
#include "reports/MeetingPdf.h"
#include "views/CohortView.h"
#include "views/DecisionEditor.h"
#include "views/FlagPanel.h"
#include "views/GoalsView.h"
#include "views/LearnerProfileView.h"
#include "views/LevelTable.h"
#include "views/MeetingView.h"
#include "views/PacketPanel.h"
#include "workspace/ProfileQueries.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QScrollBar>
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

// CCC meeting mode: a meeting of the eight residents most in need, two of them decided.
qint64 ensureMeeting(const QString &storePath)
{
    using namespace core::ccc;
    auto store = core::GovernedStore::open(storePath);
    if (!store)
        return 0;
    core::Database &db = (*store)->database();
    auto accounts = (*store)->accounts();
    auto audit = (*store)->audit();
    if (!accounts || !audit)
        return 0;
    const core::ActingUser chair = *(*accounts)->login(QStringLiteral("demo-ccc"), core::DemoAccounts::password());
    const core::ActingUser director
        = *(*accounts)->login(QStringLiteral("demo-director"), core::DemoAccounts::password());
    if (auto existing = MeetingService::meetings(db, chair); existing && !existing->isEmpty())
        return existing->first().id;
    const qint64 program = chair.roles().first().programId.value_or(0);
    auto residents = MeetingService::residents(db, chair, program);
    auto horizon = core::workspace::ProfileQueries::lastHorizon(db);
    if (!residents || !horizon)
        return 0;
    QList<qint64> ids;
    for (const auto &[id, name] : *residents)
        ids.append(id);
    auto need = MeetingService::orderByNeed(db, ids);
    if (!need)
        return 0;
    MeetingDraft draft;
    draft.programId = program;
    draft.heldOn = horizon->addDays(9);
    draft.period = *Period::parse(QStringLiteral("%1-spring").arg(horizon->addDays(-1).year()));
    draft.members = {{chair.id(), {}, true, {}}, {director.id(), {}, false, {}}};
    for (int i = 0; i < std::min<qsizetype>(8, need->size()); ++i)
        draft.learnerIds.append(need->at(i).learnerId);
    auto meeting = MeetingService::prepare(db, **audit, chair, draft);
    if (!meeting)
        return 0;
    for (int i = 0; i < 2; ++i) {
        ResidentDecision d;
        d.meetingId = *meeting;
        d.learnerId = draft.learnerIds[i];
        auto proposals = PacketBuilder::proposals(db, chair, d.learnerId, draft.period.end);
        for (const ProposedLevel &p : *proposals)
            d.levels.append({p.competencyId, p.level.value_or(p.scaleMin),
                             p.level ? QString() : QStringLiteral("No ratings in this subcompetency yet.")});
        if (i == 0) {
            d.levels[2].level = std::max(d.levels[2].level - 0.5, 1.0);
            d.levels[2].rationale = QStringLiteral("Two direct observations on nights showed gaps the ratings miss.");
            d.progress = Progress::NotAsExpected;
            d.progressRationale = QStringLiteral("Behind peers in procedures and in follow-through on patient care.");
            d.actions = {{QStringLiteral("coaching"), QStringLiteral("Monthly coaching on procedural skills"),
                          chair.id(), draft.heldOn.addMonths(3)},
                         {QStringLiteral("learning_plan"), QStringLiteral("Written learning plan with the coach"),
                          std::nullopt, draft.heldOn.addMonths(1)}};
            d.note = QStringLiteral("Review again at the next meeting.");
        } else {
            d.progress = Progress::AsExpected;
        }
        if (auto r = DecisionService::finalize(db, **audit, chair, d); !r)
            std::fprintf(stderr, "decision: %s\n", qPrintable(r.error().message));
    }
    return *meeting;
}

bool writeMeetingReport(const QString &storePath, qint64 meetingId, const QString &file)
{
    auto store = core::GovernedStore::open(storePath);
    auto accounts = (*store)->accounts();
    auto audit = (*store)->audit();
    const core::ActingUser chair = *(*accounts)->login(QStringLiteral("demo-ccc"), core::DemoAccounts::password());
    auto report = core::ccc::MeetingReportBuilder::build((*store)->database(), **audit, chair, meetingId, true);
    if (!report)
        return false;
    // The cover and the two decided residents: what a program director files.
    report->residents = report->residents.mid(0, 2);
    const bool ok = ui::reports::MeetingPdf::writeMeetingReport(*report, file).ok()
        && ui::reports::MeetingPdf::writeResidentSummary(
               *report, report->residents.first().item.learnerId,
               QString(file).replace(QStringLiteral(".pdf"), QStringLiteral("-summary.pdf")))
               .ok();
    std::fprintf(stdout, "%s %s\n", ok ? "wrote" : "FAILED", qPrintable(file));
    return ok;
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
        // The page reads its learner's plans when it is shown.
        ui::GoalsView *goals = window->goalsView();
        window->showPage(ui::MainWindow::GoalsPage);
        waitFor([goals] { return goals->plan().has_value(); });
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
    {
        const qint64 meeting = ensureMeeting(storePath);
        auto window = signIn(storePath, QStringLiteral("demo-ccc"));
        window->showPage(ui::MainWindow::MeetingPage);
        ui::MeetingView *view = window->meetingView();
        view->reload(meeting);
        // The third resident: not decided yet, the chair halfway through the levels.
        waitFor([view, meeting] { return view->meetingId() == meeting && view->lastPacketMilliseconds() >= 0; });
        view->selectResident(2);
        waitFor([view] {
            return view->residentId() == view->meeting().agenda.value(2).learnerId
                && view->editor()->levels()->rowCount() > 0;
        });
        for (int r = 0; r < 9; ++r)
            view->editor()
                ->levels()
                ->item(r, ui::LevelTable::Level)
                ->setText(view->editor()
                              ->levels()
                              ->item(r, ui::LevelTable::Proposed)
                              ->text()
                              .section(QLatin1Char(' '), 0, 0));
        ok &= save(window.get(), out, QStringLiteral("ccc-meeting.png"));
        // Below the charts: flags with their validity, exams, comments with concerns marked.
        ui::PacketPanel *packet = view->packet();
        packet->verticalScrollBar()->setValue(packet->charts()->geometry().bottom());
        ok &= save(window.get(), out, QStringLiteral("ccc-packet-details.png"));
        ok &= writeMeetingReport(storePath, meeting,
                                 QFileInfo(storePath).absolutePath() + QStringLiteral("/ccc-report.pdf"));
    }
    return ok ? 0 : 1;
}
