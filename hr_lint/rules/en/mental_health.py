"""Mental-health wording: 'the mentally ill', pity framing of a condition ('suffers from
schizophrenia'), 'shrink', and 'released' from psychiatric care.
"""
from __future__ import annotations

from ..api import Candidate, Needs, check, title_case_sentence
from .lexicon import COLLECTIVE_NEXT, DETERMINERS, ING_NOUNS

CONDITIONS = {
    "mental", "depression", "depressive", "anxiety", "schizophrenia", "schizoaffective", "bipolar",
    "ptsd", "post-traumatic", "posttraumatic", "ocd", "obsessive", "obsessive-compulsive",
    "psychosis", "psychoses", "anorexia", "bulimia", "eating", "borderline", "personality", "adhd",
    "agoraphobia", "phobia", "phobias", "dissociative", "mood", "psychiatric", "paranoia",
    "paranoid", "manic", "mania", "hoarding", "trauma", "cptsd", "c-ptsd", "melancholia", "bpd",
    "gad", "mdd", "panic", "disorder", "disorders", "illness", "illnesses", "insanity", "dementia",
}
NOT_CONDITIONS = {
    "addiction", "addictions", "alcoholism", "substance", "substances", "sud", "suds", "oud",
    "aud", "drug", "drugs", "alcohol", "opioid", "opioids", "pain", "injury", "injuries", "attack",
    "attacks", "withdrawal", "overdose", "overdoses", "burns", "cancer", "asthma", "diabetes",
    "migraines", "migraine", "headaches", "fatigue", "insomnia", "heat", "hunger", "poverty",
    "homelessness", "racism", "discrimination", "stigma", "loss", "losses", "grief", "flu",
}
FILLERS = {"a", "an", "the", "severe", "chronic", "untreated", "major", "serious", "mild", "his",
           "her", "their", "its", "from", "clinical", "persistent", "debilitating", "undiagnosed",
           "co-occurring", "treatment-resistant", "long-term", "lifelong", "crippling", "acute",
           "moderate", "both", "and", "or", "recurrent", "-", "some", "form", "of", "kind", "type"}

AUX_FORM = {"is": "s", "'s": "s", "\u2019s": "s", "was": "ed", "were": "ed", "are": "base",
            "be": "base", "been": "ed", "am": "base", "'m": "base", "\u2019m": "base",
            "'re": "base", "\u2019re": "base"}


CONDITION_ENDINGS = ("ia", "osis", "ism")  # 'anorexia', 'psychosis', 'autism'


def _condition_follows(c, limit: int = 6) -> bool:
    for tok in c.after(limit):
        low = tok.lower_
        if low in NOT_CONDITIONS:
            return False
        if low in CONDITIONS:
            if low == "panic":
                nxt = c.doc[tok.i + 1].lower_ if tok.i + 1 < len(c.doc) else ""
                return nxt == "disorder"
            if low in ("disorder", "disorders", "illness", "illnesses"):
                prev = c.doc[tok.i - 1].lower_
                return prev not in NOT_CONDITIONS
            return True
        if low not in FILLERS and not tok.is_punct:
            # first content word names something else: "suffering from the heat"
            if low.endswith(CONDITION_ENDINGS):
                return low not in NOT_CONDITIONS and low != "alcoholism"
            return False
    return False


def _suffers(c) -> bool:
    words = [t.lower_ for t in c.tokens]
    if not _condition_follows(c):
        return c.reject("what follows is not a mental-health condition (a symptom, pain, heat, addiction...)")
    first = words[0]
    if first in ("suffer", "suffers", "suffered", "suffering"):
        c.form = {"suffer": "base", "suffers": "s", "suffered": "ed", "suffering": "ing"}[first]
        return True
    if first in ("sufferer", "victim"):
        c.form = "singular"
        return True
    if first in ("sufferers", "victims"):
        c.form = "plural"
        return True
    # afflicted with / stricken with / crippled by: take the auxiliary into the span
    before = c.before(1)
    if before and before[0].lower_ in AUX_FORM:
        aux = before[0]
        c.form = AUX_FORM[aux.lower_]
        if aux.lower_ == "been":
            c.form = "ed"
        c.start = aux.i
    else:
        c.form = "ing"
    return True


