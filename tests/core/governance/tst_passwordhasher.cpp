// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Password hashes: Argon2id through libsodium, salted, Unicode-normalised, and rehashed when
// the limits change.
#include "governance/PasswordHasher.h"

#include <QTest>

using namespace pme::core;

namespace {

// Cheap limits keep the tests fast; the recommended ones are checked once on their own.
const PasswordHasher::Limits kFast{1, 1024 * 1024};
const PasswordHasher::Limits kStronger{2, 2 * 1024 * 1024};

const QString kPassword = QStringLiteral("Correct-Horse-7391-battery");
const QString kWrongPassword = QStringLiteral("Wrong-Guess-5521-zebra");

} // namespace

class TestPasswordHasher : public QObject {
    Q_OBJECT

private slots:
    void hasher_verifiesAndRejects();
    void hasher_normalisesUnicode();
    void hasher_recommendedLimitsAreModerate();
    void hasher_needsRehashOnOtherLimits();
};

void TestPasswordHasher::hasher_verifiesAndRejects()
{
    const PasswordHasher hasher(kFast);
    auto hash = hasher.hash(kPassword);
    QVERIFY(hash);
    QVERIFY(hash->startsWith(QLatin1String("$argon2id$")));
    QVERIFY(!hash->contains(kPassword));
    QVERIFY(hasher.verify(*hash, kPassword));
    QVERIFY(!hasher.verify(*hash, kWrongPassword));
    QVERIFY(!hasher.verify(*hash, QString()));
    QVERIFY(!hasher.verify(QStringLiteral("garbage"), kPassword));
    QVERIFY(*hasher.hash(kPassword) != *hash); // salted
}

void TestPasswordHasher::hasher_normalisesUnicode()
{
    const PasswordHasher hasher(kFast);
    const QString composed = QStringLiteral("caf\u00e9-cr\u00e8me-br\u00fbl\u00e9e");
    const QString decomposed = composed.normalized(QString::NormalizationForm_D);
    QVERIFY(composed != decomposed);
    auto hash = hasher.hash(composed);
    QVERIFY(hasher.verify(*hash, decomposed));
}

void TestPasswordHasher::hasher_recommendedLimitsAreModerate()
{
    const PasswordHasher hasher;
    QCOMPARE(hasher.limits(), PasswordHasher::Limits::moderate());
    auto hash = hasher.hash(kPassword);
    QVERIFY(hash);
    QVERIFY2(hash->startsWith(QLatin1String("$argon2id$v=19$m=262144,t=3,p=1$")), qPrintable(*hash));
    QVERIFY(!hasher.needsRehash(*hash));
}

void TestPasswordHasher::hasher_needsRehashOnOtherLimits()
{
    const PasswordHasher fast(kFast);
    const PasswordHasher stronger(kStronger);
    auto hash = fast.hash(kPassword);
    QVERIFY(!fast.needsRehash(*hash));
    QVERIFY(stronger.needsRehash(*hash));
    QVERIFY(stronger.verify(*hash, kPassword)); // older hashes still verify
    QVERIFY(stronger.needsRehash(QStringLiteral("$2y$10$notargon")));
}

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
