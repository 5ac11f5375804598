// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/UserBadge.h"

#include <QHBoxLayout>
#include <QLabel>

#include <algorithm>

namespace pme::ui {

UserBadge::UserBadge(const core::ActingUser &user, QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("userBadge"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    if (user.isDemo()) {
        auto *demo = new QLabel(tr("DEMO"), this);
        demo->setObjectName(QStringLiteral("demoTag"));
        demo->setToolTip(tr("A demo account, with a published password: for demonstrations only."));
        demo->setStyleSheet(QStringLiteral("QLabel { background: #ffd400; color: #000000; font-weight: bold; "
                                           "padding: 1px 8px; border-radius: 3px; }"));
        layout->addWidget(demo);
    }
    auto *who = new QLabel(tr("Signed in as %1").arg(describe(user)), this);
    who->setObjectName(QStringLiteral("signedInLabel"));
    who->setTextFormat(Qt::PlainText);
    layout->addWidget(who);
}

QString UserBadge::describe(const core::ActingUser &user)
{
    QStringList roles;
    for (core::Role role : core::kAllRoles) {
        if (user.hasRole(role))
            roles << core::roleDisplayName(role);
    }
    // Highest responsibility first reads better: "Program director, Coach".
    std::reverse(roles.begin(), roles.end());
    return roles.isEmpty() ? user.displayName()
                           : tr("%1 (%2)").arg(user.displayName(), roles.join(QStringLiteral(", ")));
}

} // namespace pme::ui
