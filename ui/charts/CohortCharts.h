// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/CohortFilterModel.h"
#include "workspace/WorkspaceTypes.h"

#include <QWidget>

class QChartView;
class QBarSet;

namespace pme::ui {

/// The cohort's summary charts (Qt Charts): open flags by rule, learners by their lowest
/// probability of reaching the target, and evidence volume by month. Clicking a bar asks
/// the table to show the learners behind it.
class CohortCharts final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CohortCharts)

public:
    explicit CohortCharts(QWidget *parent = nullptr);

    void setSummary(const core::workspace::CohortSummary &summary);
    /// Clicks a bar as a person would (tests, keyboard users through the table's own filters).
    void clickBar(CohortFilterModel::BarFilter::Kind kind, int index);

signals:
    void barClicked(const pme::ui::CohortFilterModel::BarFilter &filter);

private:
    QChartView *makeChart(const QString &objectName, const QString &title);
    void fill(QChartView *view, const QList<core::workspace::CohortBar> &bars, CohortFilterModel::BarFilter::Kind kind,
              bool horizontal, const QString &valueTitle);

    QChartView *m_flags = nullptr;
    QChartView *m_probability = nullptr;
    QChartView *m_months = nullptr;
    core::workspace::CohortSummary m_summary;
};

} // namespace pme::ui
