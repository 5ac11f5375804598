// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ccc/CccTypes.h"

#include <QScrollArea>

class QLabel;

namespace pme::ui {

class PacketCharts;

/// One resident's committee packet on one scrolling page: who and which period, the small
/// multiples of every subcompetency, open flags with their explanation and local validity,
/// exam results, the period's narrative comments with the concerning passages marked, and
/// the goal plans shared with the program. Shows what core put in the packet, nothing more.
class PacketPanel final : public QScrollArea {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PacketPanel)

public:
    explicit PacketPanel(QWidget *parent = nullptr);

    void setPacket(const core::ccc::ResidentPacket &packet);
    void showMessage(const QString &message);

    PacketCharts *charts() const { return m_charts; }
    /// The sections' text, for tests and screen readers.
    QString flagsText() const;
    QString narrativesText() const;
    QString plansText() const;

private:
    static QString flagsHtml(const core::ccc::ResidentPacket &packet);
    static QString examsHtml(const core::ccc::ResidentPacket &packet);
    static QString narrativesHtml(const core::ccc::ResidentPacket &packet);
    static QString plansHtml(const core::ccc::ResidentPacket &packet);

    QLabel *m_header = nullptr;
    PacketCharts *m_charts = nullptr;
    QLabel *m_flags = nullptr;
    QLabel *m_exams = nullptr;
    QLabel *m_narratives = nullptr;
    QLabel *m_plans = nullptr;
};

} // namespace pme::ui
