// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/AuditTableModel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <array>

namespace pme::ui {

namespace {

struct ActionName {
    QLatin1String key;
    const char *label;
};

constexpr std::array<ActionName, 28> kActions = {{
    {core::AuditAction::Login, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Signed in")},
    {core::AuditAction::LoginFailed, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Sign-in refused")},
    {core::AuditAction::Unlock, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Unlocked the window")},
    {core::AuditAction::UnlockFailed, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Unlock refused")},
    {core::AuditAction::UserCreated, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Account created")},
    {core::AuditAction::UserActivated, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Account reactivated")},
    {core::AuditAction::UserDeactivated, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Account deactivated")},
    {core::AuditAction::PasswordSet, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Password set by an administrator")},
    {core::AuditAction::PasswordChanged, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Password changed")},
    {core::AuditAction::RoleAdded, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Role added")},
    {core::AuditAction::RoleRemoved, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Role removed")},
    {core::AuditAction::CoachAssigned, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Coach assigned")},
    {core::AuditAction::CoachUnassigned, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Coach assignment ended")},
    {core::AuditAction::LearnerLinked, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Account linked to a learner")},
    {core::AuditAction::Sync, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Export file synced")},
    {core::AuditAction::FrameworksImported, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Frameworks imported")},
    {core::AuditAction::ProfileViewed, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Learner profile viewed")},
    {core::AuditAction::NoteShared, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Coaching note shared")},
    {core::AuditAction::PlanShared, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Goal plan shared")},
    {core::AuditAction::PlanCreated, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Goal plan started")},
    {core::AuditAction::PlanRevised, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Goal plan changed")},
    {core::AuditAction::PlanCommented, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Goal plan commented")},
    {core::AuditAction::PlanSigned, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Goal plan signed")},
    {core::AuditAction::GoalAchieved, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Goal confirmed achieved")},
    {core::AuditAction::GoalActionDone,
     QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Goal action marked done or not done")},
    {core::AuditAction::PlanClosed, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Goal plan closed")},
    {core::AuditAction::PlanViewed, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Shared goal plan viewed")},
    {core::AuditAction::NoteWritten, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "Coaching note written")},
}};

// CCC meeting mode (docs/ccc.md).
constexpr std::array<ActionName, 7> kCccActions = {{
    {core::AuditAction::CccMeetingPrepared, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "CCC meeting prepared")},
    {core::AuditAction::CccAgendaReordered, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "CCC agenda reordered")},
    {core::AuditAction::CccMeetingStatusChanged,
     QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "CCC meeting started or closed")},
    {core::AuditAction::CccPacketViewed, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "CCC packet read")},
    {core::AuditAction::CccDecisionFinalized, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "CCC decision finalised")},
    {core::AuditAction::CccDecisionSuperseded,
     QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "CCC decision superseded")},
    {core::AuditAction::CccReportExported, QT_TRANSLATE_NOOP("pme::ui::AuditTableModel", "CCC report written")},
}};

} // namespace

AuditTableModel::AuditTableModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void AuditTableModel::setEntries(QList<core::AuditEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

void AuditTableModel::setLearnerNames(QHash<qint64, QString> names)
{
    m_learnerNames = std::move(names);
    if (!m_entries.isEmpty())
        emit dataChanged(index(0, LearnerColumn), index(rowCount() - 1, LearnerColumn));
}

QString AuditTableModel::actionLabel(const QString &action)
{
    for (const ActionName &name : kActions) {
        if (action == name.key)
            return QCoreApplication::translate("pme::ui::AuditTableModel", name.label);
    }
    for (const ActionName &name : kCccActions) {
        if (action == name.key)
            return QCoreApplication::translate("pme::ui::AuditTableModel", name.label);
    }
    return action;
}

QStringList AuditTableModel::knownActions()
{
    QStringList keys;
    for (const ActionName &name : kActions)
        keys << QString(name.key);
    for (const ActionName &name : kCccActions)
        keys << QString(name.key);
    return keys;
}

int AuditTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int AuditTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AuditTableModel::jsonText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? tr("yes") : tr("no");
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return tr("none");
    case QJsonValue::Array: {
        QStringList items;
        for (const QJsonValue &item : value.toArray())
            items << jsonText(item);
        return items.isEmpty() ? tr("none") : items.join(QStringLiteral(", "));
    }
    case QJsonValue::Object:
        break;
    }
    const QJsonObject object = value.toObject();
    // A role grant, as account changes record them: {"role": "coach", "program_id": 3}.
    if (object.contains(QStringLiteral("role")) && object.contains(QStringLiteral("program_id"))) {
        const QJsonValue program = object.value(QStringLiteral("program_id"));
        return program.isNull()
            ? tr("%1 (every program)").arg(object.value(QStringLiteral("role")).toString())
            : tr("%1 (program %2)").arg(object.value(QStringLiteral("role")).toString(), jsonText(program));
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString AuditTableModel::readableDetails(const QString &json)
{
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    if (object.isEmpty())
        return json;
    QStringList parts;
    for (auto it = object.begin(); it != object.end(); ++it)
        parts << tr("%1: %2").arg(it.key(), jsonText(it.value()));
    return parts.join(QStringLiteral("; "));
}

QVariant AuditTableModel::display(const core::AuditEntry &entry, int column) const
{
    switch (column) {
    case IdColumn:
        return entry.id;
    case TimeColumn:
        return QLocale().toString(QDateTime::fromString(entry.at, Qt::ISODateWithMs).toLocalTime(),
                                  QLocale::ShortFormat);
    case UserColumn:
        return entry.username.isEmpty() ? tr("(nobody)") : entry.username;
    case ActionColumn:
        return actionLabel(entry.action);
    case LearnerColumn:
        if (!entry.learnerId)
            return QString();
        return m_learnerNames.contains(*entry.learnerId)
            ? tr("%1 (#%2)").arg(m_learnerNames.value(*entry.learnerId)).arg(*entry.learnerId)
            : tr("#%1").arg(*entry.learnerId);
    case DetailsColumn:
        return readableDetails(entry.details);
    default:
        return {};
    }
}

QVariant AuditTableModel::raw(const core::AuditEntry &entry, int column) const
{
    switch (column) {
    case IdColumn:
        return entry.id;
    case TimeColumn:
        return entry.at;
    case UserColumn:
        return entry.userId ? QVariant(*entry.userId) : QVariant();
    case ActionColumn:
        return entry.action;
    case LearnerColumn:
        return entry.learnerId ? QVariant(*entry.learnerId) : QVariant();
    case DetailsColumn:
        return entry.details;
    default:
        return {};
    }
}

QVariant AuditTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::AuditEntry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(entry, index.column());
    case Qt::ToolTipRole:
        if (index.column() == ActionColumn)
            return entry.action;
        if (index.column() == TimeColumn)
            return entry.at;
        return index.column() == DetailsColumn ? display(entry, index.column()) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == IdColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case RawRole:
        return raw(entry, index.column());
    default:
        return {};
    }
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("Entry");
    case TimeColumn:
        return tr("Time");
    case UserColumn:
        return tr("User");
    case ActionColumn:
        return tr("Action");
    case LearnerColumn:
        return tr("Learner");
    case DetailsColumn:
        return tr("Details");
    default:
        return {};
    }
}

} // namespace pme::ui
