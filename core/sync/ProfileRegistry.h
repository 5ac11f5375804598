// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "sync/MappingProfile.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace pme::core {

/// The mapping profiles a sync can use: the built-in ones and those a user saved (JSON files
/// in the profiles folder). Suggests a profile for a file from its header.
class ProfileRegistry final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::ProfileRegistry)

public:
    /// Built-ins plus the user's folder (default: the data directory's "profiles" folder).
    static Result<ProfileRegistry> load(const QString &userFolder = defaultUserFolder());
    static QString defaultUserFolder();

    const QList<MappingProfile> &profiles() const { return m_profiles; }
    const MappingProfile *find(const QString &name) const;
    /// The profile whose detection columns the header has, preferring the most specific.
    const MappingProfile *detect(const QStringList &header) const;
    /// Adds or replaces a profile (also on disk, in the user folder). Built-ins cannot be replaced.
    Result<QString> save(const MappingProfile &profile);
    /// Reads a profile file and adds it for this session.
    Result<const MappingProfile *> addFile(const QString &path);

private:
    QList<MappingProfile> m_profiles;
    QStringList m_builtInNames;
    QString m_userFolder;
};

} // namespace pme::core
