// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/SmallMultiples.h"

#include "charts/TrajectoryPlot.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace pme::ui {

namespace {
constexpr int kColumns = 3;
}

SmallMultiples::SmallMultiples(QWidget *parent) : QScrollArea(parent)
{
    setObjectName(QStringLiteral("smallMultiples"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
}

void SmallMultiples::setSeries(QList<core::workspace::TrajectorySeries> series)
{
    m_series = std::move(series);
    m_dirty = true;
    if (isVisible())
        rebuild();
}

int SmallMultiples::plotCount() const
{
    return widget() ? int(widget()->findChildren<TrajectoryPlot *>().size()) : 0;
}

void SmallMultiples::showEvent(QShowEvent *event)
{
    QScrollArea::showEvent(event);
    if (m_dirty)
        rebuild();
}

void SmallMultiples::rebuild()
{
    m_dirty = false;
    auto *grid = new QWidget;
    auto *layout = new QGridLayout(grid);
    layout->setSpacing(10);
    for (int c = 0; c < kColumns; ++c)
        layout->setColumnStretch(c, 1);
    for (int i = 0; i < m_series.size(); ++i) {
        const auto &series = m_series.at(i);
        auto *cell = new QWidget(grid);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(0);
        auto *title
            = new QLabel(tr("<b>%1</b> %2").arg(series.code.toHtmlEscaped(), series.name.toHtmlEscaped()), cell);
        title->setToolTip(series.name);
        title->setTextFormat(Qt::RichText);
        // Long names must not widen the grid beyond the view: the label gives way (and elides).
        title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        title->setMinimumWidth(1);
        auto *plot = new TrajectoryPlot(true, cell);
        plot->setMinimumSize(180, 140);
        plot->setSeries(series);
        plot->setProperty("competencyId", series.competencyId);
        plot->setToolTip(tr("Click to open %1 in the large chart.").arg(series.code));
        plot->installEventFilter(this);
        cellLayout->addWidget(title);
        cellLayout->addWidget(plot, 1);
        layout->addWidget(cell, i / kColumns, i % kColumns);
    }
    delete takeWidget();
    setWidget(grid);
}

bool SmallMultiples::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        const QVariant id = watched->property("competencyId");
        if (id.isValid())
            emit competencyChosen(id.toLongLong());
    }
    return QScrollArea::eventFilter(watched, event);
}

} // namespace pme::ui
