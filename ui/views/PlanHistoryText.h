// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "goals/GoalTypes.h"

#include <QCoreApplication>
#include <QString>

namespace pme::ui {

/// A plan's history as a conversation, in HTML: who, when, and what they did or said, in
/// order; field changes read "changed the target date from 1 June to 1 July".
class PlanHistoryText final {
    Q_DECLARE_TR_FUNCTIONS(pme::ui::PlanHistoryText)

public:
    static QString html(const core::goals::GoalPlan &plan);
    /// One event as a sentence (no author, no time).
    static QString describe(const core::goals::PlanEvent &event, const core::goals::GoalPlan &plan);
    /// The first 12 hex digits of a version hash, as shown to people.
    static QString shortHash(const QByteArray &hash);
};

} // namespace pme::ui
