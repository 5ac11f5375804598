// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "XapiValidator.h"

#include "XapiFormat.h"
#include "XapiJsonWalker.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <string>

namespace pme::core {

struct XapiValidator::Parser {
    simdjson::dom::parser dom;
};

namespace {

using simdjson::dom::element;
using Need = XapiJsonWalker::Need;
using Format = XapiJsonWalker::Format;

constexpr std::string_view s_voidedVerb = "http://adlnet.gov/expapi/verbs/voided";

// Authority gets the rules of any Agent or Group, but not the OAuth-specific ones (an
// anonymous Group of exactly two Agents): tolerated, see docs/xapi-import-policy.md.
enum class Role { Actor, Member, Instructor, Team, Authority, Object, ContextAgent, ContextGroup };

// Walks one statement, collecting every issue with its JSON pointer; rule functions are
// members so that their messages share the validator's translation context.
class StatementChecker final : private XapiJsonWalker {
    Q_DECLARE_TR_FUNCTIONS(pme::core::XapiValidator)

public:
    XapiOutcome run(element root);

private:
    void readStatement(object obj, XapiStatement &s, bool inSubStatement);
    XapiActor readActor(element value, Role role);
    XapiIdentifier readIdentifier(object obj);
    void readMembers(object obj, bool anonymous, XapiActor &group);
    void readVerb(element value, XapiStatement &s);
    XapiObject readObject(element value, bool inSubStatement);
    void readActivity(object obj, XapiObject &o);
    void readDefinition(element value, XapiObject &o);
    QString readStatementRef(element value);
    void readSubStatement(object obj);
    XapiResult readResult(element value);
    XapiScore readScore(element value);
    XapiContext readContext(element value, XapiObject::Type objectType);
    void readContextActivities(element value, XapiContext &context);
    QStringList readActivityList(element value);
    void readContextAgents(element value, bool groups);
};

XapiOutcome StatementChecker::run(element root)
{
    XapiStatement statement;
    object obj;
    if (root.get_object().get(obj) == simdjson::SUCCESS)
        readStatement(obj, statement, false);
    else
        fail(tr("a statement must be a JSON object"));
    if (!m_issues.isEmpty())
        return m_issues;
    return statement;
}

void StatementChecker::readStatement(object obj, XapiStatement &s, bool inSubStatement)
{
    if (inSubStatement) { // readSubStatement reports the properties only a Statement has
        checkMembers(obj,
                     {"objectType", "actor", "verb", "object", "result", "context", "timestamp", "attachments", "id",
                      "stored", "version", "authority"});
    } else {
        checkMembers(obj,
                     {"id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority",
                      "version", "attachments"});
        if (const auto id = formatField(obj, "id", Format::Uuid))
            s.id = qs(*id);
        s.stored = timestampField(obj, "stored");
        with(obj, "authority", Need::Optional, [&](element v) { readActor(v, Role::Authority); });
        if (const auto version = formatField(obj, "version", Format::Version))
            s.version = qs(*version);
    }
    with(obj, "actor", Need::Required, [&](element v) { s.actor = readActor(v, Role::Actor); });
    with(obj, "verb", Need::Required, [&](element v) { readVerb(v, s); });
    with(obj, "object", Need::Required, [&](element v) { s.object = readObject(v, inSubStatement); });
    with(obj, "result", Need::Optional, [&](element v) { s.result = readResult(v); });
    with(obj, "context", Need::Optional, [&](element v) { s.context = readContext(v, s.object.type); });
    s.timestamp = timestampField(obj, "timestamp");
    with(obj, "attachments", Need::Optional, [&](element v) { readAttachments(v); });

    if (!inSubStatement && s.verbId == QLatin1StringView(s_voidedVerb)) {
        s.voids = true;
        s.voidedStatementId = s.object.id;
        auto scope = at("object");
        if (s.object.type != XapiObject::Type::StatementRef)
            fail(tr("a voiding statement (verb %1) must have a StatementRef object").arg(qs(s_voidedVerb)));
    }
}

XapiActor StatementChecker::readActor(element value, Role role)
{
    XapiActor actor;
    object obj;
    if (!asObject(value, &obj))
        return actor;
    const auto type = stringField(obj, "objectType");
    if (type && *type != "Agent" && *type != "Group") {
        auto scope = at("objectType");
        fail(tr("\"%1\" is neither \"Agent\" nor \"Group\"").arg(qs(*type)));
        return actor;
    }
    actor.isGroup = type == "Group";
    if ((role == Role::Member || role == Role::ContextAgent) && actor.isGroup)
        fail(tr("must be an Agent, not a Group"));
    if ((role == Role::Team || role == Role::ContextGroup) && !actor.isGroup)
        fail(tr("must be a Group (objectType \"Group\")"));
    if (actor.isGroup)
        checkMembers(obj, {"objectType", "name", "member", "mbox", "mbox_sha1sum", "openid", "account"});
    else
        checkMembers(obj, {"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"});
    if (const auto name = stringField(obj, "name"))
        actor.name = qs(*name);

    int count = 0;
    for (auto key : {"mbox", "mbox_sha1sum", "openid", "account"})
        count += field(obj, key, Need::Optional).has_value() ? 1 : 0;
    actor.identifier = readIdentifier(obj);
    if (count > 1)
        fail(tr("uses more than one of mbox, mbox_sha1sum, openid and account"));
    else if (count == 0 && !actor.isGroup)
        fail(tr("an Agent needs one of mbox, mbox_sha1sum, openid or account"));
    if (actor.isGroup)
        readMembers(obj, count == 0, actor);
    return actor;
}

XapiIdentifier StatementChecker::readIdentifier(object obj)
{
    using Kind = XapiIdentifier::Kind;
    XapiIdentifier id;
    const auto take = [&](Kind kind, std::optional<std::string_view> text) {
        if (text && id.kind == Kind::None) {
            id.kind = kind;
            id.value = qs(*text);
        }
    };
    take(Kind::Mbox, formatField(obj, "mbox", Format::Mailto));
    take(Kind::MboxSha1Sum, formatField(obj, "mbox_sha1sum", Format::Sha1));
    take(Kind::OpenId, formatField(obj, "openid", Format::Uri));
    with(obj, "account", Need::Optional, [&](element value) {
        object account;
        if (!asObject(value, &account))
            return;
        checkMembers(account, {"homePage", "name"});
        const auto homePage = formatField(account, "homePage", Format::Irl, Need::Required);
        const auto name = stringField(account, "name", Need::Required);
        if (homePage && name && id.kind == Kind::None) {
            id.kind = Kind::Account;
            id.value = qs(*name);
            id.accountHomePage = qs(*homePage);
        }
    });
    return id;
}

void StatementChecker::readMembers(object obj, bool anonymous, XapiActor &group)
{
    const auto members = field(obj, "member", Need::Optional);
    array list;
    if (!members) {
        if (anonymous)
            fail(tr("an anonymous Group (one without mbox, mbox_sha1sum, openid or account) must list its members"));
        return;
    }
    auto scope = at("member");
    if (!asArray(*members, &list))
        return;
    if (anonymous && list.size() == 0)
        fail(tr("an anonymous Group must list at least one member"));
    std::size_t index = 0;
    for (element value : list) {
        auto item = at(index++);
        const auto member = readActor(value, Role::Member);
        group.members.append(XapiMember{member.identifier, member.name});
    }
}

void StatementChecker::readVerb(element value, XapiStatement &s)
{
    object obj;
    if (!asObject(value, &obj))
        return;
    checkMembers(obj, {"id", "display"});
    if (const auto id = formatField(obj, "id", Format::Iri, Need::Required))
        s.verbId = qs(*id);
    with(obj, "display", Need::Optional, [&](element v) { s.verbDisplay = readLanguageMap(v); });
}

XapiObject StatementChecker::readObject(element value, bool inSubStatement)
{
    using Type = XapiObject::Type;
    XapiObject o;
    object obj;
    if (!asObject(value, &obj))
        return o;
    const auto type = stringField(obj, "objectType").value_or("Activity");
    if (type == "Activity") {
        readActivity(obj, o);
    } else if (type == "Agent" || type == "Group") {
        o.type = type == "Agent" ? Type::Agent : Type::Group;
        o.actor = readActor(value, Role::Object);
    } else if (type == "StatementRef") {
        o.type = Type::StatementRef;
        o.id = readStatementRef(value);
    } else if (type == "SubStatement") {
        o.type = Type::SubStatement;
        if (inSubStatement)
            fail(tr("a SubStatement cannot contain another SubStatement"));
        else
            readSubStatement(obj);
    } else {
        auto scope = at("objectType");
        fail(tr("\"%1\" is not one of Activity, Agent, Group, StatementRef and SubStatement").arg(qs(type)));
    }
    return o;
}

void StatementChecker::readActivity(object obj, XapiObject &o)
{
    o.type = XapiObject::Type::Activity;
    checkMembers(obj, {"objectType", "id", "definition"});
    if (const auto id = formatField(obj, "id", Format::Iri, Need::Required))
        o.id = qs(*id);
    with(obj, "definition", Need::Optional, [&](element v) { readDefinition(v, o); });
}

void StatementChecker::readDefinition(element value, XapiObject &o)
{
    object obj;
    if (!asObject(value, &obj))
        return;
    checkMembers(obj,
                 {"name", "description", "type", "moreInfo", "extensions", "interactionType", "correctResponsesPattern",
                  "choices", "scale", "source", "target", "steps"});
    with(obj, "name", Need::Optional, [&](element v) { o.name = readLanguageMap(v); });
    with(obj, "description", Need::Optional, [&](element v) { o.description = readLanguageMap(v); });
    if (const auto type = formatField(obj, "type", Format::Iri))
        o.activityType = qs(*type);
    formatField(obj, "moreInfo", Format::Irl);
    with(obj, "extensions", Need::Optional, [&](element v) { readExtensions(v); });
    readInteraction(obj);
}

QString StatementChecker::readStatementRef(element value)
{
    object obj;
    if (!asObject(value, &obj))
        return {};
    checkMembers(obj, {"objectType", "id"});
    const auto type = stringField(obj, "objectType", Need::Required);
    if (type && *type != "StatementRef") {
        auto scope = at("objectType");
        fail(tr("must be \"StatementRef\""));
    }
    const auto id = formatField(obj, "id", Format::Uuid, Need::Required);
    return id ? qs(*id) : QString();
}

void StatementChecker::readSubStatement(object obj)
{
    // Data 2.4.4.3: only the LRS assigns these, and a SubStatement is never stored on its own.
    for (auto key : {"id", "stored", "version", "authority"}) {
        if (field(obj, key, Need::Optional)) {
            auto scope = at(key);
            fail(tr("a SubStatement cannot have \"%1\"").arg(qs(key)));
        }
    }
    XapiStatement sub;
    readStatement(obj, sub, true);
}

XapiResult StatementChecker::readResult(element value)
{
    XapiResult result;
    object obj;
    if (!asObject(value, &obj))
        return result;
    checkMembers(obj, {"score", "success", "completion", "response", "duration", "extensions"});
    with(obj, "score", Need::Optional, [&](element v) { result.score = readScore(v); });
    result.success = boolField(obj, "success");
    result.completion = boolField(obj, "completion");
    if (const auto response = stringField(obj, "response"))
        result.response = qs(*response);
    if (const auto duration = formatField(obj, "duration", Format::Duration))
        result.duration = qs(*duration);
    with(obj, "extensions", Need::Optional, [&](element v) { readExtensions(v); });
    return result;
}

XapiScore StatementChecker::readScore(element value)
{
    XapiScore score;
    object obj;
    if (!asObject(value, &obj))
        return score;
    checkMembers(obj, {"scaled", "raw", "min", "max"});
    score.scaled = numberField(obj, "scaled");
    score.raw = numberField(obj, "raw");
    score.min = numberField(obj, "min");
    score.max = numberField(obj, "max");
    if (score.scaled && (*score.scaled < -1 || *score.scaled > 1)) {
        auto scope = at("scaled");
        fail(tr("must be between -1 and 1"));
    }
    if (score.min && score.max && !(*score.min < *score.max)) {
        auto scope = at("min");
        fail(tr("must be less than max"));
    }
    if (score.raw && ((score.min && *score.raw < *score.min) || (score.max && *score.raw > *score.max))) {
        auto scope = at("raw");
        fail(tr("must lie between min and max"));
    }
    return score;
}

XapiContext StatementChecker::readContext(element value, XapiObject::Type objectType)
{
    XapiContext context;
    object obj;
    if (!asObject(value, &obj))
        return context;
    checkMembers(obj,
                 {"registration", "instructor", "team", "contextActivities", "contextAgents", "contextGroups",
                  "revision", "platform", "language", "statement", "extensions"});
    if (const auto registration = formatField(obj, "registration", Format::Uuid))
        context.registration = qs(*registration);
    with(obj, "instructor", Need::Optional, [&](element v) { context.instructor = readActor(v, Role::Instructor); });
    with(obj, "team", Need::Optional, [&](element v) { context.team = readActor(v, Role::Team); });
    with(obj, "contextActivities", Need::Optional, [&](element v) { readContextActivities(v, context); });
    with(obj, "contextAgents", Need::Optional, [&](element v) { readContextAgents(v, false); });
    with(obj, "contextGroups", Need::Optional, [&](element v) { readContextAgents(v, true); });
    // Data 2.4.6: revision and platform describe an Activity, so they need one as object.
    for (auto [key, target] : {std::pair{"revision", &context.revision}, std::pair{"platform", &context.platform}}) {
        const auto text = stringField(obj, key);
        if (text)
            *target = qs(*text);
        if (text && objectType != XapiObject::Type::Activity) {
            auto scope = at(key);
            fail(tr("\"%1\" is allowed only when the statement's object is an Activity").arg(qs(key)));
        }
    }
    if (const auto language = formatField(obj, "language", Format::LanguageTag))
        context.language = qs(*language);
    with(obj, "statement", Need::Optional, [&](element v) { context.statementRef = readStatementRef(v); });
    with(obj, "extensions", Need::Optional, [&](element v) { context.extensionsJson = readExtensions(v); });
    return context;
}

void StatementChecker::readContextActivities(element value, XapiContext &context)
{
    object activities;
    if (!asObject(value, &activities))
        return;
    checkMembers(activities, {"parent", "grouping", "category", "other"});
    const auto list = [&](std::string_view key, QStringList &ids) {
        with(activities, key, Need::Optional, [&](element a) { ids = readActivityList(a); });
    };
    list("parent", context.parentActivities);
    list("grouping", context.groupingActivities);
    list("category", context.categoryActivities);
    list("other", context.otherActivities);
}

// An Activity or, as xAPI 1.0 still accepts from 0.95 producers, an array of them.
QStringList StatementChecker::readActivityList(element value)
{
    QStringList ids;
    const auto one = [&](element item) {
        object obj;
        if (!asObject(item, &obj))
            return;
        const auto type = stringField(obj, "objectType");
        if (type && *type != "Activity") {
            auto scope = at("objectType");
            fail(tr("a context activity must be an Activity"));
            return;
        }
        XapiObject activity;
        readActivity(obj, activity);
        ids.append(activity.id);
    };
    array list;
    if (value.get_array().get(list) != simdjson::SUCCESS) {
        one(value);
        return ids;
    }
    std::size_t index = 0;
    for (element item : list) {
        auto scope = at(index++);
        one(item);
    }
    return ids;
}

// xAPI 2.0 (Data 2.4.6.2): Agents or Groups with the roles they played, such as an assessor.
void StatementChecker::readContextAgents(element value, bool groups)
{
    const std::string_view type = groups ? "contextGroup" : "contextAgent";
    const std::string_view key = groups ? "group" : "agent";
    array list;
    if (!asArray(value, &list))
        return;
    std::size_t index = 0;
    for (element item : list) {
        auto scope = at(index++);
        object obj;
        if (!asObject(item, &obj))
            continue;
        checkMembers(obj, {"objectType", key, "relevantTypes"});
        if (const auto objectType = stringField(obj, "objectType", Need::Required); objectType && *objectType != type) {
            auto typeScope = at("objectType");
            fail(tr("must be \"%1\"").arg(qs(type)));
        }
        with(obj, key, Need::Required,
             [&](element v) { readActor(v, groups ? Role::ContextGroup : Role::ContextAgent); });
        with(obj, "relevantTypes", Need::Optional, [&](element v) {
            array types;
            std::size_t n = 0;
            if (asArray(v, &types) && types.size() == 0)
                fail(tr("must list at least one type"));
            for (element t : types) {
                auto typeScope = at(n++);
                std::string_view iri;
                if (t.get_string().get(iri) != simdjson::SUCCESS || !XapiFormat::isIri(iri))
                    fail(tr("must be an IRI"));
            }
        });
    }
}

} // namespace

QString XapiIdentifier::key() const
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::Mbox:
        return QStringLiteral("mbox:") + value;
    case Kind::MboxSha1Sum:
        return QStringLiteral("mbox_sha1sum:") + value.toLower();
    case Kind::OpenId:
        return QStringLiteral("openid:") + value;
    case Kind::Account:
        return QStringLiteral("account:") + accountHomePage + QLatin1Char('|') + value;
    }
    return {};
}

XapiValidator::XapiValidator() : m_parser(std::make_unique<Parser>())
{
}

XapiValidator::~XapiValidator() = default;

XapiOutcome XapiValidator::validate(std::string_view json)
{
    element root;
    // The copy adds the padding simdjson reads past the end; a statement is small.
    const auto error = m_parser->dom.parse(json.data(), json.size(), true).get(root);
    if (error != simdjson::SUCCESS) {
        // Text from XapiReader is strict JSON already; what fails here are simdjson's own limits.
        const auto reason = QString::fromUtf8(simdjson::error_message(error));
        const bool number = error == simdjson::NUMBER_ERROR || error == simdjson::NUMBER_OUT_OF_RANGE;
        return QList<XapiIssue>{XapiIssue{QString(),
                                          number ? tr("a number is too large to use (%1)").arg(reason)
                                                 : tr("the statement cannot be parsed (%1)").arg(reason)}};
    }
    StatementChecker checker;
    return checker.run(root);
}

} // namespace pme::core