// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/MeetingView.h"

#include "WorkspaceWorker.h"
#include "ccc/DecisionService.h"
#include "ccc/MeetingService.h"
#include "ccc/PacketBuilder.h"
#include "governance/AuditLog.h"
#include "views/DecisionEditor.h"
#include "views/PacketPanel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QVBoxLayout>

namespace pme::ui {

using namespace core::ccc;

namespace {

struct ResidentLoad {
    ResidentPacket packet;
    ResidentDecisions decisions;
};

QString agendaText(const AgendaItem &a)
{
    const QLocale locale;
    QStringList need;
    if (a.openFlags[2])
        need << MeetingView::tr("%n high", nullptr, a.openFlags[2]);
    if (a.openFlags[1])
        need << MeetingView::tr("%n moderate", nullptr, a.openFlags[1]);
    if (a.openFlags[0])
        need << MeetingView::tr("%n low", nullptr, a.openFlags[0]);
    QString flags = need.isEmpty() ? MeetingView::tr("no open flags")
                                   : MeetingView::tr("flags: %1").arg(need.join(QStringLiteral(", ")));
    if (a.lowestProbability) {
        // As a percentage, the way the cohort view shows it; below 1% reads "< 1%", not "0.00".
        const double percent = *a.lowestProbability * 100.0;
        flags += percent < 1.0 ? MeetingView::tr("\n    lowest P(target) < %1%")
                                     .arg(locale.toString(1))
                               : MeetingView::tr("\n    lowest P(target) %1%")
                                     .arg(locale.toString(qRound(percent)));
    }
    return MeetingView::tr("%1. %2%3\n    %4")
        .arg(a.position + 1)
        .arg(a.name, a.finalized ? MeetingView::tr("  ✓ decided") : QString(), flags);
}

QString meetingTitle(const Meeting &m)
{
    const QString status = m.status == QLatin1String("closed") ? MeetingView::tr("closed")
        : m.status == QLatin1String("in_progress")             ? MeetingView::tr("in progress")
                                                               : MeetingView::tr("planned");
    return MeetingView::tr("%1 — %2 — %3 (%4)")
        .arg(m.programCode, m.period.label, QLocale().toString(m.heldOn, QLocale::ShortFormat), status);
}

} // namespace

MeetingView::MeetingView(WorkspaceWorker &worker, core::ActingUser user, QWidget *parent)
    : QWidget(parent), m_worker(worker), m_user(std::move(user))
{
    setObjectName(QStringLiteral("meetingView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->addWidget(createToolbar());

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_agenda = new QListWidget(left);
    m_agenda->setObjectName(QStringLiteral("agendaList"));
    m_agenda->setAccessibleName(tr("Agenda"));
    m_agenda->installEventFilter(this);
    m_agenda->setWordWrap(true);
    m_agenda->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_agenda->setSpacing(2);
    auto *agendaLabel = new QLabel(tr("<b>&Agenda</b> (Alt+Up/Down moves a resident)"), left);
    agendaLabel->setBuddy(m_agenda);
    m_members = new QLabel(left);
    m_members->setObjectName(QStringLiteral("meetingMembers"));
    m_members->setWordWrap(true);
    leftLayout->addWidget(agendaLabel);
    leftLayout->addWidget(m_agenda);
    leftLayout->addWidget(m_members);

    m_packet = new PacketPanel(this);
    m_editor = new DecisionEditor(this);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("meetingSplitter"));
    splitter->addWidget(left);
    splitter->addWidget(m_packet);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);
    splitter->setSizes({230, 760, 560});
    layout->addWidget(splitter, 1);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("meetingMessage"));
    layout->addWidget(m_message);

    connect(m_agenda, &QListWidget::currentRowChanged, this, &MeetingView::selectResident);
    connect(m_editor, &DecisionEditor::finalizeRequested, this, &MeetingView::onFinalizeRequested);
    connect(m_editor, &DecisionEditor::supersedeRequested, this, &MeetingView::onSupersedeRequested);
    const auto shortcut = [this](QKeySequence keys, auto slot) {
        auto *s = new QShortcut(keys, this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown), [this] { nextResident(1); });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp), [this] { nextResident(-1); });
    m_packet->showMessage(tr("Choose a meeting, or prepare one."));
    updateButtons();
}

