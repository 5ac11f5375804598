// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ccc/CccTypes.h"

#include "domain/Dates.h"

#include <QRegularExpression>

namespace pme::core::ccc {

namespace {
class Titles final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::ccc::Titles)
public:
    static QString progress(Progress p)
    {
        switch (p) {
        case Progress::Accelerated:
            return tr("Accelerated");
        case Progress::AsExpected:
            return tr("As expected");
        case Progress::NotAsExpected:
            return tr("Not as expected");
        case Progress::NotProgressing:
            return tr("Not progressing");
        }
        return {};
    }
    static QString action(const QString &kind)
    {
        if (kind == QLatin1String("coaching"))
            return tr("Coaching follow-up");
        if (kind == QLatin1String("learning_plan"))
            return tr("Learning plan");
        if (kind == QLatin1String("remediation"))
            return tr("Remediation");
        if (kind == QLatin1String("referral"))
            return tr("Referral");
        return kind;
    }
};
} // namespace

QString progressKey(Progress progress)
{
    switch (progress) {
    case Progress::Accelerated:
        return QStringLiteral("accelerated");
    case Progress::AsExpected:
        return QStringLiteral("as_expected");
    case Progress::NotAsExpected:
        return QStringLiteral("not_as_expected");
    case Progress::NotProgressing:
        return QStringLiteral("not_progressing");
    }
    return {};
}

std::optional<Progress> progressFromKey(QStringView key)
{
    for (Progress p : kAllProgress) {
        if (key == progressKey(p))
            return p;
    }
    return std::nullopt;
}

QString progressTitle(Progress progress)
{
    return Titles::progress(progress);
}

QString actionKindTitle(const QString &kind)
{
    return Titles::action(kind);
}

std::optional<Period> Period::parse(const QString &text)
{
    const QString t = text.trimmed();
    if (const auto date = parseIsoDate(t))
        return Period{t, *date};
    static const QRegularExpression re(QStringLiteral("^(\\d{4})[ _-]+(spring|fall|autumn)$"),
                                       QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(t);
    if (!m.hasMatch())
        return std::nullopt;
    const int year = m.captured(1).toInt();
    const bool spring = m.captured(2).compare(QLatin1String("spring"), Qt::CaseInsensitive) == 0;
    const QString season = spring ? QStringLiteral("spring") : QStringLiteral("fall");
    return Period{QStringLiteral("%1 %2").arg(year).arg(season), spring ? QDate(year, 6, 30) : QDate(year, 12, 31)};
}

const ProposedLevel *ResidentPacket::proposal(qint64 competencyId) const
{
    for (const ProposedLevel &p : proposals) {
        if (p.competencyId == competencyId)
            return &p;
    }
    return nullptr;
}

const DecisionRecord *ResidentDecisions::overall() const
{
    for (const DecisionRecord &d : current) {
        if (!d.competencyId)
            return &d;
    }
    return nullptr;
}

const DecisionRecord *ResidentDecisions::level(qint64 competencyId) const
{
    for (const DecisionRecord &d : current) {
        if (d.competencyId == competencyId)
            return &d;
    }
    return nullptr;
}

} // namespace pme::core::ccc
