// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/GoalEditor.h"

#include "goals/PlanRecords.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pme::ui {

using core::goals::GoalAction;
using core::goals::GoalDraft;
using core::goals::GoalMeasure;

namespace {

enum ActionColumn { DescriptionColumn, OwnerColumn, DueColumn, DoneColumn };

QDateEdit *dateEdit(QWidget *parent, const QDate &date)
{
    auto *edit = new QDateEdit(date.isValid() ? date : QDate::currentDate().addMonths(3), parent);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    return edit;
}

} // namespace

GoalEditor::GoalEditor(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("goalEditor"));
    m_title = new QLabel(this);
    m_source = new QLabel(this);
    m_source->setObjectName(QStringLiteral("goalSource"));
    m_source->setWordWrap(true);
    m_statement = new QLineEdit(this);
    m_statement->setObjectName(QStringLiteral("goalStatement"));
    m_statement->setPlaceholderText(tr("What will be achieved, specifically"));
    m_statement->setAccessibleName(tr("Goal statement"));
    m_competency = new QComboBox(this);
    m_competency->setObjectName(QStringLiteral("goalCompetency"));
    m_competency->setAccessibleName(tr("Competency"));
    m_competency->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_competency->setMinimumContentsLength(24);
    m_targetDate = dateEdit(this, {});
    m_targetDate->setObjectName(QStringLiteral("goalTargetDate"));
    m_targetDate->setAccessibleName(tr("Target date"));
    m_support = new QLineEdit(this);
    m_support->setObjectName(QStringLiteral("goalSupport"));
    m_support->setPlaceholderText(tr("Support asked of the coach or the program"));
    m_support->setAccessibleName(tr("Support asked"));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Goal:"), m_statement);
    form->addRow(tr("&Competency:"), m_competency);
    form->addRow(tr("&Measure:"), createMeasure());
    form->addRow(tr("Target &date:"), m_targetDate);
    form->addRow(tr("&Support:"), m_support);

    m_add = new QPushButton(tr("Add as New Goal"), this);
    m_add->setObjectName(QStringLiteral("addGoal"));
    m_save = new QPushButton(tr("Save Changes"), this);
    m_save->setObjectName(QStringLiteral("saveGoal"));
    m_remove = new QPushButton(tr("Remove Goal"), this);
    m_remove->setObjectName(QStringLiteral("removeGoal"));
    m_achieved = new QPushButton(tr("Confirm Achieved"), this);
    m_achieved->setObjectName(QStringLiteral("confirmAchieved"));
    m_achieved->setToolTip(tr("The evidence meets the target; a person confirms the goal achieved."));
    connect(m_add, &QPushButton::clicked, this, [this] { emit addRequested(draft()); });
    connect(m_save, &QPushButton::clicked, this, [this] { emit saveRequested(m_goalId, draft()); });
    connect(m_remove, &QPushButton::clicked, this, [this] { emit removeRequested(m_goalId); });
    connect(m_achieved, &QPushButton::clicked, this, [this] { emit achievedRequested(m_goalId); });
    connect(m_statement, &QLineEdit::textChanged, this, &GoalEditor::updateButtons);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_achieved);
    buttons->addStretch(1);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_add);
    buttons->addWidget(m_save);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_source);
    layout->addLayout(form);
    layout->addWidget(createActions());
    layout->addLayout(buttons);
    layout->addStretch(1);
    clear();
}

