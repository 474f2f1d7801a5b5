"""Context for the treatment rules.

Each keeps the clinical or administrative sense of a shared word quiet:
- drug-seeking: animal and neuroscience research ("cue-induced drug seeking in rats"),
  and definitions ("compulsive drug seeking and use");
- noncompliant: regulatory compliance ("a noncompliance citation for fire exits",
  "ADA non-compliant entrance"); reported only about a person's treatment;
- manipulative-denial: "treatment-resistant depression", "drug-resistant TB",
  "claim denial", "osteopathic manipulative treatment", "splitting the cost";
- treatment-failure: "virologic treatment failure", "antibiotic treatment failure",
  "failed treatment with sertraline" (a medication trial);
- replacement-therapy: hormone, nicotine, enzyme, renal, joint replacement;
- medication-assisted-treatment: "yoga mat", law and grant names ("the MAT Act"), other
  MATs ("the Mobile Assessment Team (MAT)"); the acronym gets the acronym "MOUD";
- rehab-detox, drying-out-drunk-tank: cardiac, physical, stroke, housing and vocational
  rehab, detox diets, paint and seeds that dry out; bare "rehab" only in the colloquial
  "went to / in / out of rehab" about substance use.

Several rules pick their replacement list by setting `c.form` (see each rule's
alternatives), e.g. "failed treatment" -> ed -> "tried treatment".
"""
from __future__ import annotations

from ..api import Candidate, Needs, check
from .lexicon import PERSON, is_substance

RESEARCH = {"rats", "rat", "mice", "mouse", "rodent", "rodents", "animal", "animals", "monkeys",
            "primates", "reinstatement", "cue-induced", "cue", "self-administration", "paradigm",
            "neural", "neurons", "dopamine", "circuit", "circuits", "preclinical", "model", "models",
            "compulsive", "extinction", "striatum", "prefrontal"}

REGULATORY = {"hipaa", "ada", "osha", "facility", "facilities", "citation", "citations", "regulation",
              "regulations", "regulatory", "audit", "audits", "auditor", "code", "codes", "fire",
              "building", "buildings", "standards", "standard", "vendor", "vendors", "contract",
              "contracts", "license", "licensing", "inspection", "inspections", "billing", "filing",
              "policy", "policies", "cms", "joint", "commission", "accreditation", "entrance",
              "website", "ramp", "exits", "exit", "grant", "grantee", "reporting", "documentation",
              "federal", "state", "penalty", "penalties", "fines", "fine", "equipment", "software",
              "security", "privacy", "tax", "taxes", "permit", "permits", "contractor", "landlord"}
CLINICAL_PERSON = PERSON | {"medication", "medications", "meds", "treatment", "appointments",
                            "appointment", "plan", "dosing", "regimen", "therapy", "diet", "follow-up",
                            "aftercare", "groups", "group", "counseling", "visits", "insulin"}

# words of a clinical or treatment setting
CLINICAL = {"client", "clients", "patient", "patients", "pt", "treatment", "group", "groups", "therapy",
            "recovery", "counseling", "counselor", "session", "sessions", "medication", "medications",
            "meds", "program", "sobriety", "sober", "drinking", "using", "substance", "relapse",
            "appointment", "appointments", "plan", "intake", "discharge", "engagement", "services",
            "detox", "rehab", "clinic", "resident", "residents", "participant", "participants"}

NON_OPIOID = {"hormone", "hormonal", "nicotine", "enzyme", "renal", "kidney", "estrogen", "oestrogen",
              "testosterone", "thyroid", "fluid", "fluids", "electrolyte", "iron", "vitamin", "joint",
              "hip", "knee", "valve", "nrt", "hrt", "ert", "androgen", "insulin", "factor",
              "immunoglobulin", "gene", "cell", "plasma", "blood", "volume", "bicarbonate",
              "potassium", "calcium", "magnesium", "sodium", "b12", "lens", "cornea", "tooth",
              "pancreatic", "growth", "cortisol", "steroid", "hydrocortisone", "menopausal",
              "gender-affirming", "-"}
