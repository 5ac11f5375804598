// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/FrameworkRepository.h"
#include "store/Store.h"
#include "sync/FrameworkLoader.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace pme::core;

namespace {

QString meded(const char *relative)
{
    return QStringLiteral(PME_SHARED_TESTDATA "/meded/") + QLatin1String(relative);
}

QString writeTemp(QTemporaryDir &dir, const char *name, const QByteArray &content)
{
    const QString path = dir.filePath(QLatin1String(name));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(content);
    return path;
}

} // namespace

class TestFrameworkLoader : public QObject {
    Q_OBJECT

private slots:
    void builtIns_haveTheFrameworksAsPublished()
    {
        auto frameworks = FrameworkLoader::builtIns();
        QVERIFY2(frameworks.ok(), qPrintable(frameworks.ok() ? QString() : frameworks.error().message));
        QCOMPARE(frameworks->size(), 2);
        const Framework *im = nullptr;
        const Framework *epas = nullptr;
        for (const Framework &f : *frameworks) {
            if (f.code == QLatin1String("acgme-im-2.0"))
                im = &f;
            if (f.code == QLatin1String("aamc-core-epas"))
                epas = &f;
        }
        QVERIFY(im && epas);
        QCOMPARE(im->competencies.size(), 21);
        QCOMPARE(im->kind, Framework::Kind::Milestones);
        QCOMPARE(im->scaleStep, 0.5);
        QCOMPARE(im->targetLevel.value_or(0), 4.0);
        QStringList codes;
        for (const Competency &c : im->competencies)
            codes << c.code;
        QCOMPARE(codes.join(QLatin1Char(' ')),
                 QStringLiteral("PC1 PC2 PC3 PC4 PC5 PC6 MK1 MK2 MK3 SBP1 SBP2 SBP3 PBLI1 PBLI2 PROF1 PROF2 PROF3 PROF4 "
                                "ICS1 ICS2 ICS3"));
        QCOMPARE(epas->competencies.size(), 13);
        QCOMPARE(epas->scaleLabels.size(), 5);
        QCOMPARE(epas->scaleLabels.first().label, QStringLiteral("I had to do it"));
    }

