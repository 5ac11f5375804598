// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/DemoTruthWriter.h"

#include <cmath>

namespace pme::core {

namespace {

QByteArray number(double value, int decimals = 4)
{
    // Rounded first so that a tiny negative never prints as "-0.0000".
    const double scale = std::pow(10.0, decimals);
    return QByteArray::number(std::round(value * scale) / scale + 0.0, 'f', decimals);
}

QByteArray string(QByteArrayView text)
{
    QByteArray out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (static_cast<unsigned char>(c) < 0x20)
            out += "\\u00" + QByteArray::number(static_cast<int>(c), 16).rightJustified(2, '0');
        else
            out += c;
    }
    return out + '"';
}

QByteArray date(const QDate &d)
{
    return d.isValid() ? string(d.toString(Qt::ISODate).toLatin1()) : QByteArray("null");
}

QByteArray boolean(bool value)
{
    return value ? "true" : "false";
}

QByteArray subcompetencies(const DemoLearner &learner, const DemoLearnerRecords &records)
{
    const double atCompletion = DemoModel::years(learner.start, learner.expectedCompletion);
    const bool completed = learner.status == DemoStatus::Completed;
    QByteArray out = "{";
    const auto subs = DemoModel::subcompetencies();
    for (std::size_t s = 0; s < subs.size(); ++s) {
        const double latent = DemoModel::latent(learner.traits[s], atCompletion);
        const double finalLevel = records.finalLevel[s];
        out += (s == 0 ? "\n" : ",\n");
        out += "        " + string(subs[s].code) + ": {\"intercept\": " + number(learner.traits[s].intercept)
            + ", \"slope\": " + number(learner.traits[s].slope) + ", \"latent_at_completion\": " + number(latent)
            + ", \"reaches_level4\": " + boolean(latent >= 4.0)
            + ", \"final_ccc_level\": " + (finalLevel > 0 ? number(finalLevel, 1) : QByteArray("null"))
            + ", \"reaches_level4_observed\": " + (completed ? boolean(finalLevel >= 4.0) : QByteArray("null")) + "}";
    }
    return out + "\n      }";
}

QByteArray epaOffsets(const DemoLearner &learner)
{
    QByteArray out = "{";
    const auto epas = DemoModel::epas();
    for (std::size_t e = 0; e < epas.size(); ++e)
        out += (e == 0 ? "" : ", ") + string(epas[e]) + ": " + number(learner.epaOffsets[e]);
    return out + "}";
}

// How to read the numbers; docs/demo-cohort.md has the whole model.
QByteArray model()
{
    QByteArray out = "  \"model\": {\"latent\": \"intercept + slope * years since start, bending smoothly above "
                     "4.5 towards 5\", \"years\": \"days since start / 365.25\", \"entrustment\": \"1.5 + 0.8 * "
                     "mean latent milestone level + EPA offset, within 1 and 5\", \"class_proportions\": {";
    for (int c = 0; c < 4; ++c) {
        const auto cls = static_cast<DemoClass>(c);
        out += (c == 0 ? "" : ", ") + string(DemoModel::className(cls)) + ": "
            + number(DemoModel::classProportion(cls), 2);
    }
    return out + "}}";
}

} // namespace

void DemoTruthWriter::begin(const QList<DemoAssessor> &assessors)
{
    QByteArray out = "{\n";
    out += "  \"format\": \"pmecoach-demo-truth\",\n";
    out += "  \"note\": \"Latent ground truth of the demo cohort, for tests only; it is not an export file.\",\n";
    out += "  \"generator_version\": " + QByteArray::number(DemoCohortGenerator::s_version) + ",\n";
    out += "  \"seed\": " + QByteArray::number(m_config.seed) + ",\n";
    out += "  \"reference_date\": " + date(m_config.referenceDate) + ",\n";
    out += "  \"config\": {\"learners\": " + QByteArray::number(m_config.learners)
        + ", \"years\": " + QByteArray::number(m_config.years)
        + ", \"observations_per_year\": " + QByteArray::number(m_config.observationsPerYear) + "},\n";
    out += "  \"program\": {\"code\": \"IM\", \"name\": \"Internal Medicine Residency\", \"framework\": "
           "\"acgme-im-2.0\", \"epa_framework\": \"aamc-core-epas\", \"target_level\": 4, \"training_years\": "
        + QByteArray::number(DemoCohortGenerator::s_trainingYears) + "},\n";
    out += model() + ",\n";
    out += "  \"assessors\": [";
    for (qsizetype i = 0; i < assessors.size(); ++i) {
        const DemoAssessor &a = assessors[i];
        out += (i == 0 ? "\n" : ",\n");
        out += "    {\"id\": " + string(a.id) + ", \"role\": " + string(DemoModel::roleName(a.role))
            + ", \"leniency\": " + number(a.leniency) + "}";
    }
    out += "\n  ],\n  \"learners\": [";
    m_file.raw(out);
}

void DemoTruthWriter::learner(const DemoLearner &l, const DemoLearnerRecords &r)
{
    QByteArray out = m_firstLearner ? "\n" : ",\n";
    m_firstLearner = false;
    const QByteArray leave = l.leaveStart.isValid()
        ? "{\"start\": " + date(l.leaveStart) + ", \"end\": " + date(l.leaveEnd) + "}"
        : QByteArray("null");
    const QByteArray board = r.boardPassed ? string(*r.boardPassed ? "pass" : "fail") : QByteArray("null");
    out += "    {\"id\": " + string(l.id) + ", \"cohort\": " + QByteArray::number(l.cohort)
        + ", \"class\": " + string(DemoModel::className(l.trajectory)) + ", \"ability\": " + number(l.ability)
        + ", \"status\": " + string(DemoModel::statusName(l.status)) + ",\n" + "      \"start_date\": " + date(l.start)
        + ", \"expected_completion_date\": " + date(l.expectedCompletion)
        + ", \"completion_date\": " + date(l.completion) + ", \"data_end\": " + date(l.dataEnd) + ",\n"
        + "      \"completed_on_time\": " + (l.cohortFinished ? boolean(l.completedOnTime) : QByteArray("null"))
        + ", \"extension_months\": " + QByteArray::number(l.extensionMonths) + ", \"leave\": " + leave
        + ", \"sparse\": " + boolean(l.sparse) + ", \"observation_rate\": " + number(l.observationRate, 2)
        + ", \"lapse_rate\": " + number(l.lapseRate, 3) + ",\n" + "      \"observations\": "
        + QByteArray::number(r.observations) + ", \"exams\": " + QByteArray::number(r.exams)
        + ", \"mean_exam_z\": " + number(r.meanExamZ) + ", \"board_fail_probability\": "
        + (r.boardFailProbability ? number(*r.boardFailProbability) : QByteArray("null")) + ", \"board_result\": "
        + board + ", \"final_ccc_date\": " + date(r.finalMeeting) + ",\n" + "      \"subcompetencies\": "
        + subcompetencies(l, r) + ",\n" + "      \"epa_offsets\": " + epaOffsets(l) + "}";
    m_file.raw(out);
}

void DemoTruthWriter::end()
{
    m_file.raw("\n  ]\n}\n");
}

} // namespace pme::core
