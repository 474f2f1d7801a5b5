"""'alcoholic' the person versus 'alcoholic' the adjective, and in disease names."""
from __future__ import annotations

from ..api import Candidate, check
from .lexicon import FUNCTION_WORDS, KIN, coding_context, plural_person

_AFTER_NOUN_OK = FUNCTION_WORDS | {"myself", "himself", "herself", "themselves", "in", "like",
                                   "anonymous"}
_NOT_AFTER_PLURAL = {"anonymous"}
# the person nouns (of the lexicon's class) 'alcoholic' may stand before as an adjective
# ('my alcoholic father')
_PERSON_NOUNS = KIN | {
    "friend", "friends", "roommate", "neighbor", "neighbour", "boss", "coworker", "patient",
    "patients", "client", "clients", "man", "men", "woman", "women", "people", "person",
    "veteran", "veterans", "teen", "teens", "caregiver", "caregivers",
}


def _alcoholic_noun(c) -> bool:
    doc = c.doc
    k = c.end - 1
    lo, hi = doc[k].sent.start, doc[k].sent.end
    word = doc[k].lower_
    prev = doc[k - 1].lower_ if k - 1 >= lo else ""
    if prev in {"non", "non-"} or (prev == "-" and k - 2 >= lo and doc[k - 2].lower_ in {"non", "anti", "low", "no"}):
        return c.reject("'non-alcoholic', 'anti-alcoholic': about drinks, not a person")
    nxt = doc[k + 1] if k + 1 < hi else None
    if word == "alcoholic" and nxt is not None and nxt.lower_ in _PERSON_NOUNS:
        # 'an alcoholic mother', 'my alcoholic father', 'alcoholic patients': the label as an
        # adjective on a person; the underline takes the noun ('mother with an alcohol use disorder')
        noun = nxt.text
        c.end = k + 2
        if plural_person(nxt.lower_):
            c.form = "plural"
            c.suggest([f"{noun} with alcohol use disorders", f"{noun} who drink heavily"])
        else:
            c.form = "singular"
            c.suggest([f"{noun} with an alcohol use disorder", f"{noun} who drinks heavily"])
        return c.keep("before a noun for a person ('my alcoholic father')")
    if word == "alcoholics":
        if nxt is not None and nxt.lower_ in _NOT_AFTER_PLURAL:
            return c.reject("'Alcoholics Anonymous' written in lower case: the fellowship's name")
    else:
        if nxt is not None and not (nxt.is_punct or nxt.like_num or nxt.lower_ in _AFTER_NOUN_OK):
            return c.reject("an adjective before a noun ('alcoholic drinks', 'alcoholic liver disease'), not a noun for a person")  # an adjective: 'alcoholic drinks', 'alcoholic liver disease'
        if nxt is not None and nxt.text == "-":
            return c.reject("part of a compound ('alcoholic-free')")
    # 'a functioning alcoholic', 'a high-functioning alcoholic'
    if prev == "functioning":
        c.start = k - 1
        if k - 3 >= lo and doc[k - 2].text == "-" and doc[k - 3].lower_ in {"high", "highly"}:
            c.start = k - 3
    return c.keep("a noun for a person, where a noun phrase ends")


def _liver_disease(c) -> bool:
    doc = c.doc
    if coding_context(doc, c.start):
        return c.reject("a diagnosis code's descriptor ('K70.30 Alcoholic cirrhosis'), not the writer's wording")  # 'K70.30 Alcoholic cirrhosis of liver without ascites': a code descriptor
    for k in range(c.start, c.end):
        if doc[k].lower_ == "alcoholic":
            c.start, c.end = k, k + 1
            return c.keep("the adjective in a disease name")
    return c.reject("no 'alcoholic' in the match")


@check("alcoholic-person", rules=["alcoholic-noun"])
def alcoholic_person(c: Candidate) -> bool:
    """'alcoholic' the person, not the adjective. 'alcoholics' is always a noun (names such
    as Alcoholics Anonymous are dropped by the engine, lower-case 'alcoholics anonymous'
    here); a singular 'alcoholic' only where a noun phrase can end ('her father was an
    alcoholic.', 'an alcoholic who') or before a person noun ('my alcoholic father', which
    the underline takes in); not 'alcoholic beverages', 'alcoholic hepatitis', 'non-alcoholic
    beer'. 'functioning'/'high-functioning' before it join the underline."""
    return _alcoholic_noun(c)


@check("alcoholic-disease-name", rules=["alcoholic-liver-disease"])
def disease_name(c: Candidate) -> bool:
    """'alcoholic' in a disease name ('alcoholic cirrhosis', 'alcoholic liver disease'), with
    the underline narrowed to 'alcoholic' so that 'alcohol-associated' fits every name; not
    in a diagnosis code's descriptor ('K70.30 Alcoholic cirrhosis of liver without
    ascites')."""
    return _liver_disease(c)