OPIOID_CONTEXT = {"methadone", "buprenorphine", "bup", "opioid", "opioids", "opiate", "opiates",
                  "heroin", "fentanyl", "oud", "moud", "mat", "suboxone", "sublocade", "subutex",
                  "naltrexone", "vivitrol", "addiction", "addictions", "withdrawal", "sud", "dose",
                  "doses", "dosing", "medication", "medications", "drug", "drugs", "otp", "clinic",
                  "recovery", "cravings", "treatment", "jail", "narcotic", "narcotics"}

MAT_CONTEXT = {"opioid", "opioids", "opiate", "buprenorphine", "methadone", "naltrexone", "oud",
               "aud", "sud", "suboxone", "vivitrol", "addiction", "substance", "treatment",
               "medication", "medications", "recovery", "prescriber", "prescribers", "clinic",
               "patients", "induction", "moud", "withdrawal", "alcohol", "program", "programs",
               "jail", "dose", "doses", "waiver", "x-waiver"}

# other things written MAT
MAT_OTHER = {"team", "teams", "assessment", "mobile", "multi-agency", "multiagency", "analogies", "exam",
             "test", "yoga", "mats", "floor", "gym", "wrestling", "matrix", "materials"}

PHYSICAL_REHAB = {"cardiac", "physical", "pulmonary", "stroke", "occupational", "vocational",
                  "housing", "home", "property", "building", "knee", "hip", "shoulder", "injury",
                  "injuries", "surgery", "orthopedic", "sports", "speech", "wildlife", "loan",
                  "loans", "roof", "roofs", "courthouse", "apartment", "apartments", "units",
                  "neuro", "neurologic", "neurological", "brain", "spinal", "acl", "concussion",
                  "physiotherapy", "therapist", "pt", "ot", "renovation", "renovations", "bridge",
                  "road", "park", "facility's", "pelvic", "vestibular", "hand", "amputation"}
DETOX_DIET = {"diet", "diets", "cleanse", "cleanses", "juice", "juices", "tea", "teas", "foot",
              "spa", "smoothie", "smoothies", "digital", "social", "media", "phone", "screen",
              "sugar", "skin", "hair", "liver", "body", "bath", "water", "detoxify"}
INFECTION = {"virologic", "virological", "antibiotic", "antibiotics", "antimicrobial", "antiviral",
             "antiretroviral", "hiv", "hcv", "hepatitis", "tb", "tuberculosis", "infection",
             "infections", "cancer", "chemotherapy", "chemo", "tumor", "tumour", "malaria",
             "bacterial", "fungal", "viral", "heart", "kidney", "renal", "liver", "respiratory",
             "graft", "transplant", "h.", "pylori", "eradication", "oncology", "leukemia", "lymphoma",
             "ssri", "ssris", "antidepressant", "antidepressants", "sertraline", "fluoxetine",
             "depression", "epilepsy", "seizures", "asthma", "diabetes", "hypertension"}


@check("drug-seeking-clinical", rules=["drug-seeking"])
def drug_seeking(c: Candidate) -> bool:
    """'drug-seeking' as a clinical label for a patient, not animal and neuroscience research
    ('cue-induced drug seeking in rats', 'compulsive drug seeking'); the adjective
    'drug-seeking' takes the -ing suggestion ('requesting medication')."""
    if c.nearby_words(1) & RESEARCH:
        return c.reject("animal or neuroscience research ('drug seeking in rats')")
    if c.tokens[-1].lower_ == "seeking":
        c.form = "ing"  # the adjective "drug-seeking": "requesting medication"
    return True


def _noncompliant_needs(form: str) -> Needs | None:
    """'noncompliant' is kept only with a person or their care in the sentence ('refused
    ...' is decided by its own words)."""
    return None if form.lower().startswith("refus") else Needs(frozenset(CLINICAL_PERSON))


@check("noncompliant-person", rules=["noncompliant"], needs=_noncompliant_needs)
def noncompliant(c: Candidate) -> bool:
    """'noncompliant'/'non-compliance' about a person's treatment (medication, appointments,
    a plan), not regulatory compliance ('a noncompliance citation for fire exits', 'ADA
    non-compliant entrance'); 'refused treatment' not of an institution refusing it to someone
    ('the hospital refused treatment to him')."""
    near = c.nearby_words()
    if near & REGULATORY:
        return c.reject("regulatory compliance (a citation, an audit, a building code)")
    words = [t.lower_ for t in c.tokens]
    if words[0] in ("refused", "refuses", "refuse", "refusing"):
        # "the hospital refused treatment to him": an institution refusing is not the label
        return not (near & {"hospital", "insurer", "insurance", "clinic", "facility", "provider"}
                    and "to" in [t.lower_ for t in c.after(2)])
    return bool(near & CLINICAL_PERSON)


