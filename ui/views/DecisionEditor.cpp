// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/DecisionEditor.h"

#include "dialogs/SupersedeDialog.h"
#include "views/LevelTable.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace pme::ui {

namespace {

QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

DecisionEditor::DecisionEditor(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("decisionEditor"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    m_levels = new LevelTable(this);
    m_acceptRemaining = new QPushButton(tr("Accept &remaining proposals"), this);
    m_acceptRemaining->setObjectName(QStringLiteral("acceptRemaining"));
    auto *levelsHeader = new QHBoxLayout;
    levelsHeader->addWidget(
        buddyLabel(tr("<b>&Levels</b> — Enter accepts the proposal, typing a level overrides it"), m_levels, this), 1);
    levelsHeader->addWidget(m_acceptRemaining);
    layout->addLayout(levelsHeader);
    layout->addWidget(m_levels, 3);

    auto *form = new QFormLayout;
    m_progress = new QComboBox(this);
    m_progress->setObjectName(QStringLiteral("progressCombo"));
    m_progress->addItem(tr("Choose…"), QString());
    for (core::ccc::Progress p : core::ccc::kAllProgress)
        m_progress->addItem(core::ccc::progressTitle(p), core::ccc::progressKey(p));
    m_progressRationale = new QLineEdit(this);
    m_progressRationale->setObjectName(QStringLiteral("progressRationale"));
    m_progressRationale->setPlaceholderText(tr("Why, in a sentence (needed unless progress is as expected)"));
    form->addRow(buddyLabel(tr("&Progress:"), m_progress, this), m_progress);
    form->addRow(buddyLabel(tr("Progress ra&tionale:"), m_progressRationale, this), m_progressRationale);
    layout->addLayout(form);

    layout->addWidget(createActionRow());
    m_actionList = new QListWidget(this);
    m_actionList->setObjectName(QStringLiteral("actionList"));
    m_actionList->setAccessibleName(tr("Actions"));
    m_actionList->setMaximumHeight(80);
    m_actionList->installEventFilter(this);
    layout->addWidget(m_actionList);

    m_note = new QPlainTextEdit(this);
    m_note->setObjectName(QStringLiteral("residentNote"));
    m_note->setTabChangesFocus(true);
    m_note->setMaximumHeight(60);
    layout->addWidget(buddyLabel(tr("&Note about this resident:"), m_note, this));
    layout->addWidget(m_note);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("decisionStatus"));
    m_status->setWordWrap(true);
    m_finalize = new QPushButton(tr("Finali&se resident (Ctrl+Return)"), this);
    m_finalize->setObjectName(QStringLiteral("finalizeButton"));
    m_supersedeLevel = new QPushButton(tr("S&upersede level…"), this);
    m_supersedeLevel->setObjectName(QStringLiteral("supersedeLevel"));
    m_supersedeLevel->setToolTip(tr("Replace the chosen row's finalised level with a new decision and its reason."));
    m_supersedeProgress = new QPushButton(tr("Supersede &judgement…"), this);
    m_supersedeProgress->setObjectName(QStringLiteral("supersedeProgress"));
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_supersedeLevel);
    bottom->addWidget(m_supersedeProgress);
    bottom->addWidget(m_finalize);
    layout->addLayout(bottom);

    connect(m_acceptRemaining, &QPushButton::clicked, m_levels, &LevelTable::acceptRemaining);
    connect(m_levels, &LevelTable::changed, this, &DecisionEditor::updateStatus);
    connect(m_levels, &LevelTable::levelRejected, this, &DecisionEditor::showError);
    connect(m_levels, &LevelTable::finished, m_progress, qOverload<>(&QWidget::setFocus));
    connect(m_progress, &QComboBox::currentIndexChanged, this, &DecisionEditor::updateStatus);
    connect(m_finalize, &QPushButton::clicked, this, &DecisionEditor::requestFinalize);
    connect(m_supersedeLevel, &QPushButton::clicked, this, &DecisionEditor::supersedeLevel);
    connect(m_supersedeProgress, &QPushButton::clicked, this, &DecisionEditor::supersedeProgress);
    auto *finalize = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    finalize->setContext(Qt::WidgetWithChildrenShortcut);
    connect(finalize, &QShortcut::activated, this, &DecisionEditor::requestFinalize);
    auto *finalizeEnter = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), this);
    finalizeEnter->setContext(Qt::WidgetWithChildrenShortcut);
    connect(finalizeEnter, &QShortcut::activated, this, &DecisionEditor::requestFinalize);
    clear(tr("Choose a resident on the agenda."));
}

