// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/FrameworkRepository.h"
#include "store/LearnerRepository.h"
#include "store/ObservationRepository.h"
#include "store/ProgramRepository.h"
#include "store/SourceRepository.h"
#include "store/Store.h"
#include "store/StoreSummary.h"

#include <QTest>

#include <optional>

using namespace pme::core;

class TestRepositories : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        auto store = Store::openInMemory();
        QVERIFY(store.ok());
        m_store.emplace(std::move(store).value());
        Program program;
        program.code = QStringLiteral("IM");
        program.name = QStringLiteral("Internal Medicine");
        auto id = ProgramRepository(db()).add(program);
        QVERIFY(id.ok());
        m_programId = *id;
        m_framework = makeFramework();
        auto fid = FrameworkRepository(db()).save(m_framework);
        QVERIFY(fid.ok());
        m_frameworkId = *fid;
        auto source = SourceRepository(db()).ensure(QStringLiteral("test"), QStringLiteral("Test export"));
        QVERIFY(source.ok());
        m_sourceId = *source;
    }

    void framework_saveAndReadBack()
    {
        auto read = FrameworkRepository(db()).findByCode(QStringLiteral("im-test"));
        QVERIFY(read.ok());
        QCOMPARE(read->name, m_framework.name);
        QCOMPARE(read->kind, Framework::Kind::Milestones);
        QCOMPARE(read->scaleStep, 0.5);
        QCOMPARE(read->targetLevel.value_or(-1), 4.0);
        QCOMPARE(read->scaleLabels.size(), 2);
        QCOMPARE(read->scaleLabels.at(1).label, QStringLiteral("Ready"));
        QCOMPARE(read->competencies.size(), 3);
        QCOMPARE(read->competencies.at(0).code, QStringLiteral("PC1"));
        QCOMPARE(read->competencies.at(2).domain, QStringLiteral("Medical Knowledge"));
    }

    void framework_resaveUpdatesInPlaceAndKeepsCompetencyIds()
    {
        FrameworkRepository repository(db());
        auto before = repository.findByCode(QStringLiteral("im-test"));
        QVERIFY(before.ok());
        Framework changed = m_framework;
        changed.name = QStringLiteral("Renamed");
        changed.competencies[0].name = QStringLiteral("History taking");
        changed.competencies.append({0, 0, QStringLiteral("MK2"), QStringLiteral("Therapeutics"), {}, {}, {}, {}, {}, 0});
        auto id = repository.save(changed);
        QVERIFY(id.ok());
        QCOMPARE(*id, m_frameworkId);
        auto after = repository.findByCode(QStringLiteral("im-test"));
        QVERIFY(after.ok());
        QCOMPARE(after->name, QStringLiteral("Renamed"));
        QCOMPARE(after->competencies.size(), 4);
        QCOMPARE(after->competencies.at(0).id, before->competencies.at(0).id);
        QCOMPARE(after->competencies.at(0).name, QStringLiteral("History taking"));
        auto list = repository.list();
        QVERIFY(list.ok());
        QCOMPARE(list->size(), 1);
        QCOMPARE(list->first().competencyCount, 4);
    }

    void framework_unknownCode_isNotFound()
    {
        auto read = FrameworkRepository(db()).findByCode(QStringLiteral("nope"));
        QVERIFY(!read.ok());
        QCOMPARE(read.error().kind, ErrorKind::NotFound);
    }

    void program_duplicateCode_isConflict()
    {
        Program again;
        again.code = QStringLiteral("IM");
        again.name = QStringLiteral("Again");
        auto id = ProgramRepository(db()).add(again);
        QVERIFY(!id.ok());
        QCOMPARE(id.error().kind, ErrorKind::Conflict);
    }

    void learner_addFindUpdateList()
    {
        LearnerRepository repository(db());
        const qint64 ana = addLearner(QStringLiteral("Ana Lopez"), QDate(2024, 7, 1));
        const qint64 ben = addLearner(QStringLiteral("Ben Okafor"), QDate(2025, 7, 1));
        auto found = repository.find(ana);
        QVERIFY(found.ok());
        QCOMPARE(found->displayName, QStringLiteral("Ana Lopez"));
        QCOMPARE(found->startDate, QDate(2024, 7, 1));
        QCOMPARE(found->expectedCompletionDate, QDate(2027, 6, 30));

        Learner changed = *found;
        changed.status = Learner::Status::Leave;
        QVERIFY(repository.update(changed).ok());

        auto all = repository.list();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->first().programCode, QStringLiteral("IM"));

        LearnerQuery onLeave;
        onLeave.status = Learner::Status::Leave;
        QCOMPARE(repository.list(onLeave)->size(), 1);

        LearnerQuery search;
        search.nameContains = QStringLiteral("okaf");
        auto searched = repository.list(search);
        QCOMPARE(searched->size(), 1);
        QCOMPARE(searched->first().learner.id, ben);

        LearnerQuery scoped;
        scoped.onlyIds = QList<qint64>{ana};
        QCOMPARE(repository.list(scoped)->size(), 1);
    }

    void learner_invalidInput_isRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QDate>("start");
        QTest::addColumn<QDate>("end");
        QTest::addColumn<qint64>("program");
        QTest::newRow("no name") << QString() << QDate(2024, 7, 1) << QDate() << qint64(-1);
        QTest::newRow("no start") << QStringLiteral("A") << QDate() << QDate() << qint64(-1);
        QTest::newRow("ends before start") << QStringLiteral("A") << QDate(2024, 7, 1) << QDate(2023, 1, 1) << qint64(-1);
        QTest::newRow("unknown program") << QStringLiteral("A") << QDate(2024, 7, 1) << QDate() << qint64(999);
    }

    void learner_invalidInput_isRefused()
    {
        QFETCH(QString, name);
        QFETCH(QDate, start);
        QFETCH(QDate, end);
        QFETCH(qint64, program);
        Learner l;
        l.programId = program < 0 ? m_programId : program;
        l.displayName = name;
        l.startDate = start;
        l.expectedCompletionDate = end;
        auto id = LearnerRepository(db()).add(l);
        QVERIFY(!id.ok());
        QCOMPARE(id.error().kind, ErrorKind::BadInput);
        QVERIFY(!id.error().message.isEmpty());
        QCOMPARE(StoreSummary::read(db())->learners, 0);
    }

    void identity_unlinkedThenLinked()
    {
        LearnerRepository repository(db());
        const qint64 ana = addLearner(QStringLiteral("Ana Lopez"), QDate(2024, 7, 1));
        auto unlinked = repository.addIdentity(m_sourceId, QStringLiteral("resident-7"), std::nullopt);
        QVERIFY(unlinked.ok());
        QCOMPARE(repository.learnerForIdentity(m_sourceId, QStringLiteral("resident-7"))->has_value(), false);
        auto linked = repository.addIdentity(m_sourceId, QStringLiteral("resident-7"), ana);
        QVERIFY(linked.ok());
        QCOMPARE(*linked, *unlinked);
        QCOMPARE(repository.learnerForIdentity(m_sourceId, QStringLiteral("resident-7"))->value_or(-1), ana);
        // Seeing the id again without a learner does not unlink it.
        QVERIFY(repository.addIdentity(m_sourceId, QStringLiteral("resident-7"), std::nullopt).ok());
        QCOMPARE(repository.learnerForIdentity(m_sourceId, QStringLiteral("resident-7"))->value_or(-1), ana);
        QCOMPARE(repository.identities(ana)->size(), 1);
    }

    void observations_queryByLearnerCompetencyAndRange()
    {
        const qint64 ana = addLearner(QStringLiteral("Ana Lopez"), QDate(2024, 7, 1));
        const qint64 ben = addLearner(QStringLiteral("Ben Okafor"), QDate(2024, 7, 1));
        const qint64 pc1 = m_framework.competencies.isEmpty() ? 0 : competencyId(QStringLiteral("PC1"));
        const qint64 mk1 = competencyId(QStringLiteral("MK1"));
        ObservationRepository repository(db());
        int key = 0;
        auto add = [&](qint64 learner, qint64 competency, QDate date, double rating) {
            Observation o;
            o.learnerId = learner;
            o.competencyId = competency;
            o.kind = Observation::Kind::Milestone;
            o.observedOn = date;
            o.rating = rating;
            o.sourceId = m_sourceId;
            o.sourceKey = QString::number(++key);
            o.narrative = QStringLiteral("Note %1").arg(key);
            QVERIFY(repository.insert(o).ok());
        };
        add(ana, pc1, QDate(2024, 12, 1), 1.5);
        add(ana, pc1, QDate(2025, 6, 1), 2.0);
        add(ana, mk1, QDate(2025, 6, 1), 2.5);
        add(ben, pc1, QDate(2025, 6, 1), 3.0);

        ObservationQuery all{ana, std::nullopt, std::nullopt, {}, {}};
        QCOMPARE(repository.query(all)->size(), 3);
        ObservationQuery onePc1{ana, pc1, std::nullopt, {}, {}};
        auto pc1Rows = repository.query(onePc1);
        QCOMPARE(pc1Rows->size(), 2);
        QCOMPARE(pc1Rows->first().observedOn, QDate(2024, 12, 1));   // ordered by date
        QCOMPARE(pc1Rows->first().rating.value_or(-1), 1.5);
        QCOMPARE(pc1Rows->first().narrative, QStringLiteral("Note 1"));
        QCOMPARE(pc1Rows->first().sourceId, m_sourceId);
        ObservationQuery range{ana, std::nullopt, std::nullopt, QDate(2025, 1, 1), QDate(2025, 12, 31)};
        QCOMPARE(repository.query(range)->size(), 2);
        QCOMPARE(*repository.count(), 4);
    }

    void observations_duplicateSourceKey_isConflict()
    {
        const qint64 ana = addLearner(QStringLiteral("Ana Lopez"), QDate(2024, 7, 1));
        Observation o;
        o.learnerId = ana;
        o.observedOn = QDate(2025, 1, 1);
        o.sourceId = m_sourceId;
        o.sourceKey = QStringLiteral("same");
        ObservationRepository repository(db());
        QVERIFY(repository.insert(o).ok());
        auto again = repository.insert(o);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().kind, ErrorKind::Conflict);
        QCOMPARE(*repository.count(), 1);
    }

