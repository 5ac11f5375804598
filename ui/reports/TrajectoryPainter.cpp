// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reports/TrajectoryPainter.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace pme::ui::reports {

namespace {

// Okabe & Ito, as the workspace's charts (ui/charts/Palette.h).
const QColor kBlue(0x00, 0x72, 0xB2);
const QColor kGreen(0x00, 0x9E, 0x73);
const QColor kVermillion(0xD5, 0x5E, 0x00);
const QColor kOrange(0xE6, 0x9F, 0x00);
const QColor kGrey(0x66, 0x66, 0x66);

struct Frame {
    QRectF plot;
    QDate from, to;
    double yMin = 1, yMax = 5;

    double x(const QDate &d) const
    {
        const double span = std::max<qint64>(1, from.daysTo(to));
        return plot.left() + plot.width() * (from.daysTo(d) / span);
    }
    double y(double level) const { return plot.bottom() - plot.height() * ((level - yMin) / (yMax - yMin)); }
    QPointF at(const QDate &d, double level) const { return {x(d), y(level)}; }
};

Frame frameFor(const QRectF &rect, const core::workspace::TrajectorySeries &s, const QDate &periodEnd, double unit)
{
    Frame f;
    const double labelWidth = 2.2 * unit;
    f.plot = rect.adjusted(labelWidth, 1.0 * unit, -0.6 * unit, -2.3 * unit); // a line of year labels below
    f.yMin = s.scaleMin;
    f.yMax = s.scaleMax > s.scaleMin ? s.scaleMax : s.scaleMin + 1;
    f.from = s.start.isValid() ? s.start : (s.points.isEmpty() ? periodEnd.addYears(-3) : s.points.first().date);
    f.to = s.curveDates.isEmpty() ? periodEnd : std::max(s.curveDates.last(), periodEnd);
    if (!s.points.isEmpty())
        f.to = std::max(f.to, s.points.last().date);
    if (!f.to.isValid() || f.to <= f.from)
        f.to = f.from.addYears(3);
    return f;
}

void paintAxes(QPainter &p, const Frame &f, double unit)
{
    p.setPen(QPen(QColor(0xDD, 0xDD, 0xDD), 0));
    QFont small = p.font();
    p.setFont(small);
    for (int level = int(std::ceil(f.yMin)); level <= int(std::floor(f.yMax)); ++level) {
        p.setPen(QPen(QColor(0xE4, 0xE4, 0xE4), 0));
        p.drawLine(QPointF(f.plot.left(), f.y(level)), QPointF(f.plot.right(), f.y(level)));
        p.setPen(kGrey);
        p.drawText(QRectF(f.plot.left() - 2.1 * unit, f.y(level) - unit, 1.8 * unit, 2 * unit),
                   Qt::AlignRight | Qt::AlignVCenter, QString::number(level));
    }
    // Years of training along the bottom: where a resident stands is what a committee reads.
    for (int year = 1;; ++year) {
        const QDate d = f.from.addYears(year);
        if (d > f.to)
            break;
        p.setPen(QPen(QColor(0xE4, 0xE4, 0xE4), 0));
        p.drawLine(QPointF(f.x(d), f.plot.top()), QPointF(f.x(d), f.plot.bottom()));
        p.setPen(kGrey);
        p.drawText(QRectF(f.x(d) - 2 * unit, f.plot.bottom() + 0.1 * unit, 4 * unit, 2.1 * unit),
                   Qt::AlignHCenter | Qt::AlignTop, TrajectoryPainter::tr("Y%1").arg(year));
    }
    p.setPen(QPen(QColor(0xAA, 0xAA, 0xAA), 0));
    p.setBrush(Qt::NoBrush);
    p.drawRect(f.plot);
}

void paintCurves(QPainter &p, const Frame &f, const core::workspace::TrajectorySeries &s, double unit)
{
    if (!s.normLow.isEmpty() && s.normLow.size() == s.curveDates.size()) {
        QPolygonF band;
        for (int i = 0; i < s.curveDates.size(); ++i)
            band << f.at(s.curveDates[i], std::clamp(s.normHigh[i], f.yMin, f.yMax));
        for (int i = int(s.curveDates.size()) - 1; i >= 0; --i)
            band << f.at(s.curveDates[i], std::clamp(s.normLow[i], f.yMin, f.yMax));
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0, 0, 0, 28));
        p.drawPolygon(band);
        QPolygonF norm;
        for (int i = 0; i < s.curveDates.size(); ++i)
            norm << f.at(s.curveDates[i], std::clamp(s.norm[i], f.yMin, f.yMax));
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(kGrey, 0.12 * unit, Qt::DashLine));
        p.drawPolyline(norm);
    }
    if (s.target) {
        p.setPen(QPen(kGreen, 0.12 * unit, Qt::DotLine));
        p.drawLine(f.at(f.from, *s.target), f.at(f.to, *s.target));
    }
    if (!s.fit.isEmpty() && s.fit.size() == s.curveDates.size()) {
        QPolygonF fit;
        for (int i = 0; i < s.curveDates.size(); ++i)
            fit << f.at(s.curveDates[i], std::clamp(s.fit[i], f.yMin, f.yMax));
        p.setPen(QPen(kBlue, 0.18 * unit));
        p.drawPolyline(fit);
    }
}