QWidget *DecisionEditor::createActionRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QGridLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_actionKind = new QComboBox(row);
    m_actionKind->setObjectName(QStringLiteral("actionKind"));
    for (const char *kind : core::ccc::kActionKinds)
        m_actionKind->addItem(core::ccc::actionKindTitle(QString::fromLatin1(kind)), QString::fromLatin1(kind));
    m_actionText = new QLineEdit(row);
    m_actionText->setObjectName(QStringLiteral("actionText"));
    m_actionText->setPlaceholderText(tr("What is to be done"));
    m_actionOwner = new QComboBox(row);
    m_actionOwner->setObjectName(QStringLiteral("actionOwner"));
    m_actionDue = new QDateEdit(row);
    m_actionDue->setObjectName(QStringLiteral("actionDue"));
    m_actionDue->setCalendarPopup(true);
    m_actionDue->setAccessibleName(tr("Due date"));
    m_addAction = new QPushButton(tr("Add acti&on"), row);
    m_addAction->setObjectName(QStringLiteral("addAction"));
    // Two lines: what (kind and description), then who and by when.
    layout->addWidget(buddyLabel(tr("A&ction:"), m_actionKind, row), 0, 0);
    layout->addWidget(m_actionKind, 0, 1);
    layout->addWidget(m_actionText, 0, 2, 1, 3);
    layout->addWidget(new QLabel(tr("Owner:"), row), 1, 0);
    layout->addWidget(m_actionOwner, 1, 1);
    layout->addWidget(new QLabel(tr("Due:"), row), 1, 2, Qt::AlignRight);
    layout->addWidget(m_actionDue, 1, 3);
    layout->addWidget(m_addAction, 1, 4);
    layout->setColumnStretch(2, 1);
    connect(m_addAction, &QPushButton::clicked, this, &DecisionEditor::addAction);
    connect(m_actionText, &QLineEdit::returnPressed, this, &DecisionEditor::addAction);
    return row;
}

void DecisionEditor::setResident(qint64 meetingId, const core::ccc::ResidentPacket &packet,
                                 const core::ccc::ResidentDecisions &decisions,
                                 const QList<core::ccc::MeetingMember> &members, bool meetingClosed)
{
    m_meetingId = meetingId;
    m_learnerId = packet.header.learnerId;
    m_finalized = decisions.isFinalized();
    m_decisions = decisions;
    m_proposals = packet.proposals;
    m_actionItems.clear();
    m_actionList->clear();
    m_levels->setProposals(packet.proposals, &decisions);
    m_actionOwner->clear();
    m_actionOwner->addItem(tr("No owner yet"), QVariant());
    for (const core::ccc::MeetingMember &m : members)
        m_actionOwner->addItem(m.name, m.userId);
    m_actionDue->setDate(QDate::currentDate().addMonths(3));
    m_progressRationale->clear();
    m_note->clear();
    m_progress->setCurrentIndex(0);
    if (m_finalized) {
        if (const core::ccc::DecisionRecord *overall = decisions.overall(); overall && overall->progress)
            m_progress->setCurrentIndex(m_progress->findData(core::ccc::progressKey(*overall->progress)));
        if (const core::ccc::DecisionRecord *overall = decisions.overall())
            m_progressRationale->setText(overall->rationale);
        const QLocale locale;
        for (const core::ccc::ActionRecord &a : decisions.actions)
            m_actionList->addItem(tr("%1: %2 — %3, due %4")
                                      .arg(core::ccc::actionKindTitle(a.kind), a.description,
                                           a.owner.isEmpty() ? tr("no owner") : a.owner,
                                           locale.toString(a.dueOn, QLocale::ShortFormat)));
        m_note->setPlainText(decisions.note);
    }
    setEditable(!m_finalized && !meetingClosed);
    m_supersedeLevel->setVisible(m_finalized);
    m_supersedeProgress->setVisible(m_finalized);
    if (meetingClosed && !m_finalized)
        m_status->setText(tr("The meeting is closed: no more decisions are recorded at it."));
    else
        updateStatus();
}

void DecisionEditor::clear(const QString &message)
{
    m_learnerId = 0;
    m_finalized = false;
    m_decisions = {};
    m_proposals.clear();
    m_supersedeLevel->hide();
    m_supersedeProgress->hide();
    m_levels->setProposals({}, nullptr);
    m_actionList->clear();
    m_actionItems.clear();
    setEditable(false);
    m_status->setText(message);
}

void DecisionEditor::setEditable(bool editable)
{
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_acceptRemaining, m_progress, m_progressRationale, m_actionKind,
                                          m_actionText, m_actionOwner, m_actionDue, m_addAction, m_finalize})
        w->setEnabled(editable);
    m_note->setReadOnly(!editable);
}

