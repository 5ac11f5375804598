// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/PlanHistoryText.h"

#include "domain/Dates.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>

namespace pme::ui {

using core::goals::GoalPlan;
using core::goals::PlanEvent;

namespace {

QString fieldName(const QString &field)
{
    static const QHash<QString, const char *> names{
        {QStringLiteral("statement"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "the statement")},
        {QStringLiteral("competency"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "the competency")},
        {QStringLiteral("measure_kind"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "the kind of measure")},
        {QStringLiteral("measure"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "the measure")},
        {QStringLiteral("target_date"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "the target date")},
        {QStringLiteral("support"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "the support asked")},
        {QStringLiteral("actions"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "the actions")},
        {QStringLiteral("from_flag"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "the flag it came from")},
        {QStringLiteral("title"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "the title")},
        {QStringLiteral("period"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "the period")},
        {QStringLiteral("starts_on"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "the start")},
        {QStringLiteral("ends_on"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "the end")},
    };
    const auto it = names.constFind(field);
    return it == names.constEnd() ? field : PlanHistoryText::tr(it.value());
}

/// The words for a measure's JSON keys (GoalMeasure::toJson()).
QString measureKey(const QString &key)
{
    static const QHash<QString, const char *> names{
        {QStringLiteral("level"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "level")},
        {QStringLiteral("count"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "count")},
        {QStringLiteral("kind"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "kind")},
        {QStringLiteral("min_rating"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "rated at least")},
        {QStringLiteral("percentile"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "percentile")},
        {QStringLiteral("instrument"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "exam")},
        {QStringLiteral("since"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "counted from")},
        {QStringLiteral("text"), QT_TRANSLATE_NOOP("pme::ui::PlanHistoryText", "judged by")},
    };
    const auto it = names.constFind(key);
    return it == names.constEnd() ? key : PlanHistoryText::tr(it.value());
}

QString valueText(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return PlanHistoryText::tr("nothing");
    if (value.isString()) {
        if (const auto date = core::parseIsoDate(value.toString()))
            return QLocale().toString(*date, QLocale::ShortFormat);
        return QStringLiteral("“%1”").arg(value.toString());
    }
    if (value.isDouble())
        return QLocale().toString(value.toDouble());
    if (value.isArray())
        return PlanHistoryText::tr("%n action(s)", nullptr, static_cast<int>(value.toArray().size()));
    QStringList parts;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        parts << PlanHistoryText::tr("%1 %2").arg(measureKey(it.key()), valueText(it.value()));
    return parts.join(QStringLiteral(", "));
}

QString changesText(const QJsonArray &changes)
{
    QStringList parts;
    for (const QJsonValue &v : changes) {
        const QJsonObject c = v.toObject();
        parts << PlanHistoryText::tr("%1 from %2 to %3")
                     .arg(fieldName(c.value(QStringLiteral("field")).toString()),
                          valueText(c.value(QStringLiteral("from"))), valueText(c.value(QStringLiteral("to"))));
    }
    return parts.join(QStringLiteral("; "));
}

QString goalName(const PlanEvent &e, const GoalPlan &plan)
{
    if (e.body.contains(QStringLiteral("statement")))
        return e.body.value(QStringLiteral("statement")).toString();
    if (e.goalId)
        if (const auto *goal = plan.goal(*e.goalId))
            return goal->draft.statement;
    return {};
}

QString whenText(const QString &at)
{
    const QDateTime time = QDateTime::fromString(at, Qt::ISODateWithMs).toLocalTime();
    return QLocale().toString(time, QLocale::ShortFormat);
}

} // namespace

QString PlanHistoryText::shortHash(const QByteArray &hash)
{
    return QString::fromLatin1(hash.toHex().left(12));
}

QString PlanHistoryText::describe(const PlanEvent &e, const GoalPlan &plan)
{
    const QString kind = e.kind;
    if (kind == QLatin1String("drafted"))
        return tr("started the plan %1.").arg(valueText(e.body.value(QStringLiteral("title"))));
    if (kind == QLatin1String("proposed"))
        return tr("proposed a goal: %1.")
            .arg(valueText(e.body.value(QStringLiteral("goal")).toObject().value(QStringLiteral("statement"))));
    if (kind == QLatin1String("revised")) {
        if (e.body.contains(QStringLiteral("removed")))
            return tr("removed the goal %1.").arg(valueText(e.body.value(QStringLiteral("removed"))));
        const QString changes = changesText(e.body.value(QStringLiteral("changes")).toArray());
        return e.goalId ? tr("revised the goal “%1”: %2.").arg(goalName(e, plan), changes)
                        : tr("revised the plan: %1.").arg(changes);
    }
    if (kind == QLatin1String("commented"))
        return tr("commented: “%1”").arg(e.body.value(QStringLiteral("text")).toString());
    if (kind == QLatin1String("signed"))
        return tr("signed version %1 as the %2 (version hash %3).")
            .arg(e.planVersion)
            .arg(e.body.value(QStringLiteral("as")).toString() == QLatin1String("learner") ? tr("learner")
                                                                                           : tr("coach"),
                 shortHash(e.versionHash));
    if (kind == QLatin1String("agreement_reopened"))
        return tr("changed the plan after it was signed: the agreement is reopened, and both sign again.");
    if (kind == QLatin1String("achieved"))
        return tr("confirmed the goal “%1” achieved.").arg(goalName(e, plan));
    if (kind == QLatin1String("action_done") || kind == QLatin1String("action_undone")) {
        const QString action = e.body.value(QStringLiteral("action")).toString();
        return kind == QLatin1String("action_done")
            ? tr("marked the action “%1” done (goal “%2”).").arg(action, goalName(e, plan))
            : tr("marked the action “%1” not done after all (goal “%2”).").arg(action, goalName(e, plan));
    }
    if (kind == QLatin1String("shared"))
        return e.body.value(QStringLiteral("visibility")).toString() == QLatin1String("program")
            ? tr("shared the plan with the program.")
            : tr("made the plan private to the learner and coach again.");
    if (kind == QLatin1String("closed"))
        return tr("closed the plan.");
    return kind;
}

QString PlanHistoryText::html(const GoalPlan &plan)
{
    QString out;
    QHash<int, QSet<QString>> signedAs; // version → 'learner' / 'coach'
    for (const PlanEvent &e : plan.history) {
        const bool comment = e.kind == QLatin1String("commented");
        const QString style = comment
            ? QStringLiteral("margin: 4px 0 8px 18px; padding: 4px; background-color: #eef3f8;")
            : QStringLiteral("margin: 4px 0 8px 0;");
        out += QStringLiteral("<p style=\"%1\"><b>%2</b> <span style=\"color: #666666;\">· %3</span><br>%4</p>")
                   .arg(style, e.authorName.toHtmlEscaped(), whenText(e.at).toHtmlEscaped(),
                        describe(e, plan).toHtmlEscaped());
        if (e.kind == QLatin1String("signed")) {
            QSet<QString> &who = signedAs[e.planVersion];
            const bool before = who.size() == 2;
            who.insert(e.body.value(QStringLiteral("as")).toString());
            if (!before && who.size() == 2)
                out += QStringLiteral("<p style=\"margin: 4px 0 8px 0;\"><b>%1</b></p>")
                           .arg(tr("✔ Agreed: the learner and the coach signed version %1.").arg(e.planVersion));
        }
    }
    return out.isEmpty() ? tr("<p>No history yet.</p>") : out;
}

} // namespace pme::ui
