// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ccc/CccTypes.h"
#include "ccc/MeetingReport.h"
#include "governance/ActingUser.h"

#include <QElapsedTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace pme::ui {

class DecisionEditor;
class PacketPanel;
class WorkspaceWorker;

/// The Committee page (docs/ccc.md): a CCC meeting run from one screen. The meeting's agenda
/// on the left (ordered by need, reordered with Alt+Up/Down), the selected resident's packet
/// in the middle, the decisions on the right; Ctrl+Return finalises the resident and
/// Ctrl+PgDown goes to the next one. Reads and decisions run on the workspace worker.
class MeetingView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MeetingView)

public:
    MeetingView(WorkspaceWorker &worker, core::ActingUser user, QWidget *parent = nullptr);

    /// Reads the meetings again (and opens meetingId when given).
    void reload(qint64 meetingId = 0);
    qint64 meetingId() const { return m_meeting.id; }
    const core::ccc::Meeting &meeting() const { return m_meeting; }
    qint64 residentId() const { return m_residentId; }
    void selectResident(int agendaRow);
    void nextResident(int step = 1);
    void moveResident(int delta);

    QListWidget *agenda() const { return m_agenda; }
    PacketPanel *packet() const { return m_packet; }
    DecisionEditor *editor() const { return m_editor; }
    /// From selecting a resident to their packet on screen, in milliseconds.
    qint64 lastPacketMilliseconds() const { return m_packetMs; }

signals:
    void meetingLoaded(qint64 meetingId);
    void residentShown(qint64 learnerId);
    void residentFinalized(qint64 learnerId);
    void messageShown(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    QWidget *createToolbar();
    void loadMeeting(qint64 meetingId, qint64 keepLearner);
    void showMeeting(const core::ccc::Meeting &meeting, qint64 keepLearner);
    void loadResident(qint64 learnerId);
    void onFinalizeRequested(const core::ccc::ResidentDecision &decision);
    void onSupersedeRequested(const core::ccc::Supersession &change);
    void onPrepare();
    void onClose();
    void exportReport(const QString &kind);
    void writeExport(const QString &kind, const QString &file, const core::ccc::MeetingReport &report);
    void updateButtons();
    void setMessage(const QString &message);

    WorkspaceWorker &m_worker;
    core::ActingUser m_user;
    core::ccc::Meeting m_meeting;
    qint64 m_residentId = 0;
    bool m_loadedOnce = false;
    QElapsedTimer m_packetTimer;
    qint64 m_packetMs = -1;
    QComboBox *m_meetings = nullptr;
    QPushButton *m_prepare = nullptr;
    QPushButton *m_close = nullptr;
    QPushButton *m_reportPdf = nullptr;
    QPushButton *m_levelsCsv = nullptr;
    QPushButton *m_summaryPdf = nullptr;
    QListWidget *m_agenda = nullptr;
    PacketPanel *m_packet = nullptr;
    DecisionEditor *m_editor = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_members = nullptr;
};

} // namespace pme::ui
