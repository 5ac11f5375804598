// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace/WorkspaceTypes.h"

#include <QSet>

#include <qcustomplot.h>

namespace pme::ui {

/// One learner's trajectory in one competency (QCustomPlot), from a series core computed:
/// ratings as points shaped by instrument, CCC decisions as hollow diamonds, the fitted
/// curve with its 95% band, the cohort's norm band, the target level, the expected
/// completion and the latest data. A flag's evidence is ringed. Hover, pan, zoom, export.
/// `compact` draws a small multiple: no legend, no item labels, no interaction.
class TrajectoryPlot final : public QCustomPlot {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrajectoryPlot)

public:
    explicit TrajectoryPlot(bool compact = false, QWidget *parent = nullptr);

    void setSeries(const core::workspace::TrajectorySeries &series);
    const core::workspace::TrajectorySeries &series() const { return m_series; }
    /// Rings the points of these observations; returns how many of them are on this chart.
    int setHighlighted(const QSet<qint64> &observationIds);
    /// The observations ringed now.
    const QList<qint64> &highlightedPoints() const { return m_ringed; }
    /// The tooltip text at a widget position (empty when no point is near).
    QString describeAt(const QPoint &position) const;
    void resetView();

    static double keyOf(const QDate &date);

private:
    void addBand(const QList<double> &low, const QList<double> &high, const QList<double> &mid, const QColor &colour,
                 const QString &name, Qt::PenStyle midStyle);
    void addMarkers();
    QCPGraph *addPoints(const QList<core::workspace::TrajectoryPoint> &points, const QString &name,
                        const QCPScatterStyle &style);

    bool m_compact = false;
    core::workspace::TrajectorySeries m_series;
    QCPGraph *m_ring = nullptr;
    QList<qint64> m_ringed;
    /// Every drawn point, for hover: key, value and its description.
    struct Hover {
        double key = 0;
        double value = 0;
        QString text;
    };
    QList<Hover> m_hover;
};

} // namespace pme::ui
