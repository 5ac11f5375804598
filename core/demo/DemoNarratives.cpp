// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/DemoNarratives.h"

#include <array>

namespace pme::core {

namespace {

using Phrases = std::span<const char *const>;

// "%T" is replaced by a clinical topic.
constexpr std::array kTopics{
    "community-acquired pneumonia",
    "decompensated heart failure",
    "diabetic ketoacidosis",
    "an upper GI bleed",
    "new atrial fibrillation",
    "sepsis of unclear source",
    "acute kidney injury",
    "hyponatremia",
    "a COPD exacerbation",
    "cellulitis",
    "syncope",
    "chest pain",
    "alcohol withdrawal",
    "a pulmonary embolism",
    "cirrhosis with ascites",
    "delirium",
};

constexpr std::array kPatientCarePraise{
    "Thorough, hypothesis-driven history for a patient with %T; picked up the detail others had missed.",
    "Focused exam, well presented, and the plan was prioritized appropriately.",
    "Managed a patient with %T confidently and anticipated the next 24 hours.",
    "Excellent clinical reasoning: a clear leading diagnosis with a sensible, prioritized differential.",
};
constexpr std::array kPatientCareAdvice{
    "Next time, commit to a leading diagnosis before presenting the differential.",
    "Work on a more focused exam; target the findings that would change management.",
    "Anticipate discharge needs from day one, especially for patients with %T.",
    "Tighten the assessment and plan: problem-based, most urgent first.",
};
constexpr std::array kPatientCareConcern{
    "Had difficulty organizing the plan for a patient with %T and required repeated prompting to prioritize.",
    "Missed an evolving change in status; concerns about patient safety were discussed with the resident.",
    "Had difficulty synthesizing the history into a differential, and the presentation was disorganized.",
    "Required repeated prompting to re-examine the patient before changing management.",
};
constexpr std::array kKnowledgePraise{
    "Strong fund of knowledge; explained the pathophysiology of %T clearly to the students.",
    "Knew the evidence behind each treatment choice and cited current guidelines.",
    "Chose tests thoughtfully and interpreted them in the context of pretest probability.",
};
constexpr std::array kKnowledgeAdvice{
    "Read around your patients: review the guideline for %T this week.",
    "Be more deliberate about test characteristics; ask how each result would change the plan.",
    "Build a quick reference for common inpatient drug dosing and renal adjustments.",
};
constexpr std::array kKnowledgeConcern{
    "Had difficulty with basic therapeutic knowledge; two dosing errors were caught by pharmacy.",
    "Knowledge gaps in the management of %T required repeated prompting from the attending.",
    "Had difficulty interpreting routine laboratory results without help.",
};
constexpr std::array kSystemsPraise{
    "Navigated a complicated discharge, coordinating home services and follow-up without being asked.",
    "Reported a near miss and suggested a practical fix for the unit.",
    "Thought about cost and access when choosing the discharge regimen.",
};
constexpr std::array kSystemsAdvice{
    "Engage earlier with case management on complex discharges.",
    "Consider joining the ward QI project; you notice system problems worth fixing.",
    "Close the loop on pending results before discharge, and document who owns them.",
};
constexpr std::array kSystemsConcern{
    "Did not follow up on pending results at discharge; concerns about patient safety were raised.",
    "Had difficulty coordinating care with consultants, and the transfer was delayed.",
};
constexpr std::array kImprovementPraise{
    "Sought feedback proactively and acted on it the same day.",
    "Found and appraised a trial to answer a clinical question about %T.",
    "Reflects honestly on errors and shares the lessons with the team.",
};
constexpr std::array kImprovementAdvice{
    "Set one concrete learning goal per rotation and check in on it at the midpoint.",
    "Practice framing answerable clinical questions (PICO) during rounds.",
};
constexpr std::array kImprovementConcern{
    "Had difficulty accepting feedback and became defensive when it was given.",
    "Did not follow up on the learning goals agreed at the last review.",
};
constexpr std::array kProfessionalismPraise{
    "Consistently reliable, honest and respectful; a role model for the interns.",
    "Took ownership of the patients and closed every loop before sign-out.",
};
constexpr std::array kProfessionalismAdvice{
    "Protect time for your own well-being; you have taken on a lot this block.",
    "Be mindful of timeliness for notes on busy days.",
};
constexpr std::array kProfessionalismConcern{
    "Was late to rounds several times this block without notifying the team.",
    "Behaviour toward nursing staff was unprofessional on two occasions.",
    "Notes were often incomplete, and did not follow up on tasks handed over.",
};
constexpr std::array kCommunicationPraise{
    "Led a family meeting about goals of care with empathy and clarity.",
    "Clear, concise handovers; the nurses said the plan was always easy to follow.",
    "Explained the diagnosis of %T in plain language and checked understanding.",
};
constexpr std::array kCommunicationAdvice{
    "Use teach-back when explaining a new diagnosis.",
    "Use a structured handover (I-PASS) on busy nights.",
    "Update the family daily, even when nothing has changed.",
};
constexpr std::array kCommunicationConcern{
    "Had difficulty explaining the plan to the family; they left confused and upset.",
    "Communication with the nursing team was unprofessional and dismissive at times.",
};
constexpr std::array kEntrustmentPraise{
    "Could be trusted to do this without supervision on most days.",
    "Entered safe, complete orders and double-checked high-risk medications.",
    "Recognized a deteriorating patient with %T early and escalated appropriately.",
};
constexpr std::array kEntrustmentAdvice{
    "Ready for indirect supervision, with a quick check-in on complex patients.",
    "Verify orders for high-risk medications before signing.",
    "Give a more complete handover for patients with %T: what to watch for and what to do.",
};
constexpr std::array kEntrustmentConcern{
    "Required repeated prompting throughout the encounter; direct supervision is still needed.",
    "The handover omitted critical information, which raises concerns about patient safety.",
};

// Negated forms of the concerning phrases, for residents who give no cause for concern.
constexpr std::array kNegated{
    "No concerns about professionalism.",
    "Did not have difficulty managing a busy list.",
    "No concerns about patient safety.",
    "Never late, and always prepared.",
    "No unprofessional behaviour observed.",
    "Did not require prompting to follow up on results.",
    "Without any difficulty, ran the team on a heavy call day.",
};
constexpr std::array kLapses{
    "Was late to morning report twice this week.",
    "Did not follow up on a critical potassium; the night team caught it.",
    "Left without signing out a sick patient, which was unprofessional.",
    "Was late with discharge summaries again; several are overdue.",
};
constexpr std::array kQuotesGood{
    "The patient said, \"this is the first time anyone explained it to me.\"",
    "Told the family \"we will call you after the scan\", and did.",
    "Said \"I am not sure, let me check\" when appropriate, which is the right instinct.",
};
constexpr std::array kQuotesBad{
    "When asked about the plan, answered \"I will figure it out later.\"",
    "A nurse wrote: \"hard to reach overnight, pages not returned.\"",
};
constexpr std::array kOpeners{
    std::array{"Outstanding work.", "Great shift.", "Impressive, well above level."},
    std::array{"Good work overall.", "Solid performance.", "Steady progress."},
    std::array{"Making progress.", "Developing, with some gaps.", "Improving but not there yet."},
    std::array{"I have concerns.", "Below the expected level for stage.", "Difficult week."},
};

// Lower-case forms as they appear inside the templates above.
constexpr std::array kConcerningPhrases{
    "had difficulty", "required repeated prompting", "concerns about patient safety", "was late",
    "unprofessional", "did not follow up",
};

struct DomainPhrases {
    Phrases praise;
    Phrases advice;
    Phrases concern;
};

DomainPhrases phrasesFor(DemoDomain domain)
{
    switch (domain) {
    case DemoDomain::PatientCare:
        return {kPatientCarePraise, kPatientCareAdvice, kPatientCareConcern};
    case DemoDomain::Knowledge:
        return {kKnowledgePraise, kKnowledgeAdvice, kKnowledgeConcern};
    case DemoDomain::Systems:
        return {kSystemsPraise, kSystemsAdvice, kSystemsConcern};
    case DemoDomain::Improvement:
        return {kImprovementPraise, kImprovementAdvice, kImprovementConcern};
    case DemoDomain::Professionalism:
        return {kProfessionalismPraise, kProfessionalismAdvice, kProfessionalismConcern};
    case DemoDomain::Communication:
        return {kCommunicationPraise, kCommunicationAdvice, kCommunicationConcern};
    case DemoDomain::Entrustment:
        break;
    }
    return {kEntrustmentPraise, kEntrustmentAdvice, kEntrustmentConcern};
}

const char *pick(DemoRandom &rng, Phrases phrases)
{
    return phrases[static_cast<std::size_t>(rng.below(static_cast<int>(phrases.size())))];
}

// Appends a sentence, separated by a space unless a line break just started a section.
void sentence(QByteArray &out, const char *text, const char *topic)
{
    if (!out.isEmpty() && !out.endsWith('\n') && !out.endsWith(' '))
        out += ' ';
    const QByteArrayView view(text);
    const qsizetype at = view.indexOf(QByteArrayView("%T"));
    if (at < 0) {
        out += view;
        return;
    }
    out += view.first(at);
    out += topic;
    out += view.sliced(at + 2);
}

// Starts a labelled section on a new line ("To work on: ..."), as many forms prompt for.
void section(QByteArray &out, bool sections, const char *label)
{
    if (!sections)
        return;
    if (!out.isEmpty())
        out += '\n';
    out += label;
    out += ' ';
}

} // namespace

DemoTone DemoNarratives::tone(double gap)
{
    if (gap > 0.5)
        return DemoTone::Strong;
    if (gap > -0.35)
        return DemoTone::Solid;
    if (gap > -0.9)
        return DemoTone::Developing;
    return DemoTone::Concerning;
}

void DemoNarratives::compose(QByteArray &out, DemoRandom &rng, DemoDomain domain, DemoTone tone, bool lapse)
{
    const DomainPhrases phrases = phrasesFor(domain);
    const char *topic = pick(rng, kTopics);
    const Phrases openers = kOpeners[static_cast<std::size_t>(tone)];
    // Some assessors write sections on separate lines, as many forms prompt them to.
    const bool sections = rng.chance(0.2);
    QByteArray text;
    if (rng.chance(0.4))
        sentence(text, pick(rng, openers), topic);
    switch (tone) {
    case DemoTone::Strong:
        sentence(text, pick(rng, phrases.praise), topic);
        if (rng.chance(0.4))
            sentence(text, pick(rng, kQuotesGood), topic);
        if (rng.chance(0.45))
            sentence(text, pick(rng, kNegated), topic);
        break;
    case DemoTone::Solid:
        sentence(text, pick(rng, phrases.praise), topic);
        section(text, sections, "To work on:");
        sentence(text, pick(rng, phrases.advice), topic);
        if (rng.chance(0.3))
            sentence(text, pick(rng, kNegated), topic);
        break;
    case DemoTone::Developing:
        if (rng.chance(0.5))
            sentence(text, pick(rng, phrases.praise), topic);
        section(text, sections, "To work on:");
        sentence(text, pick(rng, phrases.advice), topic);
        if (rng.chance(0.5))
            sentence(text, pick(rng, phrases.advice), topic);
        if (rng.chance(0.1))
            sentence(text, pick(rng, kNegated), topic);
        break;
    case DemoTone::Concerning:
        sentence(text, pick(rng, phrases.concern), topic);
        if (rng.chance(0.2))
            sentence(text, pick(rng, kQuotesBad), topic);
        section(text, sections, "Plan:");
        sentence(text, pick(rng, phrases.advice), topic);
        break;
    }
    if (lapse) {
        text += rng.chance(0.3) ? "\n" : "";
        sentence(text, pick(rng, kLapses), topic);
    }
    out += text;
}

std::span<const char *const> DemoNarratives::concerningPhrases()
{
    return kConcerningPhrases;
}

} // namespace pme::core
