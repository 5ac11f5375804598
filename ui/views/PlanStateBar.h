// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "goals/GoalTypes.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QPushButton;

namespace pme::ui {

/// Where a plan stands: draft or agreed, its version, who signed it and when, the version
/// hash, whether it is shared; and the Sign, Share, Close and Export buttons as this person
/// may use them (core decides; the bar shows the answer).
class PlanStateBar final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlanStateBar)

public:
    explicit PlanStateBar(QWidget *parent = nullptr);

    /// mayCoProduce: what to say when there is no plan.
    void setPlan(const std::optional<core::goals::GoalPlan> &plan, bool mayCoProduce);
    QString text() const;

signals:
    void signRequested();
    void shareRequested(bool shared);
    void exportRequested();
    void closeRequested();

private:
    QLabel *m_state = nullptr;
    QPushButton *m_sign = nullptr;
    QCheckBox *m_share = nullptr;
    QPushButton *m_close = nullptr;
    QPushButton *m_export = nullptr;
};

} // namespace pme::ui
