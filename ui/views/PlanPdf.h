// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "goals/GoalTypes.h"

#include <QCoreApplication>
#include <QString>

namespace pme::ui {

/// The agreed plan as a PDF for the learner's portfolio: learner, period, each goal with its
/// measure, target date, progress, support asked and actions, and the signatures with their
/// dates and the version hash they signed.
class PlanPdf final {
    Q_DECLARE_TR_FUNCTIONS(pme::ui::PlanPdf)

public:
    static QString html(const core::goals::GoalPlan &plan);
    static bool write(const core::goals::GoalPlan &plan, const QString &path);
};

} // namespace pme::ui
