// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "../core/workspace/WorkspaceTestStore.h"
#include "MainWindow.h"
#include "charts/CohortCharts.h"
#include "charts/SmallMultiples.h"
#include "charts/TrajectoryPlot.h"
#include "models/CohortFilterModel.h"
#include "models/CohortTableModel.h"
#include "models/CompetencyTableModel.h"
#include "models/FlagTableModel.h"
#include "models/ObservationFilterModel.h"
#include "models/ObservationTableModel.h"
#include "views/CohortView.h"
#include "views/EvidencePanel.h"
#include "views/FlagPanel.h"
#include "views/LearnerProfileView.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QLineEdit>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace pme;

class TestWorkspace : public QObject {
    Q_OBJECT

private:
    tests::WorkspaceTestStore m_demo;

    std::unique_ptr<ui::MainWindow> window(const QString &username)
    {
        auto store = core::GovernedStore::open(m_demo.path());
        if (!store)
            qFatal("open: %s", qPrintable(store.error().message));
        auto w = std::make_unique<ui::MainWindow>(std::move(store).value(), m_demo.user(username));
        w->resize(1500, 950);
        w->show();
        return w;
    }
    qint64 firstLearner() { return m_demo.scalar("SELECT min(id) FROM learners"); }
    qint64 otherLearner() { return m_demo.scalar("SELECT max(id) FROM learners"); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("pmecoach-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_workspace"));
        QSettings().clear();
        QVERIFY(m_demo.build());
    }

    void models_passTheModelTester()
    {
        auto w = window(QStringLiteral("demo-director"));
        ui::CohortView *cohort = w->cohortView();
        QVERIFY(cohort);
        QTRY_VERIFY_WITH_TIMEOUT(cohort->isLoaded(), 20000);
        QAbstractItemModelTester cohortTester(cohort->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester filterTester(cohort->filter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        cohort->filter()->setSearch(QStringLiteral("a"));
        cohort->filter()->setFlaggedOnly(true);
        cohort->filter()->sort(ui::CohortTableModel::FlagsColumn, Qt::DescendingOrder);
        cohort->filter()->setFlaggedOnly(false);
        cohort->filter()->setSearch({});

        w->openLearner(firstLearner());
        ui::LearnerProfileView *profile = w->profileView();
        QTRY_COMPARE_WITH_TIMEOUT(profile->learnerId(), firstLearner(), 20000);
        QAbstractItemModelTester competencyTester(profile->competencies(),
                                                  QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester evidenceTester(profile->evidence()->model(),
                                                QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester evidenceFilterTester(profile->evidence()->filter(),
                                                      QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester flagTester(profile->flags()->model(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(profile->competencies()->rowCount() > 0);
        QVERIFY(profile->evidence()->model()->rowCount() > 0);
        profile->evidence()->model()->setHighlighted({profile->evidence()->model()->observation(0).id});
        profile->evidence()->filter()->setHighlightedOnly(true);
        QCOMPARE(profile->evidence()->filter()->rowCount(), 1);
    }

    void cohort_filterOpenProfileSelectFlag_highlightsEvidence()
    {
        auto w = window(QStringLiteral("demo-director"));
        ui::CohortView *cohort = w->cohortView();
        QTRY_VERIFY_WITH_TIMEOUT(cohort->isLoaded(), 20000);
        const int all = cohort->filter()->rowCount();
        QVERIFY(all > 0);

        // Filter: flagged only, then a name search, then a bar of the flags chart.
        cohort->findChild<QCheckBox *>(QStringLiteral("flaggedOnly"))->setChecked(true);
        const int flagged = cohort->filter()->rowCount();
        QVERIFY(flagged > 0 && flagged <= all);
        for (int r = 0; r < flagged; ++r)
            QVERIFY(!cohort->filter()->index(r, ui::CohortTableModel::FlagsColumn).data().toString().isEmpty());
        const QString name = cohort->filter()->index(0, ui::CohortTableModel::NameColumn).data().toString();
        cohort->findChild<QLineEdit *>(QStringLiteral("nameSearch"))->setText(name.left(5));
        QVERIFY(cohort->filter()->rowCount() >= 1);
        cohort->findChild<QLineEdit *>(QStringLiteral("nameSearch"))->clear();
        cohort->charts()->clickBar(ui::CohortFilterModel::BarFilter::Kind::Rule, 0);
        QCOMPARE(cohort->filter()->barFilter().kind, ui::CohortFilterModel::BarFilter::Kind::Rule);
        const int byRule = cohort->filter()->rowCount();
        QVERIFY(byRule > 0 && byRule <= flagged);
        cohort->findChild<QPushButton *>(QStringLiteral("clearBarFilter"))->click();
        QCOMPARE(cohort->filter()->rowCount(), flagged);

        // Open the most flagged learner's profile from the table.
        cohort->filter()->sort(ui::CohortTableModel::FlagsColumn, Qt::DescendingOrder);
        const QModelIndex top = cohort->filter()->index(0, 0);
        const qint64 learner = top.data(ui::CohortTableModel::LearnerIdRole).toLongLong();
        QSignalSpy shown(w->profileView(), &ui::LearnerProfileView::profileShown);
        emit cohort->table()->activated(top);
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 20000);
        QCOMPARE(w->currentPage(), ui::MainWindow::LearnerPage);
        ui::LearnerProfileView *profile = w->profileView();
        QCOMPARE(profile->learnerId(), learner);

        // Select the flag with the most evidence: its points are ringed and its rows marked.
        ui::FlagTableModel *flags = profile->flags()->model();
        QVERIFY(flags->rowCount() > 0);
        int best = 0;
        for (int r = 0; r < flags->rowCount(); ++r) {
            if (flags->flag(r).evidence.size() > flags->flag(best).evidence.size())
                best = r;
        }
        const core::analytics::FlagView flag = flags->flag(best);
        QVERIFY(!flag.evidence.empty());
        QVERIFY(profile->flags()->selectFlag(flag.id));
        if (flag.competencyId)
            QCOMPARE(profile->shownCompetency(), *flag.competencyId);
        ui::ObservationTableModel *evidence = profile->evidence()->model();
        QCOMPARE(evidence->highlighted().size(), qsizetype(flag.evidence.size()));
        int marked = 0;
        for (int r = 0; r < evidence->rowCount(); ++r) {
            const QModelIndex index = evidence->index(r, ui::ObservationTableModel::DateColumn);
            if (index.data(ui::ObservationTableModel::HighlightRole).toBool()) {
                ++marked;
                QVERIFY(index.data().toString().startsWith(QStringLiteral("◆")));
            }
        }
        QCOMPARE(marked, int(flag.evidence.size()));
        // Rated evidence in the chart's competency is ringed on the chart.
        int onChart = 0;
        for (const auto &p : profile->plot()->series().points)
            onChart += std::count(flag.evidence.begin(), flag.evidence.end(), p.observationId) > 0;
        for (const auto &p : profile->plot()->series().decisions)
            onChart += std::count(flag.evidence.begin(), flag.evidence.end(), p.observationId) > 0;
        QCOMPARE(profile->plot()->highlightedPoints().size(), onChart);
        if (flag.competencyId)
            QVERIFY(onChart > 0);
        // "Only the flag's evidence" narrows the table to exactly those rows.
        profile->findChild<QCheckBox *>(QStringLiteral("flagEvidenceOnly"))->setChecked(true);
        QCOMPARE(profile->evidence()->filter()->rowCount(), marked);

        // Small multiples draw every chartable competency.
        profile->chartTabs()->setCurrentIndex(1);
        QTRY_VERIFY(profile->smallMultiples()->plotCount() > 10);
    }

    void profile_flagActionsGoThroughCore()
    {
        auto w = window(QStringLiteral("demo-coach"));
        const qint64 learner = m_demo.flaggedLearner();
        w->openLearner(learner);
        ui::LearnerProfileView *profile = w->profileView();
        QTRY_COMPARE_WITH_TIMEOUT(profile->learnerId(), learner, 20000);
        ui::FlagTableModel *flags = profile->flags()->model();
        int open = -1;
        for (int r = 0; r < flags->rowCount(); ++r) {
            if (flags->flag(r).state == QLatin1String("open"))
                open = r;
        }
        QVERIFY(open >= 0);
        const qint64 flagId = flags->flag(open).id;
        QVERIFY(profile->flags()->selectFlag(flagId));
        auto *acknowledge = profile->findChild<QPushButton *>(QStringLiteral("acknowledgeFlag"));
        QVERIFY(acknowledge->isVisible() && acknowledge->isEnabled());
        acknowledge->click();
        QTRY_COMPARE_WITH_TIMEOUT(flags->flag(flags->rowOf(flagId)).state, QStringLiteral("acknowledged"), 20000);
        QCOMPARE(m_demo.scalar("SELECT count(*) FROM audit_entries WHERE action = 'flag_state_changed' "
                               "AND entity_id = ?",
                               flagId),
                 1);
    }

    void learnerAccount_cannotReachAnotherLearner()
    {
        auto w = window(QStringLiteral("demo-learner"));
        QVERIFY(!w->cohortView()); // no cohort for a learner
        ui::LearnerProfileView *profile = w->profileView();
        QTRY_COMPARE_WITH_TIMEOUT(profile->learnerId(), firstLearner(), 20000);
        // The decision buttons are not offered; commenting is.
        QVERIFY(!profile->findChild<QPushButton *>(QStringLiteral("dismissFlag"))->isVisibleTo(profile));
        // Asking for someone else is refused by core, and nothing of theirs is shown.
        const int ownRows = profile->evidence()->model()->rowCount();
        QVERIFY(ownRows > 0);
        QSignalSpy refused(profile, &ui::LearnerProfileView::profileRefused);
        profile->openLearner(otherLearner());
        QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, 20000);
        QVERIFY(refused.first().first().toString().contains(QStringLiteral("access")));
        QVERIFY(!profile->profile());
        // The table still holds the learner's own evidence, none of the other's.
        QCOMPARE(profile->evidence()->model()->rowCount(), ownRows);
        // Not even how many other learners there are.
        auto *status = w->findChild<QLabel *>(QStringLiteral("storeLabel"));
        QVERIFY(status);
        QVERIFY2(!status->text().contains(QStringLiteral("learners")), qPrintable(status->text()));
        QCOMPARE(m_demo.scalar("SELECT count(*) FROM audit_entries WHERE action = 'profile_viewed' "
                               "AND learner_id = ?",
                               otherLearner()),
                 0);
    }
};

QTEST_MAIN(TestWorkspace)
#include "tst_workspace.moc"
