// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace pme::core {

/// Text in several languages, keyed by the RFC 5646 tag as the statement wrote it.
using XapiLanguageMap = QMap<QString, QString>;

/// The one inverse functional identifier that names an Agent or an identified Group.
struct XapiIdentifier {
    enum class Kind { None, Mbox, MboxSha1Sum, OpenId, Account };

    Kind kind = Kind::None;
    QString value; ///< mailto IRI, SHA-1 hex, OpenID URI, or the account name
    QString accountHomePage; ///< set for Kind::Account only

    /// A stable text form for identity matching, e.g. "mbox:mailto:a@example.org" or
    /// "account:https://lms.example.org|12345"; empty for Kind::None.
    QString key() const;

    bool operator==(const XapiIdentifier &) const = default;
};

/// An Agent inside a Group's member list.
struct XapiMember {
    XapiIdentifier identifier;
    QString name;

    bool operator==(const XapiMember &) const = default;
};

/// An Agent or a Group as actor, instructor, team or object.
struct XapiActor {
    bool isGroup = false;
    XapiIdentifier identifier; ///< Kind::None only for an anonymous Group
    QString name;
    QList<XapiMember> members; ///< Groups only

    bool operator==(const XapiActor &) const = default;
};

struct XapiScore {
    std::optional<double> scaled; ///< in [-1, 1]
    std::optional<double> raw; ///< within [min, max] where those are given
    std::optional<double> min;
    std::optional<double> max;

    bool operator==(const XapiScore &) const = default;
};

struct XapiResult {
    std::optional<XapiScore> score;
    std::optional<bool> success;
    std::optional<bool> completion;
    std::optional<QString> response;
    QString duration; ///< ISO 8601 duration as written; empty when absent

    bool operator==(const XapiResult &) const = default;
};

struct XapiContext {
    QString registration; ///< UUID; empty when absent
    std::optional<XapiActor> instructor;
    std::optional<XapiActor> team;
    QStringList parentActivities; ///< contextActivities ids, by key
    QStringList groupingActivities;
    QStringList categoryActivities;
    QStringList otherActivities;
    QString revision;
    QString platform;
    QString language;
    QString statementRef; ///< context.statement id; empty when absent
    QByteArray extensionsJson; ///< the extensions object as compact JSON; empty when absent

    bool operator==(const XapiContext &) const = default;
};

struct XapiObject {
    enum class Type { Activity, Agent, Group, StatementRef, SubStatement };

    Type type = Type::Activity;
    QString id; ///< Activity IRI or StatementRef UUID; empty otherwise
    QString activityType; ///< definition.type
    XapiLanguageMap name; ///< definition.name
    XapiLanguageMap description; ///< definition.description
    std::optional<XapiActor> actor; ///< for Agent and Group objects

    bool operator==(const XapiObject &) const = default;
};

/// One validated xAPI statement, reduced to what PME Coach can use.
struct XapiStatement {
    QString id; ///< UUID; empty when the producer did not assign one
    XapiActor actor;
    QString verbId;
    XapiLanguageMap verbDisplay;
    XapiObject object;
    std::optional<XapiResult> result;
    std::optional<XapiContext> context;
    QDateTime timestamp; ///< with the statement's own UTC offset; invalid when absent
    QDateTime stored; ///< invalid when absent
    QString version;
    bool voids = false; ///< verb is http://adlnet.gov/expapi/verbs/voided
    QString voidedStatementId; ///< the statement it voids

    bool operator==(const XapiStatement &) const = default;
};

/// Why a statement was refused: where (a JSON pointer such as "/result/score/raw") and what.
struct XapiIssue {
    QString path;
    QString message;

    bool operator==(const XapiIssue &) const = default;
};

} // namespace pme::core