@check("manipulative-person", rules=["manipulative-denial"])
def manipulative(c: Candidate) -> bool:
    """Clinical judgments of a person ('manipulative', 'in denial', 'unmotivated', 'lacks
    insight', 'resistant to treatment', 'splitting staff'), not 'osteopathic manipulative
    treatment', 'claim denial', 'treatment-resistant depression', 'drug-resistant TB',
    'water-resistant', 'splitting the cost'."""
    words = [t.lower_ for t in c.tokens]
    word = words[-1]
    before = [t.lower_ for t in c.before(3)]
    after = [t.lower_ for t in c.after(3)]
    prv = before[0] if before else None
    nxt = after[0] if after else None
    near = c.nearby_words()
    if word == "manipulative":
        if nxt in ("treatment", "therapy", "medicine", "procedure", "procedures", "technique",
                   "techniques", "skills", "play", "toys", "materials", "suicide", "gesture",
                   "attempt") or prv == "osteopathic":
            return c.reject("a treatment or technique ('osteopathic manipulative treatment'), or 'manipulative' before a noun")
        return bool(near & CLINICAL_PERSON)  # about a person, not "a manipulative interface"
    if words == ["in", "denial"]:
        if nxt in ("of", "status", "letter", "letters", "rate", "rates", "queue"):
            return c.reject("'in denial of', 'denial letter': a claim denial")
        return not (near & {"claim", "claims", "insurance", "insurer", "benefits", "authorization",
                            "prior", "billing", "payer", "payers", "appeal", "appeals", "coverage"})
    if word == "resistant":
        if prv in ("-", "\u2010", "\u2011"):
            return c.reject("a compound ('treatment-resistant', 'drug-resistant', 'water-resistant')")  # treatment-resistant, drug-resistant, water-resistant
        if near & (INFECTION | {"bacteria", "strain", "strains", "virus", "insulin", "weather", "water",
                                "fire", "tamper", "pest", "pests", "drought", "mold", "rust", "heat",
                                "corrosion", "material", "materials", "fabric", "coating",
                                "tamper-resistant", "crush", "pill", "pills", "formulation"}):
            return c.reject("about infections, materials or formulations ('resistant strains', 'tamper-resistant pills')")
        # about a person: "is resistant to treatment", "remains resistant and unmotivated"
        linked = prv in ("is", "was", "are", "were", "been", "remains", "remained", "seems",
                         "seemed", "appears", "appeared", "very", "quite", "somewhat", "often",
                         "'s", "\u2019s", "becomes", "became", "be", "being", "and", "still")
        if not linked:
            return c.reject("'resistant' not said of a person ('is resistant to')")
        ends = nxt is None or nxt in ("to", "and", "or", "when", "with") or not c.doc[c.end].is_alpha
        return ends and bool(near & CLINICAL_PERSON)
    if word == "splitting":
        window = set(after) | set(before)
        if window & {"staff", "team", "providers", "clinicians", "nurses", "counselors", "caregivers",
                     "parents", "therapists", "splitting", "behavior", "behaviors", "behaviour"}:
            return not (near & {"cost", "costs", "bill", "check", "hairs", "wood", "atoms", "cells",
                                "time", "difference", "payment", "rent"})
        return c.reject("'splitting' not about staff or a team ('splitting the cost')")
    if word == "unmotivated":
        return bool(near & CLINICAL)
    return True  # "lacks insight": a clinical judgment of the person


@check("treatment-failure-sud", rules=["treatment-failure"])
def treatment_failure(c: Candidate) -> bool:
    """'failed treatment', 'treatment failure' said of a person in addiction treatment, not
    infections and other diseases ('virologic treatment failure', 'antibiotic treatment
    failure') or a medication trial ('failed treatment with sertraline'). The form picks the
    suggestion ('failed treatment' -> 'tried treatment')."""
    before = [t.lower_ for t in c.before(2)]
    after = [t.lower_ for t in c.after(2)]
    near = c.nearby_words(1)
    if near & INFECTION:
        return c.reject("about an infection or another disease (virologic, antibiotic, cancer...)")
    if after and after[0] in ("with", "on"):
        return c.reject("'failed treatment with sertraline': a medication trial")  # "failed treatment with sertraline": a medication trial
    if before and before[0] in ("virologic", "antibiotic", "early", "late", "primary", "secondary"):
        return c.reject("a medical term ('virologic treatment failure', 'early treatment failure')")
    first = c.tokens[0].lower_
    c.form = {"fail": "base", "fails": "s", "failed": "ed", "failing": "ing"}.get(first, "singular")
    return True


