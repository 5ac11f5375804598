// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/TrajectoryPlot.h"

#include "charts/Palette.h"
#include "charts/PlotInteraction.h"

#include <QLocale>

#include <cmath>

namespace pme::ui {

namespace {

constexpr double kHoverPixels = 9;

QCPScatterStyle::ScatterShape shapeFor(int i)
{
    static const QCPScatterStyle::ScatterShape shapes[]
        = {QCPScatterStyle::ssCircle,           QCPScatterStyle::ssSquare, QCPScatterStyle::ssTriangle,
           QCPScatterStyle::ssTriangleInverted, QCPScatterStyle::ssCross,  QCPScatterStyle::ssPlus};
    return shapes[i % 6];
}

QVector<double> vec(const QList<double> &list)
{
    return QVector<double>(list.begin(), list.end());
}

} // namespace

TrajectoryPlot::TrajectoryPlot(bool compact, QWidget *parent) : QCustomPlot(parent), m_compact(compact)
{
    setObjectName(compact ? QStringLiteral("smallTrajectory") : QStringLiteral("trajectoryPlot"));
    setAccessibleName(tr("Trajectory chart"));
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeFormat(compact ? QStringLiteral("yyyy") : QStringLiteral("MMM yyyy"));
    ticker->setDateTimeSpec(Qt::UTC);
    ticker->setTickCount(compact ? 3 : 6);
    xAxis->setTicker(ticker);
    if (!compact) {
        yAxis->setLabel(tr("Level"));
        legend->setVisible(true);
        QFont legendFont = font();
        legendFont.setPointSizeF(legendFont.pointSizeF() * 0.9);
        legend->setFont(legendFont);
        legend->setBrush(QColor(255, 255, 255, 220));
        axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
        PlotInteraction::install(
            this, [this] { resetView(); }, [this](const QPoint &p) { return describeAt(p); });
    } else {
        QFont small = font();
        small.setPointSizeF(small.pointSizeF() * 0.8);
        xAxis->setTickLabelFont(small);
        yAxis->setTickLabelFont(small);
    }
}

double TrajectoryPlot::keyOf(const QDate &date)
{
    return QCPAxisTickerDateTime::dateTimeToKey(date, Qt::UTC);
}

void TrajectoryPlot::setSeries(const core::workspace::TrajectorySeries &series)
{
    m_series = series;
    clearGraphs();
    clearItems();
    m_hover.clear();
    m_ringed.clear();
    m_ring = nullptr;
    setProperty("exportName", series.code);

    QColor normColour = Palette::neutral();
    addBand(series.normLow, series.normHigh, series.norm, normColour, tr("Cohort norm (95% of learners)"),
            Qt::DashLine);
    addBand(series.fitLow, series.fitHigh, series.fit, Palette::primary(), tr("Fitted level (95% band)"),
            Qt::SolidLine);
    for (int i = 0; i < series.instruments.size(); ++i) {
        QList<core::workspace::TrajectoryPoint> points;
        for (const auto &p : series.points) {
            if (p.instrument == series.instruments.at(i))
                points.append(p);
        }
        const QColor colour = Palette::series(i + 1);
        QCPScatterStyle style(shapeFor(i), colour, colour.lighter(150), m_compact ? 4 : 7);
        addPoints(points, series.instruments.at(i).isEmpty() ? tr("Rating") : series.instruments.at(i), style);
    }
    QCPScatterStyle decision(QCPScatterStyle::ssDiamond, QPen(Qt::black, 1.8), Qt::NoBrush, m_compact ? 6 : 12);
    addPoints(series.decisions, tr("CCC rating"), decision);
    m_ring = addGraph();
    m_ring->setName(tr("Evidence of the selected flag"));
    m_ring->setLineStyle(QCPGraph::lsNone);
    m_ring->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Palette::warning(), 2.5), Qt::NoBrush, 18));
    m_ring->removeFromLegend();
    addMarkers();
    resetView();
}

void TrajectoryPlot::addBand(const QList<double> &low, const QList<double> &high, const QList<double> &mid,
                             const QColor &colour, const QString &name, Qt::PenStyle midStyle)
{
    if (mid.isEmpty())
        return;
    QVector<double> keys;
    for (const QDate &d : m_series.curveDates)
        keys.append(keyOf(d));
    QCPGraph *lower = addGraph();
    QCPGraph *upper = addGraph();
    QColor fill = colour;
    fill.setAlphaF(m_compact ? 0.14 : 0.16);
    lower->setPen(Qt::NoPen);
    upper->setPen(Qt::NoPen);
    upper->setBrush(fill);
    upper->setChannelFillGraph(lower);
    lower->setData(keys, vec(low), true);
    upper->setData(keys, vec(high), true);
    lower->removeFromLegend();
    upper->removeFromLegend();
    QCPGraph *line = addGraph();
    line->setPen(QPen(colour, m_compact ? 1.2 : 2, midStyle));
    line->setBrush(fill);
    line->setData(keys, vec(mid), true);
    line->setName(name);
    line->setBrush(Qt::NoBrush);
}

