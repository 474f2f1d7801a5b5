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


# Words that cannot be the noun an adjective modifies: after "a paranoid schizophrenic"
# they start a phrase of their own ("according to court records", "since 2010",
# "diagnosed at 19", "named Dale").
AFTER_NOUN = {"in", "at", "on", "for", "from", "to", "according", "after", "before", "since",
              "until", "during", "under", "without", "by", "about", "into", "through", "near",
              "outside", "inside", "behind", "off", "out", "whom", "whose", "named", "called",
              "known", "diagnosed", "arrested", "released", "admitted", "found", "held", "treated",
              "living", "staying", "sleeping", "himself", "herself", "themselves", "now", "once",
              "yet", "no", "not", "nor", "either", "every", "all", "both", "today", "anymore"}


def _noun_use(c) -> bool:
    after = next_tokens(c, 1)
    if not after:
        return True
    nxt = after[0]
    if nxt.is_punct and nxt.text not in ("-", "\u2010", "\u2011", "/"):
        return True
    low = nxt.lower_
    if low in BOUNDARY or low in ("in", "at", "on", "for", "from", "to"):
        return True
    if c.tokens[-1].lower_ in ("borderline", "bipolar"):
        return False  # "borderline elevated", "bipolar by nature": stay with the short list
    return low in AFTER_NOUN


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