_DRUG_NOUNS = {"substance", "substances", "drug", "drugs", "opioid", "opioids", "opiate", "opiates",
               "addiction", "narcotic", "narcotics"}
_MEDICATIONS = {"methadone", "buprenorphine", "suboxone", "subutex", "sublocade", "zubsolv", "naltrexone",
                "vivitrol", "medication", "medications", "medicine", "moud", "mat"}


@check("replacement-opioid", rules=["replacement-therapy"])
def replacement(c: Candidate) -> bool:
    """'replacement/substitution therapy' and 'trading one addiction for another' about
    medications for opioid use disorder; not hormone, nicotine, enzyme, renal or joint
    replacement, and not a second finding for the trading phrase after 'replacement therapy' in
    the same sentence."""
    words = [t.lower_ for t in c.tokens]
    before = [t.lower_ for t in c.before(2)]
    prv = before[0] if before else None
    if words[0] in ("opioid", "opiate", "opioids", "opiates", "methadone", "narcotic", "heroin"):
        return True
    if words[0] in ("replacement", "substitution", "substitute") and prv in NON_OPIOID:
        return c.reject("hormone, nicotine, enzyme or joint replacement")  # hormone / nicotine / enzyme replacement therapy
    if prv in ("-",) and len(before) > 1:
        return c.reject("part of a compound")
    if words[0] in ("substitute", "substitutes") and words[1] == "for":
        # 'taking the medication as a substitute for another substance': a medication in the
        # sentence, a drug after 'another' (not 'another fat', 'another person's support')
        after = [t.lower_ for t in c.after(1)]
        sent = {t.lower_ for t in c.sent}
        if not (after and (after[0] in _DRUG_NOUNS or is_substance(after[0], strict=True))):
            return c.reject("a substitute for something other than a drug")
        if not sent & _MEDICATIONS:
            return c.reject("no medication in the sentence is called the substitute")
        return c.keep("a medication for opioid use disorder called a substitute for a drug")
    if words[0] in ("trade", "trades", "traded", "trading", "replace", "replaces", "replaced",
                    "replacing", "swap", "swaps", "swapped", "swapping", "substitute",
                    "substitutes", "substituted", "substituting") and \
            words[-1] == "another":
        # "trading one addiction for another": about MOUD when drugs or treatment are near.
        # One finding per framing: after "replacement therapy" in the same sentence the
        # trading phrase only restates it.
        others = {t.lower_ for t in c.sent if not c.start <= t.i < c.end}
        if others & {"replacement", "substitution", "substitute"}:
            return c.reject("the trading phrase after 'replacement therapy' in the same sentence: one finding per framing")
        return bool(c.segment_words() & (OPIOID_CONTEXT | {"addiction"})) or "addiction" in words
    if words == ["legal", "heroin"]:
        return bool(c.segment_words() & {"methadone", "buprenorphine", "suboxone", "treatment", "clinic"})
    # bare "replacement therapy", "substitution therapy", "substitute drug"
    seg = c.segment_words()
    if seg & {"hrt", "nrt", "menopause", "estradiol", "transgender", "gender", "smoking", "cigarettes",
              "vaping", "nicotine", "hormone", "hormones"} and not seg & {"methadone", "buprenorphine", "opioid", "opioids", "oud", "moud", "heroin", "suboxone"}:
        return c.reject("hormone or nicotine replacement talk, with no opioid treatment in sight")
    return bool(seg & OPIOID_CONTEXT)


