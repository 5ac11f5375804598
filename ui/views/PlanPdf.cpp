// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/PlanPdf.h"

#include "goals/GoalProgress.h"
#include "models/GoalTableModel.h"

#include <QDateTime>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>

#include <cmath>

namespace pme::ui {

using core::goals::Goal;
using core::goals::GoalPlan;

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString num(double value)
{
    return QLocale().toString(value, 'f', value == std::floor(value) ? 0 : 1);
}

QString dateText(const std::optional<QDate> &date)
{
    return date ? QLocale().toString(*date, QLocale::LongFormat) : PlanPdf::tr("no date");
}

QString ownerText(const QString &owner)
{
    if (owner == QLatin1String("coach"))
        return PlanPdf::tr("Coach");
    if (owner == QLatin1String("program"))
        return PlanPdf::tr("Program");
    return PlanPdf::tr("Learner");
}

QString goalHtml(const Goal &g, int number)
{
    QString out = QStringLiteral("<h3>%1</h3><table cellspacing=\"0\" cellpadding=\"3\" width=\"100%\">")
                      .arg(esc(PlanPdf::tr("%1. %2").arg(number).arg(g.draft.statement)));
    const auto row = [&out](const QString &label, const QString &value) {
        out += QStringLiteral("<tr><td width=\"24%\"><b>%1</b></td><td>%2</td></tr>").arg(esc(label), esc(value));
    };
    if (!g.competencyCode.isEmpty())
        row(PlanPdf::tr("Competency"), PlanPdf::tr("%1 %2").arg(g.competencyCode, g.competencyName));
    row(PlanPdf::tr("Measure"), core::goals::GoalProgress::describe(g.draft.measure, g.competencyCode));
    row(PlanPdf::tr("Target date"), dateText(g.draft.targetDate));
    if (g.progress.measurable)
        row(PlanPdf::tr("Progress"),
            g.progress.current ? PlanPdf::tr("%1 of %2 (%3%)")
                                     .arg(num(*g.progress.current), num(g.progress.target),
                                          QLocale().toString(qRound(g.progress.fraction * 100)))
                               : PlanPdf::tr("no evidence yet"));
    row(PlanPdf::tr("Status"), GoalTableModel::statusText(g));
    if (!g.draft.supportRequested.isEmpty())
        row(PlanPdf::tr("Support asked"), g.draft.supportRequested);
    out += QStringLiteral("</table>");
    if (!g.draft.actions.isEmpty()) {
        out += QStringLiteral("<p><b>%1</b></p><ul>").arg(esc(PlanPdf::tr("Actions")));
        for (const auto &a : g.draft.actions) {
            const QString action
                = PlanPdf::tr("%1 — %2, by %3").arg(a.description, ownerText(a.owner), dateText(a.dueOn));
            out += QStringLiteral("<li>%1</li>")
                       .arg(esc(a.doneOn ? PlanPdf::tr("✔ %1 — done %2").arg(action, dateText(a.doneOn)) : action));
        }
        out += QStringLiteral("</ul>");
    }
    return out;
}

} // namespace

QString PlanPdf::html(const GoalPlan &plan)
{
    const QLocale locale;
    const auto &h = plan.summary.header;
    QString out = QStringLiteral("<html><body style=\"font-family: sans-serif; font-size: 10pt;\">");
    out += QStringLiteral("<h1>%1</h1>").arg(esc(h.title));
    out += QStringLiteral("<p><b>%1</b> %2<br><b>%3</b> %4</p>")
               .arg(esc(tr("Learner:")), esc(plan.learnerName), esc(tr("Period:")),
                    esc(tr("%1 (%2 to %3)").arg(h.periodLabel, dateText(h.startsOn), dateText(h.endsOn))));
    int number = 0;
    for (const Goal &g : plan.goals)
        out += goalHtml(g, ++number);
    out += QStringLiteral("<h2>%1</h2><p>%2</p><ul>")
               .arg(
                   esc(tr("Agreement")),
                   esc(tr("Version %1 of this plan was signed by the learner and the coach. Version hash (SHA-256): %2")
                           .arg(plan.summary.version)
                           .arg(QString::fromLatin1(plan.versionHash.toHex()))));
    for (const auto &s : plan.signatures)
        out += QStringLiteral("<li>%1</li>")
                   .arg(esc(tr("%1, %2 — signed %3")
                                .arg(s.name, s.as == QLatin1String("learner") ? tr("learner") : tr("coach"),
                                     locale.toString(QDateTime::fromString(s.at, Qt::ISODateWithMs).toLocalTime(),
                                                     QLocale::LongFormat))));
    out += QStringLiteral("</ul><p style=\"color: #555555;\">%1</p></body></html>")
               .arg(esc(tr("Exported from PME Coach on %1.")
                            .arg(locale.toString(QDate::currentDate(), QLocale::LongFormat))));
    return out;
}

bool PlanPdf::write(const GoalPlan &plan, const QString &path)
{
    QPdfWriter writer(path);
    writer.setTitle(plan.summary.header.title);
    writer.setCreator(QStringLiteral("PME Coach"));
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout::Millimeter);
    writer.setResolution(300);
    QTextDocument document;
    document.setHtml(html(plan));
    QFont font = document.defaultFont();
    font.setPointSizeF(10);
    document.setDefaultFont(font);
    // QTextDocument lays out in device pixels: scale the page to the writer's resolution.
    QPainter painter;
    if (!painter.begin(&writer))
        return false;
    const double scale = writer.resolution() / 96.0;
    document.setPageSize(QSizeF(writer.width() / scale, writer.height() / scale));
    const int pages = document.pageCount();
    for (int page = 0; page < pages; ++page) {
        if (page > 0)
            writer.newPage();
        painter.save();
        painter.scale(scale, scale);
        painter.translate(0, -page * document.pageSize().height());
        document.drawContents(
            &painter,
            QRectF(0, page * document.pageSize().height(), document.pageSize().width(), document.pageSize().height()));
        painter.restore();
    }
    return painter.end();
}

} // namespace pme::ui
