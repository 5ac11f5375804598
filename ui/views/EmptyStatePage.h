// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace pme::ui {

/// A page with nothing to show yet: it says what will appear here and how to get there.
class EmptyStatePage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyStatePage)

public:
    EmptyStatePage(const QString &title, const QString &explanation, QWidget *parent = nullptr);

    /// A line under the explanation for what to do next (rich text allowed).
    void setHint(const QString &hint);
    /// Extra content under the hint, such as a button.
    void addWidget(QWidget *widget);

private:
    QLabel *m_hint = nullptr;
    QVBoxLayout *m_content = nullptr;
};

} // namespace pme::ui