private:
    Database &db() { return m_store->database(); }

    static Framework makeFramework()
    {
        Framework f;
        f.code = QStringLiteral("im-test");
        f.name = QStringLiteral("IM test milestones");
        f.kind = Framework::Kind::Milestones;
        f.scaleMin = 1;
        f.scaleMax = 5;
        f.scaleStep = 0.5;
        f.targetLevel = 4;
        f.scaleLabels = {{1, QStringLiteral("Novice")}, {4, QStringLiteral("Ready")}};
        f.competencies = {
            {0, 0, QStringLiteral("PC1"), QStringLiteral("History"), QStringLiteral("Patient Care"), {}, {}, {}, {}, 0},
            {0, 0, QStringLiteral("PC2"), QStringLiteral("Physical Examination"), QStringLiteral("Patient Care"), {}, {}, {}, {}, 0},
            {0, 0, QStringLiteral("MK1"), QStringLiteral("Applied Foundational Sciences"), QStringLiteral("Medical Knowledge"), {}, {}, {}, {}, 0},
        };
        return f;
    }

    qint64 addLearner(const QString &name, QDate start)
    {
        Learner l;
        l.programId = m_programId;
        l.displayName = name;
        l.startDate = start;
        l.expectedCompletionDate = start.addYears(3).addDays(-1);
        auto id = LearnerRepository(db()).add(l);
        return id.ok() ? *id : -1;
    }

    qint64 competencyId(const QString &code)
    {
        auto f = FrameworkRepository(db()).find(m_frameworkId);
        for (const Competency &c : f->competencies) {
            if (c.code == code)
                return c.id;
        }
        return -1;
    }

    std::optional<Store> m_store;
    qint64 m_programId = 0;
    qint64 m_frameworkId = 0;
    qint64 m_sourceId = 0;
    Framework m_framework;
};

QTEST_GUILESS_MAIN(TestRepositories)
#include "tst_repositories.moc"
