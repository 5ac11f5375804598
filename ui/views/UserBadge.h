// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "governance/ActingUser.h"

#include <QWidget>

namespace pme::ui {

/// Who is signed in, with their roles, for the status bar; a demo account carries a DEMO
/// tag that cannot be missed (and is said in words, not by colour alone).
class UserBadge final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserBadge)

public:
    explicit UserBadge(const core::ActingUser &user, QWidget *parent = nullptr);

    /// "Ana Diaz (Coach, CCC member)".
    static QString describe(const core::ActingUser &user);
};

} // namespace pme::ui
