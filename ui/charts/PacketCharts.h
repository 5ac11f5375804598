// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ccc/CccTypes.h"

#include <QWidget>

namespace pme::ui {

/// A committee packet's trajectories as small multiples: one small chart per subcompetency
/// with the cohort band, the target, the resident's curve and ratings, and the proposed
/// level at the period end, titled with the code and the proposal. Painted directly (the
/// same painter as the PDF report), so a resident's 21 charts appear at once.
class PacketCharts final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PacketCharts)

public:
    explicit PacketCharts(QWidget *parent = nullptr);

    void setPacket(const core::ccc::ResidentPacket &packet);
    void clear();
    int chartCount() const { return int(m_packet.trajectories.size()); }

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int columnsFor(int width) const;
    int cellHeight(int width) const;

    core::ccc::ResidentPacket m_packet;
};

} // namespace pme::ui
