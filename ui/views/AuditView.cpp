// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/AuditView.h"

#include "governance/AuditLog.h"
#include "governance/GovernedStore.h"
#include "governance/LearnerDirectory.h"
#include "governance/UserDirectory.h"
#include "models/AuditTableModel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

namespace pme::ui {

namespace {

// The earliest day a date filter offers stands for "any day".
const QDate kAnyDay(2000, 1, 1);
constexpr int kPageSize = 500;

QDateEdit *dateFilter(const char *name, QWidget *parent)
{
    auto *edit = new QDateEdit(parent);
    edit->setObjectName(QLatin1String(name));
    edit->setCalendarPopup(true);
    edit->setMinimumDate(kAnyDay);
    edit->setSpecialValueText(AuditView::tr("any day"));
    edit->setDate(kAnyDay);
    return edit;
}

} // namespace

AuditView::AuditView(core::GovernedStore &store, core::ActingUser viewer, QWidget *parent)
    : QWidget(parent), m_store(store), m_viewer(std::move(viewer)), m_model(new AuditTableModel(this))
{
    setObjectName(QStringLiteral("auditView"));
    auto *title = new QLabel(tr("Audit Log"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *intro = new QLabel(tr("Every sign-in, account change and view of a learner profile, sealed in a chain "
                                "that shows any later edit."),
                             this);
    intro->setWordWrap(true);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("auditStatus"));
    m_older = new QPushButton(tr("Show Older Entries"), this);
    m_older->setObjectName(QStringLiteral("olderButton"));
    m_older->hide();
    auto *verify = new QPushButton(tr("Verify Chain"), this);
    verify->setObjectName(QStringLiteral("verifyButton"));
    verify->setToolTip(tr("Check every entry's seal and link: shows whether anything was changed or removed."));
    m_verification = new QLabel(this);
    m_verification->setObjectName(QStringLiteral("verificationResult"));
    m_verification->setWordWrap(true);
    m_verification->setTextFormat(Qt::RichText);
    m_verification->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verification->hide();

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_older);
    bottom->addWidget(verify);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 16);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addLayout(createFilters());
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);
    layout->addWidget(m_verification);

    m_typing.setSingleShot(true);
    m_typing.setInterval(300);
    connect(&m_typing, &QTimer::timeout, this, &AuditView::refresh);
    connect(m_older, &QPushButton::clicked, this, &AuditView::onShowOlder);
    connect(verify, &QPushButton::clicked, this, &AuditView::verifyChain);
    loadLearners();
    refresh();
    m_table->resizeColumnsToContents();
}

AuditView::~AuditView() = default;

QHBoxLayout *AuditView::createFilters()
{
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("userFilter"));
    m_user->setPlaceholderText(tr("any user"));
    m_user->setAccessibleName(tr("User"));
    m_user->setClearButtonEnabled(true);
    m_learner = new QComboBox(this);
    m_learner->setObjectName(QStringLiteral("learnerFilter"));
    m_learner->setAccessibleName(tr("Learner"));
    m_action = new QComboBox(this);
    m_action->setObjectName(QStringLiteral("actionFilter"));
    m_action->setAccessibleName(tr("Action"));
    m_action->addItem(tr("Any action"));
    for (const QString &key : AuditTableModel::knownActions())
        m_action->addItem(AuditTableModel::actionLabel(key), key);
    m_from = dateFilter("fromFilter", this);
    m_from->setAccessibleName(tr("From"));
    m_to = dateFilter("toFilter", this);
    m_to->setAccessibleName(tr("To"));
    auto *clear = new QPushButton(tr("Clear"), this);
    clear->setObjectName(QStringLiteral("clearFilters"));

    auto *row = new QHBoxLayout;
    const auto labelled = [this, row](const QString &text, QWidget *field) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        row->addWidget(label);
        row->addWidget(field);
    };
    labelled(tr("&User:"), m_user);
    labelled(tr("&Learner:"), m_learner);
    labelled(tr("&Action:"), m_action);
    labelled(tr("&From:"), m_from);
    labelled(tr("&To:"), m_to);
    row->addWidget(clear);
    row->addStretch(1);

    connect(m_user, &QLineEdit::textChanged, this, [this] { m_typing.start(); });
    connect(m_user, &QLineEdit::editingFinished, this, &AuditView::refresh);
    connect(m_learner, &QComboBox::currentIndexChanged, this, &AuditView::refresh);
    connect(m_action, &QComboBox::currentIndexChanged, this, &AuditView::refresh);
    connect(m_from, &QDateEdit::dateChanged, this, &AuditView::refresh);
    connect(m_to, &QDateEdit::dateChanged, this, &AuditView::refresh);
    connect(clear, &QPushButton::clicked, this, &AuditView::onClearFilters);
    return row;
}

