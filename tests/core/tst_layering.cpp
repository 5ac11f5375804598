// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The layering rule, checked on the sources: core never includes Qt Gui or Qt Widgets, and
// ui never talks SQL itself.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

class TestLayering : public QObject {
    Q_OBJECT

private:
    static QStringList offenders(const QString &folder, const QRegularExpression &pattern)
    {
        QStringList found;
        QDirIterator it(QStringLiteral(PME_SOURCE_DIR) + QLatin1Char('/') + folder,
                        {QStringLiteral("*.h"), QStringLiteral("*.cpp"), QStringLiteral("*.in")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            int lineNumber = 0;
            while (!file.atEnd()) {
                ++lineNumber;
                const QString line = QString::fromUtf8(file.readLine());
                if (pattern.match(line).hasMatch())
                    found << QStringLiteral("%1:%2: %3").arg(path).arg(lineNumber).arg(line.trimmed());
            }
        }
        return found;
    }

private slots:
    void core_includesNoGuiOrWidgets()
    {
        static const QRegularExpression pattern(
            QStringLiteral("^\\s*#\\s*include\\s*[<\"](QtGui|QtWidgets|QtCharts|QtPrintSupport|qcustomplot"
                           "|QWidget|QApplication|QGuiApplication|QPainter|QImage|QPixmap|QColor|QFont|QIcon"
                           "|QMessageBox|QDialog|QAction)\\b"));
        const QStringList found = offenders(QStringLiteral("core"), pattern);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }

    void ui_runsNoSql()
    {
        static const QRegularExpression pattern(
            QStringLiteral("#\\s*include\\s*[<\"](sqlite3\\.h|QSqlQuery|QSqlDatabase|QtSql)|sqlite3_|\\bSELECT\\s+\\w"
                           "|INSERT\\s+INTO|\\bStatement\\b"));
        const QStringList found = offenders(QStringLiteral("ui"), pattern);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }

    void checkerFindsAViolation()
    {
        // Guard against a checker that can never fail: the pattern must catch a real include.
        static const QRegularExpression pattern(QStringLiteral("^\\s*#\\s*include\\s*<QtWidgets"));
        QVERIFY(pattern.match(QStringLiteral("#include <QtWidgets/QWidget>")).hasMatch());
        QVERIFY(!offenders(QStringLiteral("ui"), QRegularExpression(QStringLiteral("#include"))).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLayering)
#include "tst_layering.moc"