QWidget *MeetingView::createToolbar()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_meetings = new QComboBox(bar);
    m_meetings->setObjectName(QStringLiteral("meetingCombo"));
    m_meetings->setMinimumContentsLength(36);
    auto *label = new QLabel(tr("&Meeting:"), bar);
    label->setBuddy(m_meetings);
    m_prepare = new QPushButton(tr("Prepare meeting…"), bar);
    m_close = new QPushButton(tr("Close meeting…"), bar);
    m_reportPdf = new QPushButton(tr("Report PDF…"), bar);
    m_levelsCsv = new QPushButton(tr("Levels CSV…"), bar);
    m_summaryPdf = new QPushButton(tr("Resident summary PDF…"), bar);
    m_prepare->setObjectName(QStringLiteral("prepareMeeting"));
    m_reportPdf->setObjectName(QStringLiteral("reportPdf"));
    m_levelsCsv->setObjectName(QStringLiteral("levelsCsv"));
    m_summaryPdf->setObjectName(QStringLiteral("summaryPdf"));
    row->addWidget(label);
    row->addWidget(m_meetings, 1);
    for (QPushButton *b : {m_prepare, m_close, m_reportPdf, m_levelsCsv, m_summaryPdf})
        row->addWidget(b);
    connect(m_meetings, &QComboBox::activated, this,
            [this](int index) { loadMeeting(m_meetings->itemData(index).toLongLong(), 0); });
    connect(m_prepare, &QPushButton::clicked, this, &MeetingView::onPrepare);
    connect(m_close, &QPushButton::clicked, this, &MeetingView::onClose);
    connect(m_reportPdf, &QPushButton::clicked, this, [this] { exportReport(QStringLiteral("meeting_report")); });
    connect(m_levelsCsv, &QPushButton::clicked, this, [this] { exportReport(QStringLiteral("levels_csv")); });
    connect(m_summaryPdf, &QPushButton::clicked, this, [this] { exportReport(QStringLiteral("resident_summary")); });
    return bar;
}

void MeetingView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_loadedOnce) {
        m_loadedOnce = true;
        reload();
    }
}

void MeetingView::reload(qint64 meetingId)
{
    m_loadedOnce = true;
    const core::ActingUser user = m_user;
    m_worker.run<QList<Meeting>>(
        this, [user](core::GovernedStore &store) { return MeetingService::meetings(store.database(), user); },
        [this, meetingId](const core::Result<QList<Meeting>> &result) {
            if (!result) {
                setMessage(result.error().message);
                return;
            }
            m_meetings->clear();
            for (const Meeting &m : *result)
                m_meetings->addItem(meetingTitle(m), m.id);
            const qint64 wanted = meetingId ? meetingId : m_meeting.id;
            const int index = std::max(0, m_meetings->findData(wanted));
            if (result->isEmpty()) {
                m_packet->showMessage(tr("No meetings yet. Prepare one: its agenda is ordered by need."));
                updateButtons();
                return;
            }
            m_meetings->setCurrentIndex(index);
            loadMeeting(m_meetings->itemData(index).toLongLong(), 0);
        });
}

void MeetingView::loadMeeting(qint64 meetingId, qint64 keepLearner)
{
    const core::ActingUser user = m_user;
    m_worker.run<Meeting>(
        this,
        [user, meetingId](core::GovernedStore &store) {
            return MeetingService::meeting(store.database(), user, meetingId);
        },
        [this, keepLearner](const core::Result<Meeting> &result) {
            if (!result) {
                setMessage(result.error().message);
                return;
            }
            showMeeting(*result, keepLearner);
        });
}

void MeetingView::showMeeting(const Meeting &meeting, qint64 keepLearner)
{
    const bool sameMeeting = meeting.id == m_meeting.id;
    m_meeting = meeting;
    const int comboIndex = m_meetings->findData(meeting.id);
    if (comboIndex >= 0)
        m_meetings->setItemText(comboIndex, meetingTitle(meeting));
    QStringList present;
    for (const MeetingMember &member : meeting.members)
        present << (member.chair ? tr("%1 (chair)").arg(member.name) : member.name);
    m_members->setText(tr("Present: %1").arg(present.join(QStringLiteral(", "))));
    QSignalBlocker block(m_agenda);
    m_agenda->clear();
    int select = -1;
    for (int i = 0; i < meeting.agenda.size(); ++i) {
        const AgendaItem &a = meeting.agenda[i];
        auto *item = new QListWidgetItem(agendaText(a), m_agenda);
        item->setData(Qt::UserRole, a.learnerId);
        if (a.learnerId == keepLearner)
            select = i;
        if (select < 0 && !keepLearner && !a.finalized)
            select = i;
    }
    updateButtons();
    emit meetingLoaded(meeting.id);
    if (select < 0 && !meeting.agenda.isEmpty())
        select = 0;
    m_agenda->setCurrentRow(select);
    const qint64 learner = select >= 0 ? meeting.agenda[select].learnerId : 0;
    if (!sameMeeting || learner != m_residentId)
        selectResident(select);
}

void MeetingView::selectResident(int agendaRow)
{
    if (agendaRow < 0 || agendaRow >= m_meeting.agenda.size()) {
        m_residentId = 0;
        m_editor->clear(tr("Choose a resident on the agenda."));
        return;
    }
    if (m_agenda->currentRow() != agendaRow) {
        QSignalBlocker block(m_agenda);
        m_agenda->setCurrentRow(agendaRow);
    }
    loadResident(m_meeting.agenda[agendaRow].learnerId);
}

void MeetingView::nextResident(int step)
{
    if (m_meeting.agenda.isEmpty())
        return;
    const int row = std::clamp(m_agenda->currentRow() + step, 0, int(m_meeting.agenda.size()) - 1);
    if (row != m_agenda->currentRow())
        selectResident(row);
}