bool DecisionEditor::eventFilter(QObject *watched, QEvent *event)
{
    // Delete removes the chosen action before finalising.
    if (watched == m_actionList && event->type() == QEvent::KeyPress && !m_finalized
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Delete) {
        const int row = m_actionList->currentRow();
        if (row >= 0 && row < m_actionItems.size()) {
            m_actionItems.removeAt(row);
            delete m_actionList->takeItem(row);
            updateStatus();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void DecisionEditor::focusLevels()
{
    m_levels->setFocus();
    if (m_levels->rowCount() > 0 && m_levels->currentRow() < 0)
        m_levels->setCurrentCell(0, LevelTable::Level);
}

void DecisionEditor::addAction()
{
    if (m_finalized || !m_addAction->isEnabled())
        return;
    const QString text = m_actionText->text().trimmed();
    if (text.isEmpty()) {
        showError(tr("Describe the action first."));
        m_actionText->setFocus();
        return;
    }
    core::ccc::ActionItem a;
    a.kind = m_actionKind->currentData().toString();
    a.description = text;
    if (m_actionOwner->currentData().isValid())
        a.ownerUserId = m_actionOwner->currentData().toLongLong();
    a.dueOn = m_actionDue->date();
    m_actionItems.append(a);
    m_actionList->addItem(tr("%1: %2 — %3, due %4")
                              .arg(m_actionKind->currentText(), text, m_actionOwner->currentText(),
                                   QLocale().toString(a.dueOn, QLocale::ShortFormat)));
    m_actionText->clear();
    m_actionKind->setFocus();
    updateStatus();
}

core::ccc::ResidentDecision DecisionEditor::decision() const
{
    core::ccc::ResidentDecision d;
    d.meetingId = m_meetingId;
    d.learnerId = m_learnerId;
    d.levels = m_levels->choices();
    d.progress = core::ccc::progressFromKey(m_progress->currentData().toString());
    d.progressRationale = m_progressRationale->text().trimmed();
    d.actions = m_actionItems;
    d.note = m_note->toPlainText().trimmed();
    return d;
}

void DecisionEditor::requestFinalize()
{
    if (m_finalized || m_learnerId == 0 || !m_finalize->isEnabled())
        return;
    if (m_levels->missing() > 0) {
        showError(
            tr("%n subcompetencies still need a level (Enter accepts a proposal).", nullptr, m_levels->missing()));
        focusLevels();
        return;
    }
    const core::ccc::ResidentDecision d = decision();
    if (!d.progress) {
        showError(tr("Choose the progress judgement."));
        m_progress->setFocus();
        return;
    }
    if (*d.progress != core::ccc::Progress::AsExpected && d.progressRationale.isEmpty()) {
        showError(tr("A progress judgement other than \"As expected\" needs its rationale."));
        m_progressRationale->setFocus();
        return;
    }
    emit finalizeRequested(d);
}

void DecisionEditor::showError(const QString &message)
{
    m_status->setText(QStringLiteral("<span style=\"color:#B03A00\">%1</span>").arg(message.toHtmlEscaped()));
}

void DecisionEditor::updateStatus()
{
    if (m_learnerId == 0)
        return;
    if (m_finalized) {
        m_status->setText(tr("Finalised. A finalised decision is changed only by a new decision with its reason "
                             "(Supersede); the history keeps both."));
        return;
    }
    const int missing = m_levels->missing();
    m_status->setText(tr("%1 of %2 levels entered, %3 overriding the proposal; %4 actions.")
                          .arg(m_levels->rowCount() - missing)
                          .arg(m_levels->rowCount())
                          .arg(m_levels->overrides())
                          .arg(m_actionItems.size()));
}

void DecisionEditor::supersedeLevel()
{
    const int row = m_levels->currentRow();
    if (!m_finalized || row < 0 || row >= m_proposals.size())
        return;
    const core::ccc::DecisionRecord *current = m_decisions.level(m_proposals[row].competencyId);
    if (!current) {
        showError(tr("%1 was not decided at this meeting.").arg(m_proposals[row].code));
        return;
    }
    SupersedeDialog dialog(*current, m_proposals[row], this);
    if (dialog.exec() == QDialog::Accepted)
        emit supersedeRequested(dialog.supersession());
}

void DecisionEditor::supersedeProgress()
{
    const core::ccc::DecisionRecord *current = m_decisions.overall();
    if (!m_finalized || !current)
        return;
    SupersedeDialog dialog(*current, this);
    if (dialog.exec() == QDialog::Accepted)
        emit supersedeRequested(dialog.supersession());
}

} // namespace pme::ui
