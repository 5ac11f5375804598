// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ccc/CccTypes.h"

#include <QTableWidget>

namespace pme::ui {

/// The committee's levels, one row per subcompetency, driven from the keyboard:
/// Enter accepts the proposed level and moves to the next row; typing a number overrides it,
/// and when it differs from the proposal the rationale cell opens for the reason; Enter
/// there moves on. Delete clears a row's level. finished() when Enter leaves the last row.
class LevelTable final : public QTableWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LevelTable)

public:
    enum Column { Code, Proposed, Level, Rationale, ColumnCount };

    explicit LevelTable(QWidget *parent = nullptr);

    /// Fills the rows from the proposals; decided (finalised) levels are shown read-only.
    void setProposals(const QList<core::ccc::ProposedLevel> &proposals, const core::ccc::ResidentDecisions *decided);
    /// Accepts the proposal in every row still without a level.
    void acceptRemaining();
    /// The entered levels; rows without a level are missing.
    QList<core::ccc::LevelChoice> choices() const;
    int missing() const;
    int overrides() const;
    /// The row's level as entered (empty when none).
    std::optional<double> levelAt(int row) const;

signals:
    void finished();
    void levelRejected(const QString &message);
    void changed();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void onItemChanged(QTableWidgetItem *item);
    void acceptRow(int row);
    void goToRow(int row);
    static std::optional<double> parseLevel(const QString &text);

    QList<core::ccc::ProposedLevel> m_proposals;
    bool m_filling = false;
    bool m_readOnly = false;
};

} // namespace pme::ui
