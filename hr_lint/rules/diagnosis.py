"""A diagnosis used as a noun for a person: "schizophrenics", "a psychotic", "anorexics".

The same words are ordinary clinical adjectives ("psychotic symptoms", "bipolar
disorder", "a depressive episode", "a borderline case"), so a singular match is
reported only when it stands as a noun: after a determiner and before a word that
ends the noun phrase ("mother is a schizophrenic;", "a psychotic or a prostitute").
A plural ("schizophrenics", "psychotics") is always a noun.

For `schizophrenic-person` the adjective before a person noun ("a schizophrenic man",
"schizophrenic patients") is reported as well, with the noun taken into the span so
that "person with schizophrenia" replaces the whole label.
"""
from __future__ import annotations

from .bh_words import BOUNDARY, DETERMINERS, VIOLENT, next_tokens, prev_tokens

PERSON_NOUNS = {
    "man": "singular", "woman": "singular", "person": "singular", "patient": "singular",
    "individual": "singular", "client": "singular", "boy": "singular", "girl": "singular",
    "guy": "singular", "adult": "singular", "teen": "singular", "teenager": "singular",
    "men": "plural", "women": "plural", "people": "plural", "patients": "plural",
    "individuals": "plural", "clients": "plural", "adults": "plural", "teens": "plural",
    "persons": "plural", "youth": "singular", "kids": "plural", "boys": "plural", "girls": "plural",
}

# Adjectives that may stand between the determiner and the noun: "a chronic schizophrenic".
MODIFIERS = {"paranoid", "chronic", "known", "young", "old", "diagnosed", "violent", "severe",
             "homeless", "recovering", "former", "untreated", "catatonic", "typical", "real"}


def _determined(c) -> bool:
    for tok in prev_tokens(c, 3):
        low = tok.lower_
        if low in DETERMINERS:
            return True
        if low not in MODIFIERS:
            return False
    return False


def _noun_use(c) -> bool:
    after = next_tokens(c, 1)
    if not after:
        return True
    nxt = after[0]
    if nxt.is_punct and nxt.text not in ("-", "\u2010", "\u2011", "/"):
        return True
    return nxt.lower_ in BOUNDARY or nxt.lower_ in ("in", "at", "on", "for", "from", "to")


def check(c) -> bool:
    after = next_tokens(c, 1)
    nxt = after[0].lower_ if after else None
    if nxt in VIOLENT:
        return False  # "schizophrenic killer": the violence-link rule reports it
    if c.form == "plural":
        return True
    if c.rule.id == "schizophrenic-person" and nxt in PERSON_NOUNS:
        c.end += 1
        c.form = PERSON_NOUNS[nxt]
        return True
    if nxt in ("in", "at", "on", "for", "from", "to") and c.tokens[-1].lower_ in ("borderline", "bipolar"):
        return False  # "the borderline between", "bipolar in nature"
    return _determined(c) and _noun_use(c)
