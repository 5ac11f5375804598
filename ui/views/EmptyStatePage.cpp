// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/EmptyStatePage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace pme::ui {

EmptyStatePage::EmptyStatePage(const QString &title, const QString &explanation, QWidget *parent)
    : QWidget(parent)
{
    auto *titleLabel = new QLabel(title, this);
    QFont titleFont = titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    titleLabel->setFont(titleFont);
    titleLabel->setObjectName(QStringLiteral("emptyStateTitle"));

    auto *explanationLabel = new QLabel(explanation, this);
    explanationLabel->setWordWrap(true);
    explanationLabel->setObjectName(QStringLiteral("emptyStateExplanation"));

    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::RichText);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    m_hint->setObjectName(QStringLiteral("emptyStateHint"));
    m_hint->hide();

    auto *column = new QWidget(this);
    column->setMaximumWidth(760);
    column->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_content = new QVBoxLayout(column);
    m_content->setContentsMargins(0, 0, 0, 0);
    m_content->setSpacing(14);
    m_content->addWidget(titleLabel);
    m_content->addWidget(explanationLabel);
    m_content->addWidget(m_hint);

    // Stretches either side centre the column without squeezing its word-wrapped labels.
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 4);
    row->addStretch(1);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(48, 56, 48, 48);
    outer->addLayout(row);
    outer->addStretch(1);
}

void EmptyStatePage::setHint(const QString &hint)
{
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
}

void EmptyStatePage::addWidget(QWidget *widget)
{
    m_content->addWidget(widget, 0, Qt::AlignLeft);
}

} // namespace pme::ui
