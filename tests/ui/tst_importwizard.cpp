// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "FileDialogs.h"
#include "Translations.h"
#include "UiTestStores.h"
#include "dialogs/ImportFilesPage.h"
#include "dialogs/ImportPreviewPage.h"
#include "dialogs/ImportSyncPage.h"
#include "dialogs/ImportValidationPage.h"
#include "dialogs/ImportWizard.h"
#include "dialogs/ProfileEditorDialog.h"
#include "models/ImportBatchTableModel.h"
#include "models/SyncPreviewTableModel.h"
#include "models/SyncRejectTableModel.h"
#include "models/UnlinkedIdentityTableModel.h"
#include "store/FrameworkRepository.h"
#include "store/LearnerRepository.h"
#include "store/StoreSummary.h"
#include "sync/FrameworkLoader.h"
#include "sync/SyncData.h"
#include "sync/SyncPlan.h"
#include "views/DataView.h"
#include "views/ImportReportPanel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace pme;
using tests::UiTestStores;

/// The import wizard end to end, the profile maker, and the Data page.
class TestImportWizard : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("pmecoach-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_importwizard"));
        QVERIFY(m_stores.isValid());
        core::installTranslations(*QCoreApplication::instance());
        for (const char *name : {"roster.csv", "assessments.csv"}) {
            const QString copy = m_stores.path(QLatin1String(name));
            QVERIFY(QFile::copy(QStringLiteral(PME_TEST_DATA "/sync/") + QLatin1String(name), copy));
            m_files << copy;
        }
    }

    void init()
    {
        m_store = m_stores.open(QStringLiteral("import-%1.sqlite").arg(++m_counter));
        auto frameworks = core::FrameworkLoader::builtIns();
        QVERIFY(frameworks.ok());
        for (const core::Framework &framework : *frameworks)
            QVERIFY(core::FrameworkRepository(m_store->database()).save(framework).ok());
        m_admin = UiTestStores::makeAdmin(*m_store);
        m_profileFolder = m_stores.path(QStringLiteral("profiles-%1").arg(m_counter));
    }

    void cleanup()
    {
        ui::FileDialogs::setAnswerer(nullptr);
        m_store.reset();
    }

    void wizard_syncsRosterAndAssessments_endToEnd()
    {
        ui::ImportWizard wizard(*m_store, m_admin, m_profileFolder);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        // Assessments first: the wizard still syncs the roster before them.
        QStringList answers{m_files.at(1), m_files.at(0)};
        ui::FileDialogs::setAnswerer([&](const QString &, const QString &) { return answers.takeFirst(); });
        auto *add = wizard.findChild<QPushButton *>(QStringLiteral("addFileButton"));
        add->click();
        add->click();
        QCOMPARE(wizard.files().size(), 2);
        QCOMPARE(wizard.files().at(0).preview.suggestedProfile, QStringLiteral("pmecoach-observations"));
        QCOMPARE(wizard.files().at(1).preview.suggestedProfile, QStringLiteral("pmecoach-roster"));
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());

        wizard.next();
        QCOMPARE(wizard.currentId(), int(ui::ImportWizard::PreviewPageId));
        ui::ImportPreviewPage *preview = wizard.previewPage();
        QAbstractItemModelTester tester(preview->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(wizard.findChild<QLabel *>(QStringLiteral("previewSuggested"))->text(),
                 QStringLiteral("pmecoach-observations"));
        QVERIFY(wizard.findChild<QLabel *>(QStringLiteral("previewFormat"))->text().contains(QStringLiteral("CSV")));
        QCOMPARE(preview->model()->rowCount(), 11);
        QCOMPARE(preview->profileCombo()->currentData().toString(), QStringLiteral("pmecoach-observations"));
        preview->fileCombo()->setCurrentIndex(1);
        QCOMPARE(preview->model()->rowCount(), 3);
        QCOMPARE(preview->model()->index(0, ui::SyncPreviewTableModel::StatusColumn).data().toString(),
                 QStringLiteral("OK"));

        wizard.next();
        QCOMPARE(wizard.currentId(), int(ui::ImportWizard::ValidationPageId));
        QTRY_VERIFY(wizard.validationPage()->isComplete());
        const QList<core::SyncReport> dry = wizard.validationPage()->panel()->reports();
        QCOMPARE(dry.size(), 2);
        QCOMPARE(dry.at(0).profile, QStringLiteral("pmecoach-roster"));
        QCOMPARE(dry.at(0).inserted, 3);
        QVERIFY(dry.at(1).inserted > 0);
        QVERIFY(dry.at(1).rejected > 0);
        QCOMPARE(core::StoreSummary::read(m_store->database())->learners, 0); // a dry run writes nothing

        wizard.next();
        QCOMPARE(wizard.currentId(), int(ui::ImportWizard::SyncPageId));
        QSignalSpy finished(&wizard, &ui::ImportWizard::importFinished);
        QTRY_VERIFY(wizard.syncPage()->isComplete());
        QCOMPARE(finished.size(), 1);
        const QList<core::SyncReport> real = wizard.syncPage()->panel()->reports();
        QCOMPARE(real.at(0).inserted, 3);
        QCOMPARE(real.at(1).inserted, dry.at(1).inserted);
        QCOMPARE(real.at(1).rejected, dry.at(1).rejected);
        const auto summary = core::StoreSummary::read(m_store->database());
        QCOMPARE(summary->learners, 3);
        QCOMPARE(summary->observations, real.at(1).inserted);
        const QString status = wizard.findChild<QLabel *>(QStringLiteral("syncStatus"))->text();
        QVERIFY2(status.contains(QLocale().toString(real.at(1).inserted + 3)), qPrintable(status));
        auto *reportModel = wizard.syncPage()->panel()->reportModel();
        QCOMPARE(reportModel->index(1, ui::ImportBatchTableModel::StatusColumn).data().toString(),
                 QStringLiteral("Some rows rejected"));

        // Rejects of the assessments, saved as CSV.
        wizard.syncPage()->panel()->setCurrentRow(1);
        const QString csv = m_stores.path(QStringLiteral("rejects-%1.csv").arg(m_counter));
        answers = {csv};
        auto *save = wizard.findChild<QPushButton *>(QStringLiteral("saveRejectsButton"));
        QVERIFY(save->isEnabled());
        save->click();
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.first().trimmed(), QByteArray("row,column,reason"));
        QCOMPARE(qint64(lines.size()), real.at(1).rejected + 1);
        QVERIFY(lines.at(1).contains("PC9")); // A4, the first reject: an unknown competency code
    }

    void wizard_cancelStopsTheSync_andTheWizardFinishes()
    {
        ui::ImportWizard wizard(*m_store, m_admin, m_profileFolder);
        wizard.show();
        wizard.addFile(m_files.at(0));
        wizard.next();
        wizard.next();
        QTRY_VERIFY(wizard.validationPage()->isComplete());
        wizard.next();
        wizard.syncPage()->cancel();
        QVERIFY(!wizard.syncPage()->cancelButton()->isEnabled());
        QTRY_VERIFY(wizard.syncPage()->isComplete());
        const QString status = wizard.syncPage()->panel()->reports().first().status;
        QVERIFY2(status == QLatin1String("cancelled") || status == QLatin1String("ok"), qPrintable(status));
        QCOMPARE(core::StoreSummary::read(m_store->database())->learners, status == QLatin1String("ok") ? 3 : 0);
    }

    void profileEditor_makesAProfile_thatMapsTheFile()
    {
        const QString path = m_stores.path(QStringLiteral("odd-%1.csv").arg(m_counter));
        QFile odd(path);
        QVERIFY(odd.open(QIODevice::WriteOnly));
        odd.write("Trainee,Name,Programme,Began\nT1,Ada Lovelace,IM,2024-07-01\n");
        odd.close();
        ui::ImportWizard wizard(*m_store, m_admin, m_profileFolder);
        wizard.addFile(path);
        QVERIFY(wizard.files().first().preview.suggestedProfile.isEmpty());
        QVERIFY(!wizard.files().first().preview.problem.isEmpty());

        ui::ProfileEditorDialog dialog(wizard.profiles(), wizard.files().first().preview.header);
        dialog.targetCombo()->setCurrentIndex(1); // roster
        dialog.nameEdit()->setText(QStringLiteral("odd-roster"));
        dialog.sourceCodeEdit()->setText(QStringLiteral("odd"));
        dialog.columnCombo(QStringLiteral("learner"))->setCurrentText(QStringLiteral("Trainee"));
        dialog.columnCombo(QStringLiteral("display_name"))->setCurrentText(QStringLiteral("Name"));
        dialog.columnCombo(QStringLiteral("program"))->setCurrentText(QStringLiteral("Programme"));
        dialog.columnCombo(QStringLiteral("start_date"))->setCurrentText(QStringLiteral("Began"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.savedName(), QStringLiteral("odd-roster"));
        QVERIFY(QFile::exists(m_profileFolder + QStringLiteral("/odd-roster.json")));

        wizard.files()[0].profileName = dialog.savedName();
        wizard.refreshPreview(0);
        QVERIFY2(wizard.files().first().preview.problem.isEmpty(), qPrintable(wizard.files().first().preview.problem));
        QCOMPARE(wizard.files().first().preview.rows.size(), 1);
        QVERIFY(wizard.files().first().preview.rows.first().accepted);

        // The saved profile is the one the sync uses.
        core::SyncRequest base;
        base.user = &m_admin;
        auto profiles = core::ProfileRegistry::load(m_profileFolder);
        QVERIFY(profiles.ok());
        const auto reports = core::SyncPlan(m_store->database(), *profiles).run({{path, dialog.savedName()}}, base);
        QCOMPARE(reports.first().status, QStringLiteral("ok"));
        QCOMPARE(core::StoreSummary::read(m_store->database())->learners, 1);
    }

    void profileEditor_saysWhatIsMissing()
    {
        ui::ProfileEditorDialog dialog(m_profiles, {QStringLiteral("A")});
        dialog.nameEdit()->setText(QStringLiteral("incomplete"));
        dialog.accept();
        QVERIFY(dialog.savedName().isEmpty());
        QVERIFY(!dialog.errorLabel()->isHidden());
        QVERIFY(!dialog.errorLabel()->text().isEmpty());
    }

    void dataView_listsBatches_showsRejects_andLinksIdentities()
    {
        syncTestFiles();
        ui::DataView view(*m_store, m_admin, m_profileFolder);
        QAbstractItemModelTester batchTester(view.batchModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester rejectTester(view.rejectModel(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester identityTester(view.identityModel(),
                                                QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(view.batchModel()->rowCount(), 2);
        int assessments = -1;
        for (int row = 0; row < 2; ++row) {
            if (view.batchModel()->batches().at(row).fileName == QLatin1String("assessments.csv"))
                assessments = row;
        }
        QVERIFY(assessments >= 0);
        QCOMPARE(view.batchModel()->index(assessments, ui::ImportBatchTableModel::StatusColumn).data().toString(),
                 QStringLiteral("Some rows rejected"));
        view.batchTable()->selectRow(assessments);
        QCOMPARE(qint64(view.rejectModel()->rowCount()), view.batchModel()->batches().at(assessments).rejected);

        QCOMPARE(view.identityModel()->rowCount(), 1);
        QCOMPARE(view.identityModel()->identities().first().externalId, QStringLiteral("IM-999"));
        QVERIFY(!view.linkButton()->isEnabled());
        view.identityTable()->selectRow(0);
        QVERIFY(view.linkButton()->isEnabled());
        const qint64 amara = core::LearnerRepository(m_store->database()).list()->first().learner.id;
        QVERIFY(view.linkSelected(amara));
        QCOMPARE(view.identityModel()->rowCount(), 0);
        auto linked = core::LearnerRepository(m_store->database()).unlinkedIdentities();
        QVERIFY(linked->isEmpty());
    }

    void dataView_opensTheWizard()
    {
        ui::DataView view(*m_store, m_admin, m_profileFolder);
        view.show();
        view.importButton()->click();
        QVERIFY(view.importWizard());
        QVERIFY(view.importWizard()->isVisible());
        view.importWizard()->close();
    }

    void dataView_forACoach_hasNoActions_andCoreRefuses()
    {
        const auto coach = UiTestStores::makeUser(*m_store, m_admin, QStringLiteral("coach"), core::Role::Coach);
        ui::DataView view(*m_store, coach, m_profileFolder);
        QVERIFY(view.importButton()->isHidden());
        QCOMPARE(view.batchModel()->rowCount(), 0);
        auto *message = view.findChild<QLabel *>(QStringLiteral("dataMessage"));
        QVERIFY(message->text().contains(QStringLiteral("program directors")));
        QCOMPARE(core::SyncData(m_store->database(), coach).unlinkedIdentities().error().kind, core::ErrorKind::Denied);
    }

private:
    void syncTestFiles()
    {
        auto profiles = core::ProfileRegistry::load(QString());
        QVERIFY(profiles.ok());
        core::SyncRequest base;
        base.user = &m_admin;
        core::SyncPlan plan(m_store->database(), *profiles);
        plan.run(plan.ordered({{m_files.at(1), {}}, {m_files.at(0), {}}}), base);
    }

    UiTestStores m_stores;
    std::unique_ptr<core::GovernedStore> m_store;
    core::ActingUser m_admin;
    core::ProfileRegistry m_profiles;
    QStringList m_files;
    QString m_profileFolder;
    int m_counter = 0;
};

QTEST_MAIN(TestImportWizard)
#include "tst_importwizard.moc"
