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

from ..api import Candidate, check
from .lexicon import VIOLENT, diagnosis_determined, diagnosis_noun_use, plural_person

# the person nouns a diagnosis adjective takes into its span ('a schizophrenic man',
# 'schizophrenic patients'), of the lexicon's person class
_TAKEN_NOUNS = {
    "man", "woman", "person", "patient", "individual", "client", "boy", "girl", "guy", "adult", "teen",
    "teenager", "youth", "men", "women", "people", "patients", "individuals", "clients", "adults", "teens",
    "persons", "kids", "boys", "girls",
}









def _as_noun(c, person_noun: bool) -> bool:
    after = c.after(1)
    nxt = after[0].lower_ if after else None
    if nxt in VIOLENT:
        return c.reject("before a violent noun ('schizophrenic killer'): mental-illness-violence-link reports it")  # "schizophrenic killer": the violence-link rule reports it
    if c.form == "plural":
        return True
    if person_noun and nxt in _TAKEN_NOUNS:
        c.end += 1
        # 'a schizophrenic youth' is one young person
        c.form = "plural" if plural_person(nxt) and nxt != "youth" else "singular"
        return True
    if nxt in ("in", "at", "on", "for", "from", "to") and c.tokens[-1].lower_ in ("borderline", "bipolar"):
        return c.reject("'the borderline between', 'bipolar in nature': not the diagnosis")  # "the borderline between", "bipolar in nature"
    return (diagnosis_determined(c) and diagnosis_noun_use(c)) or c.reject("not a noun for a person: not after a determiner, or before a noun it describes ('psychotic symptoms')")


@check("diagnosis-as-noun", rules=["diagnosis-as-identity"])
def as_noun(c: Candidate) -> bool:
    """A diagnosis used as a noun for a person ('anorexics', 'a psychotic', 'mother is a
    depressive;'), not the clinical adjective ('psychotic symptoms', 'bipolar disorder', 'a
    borderline case', 'bipolar in nature'): a plural is always a noun; a singular only after
    a determiner and before a word that ends the noun phrase. Not before a violent noun
    ('schizophrenic killer': the violence-link rule reports it)."""
    return _as_noun(c, person_noun=False)


@check("schizophrenic-as-noun", rules=["schizophrenic-person"])
def schizophrenic(c: Candidate) -> bool:
    """'schizophrenic(s)' for a person, as diagnosis-as-noun, and also the adjective before a
    person noun ('a schizophrenic man', 'schizophrenic patients'), with the noun taken into
    the underline so that 'person with schizophrenia' replaces the whole label."""
    return _as_noun(c, person_noun=True)