def _shrink(c) -> bool:
    before = c.before(1)
    after = c.after(1)
    prv = before[0].lower_ if before else None
    nxt = after[0].lower_ if after else None
    if nxt in ("-", "wrap", "wrapped", "rate", "rates", "tube", "tubing", "film", "sleeve", "sleeves",
               "allowance", "percentage", "loss", "losses", "ray"):
        return c.reject("retail or packaging 'shrink' ('shrink wrap', 'shrink rate')")
    return (prv in DETERMINERS or prv in ("see", "sees", "seeing", "saw", "seen", "visit", "visits",
                                         "visiting", "visited", "school", "fancy")) or c.reject("not a noun for a clinician ('budgets shrink')")


def _released(c) -> bool:
    first = c.tokens[0].lower_
    if first in ("released", "release", "releases", "releasing"):
        c.form = "ed" if first == "released" else "base"
        c.end = c.start + 1
        return True
    for tok in c.tokens:
        if tok.lower_ in ("inmates", "inmate"):
            c.form = "plural" if tok.lower_ == "inmates" else "singular"
            c.start, c.end = tok.i, tok.i + 1
            return True
    return True


@check("mentally-ill-collective", rules=["the-mentally-ill"])
def mentally_ill(c: Candidate) -> bool:
    """'the mentally ill', 'the insane' as collective nouns for people (the plural
    suggestions: 'people with mental illness'); not the end of a name ('the State Hospital
    for the Criminally Insane', capitalised after a lower-case 'the' inside a sentence), and
    the short forms not as adjectives before a noun ('the insane amount of paperwork', 'the
    emotionally disturbed child')."""
    words = [t.lower_ for t in c.tokens]
    if words[0] == "the" and words[-1] in ("ill", "disturbed", "insane"):
        c.form = "plural"
        last = c.tokens[-1]
        if c.tokens[0].text == "the" and last.text[:1].isupper() and c.start != c.sent.start \
                and not title_case_sentence(c.sent):
            return c.reject("the end of a name ('the State Hospital for the Criminally Insane')")  # "the State Hospital for the Criminally Insane": a name
        if words[1:] in (["insane"], ["mentally", "unstable"], ["emotionally", "disturbed"]):
            # short collective forms double as adjectives: "the insane amount of paperwork",
            # "the emotionally disturbed child": a noun must not follow
            after = c.after(1)
            low = after[0].lower_ if after else ""
            if after and after[0].is_alpha and low not in COLLECTIVE_NEXT \
                    and not low.endswith(("ed", "ly")) \
                    and not (low.endswith("ing") and low not in ING_NOUNS):
                return c.reject("an adjective before a noun ('the insane amount of paperwork', 'the emotionally disturbed child')")
    return True


@check("suffers-mental-condition", rules=["suffers-from-mental-illness"],
       needs=Needs(frozenset(CONDITIONS), suffixes=CONDITION_ENDINGS))
def suffers(c: Candidate) -> bool:
    """Pity framing of a mental-health condition ('suffers from schizophrenia', 'afflicted
    with depression', 'sufferers of PTSD'), not symptoms or events ('suffered a panic
    attack', 'suffering from pain') and not addiction (suffer-addiction covers it). The
    form picks the suggestion: suffers from -> lives with, was afflicted with -> lived
    with, people afflicted with -> people living with."""
    return _suffers(c)


@check("shrink-clinician", rules=["happy-pills-shrink"])
def shrink(c: Candidate) -> bool:
    """'shrink' only as a noun for a clinician ('my shrink', 'see a shrink'), never the verb
    ('budgets shrink') or retail 'shrink rate'; 'happy pills', 'head doctor' always."""
    words = [t.lower_ for t in c.tokens]
    if words[-1] in ("pills", "pill"):
        c.form = "base"
        return True
    c.form = "plural" if words[-1] in ("shrinks", "doctors") else "singular"
    if words[0] in ("shrink", "shrinks"):
        return _shrink(c)
    return True


@check("released-from-care", rules=["released-discharged"])
def released(c: Candidate) -> bool:
    """'released from the psychiatric hospital' and the prison word 'inmates' for patients:
    the underline is 'released' (-> 'discharged') or 'inmates' (-> 'patients')."""
    return _released(c)