@check("mat-medication", rules=["medication-assisted-treatment"])
def mat(c: Candidate) -> bool:
    """'medication-assisted treatment' and the acronym MAT (which gets the acronym 'MOUD');
    not 'yoga mat', law and grant names ('the MAT Act'), other MATs ('the Mobile Assessment
    Team (MAT)'); 'maintenance therapy' only about opioids or methadone."""
    tok = c.tokens[0]
    words = [t.lower_ for t in c.tokens]
    after = [t.lower_ for t in c.after(2)]
    before = [t.lower_ for t in c.before(2)]
    nxt = after[0] if after else None
    if words == ["mat"]:
        if tok.text != "MAT":
            return c.reject("'mat' in lower case: a yoga or floor mat")  # "yoga mat", "floor mat"
        if nxt in ("act", "-", "\u2010") or (nxt == ")" and len(after) > 1 and after[1] in ("act", "grant")):
            return c.reject("a law or grant name ('the MAT Act', 'MAT-PDOA')")  # "the MAT Act", "MAT-PDOA"
        if before and before[0] in ("yoga", "exercise"):
            return c.reject("a yoga or exercise mat")
        c.form = "plural"  # the acronym gets the acronym "MOUD"
        if c.segment_words() & MAT_OTHER and not c.nearby_words(1) & MAT_CONTEXT:
            return c.reject("another MAT ('the Mobile Assessment Team (MAT)', 'the MAT exam')")  # "the Mobile Assessment Team (MAT)", "the MAT exam"
        return not (nxt in ("team", "teams", "exam", "score", "scores", "test"))
    if words[-1] in ("therapy", "treatment") and words[0] == "maintenance":
        return bool(c.nearby_words(1) & {"methadone", "buprenorphine", "opioid", "opioids", "oud",
                                          "heroin", "suboxone", "naltrexone", "addiction"})
    if nxt in ("act", "program", "grant", "grants") and c.tokens[0].text[:1].isupper():
        return c.reject("an official program or law name ('the MAT Act')")  # an official program or law name
    return True


SUD_CONTEXT = {"drug", "drugs", "alcohol", "addiction", "addicted", "opioid", "opioids", "heroin",
               "sober", "sobriety", "relapse", "relapsed", "drinking", "drink", "drunk", "using",
               "substance", "meth", "cocaine", "pills", "overdose", "booze", "alcoholic", "liquor",
               "binge", "recovery", "detox", "withdrawal", "sud", "aud", "oud"}
ALCOHOL_CONTEXT = {"alcohol", "drinking", "drink", "drinks", "drunk", "booze", "sober", "sobriety",
                   "liquor", "beer", "wine", "vodka", "whiskey", "bender", "hangover", "alcoholic",
                   "detox", "rehab", "binge"}


@check("rehab-substance", rules=["rehab-detox", "drying-out-drunk-tank"])
def rehab(c: Candidate) -> bool:
    """'rehab', 'detox center', 'dry out' about substance use; not cardiac, physical, stroke,
    housing or vocational rehab, not detox diets; a bare 'rehab' only in the colloquial 'went
    to / in / out of rehab' (or after 'drug'/'alcohol')."""
    words = [t.lower_ for t in c.tokens]
    before = [t.lower_ for t in c.before(3)]
    after = [t.lower_ for t in c.after(2)]
    near = c.nearby_words(1)
    if "rehab" in words or "rehabs" in words:
        if set(before[:2]) & PHYSICAL_REHAB or (after and after[0] in PHYSICAL_REHAB):
            return c.reject("physical, cardiac, stroke, housing or vocational rehab")
        if near & PHYSICAL_REHAB:
            return c.reject("in a passage about physical or other rehabilitation")
        if len(words) > 1:
            return True  # "went to rehab", "rehab center"
        if before[:1] and before[0] in ("drug", "alcohol", "addiction", "opioid", "heroin"):
            return True
        if before[:2] in (["to", "went"], ["to", "go"], ["to", "goes"], ["to", "going"], ["to", "sent"]) \
                or before[:1] in (["in"], ["from"], ["into"]) or before[:2] == ["of", "out"]:
            return bool(near & SUD_CONTEXT) or before[:1] != ["in"]
        return c.reject("bare 'rehab' as a facility name ('the rehab staff'), not 'went to rehab'")  # "the rehab staff", "rehab hours": too often an ordinary facility name
    if words[0] in ("dry", "dries", "dried", "drying"):
        return bool(c.nearby_words(1) & ALCOHOL_CONTEXT)
    if "detox" in words:
        return not (set(before[:2]) & DETOX_DIET or near & DETOX_DIET)
    return True
