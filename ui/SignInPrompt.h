// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "governance/ActingUser.h"

#include <QString>

#include <functional>
#include <optional>

class QWidget;

namespace pme::core {
class GovernedStore;
}

namespace pme::ui {

/// The seam around the modal sign-in dialogs: asks who is there, with the first-run
/// administrator dialog while the store has no administrator and the sign-in dialog
/// otherwise. Tests install an answerer so nothing blocks (like FileDialogs).
class SignInPrompt final {
public:
    using Answerer = std::function<std::optional<core::ActingUser>(core::GovernedStore &store)>;

    /// The person signed in, nothing when they cancelled, or why the store cannot be used.
    static core::Result<std::optional<core::ActingUser>> ask(QWidget *parent, core::GovernedStore &store,
                                                             const QString &username = {});
    /// Replaces the real dialogs (nullptr restores them).
    static void setAnswerer(Answerer answerer);

private:
    static Answerer s_answerer;
};

} // namespace pme::ui