QWidget *GoalEditor::createMeasure()
{
    auto *box = new QWidget(this);
    m_measureKind = new QComboBox(box);
    m_measureKind->setObjectName(QStringLiteral("goalMeasureKind"));
    m_measureKind->setAccessibleName(tr("Kind of measure"));
    m_measureKind->addItem(tr("Estimated level at least"), int(GoalMeasure::Kind::CompetencyLevel));
    m_measureKind->addItem(tr("Observations, at least"), int(GoalMeasure::Kind::ObservationCount));
    m_measureKind->addItem(tr("Exam percentile at least"), int(GoalMeasure::Kind::ExamPercentile));
    m_measureKind->addItem(tr("Confirmed by a person"), int(GoalMeasure::Kind::FreeText));
    m_target = new QDoubleSpinBox(box);
    m_target->setObjectName(QStringLiteral("goalTarget"));
    m_target->setAccessibleName(tr("Target"));
    m_target->setRange(0, 1000);
    m_target->setDecimals(1);
    m_target->setSingleStep(0.5);
    m_target->setMaximumWidth(120);
    m_observationKind = new QComboBox(box);
    m_observationKind->setAccessibleName(tr("Kind of observation"));
    m_observationKind->addItem(tr("any kind"), QString());
    m_observationKind->addItem(tr("assessments"), QStringLiteral("assessment"));
    m_observationKind->addItem(tr("EPA entrustments"), QStringLiteral("epa"));
    m_minRating = new QDoubleSpinBox(box);
    m_minRating->setAccessibleName(tr("Rated at least"));
    m_minRating->setRange(0, 10);
    m_minRating->setDecimals(1);
    m_minRating->setSingleStep(0.5);
    m_minRating->setSpecialValueText(tr("any rating"));
    m_minRating->setPrefix(tr("rated ≥ "));
    m_countOptions = new QWidget(box);
    auto *count = new QHBoxLayout(m_countOptions);
    count->setContentsMargins(0, 0, 0, 0);
    count->addWidget(m_observationKind);
    count->addWidget(m_minRating);
    m_instrument = new QLineEdit(box);
    m_instrument->setPlaceholderText(tr("exam (empty: any)"));
    m_instrument->setAccessibleName(tr("Exam"));
    m_measureText = new QLineEdit(box);
    m_measureText->setObjectName(QStringLiteral("goalMeasureText"));
    m_measureText->setPlaceholderText(tr("How a person will judge it"));
    m_measureText->setAccessibleName(tr("Measure a person confirms"));
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_measureKind);
    row->addWidget(m_target);
    row->addWidget(m_countOptions);
    row->addWidget(m_instrument, 1);
    row->addWidget(m_measureText, 1);
    row->addStretch(1);
    connect(m_measureKind, &QComboBox::currentIndexChanged, this, &GoalEditor::onMeasureKindChanged);
    return box;
}

