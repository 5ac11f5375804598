// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/AccountRules.h"

#include <QRegularExpression>

namespace pme::core {

Result<QString> AccountRules::checkUsername(const QString &username)
{
    // No spaces or punctuation beyond these: names get typed on sign-in screens, shown in
    // the audit log and passed on command lines.
    static const QRegularExpression validName(QStringLiteral("^[\\p{L}\\p{N}._@-]{2,64}$"));
    const QString trimmed = username.trimmed();
    if (!validName.match(trimmed).hasMatch())
        return makeError(ErrorKind::BadInput,
                         tr("A user name has 2 to 64 letters, digits, dots, dashes, underscores or @ "
                            "signs, without spaces."));
    return trimmed;
}

Result<void> AccountRules::checkPassword(const QString &username, const QString &password)
{
    // Length is what makes a password hard to guess; composition rules mostly make people
    // write them down (NIST SP 800-63B), so there are none.
    if (password.size() < kMinPasswordLength)
        return makeError(ErrorKind::BadInput,
                         tr("A password needs at least %n characters.", nullptr, kMinPasswordLength));
    if (password.compare(username.trimmed(), Qt::CaseInsensitive) == 0)
        return makeError(ErrorKind::BadInput, tr("A password must not be the user name."));
    return {};
}

} // namespace pme::core
