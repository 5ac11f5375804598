// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "governance/ActingUser.h"
#include "governance/AuditEntry.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QHBoxLayout;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace pme::core {
class GovernedStore;
}

namespace pme::ui {

class AuditTableModel;

/// The audit log for program directors and administrators: entries newest first, filtered
/// by user, learner, action and a range of days, and a check of the whole chain. Only they
/// get this page, but that is courtesy: AuditLog::query() takes the viewer and refuses or
/// narrows in core whatever the window shows.
class AuditView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditView)

public:
    AuditView(core::GovernedStore &store, core::ActingUser viewer, QWidget *parent = nullptr);
    ~AuditView() override;

    AuditTableModel *model() const { return m_model; }

    /// Runs the query with the current filters (filter changes do this by themselves).
    void refresh();
    /// Walks the whole chain and shows what was found.
    void verifyChain();

private:
    QHBoxLayout *createFilters();
    void loadLearners();
    /// The filter the widgets describe; false (and a message shown) when it names nobody.
    bool readFilter(core::AuditFilter *filter);
    void runQuery(const core::AuditFilter &filter, bool append);
    void onShowOlder();
    void onClearFilters();
    void showStatus(const QString &text, bool problem = false);

    core::GovernedStore &m_store;
    core::ActingUser m_viewer;
    AuditTableModel *m_model = nullptr;
    QLineEdit *m_user = nullptr;
    QComboBox *m_learner = nullptr;
    QComboBox *m_action = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_older = nullptr;
    QLabel *m_verification = nullptr;
    QTimer m_typing;
};

} // namespace pme::ui