QWidget *GoalEditor::createActions()
{
    auto *box = new QWidget(this);
    m_actions = new QTableWidget(0, 4, box);
    m_actions->setObjectName(QStringLiteral("goalActions"));
    m_actions->setAccessibleName(tr("Actions"));
    m_actions->setHorizontalHeaderLabels({tr("Action"), tr("Owner"), tr("Due"), tr("Done")});
    m_actions->horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    m_actions->horizontalHeader()->setSectionResizeMode(OwnerColumn, QHeaderView::ResizeToContents);
    m_actions->horizontalHeader()->setSectionResizeMode(DueColumn, QHeaderView::ResizeToContents);
    m_actions->horizontalHeader()->setSectionResizeMode(DoneColumn, QHeaderView::ResizeToContents);
    m_actions->verticalHeader()->hide();
    m_actions->setMinimumHeight(90);
    m_actions->setMaximumHeight(170);
    m_addAction = new QPushButton(tr("Add Action"), box);
    m_addAction->setObjectName(QStringLiteral("addAction"));
    m_removeAction = new QPushButton(tr("Remove Action"), box);
    connect(m_addAction, &QPushButton::clicked, this, [this] {
        addActionRow(GoalAction{0, {}, QStringLiteral("learner"), QDate::currentDate().addMonths(1), std::nullopt});
        m_actions->editItem(m_actions->item(m_actions->rowCount() - 1, DescriptionColumn));
    });
    connect(m_removeAction, &QPushButton::clicked, this, [this] {
        if (m_actions->currentRow() >= 0)
            m_actions->removeRow(m_actions->currentRow());
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(new QLabel(tr("<b>Actions</b> — who does what, by when"), box), 1);
    buttons->addWidget(m_addAction);
    buttons->addWidget(m_removeAction);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_actions, 1);
    return box;
}

void GoalEditor::addActionRow(const GoalAction &action)
{
    const int row = m_actions->rowCount();
    m_actions->insertRow(row);
    auto *description = new QTableWidgetItem(action.description);
    description->setData(Qt::UserRole, action.id);
    m_actions->setItem(row, DescriptionColumn, description);
    auto *owner = new QComboBox(m_actions);
    owner->addItem(tr("Learner"), QStringLiteral("learner"));
    owner->addItem(tr("Coach"), QStringLiteral("coach"));
    owner->addItem(tr("Program"), QStringLiteral("program"));
    owner->setCurrentIndex(std::max(0, owner->findData(action.owner)));
    owner->setEnabled(m_editable);
    m_actions->setCellWidget(row, OwnerColumn, owner);
    auto *due = dateEdit(m_actions, action.dueOn.value_or(QDate()));
    due->setEnabled(m_editable);
    m_actions->setCellWidget(row, DueColumn, due);
    m_actions->setCellWidget(row, DoneColumn, doneBox(action));
}

QCheckBox *GoalEditor::doneBox(const GoalAction &action)
{
    auto *done = new QCheckBox(m_actions);
    done->setObjectName(QStringLiteral("actionDone"));
    done->setChecked(action.doneOn.has_value());
    done->setText(action.doneOn ? QLocale().toString(*action.doneOn, QLocale::ShortFormat) : QString());
    done->setAccessibleName(tr("Done"));
    done->setToolTip(
        action.doneOn
            ? tr("Done on %1. Clear to mark it not done.").arg(QLocale().toString(*action.doneOn, QLocale::LongFormat))
            : action.id ? tr("Mark the action done today.")
                        : tr("Save the goal first, then mark its actions done."));
    // Only a stored action can be done; the box shows what the store says, not the click.
    done->setEnabled(m_editable && action.id != 0);
    const qint64 actionId = action.id;
    connect(done, &QCheckBox::clicked, this, [this, done, actionId](bool checked) {
        const QSignalBlocker block(done);
        done->setChecked(!checked);
        // Marking done reads the plan again, which would drop what was typed and not saved.
        if (hasUnsavedChanges()) {
            QMessageBox::information(this, tr("Unsaved Changes"),
                                     tr("Save the changes to this goal, or choose the goal again to discard "
                                        "them, before marking its actions done."));
            return;
        }
        emit actionDoneRequested(actionId, checked);
    });
    return done;
}

void GoalEditor::setCompetencies(const QList<core::goals::CompetencyChoice> &competencies)
{
    const QSignalBlocker block(m_competency);
    m_competency->clear();
    m_competency->addItem(tr("No competency"), qint64(0));
    for (const auto &c : competencies)
        m_competency->addItem(tr("%1 %2").arg(c.code, c.name), c.id);
}

void GoalEditor::setGoal(const GoalDraft &goal, qint64 goalId, bool metNotConfirmed)
{
    m_base = goal;
    m_goalId = goalId;
    m_met = metNotConfirmed;
    m_title->setText(goalId ? tr("<b>Goal</b>") : tr("<b>New goal</b>"));
    setSource({});
    m_statement->setText(goal.statement);
    m_competency->setCurrentIndex(std::max(0, m_competency->findData(goal.competencyId.value_or(0))));
    m_measureKind->setCurrentIndex(m_measureKind->findData(int(goal.measure.kind)));
    m_target->setValue(goal.measure.target);
    m_observationKind->setCurrentIndex(std::max(0, m_observationKind->findData(goal.measure.observationKind)));
    m_minRating->setValue(goal.measure.minRating.value_or(0));
    m_instrument->setText(goal.measure.instrument);
    m_measureText->setText(goal.measure.text);
    m_targetDate->setDate(goal.targetDate.value_or(QDate::currentDate().addMonths(3)));
    m_support->setText(goal.supportRequested);
    m_actions->setRowCount(0);
    for (const GoalAction &a : goal.actions)
        addActionRow(a);
    onMeasureKindChanged();
    // The form as shown, read back: what "unsaved" is measured against.
    m_shown = core::goals::PlanRecords::goalContent(draft());
}

bool GoalEditor::hasUnsavedChanges() const
{
    return core::goals::PlanRecords::goalContent(draft()) != m_shown;
}

void GoalEditor::setSource(const QString &text)
{
    m_source->setText(text);
    m_source->setVisible(!text.isEmpty());
}

void GoalEditor::clear()
{
    GoalDraft empty;
    empty.measure.kind = GoalMeasure::Kind::CompetencyLevel;
    empty.measure.target = 3;
    setGoal(empty, 0);
}

void GoalEditor::setEditable(bool editable)
{
    m_editable = editable;
    for (QWidget *w : std::initializer_list<QWidget *>{m_statement, m_competency, m_measureKind, m_target,
                                                       m_observationKind, m_minRating, m_instrument, m_measureText,
                                                       m_targetDate, m_support, m_actions, m_addAction, m_removeAction})
        w->setEnabled(editable);
    for (int r = 0; r < m_actions->rowCount(); ++r) {
        m_actions->cellWidget(r, OwnerColumn)->setEnabled(editable);
        m_actions->cellWidget(r, DueColumn)->setEnabled(editable);
        const QTableWidgetItem *item = m_actions->item(r, DescriptionColumn);
        m_actions->cellWidget(r, DoneColumn)
            ->setEnabled(editable && item && item->data(Qt::UserRole).toLongLong() != 0);
    }
    updateButtons();
}

GoalDraft GoalEditor::draft() const
{
    GoalDraft g = m_base; // keeps what the form does not show: the flag, the evidence window
    g.statement = m_statement->text().trimmed();
    const qint64 competency = m_competency->currentData().toLongLong();
    g.competencyId = competency ? std::optional<qint64>(competency) : std::nullopt;
    g.measure.kind = static_cast<GoalMeasure::Kind>(m_measureKind->currentData().toInt());
    g.measure.target = m_target->value();
    g.measure.observationKind = m_observationKind->currentData().toString();
    g.measure.minRating = m_minRating->value() > 0 ? std::optional<double>(m_minRating->value()) : std::nullopt;
    g.measure.instrument = m_instrument->text().trimmed();
    g.measure.text = m_measureText->text().trimmed();
    g.targetDate = m_targetDate->date();
    g.supportRequested = m_support->text().trimmed();
    g.actions.clear();
    for (int r = 0; r < m_actions->rowCount(); ++r) {
        const QTableWidgetItem *item = m_actions->item(r, DescriptionColumn);
        const auto *owner = qobject_cast<QComboBox *>(m_actions->cellWidget(r, OwnerColumn));
        const auto *due = qobject_cast<QDateEdit *>(m_actions->cellWidget(r, DueColumn));
        // The id lets core keep the action's done date when its text changes.
        g.actions.append(GoalAction{item ? item->data(Qt::UserRole).toLongLong() : 0,
                                    item ? item->text().trimmed() : QString(), owner->currentData().toString(),
                                    due->date(), std::nullopt});
    }
    return g;
}

void GoalEditor::onMeasureKindChanged()
{
    const auto kind = static_cast<GoalMeasure::Kind>(m_measureKind->currentData().toInt());
    m_target->setVisible(kind != GoalMeasure::Kind::FreeText);
    m_countOptions->setVisible(kind == GoalMeasure::Kind::ObservationCount);
    m_instrument->setVisible(kind == GoalMeasure::Kind::ExamPercentile);
    m_measureText->setVisible(kind == GoalMeasure::Kind::FreeText);
    m_target->setDecimals(kind == GoalMeasure::Kind::CompetencyLevel ? 1 : 0);
    m_target->setSingleStep(kind == GoalMeasure::Kind::CompetencyLevel ? 0.5 : 1);
}

void GoalEditor::updateButtons()
{
    const bool hasText = !m_statement->text().trimmed().isEmpty();
    m_add->setVisible(m_editable);
    m_save->setVisible(m_editable && m_goalId);
    m_remove->setVisible(m_editable && m_goalId);
    m_add->setEnabled(hasText);
    m_save->setEnabled(hasText);
    m_achieved->setVisible(m_editable && m_goalId && m_met);
}

} // namespace pme::ui
