// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The explanations' number formatting: the fast path must give QLocale's very text.
#include "analytics/LocaleNumbers.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>

using namespace pme::core::analytics;

class TestLocaleNumbers : public QObject {
    Q_OBJECT

    static QList<QLocale> locales()
    {
        QList<QLocale> list{QLocale::c()};
        for (const char *name : {"en_US", "fr_FR", "de_DE", "ar_EG", "hi_IN", "fa_IR", "de_CH", "bn_BD", "my_MM"})
            list.append(QLocale(QString::fromLatin1(name)));
        return list;
    }

    static std::vector<double> values()
    {
        const double inf = std::numeric_limits<double>::infinity();
        std::vector<double> v{0.0,    -0.0,   0.05,    -0.05,  0.95,   -0.95,   999.95,  -999.95, 999.94,
                              999.96, 1000.0, -1000.0, 1e6,    -1e6,   -0.04,   -0.004,  -0.0004, -1e-300,
                              1e-300, 0.25,   -0.25,   0.125,  0.375,  2.5,     -2.5,    0.5,     1.5,
                              0.15,   0.35,   1.005,   99.995, 12.345, 9.95,    9.9999,  123.456, 1e15,
                              1e300,  inf,    -inf,    std::nan(""), 5e-324, 0.045, -0.045, 7.0,  -7.0};
        std::mt19937_64 rng(20260527);
        std::uniform_real_distribution<double> small(-20, 20);
        std::uniform_real_distribution<double> wide(-3000, 3000);
        std::uniform_int_distribution<int> quarters(-4000, 4000);
        for (int i = 0; i < 4000; ++i) {
            v.push_back(small(rng));
            v.push_back(wide(rng));
            v.push_back(quarters(rng) / 8.0); // exact binary fractions: halfway cases
        }
        return v;
    }

private slots:
    void fixed_isQLocalesText()
    {
        const auto all = values();
        for (const QLocale &locale : locales()) {
            const LocaleNumbers numbers(locale);
            for (int decimals : {0, 1, 2, 3}) {
                for (double v : all) {
                    const QString expected = locale.toString(v, 'f', decimals);
                    const QString actual = numbers.fixed(v, decimals);
                    if (actual != expected)
                        QFAIL(qPrintable(QStringLiteral("%1: %2 to %3 places: \"%4\", QLocale \"%5\"")
                                             .arg(locale.name())
                                             .arg(v, 0, 'g', 17)
                                             .arg(decimals)
                                             .arg(actual, expected)));
                }
            }
        }
    }

    void integerAndPercent_areQLocalesText()
    {
        const auto all = values();
        for (const QLocale &locale : locales()) {
            const LocaleNumbers numbers(locale);
            for (qint64 n : {qint64(0), qint64(-1), qint64(7), qint64(-999), qint64(999), qint64(1000), qint64(-1000),
                             qint64(123456789), std::numeric_limits<qint64>::min()})
                QCOMPARE(numbers.integer(n), locale.toString(n));
            for (int n = -1500; n <= 1500; ++n)
                QCOMPARE(numbers.integer(n), locale.toString(n));
            for (double v : all) {
                if (!std::isfinite(v) || std::fabs(v) > 1e6)
                    continue;
                const double fraction = v / 100;
                QCOMPARE(numbers.percent(fraction), locale.toString(std::lround(100 * fraction)) + locale.percent());
            }
            for (double fraction : {0.0, 0.004, 0.005, 0.995, 1.0, -0.004, -0.25, 12.0})
                QCOMPARE(numbers.percent(fraction), locale.toString(std::lround(100 * fraction)) + locale.percent());
        }
    }

    void dates_areQLocalesShortFormat()
    {
        for (const QLocale &locale : locales()) {
            const LocaleNumbers numbers(locale);
            for (const QDate &d : {QDate(2026, 1, 31), QDate(1999, 12, 1), QDate(2026, 1, 31), QDate(2030, 7, 4)})
                QCOMPARE(numbers.date(d), locale.toString(d, QLocale::ShortFormat));
            QCOMPARE(numbers.date(QDate()), locale.toString(QDate(), QLocale::ShortFormat));
        }
    }

    void defaultLocale_isTheApplications()
    {
        const QLocale saved;
        QLocale::setDefault(QLocale(QStringLiteral("fr_FR")));
        const LocaleNumbers numbers;
        QCOMPARE(numbers.fixed(-1.25, 1), QLocale(QStringLiteral("fr_FR")).toString(-1.25, 'f', 1));
        QCOMPARE(numbers.fixed(3.14159, 2), QStringLiteral("3,14"));
        QLocale::setDefault(saved);
    }
};

QTEST_GUILESS_MAIN(TestLocaleNumbers)
#include "tst_localenumbers.moc"