void AuditView::loadLearners()
{
    m_learner->addItem(tr("Any learner"));
    // The learners this viewer may see on a roster: a program director, their programs'.
    auto learners = core::LearnerDirectory::list(m_store.database(), m_viewer);
    if (!learners)
        return;
    QHash<qint64, QString> names;
    for (const core::LearnerRow &row : *learners) {
        names.insert(row.learner.id, row.learner.displayName);
        m_learner->addItem(tr("%1 (#%2)").arg(row.learner.displayName).arg(row.learner.id), row.learner.id);
    }
    m_model->setLearnerNames(std::move(names));
}

bool AuditView::readFilter(core::AuditFilter *filter)
{
    filter->limit = kPageSize;
    if (const QVariant learner = m_learner->currentData(); learner.isValid())
        filter->learnerId = learner.toLongLong();
    filter->action = m_action->currentData().toString();
    if (m_from->date() != kAnyDay)
        filter->from = m_from->date();
    if (m_to->date() != kAnyDay)
        filter->to = m_to->date();
    const QString user = m_user->text().trimmed();
    if (user.isEmpty())
        return true;
    auto id = core::UserDirectory::idOf(m_store.database(), m_viewer, user);
    if (!id) {
        showStatus(id.error().message, true);
        return false;
    }
    filter->userId = *id;
    return true;
}

void AuditView::refresh()
{
    m_typing.stop();
    core::AuditFilter filter;
    if (!readFilter(&filter)) {
        m_model->setEntries({});
        m_older->hide();
        return;
    }
    runQuery(filter, false);
}

void AuditView::onShowOlder()
{
    core::AuditFilter filter;
    if (m_model->entries().isEmpty() || !readFilter(&filter))
        return;
    filter.beforeId = m_model->entries().constLast().id;
    runQuery(filter, true);
}

void AuditView::runQuery(const core::AuditFilter &filter, bool append)
{
    auto log = m_store.audit();
    if (!log) {
        showStatus(log.error().message, true);
        return;
    }
    auto entries = (*log)->query(m_store.database(), m_viewer, filter);
    if (!entries) {
        m_model->setEntries({});
        showStatus(entries.error().message, true);
        return;
    }
    const bool more = entries->size() >= filter.limit;
    m_model->setEntries(append ? m_model->entries() + *entries : *entries);
    m_older->setVisible(more);
    const int shown = m_model->rowCount();
    showStatus(more ? tr("The newest %n entries that match.", nullptr, shown)
                    : tr("%n entries match.", nullptr, shown));
}

void AuditView::onClearFilters()
{
    const QSignalBlocker blockUser(m_user), blockLearner(m_learner), blockAction(m_action), blockFrom(m_from),
        blockTo(m_to);
    m_user->clear();
    m_learner->setCurrentIndex(0);
    m_action->setCurrentIndex(0);
    m_from->setDate(kAnyDay);
    m_to->setDate(kAnyDay);
    refresh();
}

void AuditView::showStatus(const QString &text, bool problem)
{
    m_status->setStyleSheet(problem ? QStringLiteral("QLabel { color: #a00000; }") : QString());
    m_status->setText(text);
}

void AuditView::verifyChain()
{
    auto log = m_store.audit();
    auto result = log ? (*log)->verify(m_store.database()) : core::Result<core::AuditVerification>(log.error());
    m_verification->show();
    if (!result) {
        m_verification->setText(result.error().message.toHtmlEscaped());
        return;
    }
    const QString anchor
        = QStringLiteral("%1:%2").arg(result->lastId).arg(QString::fromLatin1(result->lastHash.toHex()));
    const int checked = static_cast<int>(result->entryCount);
    if (result->isIntact()) {
        m_verification->setText(tr("<p><span style='color:#006400'><b>&#x2714; Intact.</b></span> %n entries checked: "
                                   "nothing was changed or removed.</p>",
                                   nullptr, checked)
                                + tr("<p>Anchor (keep it outside the database): <code>%1</code></p>").arg(anchor));
        return;
    }
    // A wrong key breaks every entry: show the first ones, which are what matters.
    constexpr qsizetype kShown = 12;
    QString problems;
    for (const core::AuditProblem &problem : result->problems.mid(0, kShown))
        problems += QStringLiteral("<li>") + problem.message.toHtmlEscaped() + QStringLiteral("</li>");
    if (result->problems.size() > kShown)
        problems += QStringLiteral("<li>")
            + tr("… and %n more.", nullptr, static_cast<int>(result->problems.size() - kShown))
            + QStringLiteral("</li>");
    m_verification->setText(tr("<p><span style='color:#a00000'><b>&#x2718; Broken.</b></span> %n problem(s) in the "
                               "audit chain:</p>",
                               nullptr, static_cast<int>(result->problems.size()))
                            + QStringLiteral("<ul>") + problems + QStringLiteral("</ul>"));
}

} // namespace pme::ui
