"""asylum / madhouse: a psychiatric hospital, or immigration and figures of speech?

- Bare "asylum" is reported only when the passage is about psychiatric care ("locked
  in an asylum for thirty years as a mental patient") and never in immigration text
  ("political asylum", "asylum seekers", "granted asylum", "her asylum hearing").
- "madhouse" / "funny farm" said of a busy place ("the office was a madhouse") is a
  figure of speech: info.
- Compound labels ("insane asylum", "mental institution", "loony bin") are reported.
"""
from __future__ import annotations

from ..api import Candidate, check

IMMIGRATION = {
    "seeker", "seekers", "seeking", "seek", "sought", "political", "application", "applications",
    "applied", "apply", "applying", "granted", "grant", "refugee", "refugees", "immigration",
    "immigrant", "immigrants", "asylee", "asylees", "deportation", "deported", "persecution",
    "border", "uscis", "claim", "claims", "hearing", "hearings", "status", "fled", "fleeing",
    "country", "countries", "diplomatic", "case", "cases", "officer", "officers", "ice", "visa",
    "migrants", "migrant", "court", "judge", "request", "requested", "petition", "eligible",
}
PSYCHIATRIC = {
    "mental", "mentally", "psychiatric", "insane", "insanity", "lunatic", "lunatics", "patients",
    "patient", "inmates", "committed", "madness", "institutionalized", "institutionalised",
    "lobotomy", "lobotomies", "schizophrenia", "asylums", "psychiatry", "psychiatrist", "ward",
    "wards", "illness", "illnesses", "state", "hospital", "sanitarium", "straitjacket",
}
# The historical institution named as such: "the history of state asylums", "19th-century asylums".
HISTORY = {"history", "histories", "historical", "historic", "historian", "historians", "century",
           "centuries", "victorian", "era", "archive", "archives", "museum", "kirkbride"}
FIGURATIVE_PLACES = {"madhouse", "funny", "nuthouse", "zoo"}


@check("asylum-psychiatric", rules=["asylum-institution"])
def psychiatric(c: Candidate) -> bool:
    """'asylum', 'madhouse', 'loony bin' for a psychiatric hospital. A bare 'asylum' only in a
    passage about psychiatric care ('locked in an asylum for thirty years as a mental
    patient'), never in immigration text ('political asylum', 'asylum seekers', 'her asylum
    hearing') nor about the historical institution ('the history of state asylums');
    'madhouse' or 'funny farm' said of a busy place ('the office was a madhouse') is a figure
    of speech: info. Compound labels ('insane asylum', 'mental institution') are always
    reported."""
    words = [t.lower_ for t in c.tokens]
    if words == ["asylum"] or words == ["asylums"]:
        near = c.nearby_words(1)
        before = [t.lower_ for t in c.before(2)]
        after = [t.lower_ for t in c.after(2)]
        if near & IMMIGRATION or set(before + after) & IMMIGRATION:
            return c.reject("about immigration ('political asylum', 'asylum seekers', 'her asylum hearing')")
        if c.sentence_words() & HISTORY:
            return c.reject("about the historical institution ('the history of state asylums')")
        return bool(near & PSYCHIATRIC) or c.reject("nothing in the passage is about psychiatric care")
    if words[0] in FIGURATIVE_PLACES:
        if not c.nearby_words(1) & PSYCHIATRIC:
            c.severity = "info"
    return True
