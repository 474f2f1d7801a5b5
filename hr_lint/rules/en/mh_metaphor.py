"""Diagnoses used as metaphors: "a schizophrenic zoning policy", "bipolar weather",
"I'm so OCD about my calendar", "my boss went psychotic".

Clinical use is the common case in behavioral-health writing and stays silent:
a clinical noun follows ("bipolar disorder", "psychotic symptoms"), a person noun
follows (the person-label rules handle those), the word is a noun for a person, or the
sentence is about diagnosis and treatment.
"""
from __future__ import annotations

from ..api import Candidate, at_clause_start, check
from .lexicon import (
    BOUNDARY, DETERMINERS, PERSON, VIOLENT, diagnosis_determined, diagnosis_noun_use, subject_kind,
)

CLINICAL_NEXT = {
    "disorder", "disorders", "disease", "illness", "illnesses", "symptom", "symptoms", "episode",
    "episodes", "spectrum", "depression", "mania", "affective", "type", "i", "ii", "1", "2", "features",
    "feature", "medication", "medications", "treatment", "psychosis", "relapse", "phase", "state",
    "states", "cycling", "risk", "traits", "reaction", "reactions", "subtype", "research", "genetics",
    "population", "populations", "cohort", "group", "groups", "sample", "participants", "break",
    "breaks", "thinking", "thoughts", "thought", "behavior", "behaviour", "behaviors", "disturbance",
    "experiences", "experience", "illness", "condition", "conditions", "diagnosis", "diagnoses",
    "presentation", "decompensation", "care", "unit", "ward", "patients", "patient", "range", "level",
    "levels", "signs", "sign", "process", "processes", "delusions", "hallucinations", "depressive",
    "mood", "moods", "spectra", "neurons", "cells", "electrode", "electrodes", "cautery", "transistor",
    "transistors", "junction", "order", "system", "world", "magnet", "configuration", "pacing", "lead",
}

CLINICAL_CONTEXT = {
    "diagnosis", "diagnosed", "diagnoses", "disorder", "disorders", "schizophrenia", "psychiatric",
    "psychiatrist", "psychiatry", "medication", "medications", "symptom", "symptoms", "patient",
    "patients", "clinical", "clinician", "clinicians", "illness", "treatment", "therapy", "psychosis",
    "mania", "manic", "lithium", "antipsychotic", "antipsychotics", "dsm", "dsm-5", "icd-10",
    "hallucinations", "delusions", "episode", "mental", "psychotherapy", "therapist", "client",
    "clients", "neurons", "electrode", "electrodes", "cells", "surgical", "cautery",
}

INTENSIFIERS = {"so", "totally", "completely", "absolutely", "really", "super", "kinda", "little",
                "bit", "such", "very", "pretty", "utterly", "full", "fully", "quite"}
TURN = {"went", "go", "goes", "going", "gone", "gets", "get", "got", "getting", "turned", "turns"}

# things an ordinary mood swing is pinned on: "bipolar weather", "psychotic dog"
MOOD_THINGS = {"weather", "climate", "spring", "season", "day", "week", "market", "markets",
               "economy", "dog", "dogs", "cat", "cats", "boss", "ex", "girlfriend", "boyfriend",
               "fans", "crowd", "team", "coach", "printer", "computer", "wifi", "toddler"}


def _ocd(c) -> bool:
    words = [t.lower_ for t in c.tokens]
    if words[0] == "so" and at_clause_start(c.doc, c.start):
        return c.reject("'so' is a conjunction here ('..., so OCD is treatable')")  # "..., so OCD is treatable": 'so' is a conjunction
    after = c.after(1)
    nxt = after[0].lower_ if after else None
    return (nxt not in ("symptoms", "is", "can", "may", "treatment", "diagnosis", "disorder", "was")) or c.reject("'OCD' before a clinical word ('OCD symptoms', 'OCD is treatable')")


def _metaphor(c) -> bool:
    words = [t.lower_ for t in c.tokens]
    if "ocd" in words:
        return _ocd(c) or c.reject(c.reason or "'OCD' before a clinical word ('OCD symptoms', 'OCD is treatable')")
    if c.form == "plural":
        return c.reject("a plural: a noun for people, which schizophrenic-person and diagnosis-as-identity report")  # "schizophrenics": a noun for people, reported by schizophrenic-person
    word = words[-1]
    after = c.after(1)
    nxt = after[0].lower_ if after else None
    before = c.before(2)
    prv = before[0].lower_ if before else None
    context = c.sentence_words()
    if context & CLINICAL_CONTEXT:
        return c.reject("the sentence is about diagnosis or treatment (clinical use)")
    if nxt in VIOLENT or nxt in PERSON or nxt in CLINICAL_NEXT:
        if nxt in MOOD_THINGS and word in ("psychotic", "bipolar"):
            return True
        return c.reject("before a clinical noun, a person or a violent noun ('bipolar disorder', 'psychotic symptoms')")
    if prv in DETERMINERS and (nxt is None or not after[0].is_alpha):
        return c.reject("a noun for a person ('a psychotic.'): diagnosis-as-identity's")  # "a psychotic." : a noun for a person (diagnosis-as-identity)
    if diagnosis_determined(c) and diagnosis_noun_use(c):
        return c.reject("a noun for a person ('a paranoid schizophrenic'): the person-label rules'")  # "a paranoid schizophrenic according to...": a noun, the person-label rules
    if word == "schizophrenic":
        # an adjective before a noun that is not clinical and not a person
        return (bool(after) and after[0].is_alpha or prv in INTENSIFIERS) or c.reject("'schizophrenic' not before a noun or after an intensifier")
    if word == "bipolar":
        if prv in INTENSIFIERS or nxt in MOOD_THINGS:
            return True
        # predicative about a thing: "the stock market has been bipolar lately"
        return (nxt is None or not after[0].is_alpha or nxt in BOUNDARY or nxt in ("lately", "today")) \
            and subject_kind(c) == "thing"
    if word == "psychotic":
        return (prv in TURN or prv in INTENSIFIERS or nxt in MOOD_THINGS) or c.reject("'psychotic' not after 'went' or an intensifier, nor before a mood-swing thing")
    return c.reject("no figure of speech: not after 'went', an intensifier, or before a mood-swing thing")


# Which alternatives list fits which word (see the rule's alternatives).
FORM_FOR = {"schizophrenic": "singular", "bipolar": "base", "psychotic": "s"}


@check("diagnosis-metaphor", rules=["mental-health-metaphor"])
def metaphor(c: Candidate) -> bool:
    """A diagnosis as a metaphor ('a schizophrenic zoning policy', 'bipolar weather', 'I'm so
    OCD about my calendar', 'my boss went psychotic'). Clinical use stays silent: a clinical
    noun follows ('bipolar disorder', 'psychotic symptoms'), a person noun follows (the
    person-label rules), the word is a noun for a person, or the sentence is about diagnosis
    and treatment; 'so OCD' not where 'so' is a conjunction ('..., so OCD is treatable')."""
    if not _metaphor(c):
        return c.reject("not used as a metaphor")
    words = [t.lower_ for t in c.tokens]
    c.form = "plural" if "ocd" in words else FORM_FOR.get(words[-1], "singular")
    return True