    void aamcCoreEpasCsv_importsThirteenEpasMatchingTheBuiltIn()
    {
        auto loaded = FrameworkLoader::loadFile(meded("aamc-core-epas/aamc_core_epas.csv"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
        QCOMPARE(loaded->size(), 1);
        const Framework &f = loaded->first();
        QCOMPARE(f.kind, Framework::Kind::Epa);
        QCOMPARE(f.competencies.size(), 13);
        QCOMPARE(f.competencies.first().code, QStringLiteral("1"));
        QCOMPARE(f.competencies.first().name, QStringLiteral("Gather a History and Perform a Physical Examination"));
        QCOMPARE(f.competencies.last().code, QStringLiteral("13"));
        // Titles agree with the built-in framework, whatever their capitalisation upstream.
        auto builtIns = FrameworkLoader::builtIns();
        for (const Framework &b : *builtIns) {
            if (b.code != QLatin1String("aamc-core-epas"))
                continue;
            for (int i = 0; i < 13; ++i)
                QCOMPARE(f.competencies.at(i).name.toLower(), b.competencies.at(i).name.toLower());
        }
    }

    void royalCollegeCsv_imports1547EpasIn54Disciplines()
    {
        FrameworkFileOptions options;
        options.code = QStringLiteral("rcpsc-cbd");
        options.name = QStringLiteral("Royal College CBD EPAs");
        auto loaded = FrameworkLoader::loadFile(meded("royal-college-cbd-epas-usask/rcpsc_cbd_epas_by_program.csv"),
                                                options);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
        QCOMPARE(loaded->size(), 54);
        int total = 0;
        QSet<QString> codes;
        for (const Framework &f : *loaded) {
            total += static_cast<int>(f.competencies.size());
            codes.insert(f.code);
            QVERIFY(f.code.startsWith(QLatin1String("rcpsc-cbd-")));
            QCOMPARE(f.kind, Framework::Kind::Epa);
        }
        QCOMPARE(total, 1547);
        QCOMPARE(codes.size(), 54);
        const Framework &first = loaded->first();
        QCOMPARE(first.name, QStringLiteral("Royal College CBD EPAs — Adolescent Medicine"));
        const Competency &c = first.competencies.first();
        QCOMPARE(c.code, QStringLiteral("1.1"));
        QCOMPARE(c.stage, QStringLiteral("Transition to Discipline (D)"));
        QCOMPARE(c.stageOrder.value_or(0), 1);
        QCOMPARE(c.requiredObservations.value_or(0), 2);
        QVERIFY(c.description.contains(QLatin1Char('\n')));   // multi-line quoted field kept whole

        // And the whole file lands in a store in one piece.
        auto store = Store::openInMemory();
        QVERIFY(store.ok());
        FrameworkRepository repository(store->database());
        for (const Framework &f : *loaded)
            QVERIFY(repository.save(f).ok());
        int stored = 0;
        const auto summaries = repository.list();
        QVERIFY(summaries.ok());
        for (const auto &summary : *summaries)
            stored += summary.competencyCount;
        QCOMPARE(stored, 1547);
    }

    void badFiles_areRefusedWithTheReason_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no code column") << QByteArray("title,domain\nA,B\n") << QStringLiteral("csv")
                                        << QStringLiteral("no column for the competency code");
        QTest::newRow("empty name") << QByteArray("code,name\nPC1,History\nPC2,\n") << QStringLiteral("csv")
                                    << QStringLiteral("record 3 (line 3)");
        QTest::newRow("duplicate code") << QByteArray("code,name\nPC1,History\nPC1,Again\n") << QStringLiteral("csv")
                                        << QStringLiteral("appears twice");
        QTest::newRow("ragged row") << QByteArray("code,name\nPC1,History,extra\n") << QStringLiteral("csv")
                                    << QStringLiteral("Record 2");
        QTest::newRow("unterminated quote") << QByteArray("code,name\nPC1,\"History\n") << QStringLiteral("csv")
                                            << QStringLiteral("Record 2");
        QTest::newRow("binary") << QByteArray("PK\x03\x04\0\0\0\0", 8) << QStringLiteral("xlsx")
                                << QStringLiteral("binary");
        QTest::newRow("broken json") << QByteArray("{\"format\": \"pmecoach-framework\", ") << QStringLiteral("json")
                                     << QStringLiteral("not valid JSON");
        QTest::newRow("json of another kind") << QByteArray("{\"hello\": 1}") << QStringLiteral("json")
                                              << QStringLiteral("not a PME Coach framework file");
        QTest::newRow("target outside scale")
            << QByteArray("{\"format\":\"pmecoach-framework\",\"code\":\"x\",\"name\":\"X\",\"scale\":{\"min\":1,"
                          "\"max\":5,\"target\":7},\"competencies\":[{\"code\":\"A\",\"name\":\"A\"}]}")
            << QStringLiteral("json") << QStringLiteral("outside the scale");
        QTest::newRow("empty csv") << QByteArray() << QStringLiteral("csv") << QStringLiteral("no column");
    }

    void badFiles_areRefusedWithTheReason()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, suffix);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QByteArray name = "framework." + suffix.toLatin1();
        auto loaded = FrameworkLoader::loadFile(writeTemp(dir, name.constData(), content));
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().kind, ErrorKind::BadInput);
        QVERIFY2(loaded.error().message.contains(expected, Qt::CaseInsensitive), qPrintable(loaded.error().message));
    }

    void csvHeaders_matchCaseAndSpaceInsensitively()
    {
        QTemporaryDir dir;
        const QString path = writeTemp(dir, "mine.csv",
                                       "\xEF\xBB\xBF Competency Code ;NAME;Domain\r\nPC1;History;Patient Care\r\n"
                                       "MK1;Applied Foundational Sciences;Medical Knowledge");
        FrameworkFileOptions options;
        options.kind = Framework::Kind::Milestones;
        options.scaleStep = 0.5;
        options.targetLevel = 4;
        auto loaded = FrameworkLoader::loadFile(path, options);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
        const Framework &f = loaded->first();
        QCOMPARE(f.code, QStringLiteral("mine"));
        QCOMPARE(f.kind, Framework::Kind::Milestones);
        QCOMPARE(f.competencies.size(), 2);
        QCOMPARE(f.competencies.at(1).domain, QStringLiteral("Medical Knowledge"));
        QCOMPARE(f.targetLevel.value_or(0), 4.0);
    }

    void missingFile_isNotFound()
    {
        auto loaded = FrameworkLoader::loadFile(QStringLiteral("/nonexistent/framework.json"));
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().kind, ErrorKind::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestFrameworkLoader)
#include "tst_frameworkloader.moc"
