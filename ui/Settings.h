// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSettings>
#include <QString>
#include <QVariant>

namespace pme::ui {

/// A typed setting, declared once with its key and default (see Settings below).
template<typename T>
class Setting {
public:
    constexpr Setting(const char *key, T defaultValue) : m_key(key), m_default(std::move(defaultValue)) {}

    T get() const
    {
        const QVariant value = QSettings().value(QLatin1String(m_key));
        return value.isValid() && value.canConvert<T>() ? value.value<T>() : m_default;
    }
    void set(const T &value) const { QSettings().setValue(QLatin1String(m_key), QVariant::fromValue(value)); }

private:
    const char *m_key;
    T m_default;
};

/// Every setting the desktop application keeps, in one place.
namespace Settings {
inline const Setting<QByteArray> mainWindowGeometry{"mainWindow/geometry", {}};
inline const Setting<QByteArray> mainWindowState{"mainWindow/state", {}};
inline const Setting<int> currentPage{"mainWindow/page", 0};
/// After this many seconds without keyboard or mouse input the window locks (Settings page:
/// whole minutes; tests set a second or two).
inline const Setting<int> idleLockSeconds{"security/idleLockSeconds", 10 * 60};
/// The cohort view's filters and sort, restored when it opens again.
inline const Setting<QString> cohortProgram{"cohort/program", {}};
inline const Setting<QString> cohortStage{"cohort/stage", {}};
inline const Setting<bool> cohortFlaggedOnly{"cohort/flaggedOnly", false};
inline const Setting<bool> cohortFormerLearners{"cohort/formerLearners", false};
inline const Setting<QString> cohortSearch{"cohort/search", {}};
inline const Setting<int> cohortSortColumn{"cohort/sortColumn", 3};
inline const Setting<int> cohortSortOrder{"cohort/sortOrder", int(Qt::DescendingOrder)};
inline const Setting<QByteArray> cohortHeaderState{"cohort/header", {}};
inline const Setting<QByteArray> profileSplitterState{"profile/splitter", {}};
} // namespace Settings

} // namespace pme::ui
