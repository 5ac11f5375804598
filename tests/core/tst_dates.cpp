// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Calendar dates as the store writes them (toIsoDate) and reads them (parseIsoDate).
#include "domain/Dates.h"

#include <QTest>

using namespace pme::core;

class TestDates : public QObject {
    Q_OBJECT

private slots:
    void toIsoDate_writesWhatQtWrites_andReadsBack()
    {
        // Every day of a few centuries, and the edges of the four-digit years.
        for (QDate d(1899, 12, 25); d <= QDate(2101, 1, 5); d = d.addDays(1)) {
            const QString text = toIsoDate(d);
            QCOMPARE(text, d.toString(Qt::ISODate));
            QCOMPARE(parseIsoDate(text), std::optional<QDate>(d));
        }
        for (const QDate &d : {QDate(1, 1, 1), QDate(9999, 12, 31), QDate(10000, 1, 1), QDate(-44, 3, 15), QDate()})
            QCOMPARE(toIsoDate(d), d.toString(Qt::ISODate));
        QCOMPARE(toIsoDate(QDate(2026, 2, 3)), QStringLiteral("2026-02-03"));
        QVERIFY(toIsoDate(QDate()).isEmpty());
    }

    void parseIsoDate_refusesWhatIsNotADay()
    {
        for (const char *text : {"2026-02-30", "2026-13-01", "2026-1-01", "26-01-01", "2026/01/01", "2026-01-01T00:00",
                                 "", "abcd-ef-gh"})
            QVERIFY2(!parseIsoDate(std::string_view(text)), text);
        QCOMPARE(parseIsoDate(std::string_view("2024-02-29")), std::optional<QDate>(QDate(2024, 2, 29)));
    }
};

QTEST_GUILESS_MAIN(TestDates)
#include "tst_dates.moc"
