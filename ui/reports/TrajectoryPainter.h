// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace/WorkspaceTypes.h"

#include <QCoreApplication>
#include <QDate>
#include <QRectF>

#include <optional>

class QPainter;

namespace pme::ui::reports {

/// Draws one small trajectory chart with QPainter, the same on screen (the committee
/// packet) and on paper (the meeting report): the cohort's band (95% of learners) and norm,
/// the target level, the learner's fitted curve, their ratings as dots, committee decisions
/// as diamonds, and the period end with the proposed level as a hollow square. Shapes and
/// line styles carry the meaning as well as colour.
class TrajectoryPainter final {
    Q_DECLARE_TR_FUNCTIONS(pme::ui::reports::TrajectoryPainter)

public:
    struct Marks {
        QDate periodEnd;
        std::optional<double> proposed;
        std::optional<double> decided;
    };

    /// Paints series into rect (title excluded: the caller writes it above).
    static void paint(QPainter &painter, const QRectF &rect, const core::workspace::TrajectorySeries &series,
                      const Marks &marks);
    /// A one-line key of the symbols, for under a grid of charts.
    static void paintLegend(QPainter &painter, const QRectF &rect);
};

} // namespace pme::ui::reports
