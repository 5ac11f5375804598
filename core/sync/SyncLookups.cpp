// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/SyncLookups.h"

#include "store/Database.h"
#include "store/Statement.h"

namespace pme::core {

Result<SyncLookups> SyncLookups::load(Database &db, qint64 sourceId)
{
    SyncLookups lookups;
    Statement competencies(db,
                           "SELECT c.id, f.code, c.code, f.scale_min, f.scale_max FROM competencies c "
                           "JOIN frameworks f ON f.id = c.framework_id");
    auto r = competencies.forEachRow([&](const Statement &st) {
        CompetencyInfo info;
        info.id = st.columnInt64(0);
        info.frameworkCode = std::string(st.columnUtf8(1));
        const std::string code(st.columnUtf8(2));
        info.scaleMin = st.columnDouble(3);
        info.scaleMax = st.columnDouble(4);
        lookups.frameworks.emplace(info.frameworkCode, 1);
        lookups.byCode[code].push_back(info);
        lookups.competencies.emplace(info.frameworkCode + '\x1f' + code, std::move(info));
    });
    if (!r)
        return r.error();
    Statement identities(db, "SELECT external_id, coalesce(learner_id, 0) FROM learner_identities WHERE source_id = ?");
    identities.bind(1, sourceId);
    r = identities.forEachRow(
        [&](const Statement &st) { lookups.identities.emplace(std::string(st.columnUtf8(0)), st.columnInt64(1)); });
    if (!r)
        return r.error();
    return lookups;
}

const SyncLookups::CompetencyInfo *SyncLookups::competency(std::string_view framework, std::string_view code) const
{
    if (framework.empty()) {
        auto it = byCode.find(code);
        return it != byCode.end() && it->second.size() == 1 ? &it->second.front() : nullptr;
    }
    std::string key;
    key.reserve(framework.size() + code.size() + 1);
    key.append(framework).append(1, '\x1f').append(code);
    auto it = competencies.find(key);
    return it == competencies.end() ? nullptr : &it->second;
}

} // namespace pme::core