QCPGraph *TrajectoryPlot::addPoints(const QList<core::workspace::TrajectoryPoint> &points, const QString &name,
                                    const QCPScatterStyle &style)
{
    QCPGraph *graph = addGraph();
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setScatterStyle(style);
    graph->setName(name);
    QVector<double> keys, values;
    const QLocale locale;
    for (const auto &p : points) {
        keys.append(keyOf(p.date));
        values.append(p.rating);
        QString narrative = p.narrative.simplified();
        if (narrative.size() > 160)
            narrative = narrative.left(157) + QStringLiteral("…");
        m_hover.append(Hover{keys.last(), p.rating,
                             tr("%1 — %2\n%3, rated %4 by %5%6")
                                 .arg(locale.toString(p.date, QLocale::ShortFormat), name,
                                      p.instrument.isEmpty() ? name : p.instrument, locale.toString(p.rating, 'g', 3),
                                      p.assessor.isEmpty() ? tr("the committee") : p.assessor,
                                      narrative.isEmpty() ? QString() : QStringLiteral("\n“%1”").arg(narrative))});
    }
    graph->setData(keys, values, true);
    if (points.isEmpty())
        graph->removeFromLegend();
    return graph;
}

void TrajectoryPlot::addMarkers()
{
    const QLocale locale;
    if (m_series.target) {
        auto *target = new QCPItemStraightLine(this);
        target->setPen(QPen(Palette::tertiary(), 1.6, Qt::DashDotLine));
        target->point1->setCoords(0, *m_series.target);
        target->point2->setCoords(1, *m_series.target);
        if (!m_compact) {
            auto *label = new QCPItemText(this);
            label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
            label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
            label->position->setTypeY(QCPItemPosition::ptPlotCoords);
            label->position->setCoords(0.5, *m_series.target);
            label->setText(tr("Target %1").arg(locale.toString(*m_series.target, 'g', 3)));
            label->setColor(Palette::tertiary().darker(130));
        }
    }
    const auto vertical
        = [this](const QDate &date, const QString &text, const QColor &colour, Qt::PenStyle style, double labelY) {
              if (!date.isValid())
                  return;
              auto *line = new QCPItemStraightLine(this);
              line->setPen(QPen(colour, 1.4, style));
              line->point1->setCoords(keyOf(date), 0);
              line->point2->setCoords(keyOf(date), 1);
              if (m_compact)
                  return;
              auto *label = new QCPItemText(this);
              label->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
              label->position->setTypeX(QCPItemPosition::ptPlotCoords);
              label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
              label->position->setCoords(keyOf(date), labelY);
              label->setPadding(QMargins(4, 2, 4, 2));
              label->setText(text);
              label->setColor(colour.darker(120));
          };
    vertical(m_series.expectedCompletion, tr("Expected completion"), Palette::accent().darker(110), Qt::DashLine, 0.01);
    // Two labels at nearly the same date would overprint: the second goes lower.
    const bool close = m_series.expectedCompletion.isValid() && m_series.asOf.isValid()
        && std::abs(m_series.expectedCompletion.daysTo(m_series.asOf)) < 200;
    vertical(m_series.asOf, tr("Latest data"), Palette::neutral(), Qt::DotLine, close ? 0.08 : 0.01);
}

int TrajectoryPlot::setHighlighted(const QSet<qint64> &observationIds)
{
    m_ringed.clear();
    if (!m_ring)
        return 0;
    QVector<double> keys, values;
    for (const auto *list : {&m_series.points, &m_series.decisions}) {
        for (const auto &p : *list) {
            if (observationIds.contains(p.observationId)) {
                keys.append(keyOf(p.date));
                values.append(p.rating);
                m_ringed.append(p.observationId);
            }
        }
    }
    m_ring->setData(keys, values, false);
    if (keys.isEmpty())
        m_ring->removeFromLegend();
    else
        m_ring->addToLegend();
    replot(QCustomPlot::rpQueuedReplot);
    return int(m_ringed.size());
}

QString TrajectoryPlot::describeAt(const QPoint &position) const
{
    const Hover *best = nullptr;
    double bestDistance = kHoverPixels;
    for (const Hover &h : m_hover) {
        const double dx = xAxis->coordToPixel(h.key) - position.x();
        const double dy = yAxis->coordToPixel(h.value) - position.y();
        const double distance = std::hypot(dx, dy);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = &h;
        }
    }
    return best ? best->text : QString();
}

void TrajectoryPlot::resetView()
{
    const double start = keyOf(m_series.start.isValid() ? m_series.start : QDate::currentDate().addYears(-3));
    QDate endDate = m_series.curveDates.isEmpty() ? m_series.asOf : m_series.curveDates.last();
    if (!endDate.isValid())
        endDate = QDate::currentDate();
    const double end = keyOf(endDate.addDays(30));
    xAxis->setRange(start - 20 * 86400.0, end);
    yAxis->setRange(m_series.scaleMin - 0.3, m_series.scaleMax + 0.3);
    replot(QCustomPlot::rpQueuedReplot);
}

} // namespace pme::ui
