// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/FlagPanel.h"

#include "models/FlagTableModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace pme::ui {

using core::analytics::FlagStore;

FlagPanel::FlagPanel(QWidget *parent) : QWidget(parent), m_model(new FlagTableModel(this))
{
    setObjectName(QStringLiteral("flagPanel"));
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("flagTable"));
    m_table->setAccessibleName(tr("Flags"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(FlagTableModel::RuleColumn, QHeaderView::Stretch);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &FlagPanel::onSelectionChanged);

    const auto wrapped = [this](const char *name) {
        auto *label = new QLabel(this);
        label->setObjectName(QLatin1String(name));
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return label;
    };
    m_explanation = wrapped("flagExplanation");
    m_validity = wrapped("flagValidity");
    m_evidence = wrapped("flagEvidence");
    m_message = wrapped("flagMessage");
    m_goals = wrapped("flagGoals");
    QFont smaller = m_validity->font();
    smaller.setPointSizeF(smaller.pointSizeF() * 0.92);
    m_validity->setFont(smaller);

    m_note = new QLineEdit(this);
    m_note->setObjectName(QStringLiteral("flagNote"));
    m_note->setPlaceholderText(tr("Reason or comment (a dismissal needs a reason)"));
    m_note->setAccessibleName(tr("Reason or comment"));
    m_acknowledge = new QPushButton(tr("Acknowledge"), this);
    m_acknowledge->setObjectName(QStringLiteral("acknowledgeFlag"));
    m_resolve = new QPushButton(tr("Resolve"), this);
    m_resolve->setObjectName(QStringLiteral("resolveFlag"));
    m_dismiss = new QPushButton(tr("Dismiss"), this);
    m_dismiss->setObjectName(QStringLiteral("dismissFlag"));
    m_comment = new QPushButton(tr("Comment"), this);
    m_comment->setObjectName(QStringLiteral("commentFlag"));
    connect(m_acknowledge, &QPushButton::clicked, this, [this] { request(FlagStore::State::Acknowledged); });
    connect(m_resolve, &QPushButton::clicked, this, [this] { request(FlagStore::State::Resolved); });
    connect(m_dismiss, &QPushButton::clicked, this, [this] { request(FlagStore::State::Dismissed); });
    connect(m_comment, &QPushButton::clicked, this, [this] {
        if (m_selected && !m_note->text().trimmed().isEmpty())
            emit commentRequested(m_selected, m_note->text().trimmed());
    });
    connect(m_note, &QLineEdit::textChanged, this, &FlagPanel::updateButtons);
    m_goalFromFlag = new QPushButton(tr("Create a Goal from This…"), this);
    m_goalFromFlag->setObjectName(QStringLiteral("goalFromFlag"));
    m_goalFromFlag->setToolTip(tr("Open the Goals page with a goal proposed from this flag."));
    m_goalFromFlag->hide();
    connect(m_goalFromFlag, &QPushButton::clicked, this, [this] {
        if (m_selected)
            emit goalFromFlagRequested(m_selected);
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_acknowledge);
    buttons->addWidget(m_resolve);
    buttons->addWidget(m_dismiss);
    buttons->addStretch(1);
    buttons->addWidget(m_comment);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_explanation);
    layout->addWidget(m_validity);
    layout->addWidget(m_evidence);
    auto *goalRow = new QHBoxLayout;
    goalRow->addWidget(m_goals, 1);
    goalRow->addWidget(m_goalFromFlag, 0, Qt::AlignTop);
    layout->addLayout(goalRow);
    layout->addWidget(m_note);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    onSelectionChanged();
}

void FlagPanel::setFlags(const QList<core::analytics::FlagView> &flags, bool mayDecide, bool mayComment)
{
    const qint64 keep = m_selected;
    m_mayDecide = mayDecide;
    m_mayComment = mayComment;
    m_model->setFlags(flags);
    m_table->resizeColumnsToContents();
    m_selected = 0;
    if (!keep || !selectFlag(keep))
        onSelectionChanged();
}

bool FlagPanel::selectFlag(qint64 flagId)
{
    const int row = m_model->rowOf(flagId);
    if (row < 0)
        return false;
    m_table->selectRow(row);
    m_table->scrollTo(m_model->index(row, 0));
    return true;
}

void FlagPanel::onSelectionChanged()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    m_message->clear();
    if (rows.isEmpty()) {
        m_selected = 0;
        m_explanation->setText(m_model->rowCount() == 0
                                   ? tr("No flags: no rule found anything to raise.")
                                   : tr("Select a flag to see why it was raised and its evidence."));
        m_validity->clear();
        m_evidence->clear();
        m_goals->clear();
        m_goalFromFlag->hide();
        updateButtons();
        emit flagSelected(0, {}, std::nullopt);
        return;
    }
    const core::analytics::FlagView &flag = m_model->flag(rows.first().row());
    m_selected = flag.id;
    QString state = FlagTableModel::stateText(flag.state);
    if (!flag.stateReason.isEmpty())
        state = tr("%1: %2").arg(state, flag.stateReason);
    m_explanation->setText(
        tr("<b>%1</b> (%2)<br>%3")
            .arg(flag.ruleTitle.toHtmlEscaped(), state.toHtmlEscaped(), flag.explanation.toHtmlEscaped()));
    m_validity->setText(flag.validityText());
    m_evidence->setText(flag.evidence.empty() ? tr("This flag names no observation as evidence.")
                                              : tr("%n observation(s) behind it, marked ◆ and ringed on the chart.",
                                                   nullptr, int(flag.evidence.size())));
    m_goals->clear();
    m_goalFromFlag->hide();
    updateButtons();
    emit flagSelected(flag.id, QList<qint64>(flag.evidence.begin(), flag.evidence.end()), flag.competencyId);
}

void FlagPanel::updateButtons()
{
    const bool selected = m_selected != 0;
    QString state;
    if (selected)
        state = m_model->flag(m_model->rowOf(m_selected)).state;
    m_acknowledge->setVisible(m_mayDecide);
    m_resolve->setVisible(m_mayDecide);
    m_dismiss->setVisible(m_mayDecide);
    m_acknowledge->setEnabled(selected && state == QLatin1String("open"));
    m_resolve->setEnabled(selected && state != QLatin1String("resolved"));
    m_dismiss->setEnabled(selected && state != QLatin1String("dismissed") && !m_note->text().trimmed().isEmpty());
    m_dismiss->setToolTip(tr("Type the reason first: a dismissal needs one."));
    m_comment->setVisible(m_mayComment);
    m_note->setVisible(m_mayComment || m_mayDecide);
    m_comment->setEnabled(selected && !m_note->text().trimmed().isEmpty());
}

void FlagPanel::request(FlagStore::State state)
{
    if (m_selected)
        emit stateRequested(m_selected, state, m_note->text().trimmed());
}

void FlagPanel::setGoalLinks(qint64 flagId, const QList<core::goals::FlagGoalLink> &links, bool mayCreate)
{
    if (flagId != m_selected)
        return;
    QStringList lines;
    for (const core::goals::FlagGoalLink &link : links)
        lines << tr("Goal from this flag: “%1” in %2")
                     .arg(link.statement.toHtmlEscaped(), link.planTitle.toHtmlEscaped());
    m_goals->setText(lines.join(QStringLiteral("<br>")));
    m_goalFromFlag->setVisible(mayCreate);
}

void FlagPanel::showMessage(const QString &text, bool problem)
{
    m_message->setText(problem ? tr("<b>%1</b>").arg(text.toHtmlEscaped()) : text.toHtmlEscaped());
    if (!problem)
        m_note->clear();
}

} // namespace pme::ui