void MeetingView::loadResident(qint64 learnerId)
{
    m_residentId = learnerId;
    m_packetTimer.start();
    // Nothing of the previous resident stays editable while this one's packet is read.
    m_editor->clear(tr("Reading the packet…"));
    const core::ActingUser user = m_user;
    const Meeting meeting = m_meeting;
    m_worker.run<ResidentLoad>(
        this,
        [user, meeting, learnerId](core::GovernedStore &store) -> core::Result<ResidentLoad> {
            auto audit = store.audit();
            if (!audit)
                return audit.error();
            auto packet = PacketBuilder::build(store.database(), **audit, user, learnerId, meeting.period);
            if (!packet)
                return packet.error();
            auto decisions = DecisionService::decisions(store.database(), user, meeting.id, learnerId);
            if (!decisions)
                return decisions.error();
            return ResidentLoad{std::move(*packet), std::move(*decisions)};
        },
        [this, learnerId](const core::Result<ResidentLoad> &result) {
            if (learnerId != m_residentId)
                return; // the chair has moved on
            if (!result) {
                m_packet->showMessage(result.error().message);
                m_editor->clear(result.error().message);
                return;
            }
            m_packet->setPacket(result->packet);
            m_editor->setResident(m_meeting.id, result->packet, result->decisions, m_meeting.members,
                                  m_meeting.isClosed());
            // Walking the agenda with the arrow keys keeps the focus there; otherwise the levels take it.
            if (!m_agenda->hasFocus())
                m_editor->focusLevels();
            m_packetMs = m_packetTimer.elapsed();
            updateButtons();
            emit residentShown(learnerId);
        });
}

void MeetingView::onFinalizeRequested(const ResidentDecision &decision)
{
    const core::ActingUser user = m_user;
    m_worker.run<FinalizeOutcome>(
        this,
        [user, decision](core::GovernedStore &store) -> core::Result<FinalizeOutcome> {
            auto audit = store.audit();
            if (!audit)
                return audit.error();
            return DecisionService::finalize(store.database(), **audit, user, decision);
        },
        [this, decision](const core::Result<FinalizeOutcome> &result) {
            if (!result) {
                m_editor->showError(result.error().message);
                return;
            }
            setMessage(
                result->analyticsError.isEmpty()
                    ? tr("Decisions finalised for %1: %2 levels, %3 actions.")
                          .arg(m_agenda->currentItem() ? m_meeting.agenda[m_agenda->currentRow()].name : QString())
                          .arg(decision.levels.size())
                          .arg(decision.actions.size())
                    : tr("Decisions finalised; the resident's trajectories were not refreshed: %1")
                          .arg(result->analyticsError));
            emit residentFinalized(decision.learnerId);
            m_residentId = 0; // reload the resident, now finalised
            loadMeeting(m_meeting.id, decision.learnerId);
        });
}

void MeetingView::onSupersedeRequested(const Supersession &change)
{
    const core::ActingUser user = m_user;
    const qint64 learnerId = m_residentId;
    m_worker.run<qint64>(
        this,
        [user, change](core::GovernedStore &store) -> core::Result<qint64> {
            auto audit = store.audit();
            if (!audit)
                return audit.error();
            return DecisionService::supersede(store.database(), **audit, user, change);
        },
        [this, learnerId](const core::Result<qint64> &result) {
            if (!result) {
                m_editor->showError(result.error().message);
                return;
            }
            setMessage(tr("A new decision supersedes the finalised one; both stay in the history."));
            m_residentId = 0;
            loadMeeting(m_meeting.id, learnerId);
        });
}

void MeetingView::moveResident(int delta)
{
    const int row = m_agenda->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_meeting.agenda.size() || m_meeting.isClosed())
        return;
    const core::ActingUser user = m_user;
    const qint64 meetingId = m_meeting.id;
    const qint64 learnerId = m_meeting.agenda[row].learnerId;
    m_worker.run<void>(
        this,
        [user, meetingId, learnerId, target](core::GovernedStore &store) -> core::Result<void> {
            auto audit = store.audit();
            if (!audit)
                return audit.error();
            return MeetingService::moveAgendaItem(store.database(), **audit, user, meetingId, learnerId, target);
        },
        [this, learnerId](const core::Result<void> &result) {
            if (!result)
                setMessage(result.error().message);
            loadMeeting(m_meeting.id, learnerId);
        });
}

bool MeetingView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_agenda && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool modified = key->modifiers() & (Qt::AltModifier | Qt::ControlModifier);
        if (modified && (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down)) {
            moveResident(key->key() == Qt::Key_Up ? -1 : 1);
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            m_editor->focusLevels();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void MeetingView::updateButtons()
{
    const bool has = m_meeting.id != 0;
    m_close->setEnabled(has && !m_meeting.isClosed());
    m_reportPdf->setEnabled(has);
    m_levelsCsv->setEnabled(has);
    m_summaryPdf->setEnabled(has && m_residentId != 0);
}

void MeetingView::setMessage(const QString &message)
{
    m_message->setText(message);
    if (!message.isEmpty())
        emit messageShown(message);
}

} // namespace pme::ui