void paintDiamond(QPainter &p, const QPointF &c, double r)
{
    p.drawPolygon(QPolygonF{{c.x(), c.y() - r}, {c.x() + r, c.y()}, {c.x(), c.y() + r}, {c.x() - r, c.y()}});
}

void paintMarks(QPainter &p, const Frame &f, const core::workspace::TrajectorySeries &s,
                const TrajectoryPainter::Marks &marks, double unit)
{
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(kBlue.red(), kBlue.green(), kBlue.blue(), 120));
    const double r = 0.28 * unit;
    for (const core::workspace::TrajectoryPoint &pt : s.points) {
        if (pt.date >= f.from && pt.date <= f.to)
            p.drawEllipse(f.at(pt.date, std::clamp(pt.rating, f.yMin, f.yMax)), r, r);
    }
    p.setPen(QPen(Qt::white, 0.08 * unit));
    p.setBrush(kVermillion);
    for (const core::workspace::TrajectoryPoint &pt : s.decisions)
        paintDiamond(p, f.at(pt.date, std::clamp(pt.rating, f.yMin, f.yMax)), 0.5 * unit);
    if (!marks.periodEnd.isValid())
        return;
    p.setPen(QPen(kGrey, 0.08 * unit, Qt::DashDotLine));
    p.drawLine(QPointF(f.x(marks.periodEnd), f.plot.top()), QPointF(f.x(marks.periodEnd), f.plot.bottom()));
    if (marks.proposed) {
        p.setPen(QPen(kOrange.darker(130), 0.16 * unit));
        p.setBrush(Qt::NoBrush);
        const double side = 0.8 * unit;
        p.drawRect(QRectF(f.at(marks.periodEnd, *marks.proposed) - QPointF(side / 2, side / 2), QSizeF(side, side)));
    }
}

} // namespace

void TrajectoryPainter::paint(QPainter &painter, const QRectF &rect, const core::workspace::TrajectorySeries &series,
                              const Marks &marks)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect, Qt::white);
    const double unit = QFontMetricsF(painter.font()).height() / 2;
    const Frame f = frameFor(rect, series, marks.periodEnd, unit);
    painter.setClipRect(rect);
    paintAxes(painter, f, unit);
    painter.setClipRect(f.plot.adjusted(-unit, -unit, unit, unit));
    paintCurves(painter, f, series, unit);
    paintMarks(painter, f, series, marks, unit);
    painter.restore();
}

void TrajectoryPainter::paintLegend(QPainter &p, const QRectF &rect)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    const double unit = QFontMetricsF(p.font()).height() / 2;
    double x = rect.left();
    const double cy = rect.center().y();
    const auto label = [&](const QString &text) {
        p.setPen(kGrey);
        const double w = QFontMetricsF(p.font()).horizontalAdvance(text);
        p.drawText(QRectF(x, rect.top(), w + unit, rect.height()), Qt::AlignLeft | Qt::AlignVCenter, text);
        x += w + 1.6 * unit;
    };
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 28));
    p.drawRect(QRectF(x, cy - 0.5 * unit, 2 * unit, unit));
    p.setPen(QPen(kGrey, 0.12 * unit, Qt::DashLine));
    p.drawLine(QPointF(x, cy), QPointF(x + 2 * unit, cy));
    x += 2.5 * unit;
    label(tr("Cohort norm, 95% of learners"));
    p.setPen(QPen(kBlue, 0.18 * unit));
    p.drawLine(QPointF(x, cy), QPointF(x + 2 * unit, cy));
    x += 2.5 * unit;
    label(tr("Resident's fitted level"));
    p.setPen(Qt::NoPen);
    p.setBrush(kBlue);
    p.drawEllipse(QPointF(x + 0.4 * unit, cy), 0.3 * unit, 0.3 * unit);
    x += 1.2 * unit;
    label(tr("Rating"));
    p.setBrush(kVermillion);
    paintDiamond(p, QPointF(x + 0.5 * unit, cy), 0.5 * unit);
    x += 1.4 * unit;
    label(tr("Committee level"));
    p.setPen(QPen(kOrange.darker(130), 0.16 * unit));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(x, cy - 0.4 * unit, 0.8 * unit, 0.8 * unit));
    x += 1.4 * unit;
    label(tr("Proposed level at period end"));
    p.setPen(QPen(kGreen, 0.12 * unit, Qt::DotLine));
    p.drawLine(QPointF(x, cy), QPointF(x + 2 * unit, cy));
    x += 2.5 * unit;
    label(tr("Target"));
    p.restore();
}

} // namespace pme::ui::reports
