"""asylum / madhouse: a psychiatric hospital, or immigration, history and figures of speech?

- Bare "asylum" is reported only when the passage is about psychiatric care ("locked
  in an asylum for thirty years as a mental patient") and never in immigration text
  ("political asylum", "asylum seekers", "granted asylum", "her asylum hearing").
- History written as history: the institution of the past, named as its own time named it,
  is not reported ("the county lunatic asylum, opened in 1869", "early asylums were built
  far from town", "the old madhouse was replaced by a modern hospital"), nor "the asylum"
  that refers back to a named one ("Rochford Asylum ... doctors at the asylum"). The
  insults ("loony bin", "nuthouse", "funny farm") are reported whatever the period.
- "madhouse" / "funny farm" said of a busy place ("the office was a madhouse") is a
  figure of speech: info.
- Compound labels ("insane asylum", "mental institution", "loony bin") are reported.
"""
from __future__ import annotations

from ..api import Candidate, check, historical, sentence_span

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
# what the era allows: the insults are reported whatever the period
SLURS = {"loony", "looney", "nuthouse", "nut", "funny", "booby"}
# a person put into the institution: that story is about the person, whatever the year
# ('his grandfather was committed to an insane asylum in 1952')
PLACED = {"committed", "sent", "locked", "confined", "admitted", "put", "placed", "spent", "taken",
          "dumped", "shipped", "institutionalized", "institutionalised", "ended", "years", "months",
          "year", "decades", "life", "died", "lived", "stayed", "kept", "held"}


def _placed_into(c) -> bool:
    """The match is where someone was put: 'committed to an insane asylum', 'locked up in
    the madhouse', 'spent a year in a mental institution'."""
    before = [t.lower_ for t in c.before(7)]
    for n, w in enumerate(before):
        if w in ("to", "in", "into", "inside", "at"):
            return any(v in PLACED for v in before[n + 1:n + 5])
        if w in (",", ";", ".", "where", "which", "that", "was", "were", "is", "are"):
            return False
    return False


def _past(c) -> bool:
    """The sentence (or one beside it) places the institution in the past, and the match is
    the institution described, not the place someone was put into."""
    lo, hi = sentence_span(c.doc, c.start, 1)
    return historical(c.doc, lo, hi) and not _placed_into(c)


def _named_before(c) -> bool:
    """'the asylum' after a named one in the paragraph ('Rochford Asylum ... at the asylum')."""
    doc = c.doc
    if c.before(1)[:1] and c.before(1)[0].lower_ != "the":
        return False
    for k in range(0, c.start):
        t = doc[k]
        if t.text in ("Asylum", "Asylums") and k > 0 and doc[k - 1].is_alpha and doc[k - 1].text[:1].isupper():
            return True
    return False
FIGURATIVE_PLACES = {"madhouse", "funny", "nuthouse", "zoo"}


@check("asylum-psychiatric", rules=["asylum-institution"])
def psychiatric(c: Candidate) -> bool:
    """'asylum', 'madhouse', 'loony bin' for a psychiatric hospital. A bare 'asylum' only in a
    passage about psychiatric care ('locked in an asylum for thirty years as a mental
    patient'), never in immigration text ('political asylum', 'asylum seekers', 'her asylum
    hearing'). History written as history is not reported: the institution of the past ('the
    county lunatic asylum, opened in 1869', 'early asylums', 'the old madhouse was replaced by
    a modern hospital', 'the history of state asylums') and 'the asylum' that refers back to
    a named one; the insults ('loony bin', 'nuthouse') are reported whatever the period.
    'madhouse' or 'funny farm' said of a busy place ('the office was a madhouse') is a figure
    of speech: info. Compound labels ('insane asylum', 'mental institution') are reported."""
    words = [t.lower_ for t in c.tokens]
    if (words == ["asylum"] or words == ["asylums"]) and c.word_before in ("lunatic", "insane", "mental"):
        return c.reject("inside 'lunatic/insane/mental asylum', which is judged whole")
    if words == ["asylum"] or words == ["asylums"]:
        near = c.nearby_words(1)
        before = [t.lower_ for t in c.before(2)]
        after = [t.lower_ for t in c.after(2)]
        if near & IMMIGRATION or set(before + after) & IMMIGRATION:
            return c.reject("about immigration ('political asylum', 'asylum seekers', 'her asylum hearing')")
        if c.sentence_words() & HISTORY:
            return c.reject("about the historical institution ('the history of state asylums')")
        if _named_before(c):
            return c.reject("'the asylum' refers back to the named institution ('Rochford Asylum')")
    if not set(words) & SLURS and _past(c):
        return c.reject("history written as history: the institution of its time ('opened in 1869', "
                        "'early asylums', 'replaced by a modern hospital')")
    if words == ["asylum"] or words == ["asylums"]:
        return bool(c.nearby_words(1) & PSYCHIATRIC) or c.reject("nothing in the passage is about psychiatric care")
    if words[0] in FIGURATIVE_PLACES:
        if not c.nearby_words(1) & PSYCHIATRIC:
            c.severity = "info"
    return True
