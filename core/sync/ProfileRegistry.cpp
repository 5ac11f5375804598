// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/ProfileRegistry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace pme::core {

namespace {

Result<MappingProfile> readProfile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorKind::Io, ProfileRegistry::tr("Cannot read %1: %2.").arg(path, file.errorString()));
    return MappingProfile::fromJson(file.readAll(), QFileInfo(path).fileName());
}

} // namespace

QString ProfileRegistry::defaultUserFolder()
{
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return data.isEmpty() ? QString() : QDir(data).filePath(QStringLiteral("profiles"));
}

Result<ProfileRegistry> ProfileRegistry::load(const QString &userFolder)
{
    ProfileRegistry registry;
    registry.m_userFolder = userFolder;
    const QDir builtIn(QStringLiteral(":/pme/profiles"));
    for (const QString &name : builtIn.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        auto profile = readProfile(builtIn.filePath(name));
        if (!profile)
            return profile.error();
        registry.m_builtInNames << profile->name;
        registry.m_profiles.append(std::move(profile).value());
    }
    if (!userFolder.isEmpty()) {
        const QDir user(userFolder);
        for (const QString &name : user.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
            auto profile = readProfile(user.filePath(name));
            // One broken user file must not hide the others; it shows up when used by name.
            if (profile && !registry.m_builtInNames.contains(profile->name))
                registry.m_profiles.append(std::move(profile).value());
        }
    }
    return registry;
}

const MappingProfile *ProfileRegistry::find(const QString &name) const
{
    for (const MappingProfile &profile : m_profiles) {
        if (profile.name == name)
            return &profile;
    }
    return nullptr;
}

const MappingProfile *ProfileRegistry::detect(const QStringList &header) const
{
    QStringList normalized;
    for (const QString &column : header)
        normalized << normalizedColumnName(column);
    const MappingProfile *best = nullptr;
    for (const MappingProfile &profile : m_profiles) {
        if (profile.detectColumns.isEmpty())
            continue;
        bool all = true;
        for (const QString &column : profile.detectColumns)
            all = all && normalized.contains(normalizedColumnName(column));
        if (all && (!best || profile.detectColumns.size() > best->detectColumns.size()))
            best = &profile;
    }
    return best;
}

Result<QString> ProfileRegistry::save(const MappingProfile &profile)
{
    if (auto r = profile.validate(profile.name); !r)
        return r.error();
    if (m_builtInNames.contains(profile.name))
        return makeError(ErrorKind::Conflict,
                         tr("'%1' is a built-in profile; save yours under another name.").arg(profile.name));
    if (m_userFolder.isEmpty() || !QDir().mkpath(m_userFolder))
        return makeError(ErrorKind::Io, tr("There is no folder to save profiles in."));
    const QString path = QDir(m_userFolder).filePath(profile.name + QStringLiteral(".json"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(profile.toJson()) < 0 || !file.commit())
        return makeError(ErrorKind::Io, tr("Cannot save the profile to %1: %2.").arg(path, file.errorString()));
    for (MappingProfile &existing : m_profiles) {
        if (existing.name == profile.name) {
            existing = profile;
            return path;
        }
    }
    m_profiles.append(profile);
    return path;
}

Result<const MappingProfile *> ProfileRegistry::addFile(const QString &path)
{
    auto profile = readProfile(path);
    if (!profile)
        return profile.error();
    for (MappingProfile &existing : m_profiles) {
        if (existing.name == profile->name) {
            if (m_builtInNames.contains(existing.name))
                return makeError(ErrorKind::Conflict, tr("'%1' is the name of a built-in profile.").arg(existing.name));
            existing = std::move(profile).value();
            return static_cast<const MappingProfile *>(&existing);
        }
    }
    m_profiles.append(std::move(profile).value());
    return static_cast<const MappingProfile *>(&m_profiles.last());
}

} // namespace pme::core
