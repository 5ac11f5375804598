// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/CohortCharts.h"

#include "charts/Palette.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QValueAxis>

#include <algorithm>

namespace pme::ui {

using core::workspace::CohortBar;
using Kind = CohortFilterModel::BarFilter::Kind;

CohortCharts::CohortCharts(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("cohortCharts"));
    m_flags = makeChart(QStringLiteral("flagsByRuleChart"), tr("Open flags by rule"));
    m_probability = makeChart(QStringLiteral("probabilityChart"), tr("Learners by lowest P(target), in %"));
    m_months = makeChart(QStringLiteral("evidenceChart"), tr("Observations per month, last 12 months"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_flags, 4);
    layout->addWidget(m_probability, 3);
    layout->addWidget(m_months, 3);
}

QChartView *CohortCharts::makeChart(const QString &objectName, const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    QFont titleFont = chart->titleFont();
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->legend()->hide();
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->setBackgroundRoundness(0);
    auto *view = new QChartView(chart, this);
    view->setObjectName(objectName);
    view->setAccessibleName(title);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(200);
    view->setToolTip(tr("Click a bar to show its learners in the table."));
    return view;
}

void CohortCharts::setSummary(const core::workspace::CohortSummary &summary)
{
    m_summary = summary;
    fill(m_flags, summary.flagsByRule, Kind::Rule, true, tr("flags"));
    fill(m_probability, summary.probabilityBins, Kind::ProbabilityBin, false, tr("learners"));
    fill(m_months, summary.evidenceByMonth, Kind::Month, false, tr("observations"));
}

void CohortCharts::fill(QChartView *view, const QList<CohortBar> &bars, Kind kind, bool horizontal,
                        const QString &valueTitle)
{
    QChart *chart = view->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes())
        chart->removeAxis(axis);
    // Horizontal bars read top-down in the list's order: Qt Charts draws the first category at the bottom.
    QList<CohortBar> shown = bars;
    if (horizontal)
        std::reverse(shown.begin(), shown.end());
    auto *set = new QBarSet(valueTitle);
    set->setColor(Palette::primary());
    set->setBorderColor(Palette::primary().darker(130));
    QStringList categories;
    int peak = 1;
    for (const CohortBar &bar : shown) {
        *set << bar.count;
        categories << bar.label;
        peak = std::max(peak, bar.count);
    }
    QAbstractBarSeries *series = horizontal ? static_cast<QAbstractBarSeries *>(new QHorizontalBarSeries)
                                            : static_cast<QAbstractBarSeries *>(new QBarSeries);
    series->append(set);
    series->setBarWidth(0.75);
    chart->addSeries(series);
    auto *categoryAxis = new QBarCategoryAxis;
    categoryAxis->append(categories.isEmpty() ? QStringList{tr("none")} : categories);
    auto *valueAxis = new QValueAxis;
    valueAxis->setRange(0, peak);
    valueAxis->setLabelFormat(QStringLiteral("%d"));
    valueAxis->applyNiceNumbers();
    valueAxis->setTickCount(3);
    QFont small = categoryAxis->labelsFont();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    valueAxis->setLabelsFont(small);
    // Twelve month names must fit under their bars.
    if (categories.size() > 10)
        small.setPointSizeF(small.pointSizeF() * 0.85);
    // Qt Charts replaces a rule's name with "..." when its bar's slot is shorter than the text:
    // give every rule a line of its own.
    if (horizontal)
        view->setMinimumHeight(std::max(180, 70 + 22 * int(categories.size())));
    categoryAxis->setLabelsFont(small);
    chart->addAxis(categoryAxis, horizontal ? Qt::AlignLeft : Qt::AlignBottom);
    chart->addAxis(valueAxis, horizontal ? Qt::AlignBottom : Qt::AlignLeft);
    series->attachAxis(categoryAxis);
    series->attachAxis(valueAxis);
    const int count = int(shown.size());
    connect(set, &QBarSet::clicked, this,
            [this, kind, horizontal, count](int index) { clickBar(kind, horizontal ? count - 1 - index : index); });
}

void CohortCharts::clickBar(Kind kind, int index)
{
    const QList<CohortBar> &bars = kind == Kind::Rule ? m_summary.flagsByRule
        : kind == Kind::ProbabilityBin                ? m_summary.probabilityBins
                                                      : m_summary.evidenceByMonth;
    if (index < 0 || index >= bars.size())
        return;
    emit barClicked(CohortFilterModel::BarFilter{kind, bars.at(index).key, bars.at(index).label});
}

} // namespace pme::ui
