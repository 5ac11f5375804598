// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/CoachingNotesPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace pme::ui {

using core::goals::CoachingNote;

namespace {

QString noteText(const CoachingNote &n)
{
    const QLocale locale;
    QStringList head;
    if (n.sessionDate)
        head << locale.toString(*n.sessionDate, QLocale::ShortFormat);
    head << (n.kind == QLatin1String("reflection") ? CoachingNotesPanel::tr("Reflection")
                                                   : CoachingNotesPanel::tr("Session note"));
    head << CoachingNotesPanel::tr("by %1").arg(n.authorName);
    head << (n.visibility == QLatin1String("program") ? CoachingNotesPanel::tr("shared with the program")
                                                      : CoachingNotesPanel::tr("private"));
    QString text = head.join(QStringLiteral(" · "));
    if (!n.attendees.isEmpty())
        text += QLatin1Char('\n') + CoachingNotesPanel::tr("Attended: %1").arg(n.attendees);
    text += QLatin1Char('\n') + n.body;
    if (!n.nextSteps.isEmpty())
        text += QLatin1Char('\n') + CoachingNotesPanel::tr("Next steps: %1").arg(n.nextSteps);
    return text;
}

} // namespace

CoachingNotesPanel::CoachingNotesPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("coachingNotes"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("noteList"));
    m_list->setAccessibleName(tr("Coaching notes"));
    m_list->setWordWrap(true);
    m_list->setSpacing(4);
    m_list->setAlternatingRowColors(true);
    connect(m_list, &QListWidget::currentRowChanged, this, &CoachingNotesPanel::onSelectionChanged);
    m_share = new QCheckBox(tr("Share this note with the program"), this);
    m_share->setObjectName(QStringLiteral("shareNote"));
    m_share->setToolTip(tr("Notes are private to you and your coach. Shared notes can be read by your program's "
                           "committee and director; every share is logged."));
    connect(m_share, &QCheckBox::toggled, this, [this](bool on) {
        const int row = m_list->currentRow();
        if (row >= 0 && row < m_notes.size())
            emit shareRequested(m_notes.at(row).id, on);
    });

    createForm();

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("noteMessage"));
    m_message->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_share);
    layout->addWidget(m_form);
    layout->addWidget(m_message);
    onSelectionChanged();
}

void CoachingNotesPanel::createForm()
{
    m_form = new QWidget(this);
    m_kind = new QComboBox(m_form);
    m_kind->setObjectName(QStringLiteral("noteKind"));
    m_kind->addItem(tr("Session note"), QStringLiteral("session"));
    m_kind->addItem(tr("Reflection (private to you)"), QStringLiteral("reflection"));
    m_date = new QDateEdit(QDate::currentDate(), m_form);
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    m_attendees = new QLineEdit(m_form);
    m_attendees->setPlaceholderText(tr("Who attended"));
    m_body = new QPlainTextEdit(m_form);
    m_body->setObjectName(QStringLiteral("noteBody"));
    m_body->setAccessibleName(tr("Notes"));
    m_body->setMaximumHeight(110);
    m_nextSteps = new QLineEdit(m_form);
    m_nextSteps->setPlaceholderText(tr("Agreed next steps"));
    m_add = new QPushButton(tr("Add Note"), m_form);
    m_add->setObjectName(QStringLiteral("addNote"));
    connect(m_add, &QPushButton::clicked, this, [this] {
        core::goals::NoteDraft note;
        note.kind = m_kind->currentData().toString();
        note.sessionDate = m_date->date();
        note.attendees = m_attendees->text();
        note.body = m_body->toPlainText();
        note.nextSteps = m_nextSteps->text();
        emit writeRequested(note);
    });
    auto *form = new QFormLayout(m_form);
    form->setContentsMargins(0, 6, 0, 0);
    auto *kindRow = new QHBoxLayout;
    kindRow->addWidget(m_kind);
    kindRow->addWidget(m_date);
    kindRow->addWidget(m_attendees, 1);
    form->addRow(tr("New:"), kindRow);
    form->addRow(tr("Notes:"), m_body);
    auto *stepsRow = new QHBoxLayout;
    stepsRow->addWidget(m_nextSteps, 1);
    stepsRow->addWidget(m_add);
    form->addRow(tr("Next steps:"), stepsRow);
}

void CoachingNotesPanel::setNotes(const QList<CoachingNote> &notes, bool mayWrite, bool isLearner)
{
    const int keep = m_list->currentRow();
    m_notes = notes;
    m_isLearner = isLearner;
    {
        const QSignalBlocker block(m_list);
        m_list->clear();
        for (const CoachingNote &n : notes)
            m_list->addItem(noteText(n));
        if (notes.isEmpty())
            m_list->addItem(tr("No notes yet."));
        m_list->setCurrentRow(keep >= 0 && keep < notes.size() ? keep : -1);
    }
    m_form->setVisible(mayWrite);
    // A reflection is the learner's: a coach writes session notes only.
    m_kind->setItemData(1, isLearner ? QVariant() : QVariant(0), Qt::UserRole - 1);
    if (!isLearner)
        m_kind->setCurrentIndex(0);
    onSelectionChanged();
}

void CoachingNotesPanel::onSelectionChanged()
{
    const int row = m_list->currentRow();
    const bool selected = row >= 0 && row < m_notes.size();
    const QSignalBlocker block(m_share);
    m_share->setVisible(m_isLearner);
    m_share->setEnabled(selected);
    m_share->setChecked(selected && m_notes.at(row).visibility == QLatin1String("program"));
}

void CoachingNotesPanel::showMessage(const QString &text, bool problem)
{
    m_message->setText(problem ? QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()) : text.toHtmlEscaped());
    if (!problem) {
        m_body->clear();
        m_nextSteps->clear();
        m_attendees->clear();
    }
}

} // namespace pme::ui
