// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QSortFilterProxyModel>
#include <QString>

#include <optional>

namespace pme::ui {

class CohortTableModel;

/// The cohort table's filters: program, stage, flagged only, former learners, a name search,
/// and the filter a click on a summary chart's bar sets (a rule, a probability bin, a month).
class CohortFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CohortFilterModel)

public:
    /// What a summary chart's bar selects.
    struct BarFilter {
        enum class Kind { None, Rule, ProbabilityBin, Month };
        Kind kind = Kind::None;
        QString key; ///< rule code, bin lower bound, "yyyy-MM"
        QString label; ///< for the "filtered by" note
    };

    explicit CohortFilterModel(QObject *parent = nullptr);

    void setCohort(CohortTableModel *model);
    void setProgram(const QString &code);
    void setStage(const QString &stage);
    void setFlaggedOnly(bool on);
    void setFormerLearners(bool on);
    void setSearch(const QString &text);
    void setBarFilter(BarFilter filter);
    /// The first month of the rows' monthly evidence (for month filters).
    void setFirstMonth(const QDate &month);
    const BarFilter &barFilter() const { return m_bar; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    CohortTableModel *m_cohort = nullptr;
    QString m_program;
    QString m_stage;
    QString m_search;
    bool m_flaggedOnly = false;
    bool m_former = false;
    BarFilter m_bar;
    QDate m_firstMonth;
};

} // namespace pme::ui
