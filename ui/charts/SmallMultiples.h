// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace/WorkspaceTypes.h"

#include <QScrollArea>

namespace pme::ui {

class TrajectoryPlot;

/// Every competency's trajectory at once, small, in a grid; clicking one opens it in the
/// large chart. Built only when shown (a profile has some thirty competencies).
class SmallMultiples final : public QScrollArea {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SmallMultiples)

public:
    explicit SmallMultiples(QWidget *parent = nullptr);

    /// Replaces the series; the plots are (re)built on the next show.
    void setSeries(QList<core::workspace::TrajectorySeries> series);
    int plotCount() const;

signals:
    void competencyChosen(qint64 competencyId);

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuild();

    QList<core::workspace::TrajectorySeries> m_series;
    bool m_dirty = false;
};

} // namespace pme::ui
