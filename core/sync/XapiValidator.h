// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "XapiStatement.h"

#include <QCoreApplication>

#include <memory>
#include <string_view>
#include <variant>

namespace pme::core {

/// A statement that passed validation, or every reason it did not.
using XapiOutcome = std::variant<XapiStatement, QList<XapiIssue>>;

/// Checks one xAPI statement against xAPI 1.0.3 (and 2.0 where the two agree) and reduces it
/// to an XapiStatement. What is enforced and what is tolerated is docs/xapi-import-policy.md.
/// Keep one validator for a whole import: it reuses its parser's buffers.
class XapiValidator final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::XapiValidator)

public:
    XapiValidator();
    ~XapiValidator();
    Q_DISABLE_COPY_MOVE(XapiValidator)

    /// json is the UTF-8 text of one statement object.
    XapiOutcome validate(std::string_view json);

private:
    struct Parser;
    std::unique_ptr<Parser> m_parser;
};

} // namespace pme::core
