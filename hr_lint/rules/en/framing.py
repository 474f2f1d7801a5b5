"""Framings of substance use: pity ('suffers from addiction'), slang ('hooked on meth'),
ranking drugs ('hard drugs'), outdated diagnoses ('opioid dependence'), victims.
"""
from __future__ import annotations

import re

from ..api import Candidate, Needs, check, sentence_span
from .lexicon import coding_context, is_substance

_ADDICTION_OBJECTS = {"addiction", "addictions", "alcoholism", "sud", "oud", "aud",
                      "dependency", "dependencies", "substance", "drug", "drugs", "alcohol",
                      "opioid", "opioids", "chemical"}
_OBJ_SKIP = {"a", "an", "the", "his", "her", "their", "its", "my", "your", "our", "severe",
             "chronic", "long-term", "longterm", "active", "untreated", "serious", "lifelong",
             "crippling", "debilitating", "mild", "moderate", "heroin", "opioid", "opiate",
             "alcohol", "drug", "meth", "methamphetamine", "cocaine", "crack", "fentanyl",
             "prescription", "pill", "painkiller", "stimulant", "gambling", "-", "and", "or",
             "both", "co-occurring", "years", "of", "decades", "from"}
_NOT_OBJECTS = {"withdrawal", "withdrawals", "overdose", "overdoses", "depression", "anxiety",
                "ptsd", "schizophrenia", "bipolar", "psychosis", "pain", "cravings", "hepatitis",
                "cirrhosis", "trauma", "insomnia", "mental", "illness", "symptoms", "side",
                "effects", "infections", "infection", "poisoning"}


# what 'suffers from' must stand before for the check to keep it (the gate's companions)
_SUFFER_OBJECTS = {"addiction", "addictions", "alcoholism", "sud", "oud", "aud", "disorder", "disorders",
                   "dependency", "dependencies", "dependence", "problem", "problems"}


@check("suffer-addiction", rules=["suffering-from-addiction"], needs=Needs(frozenset(_SUFFER_OBJECTS)))
def suffer(c: Candidate) -> bool:
    """'suffer from', 'afflicted with/by' addiction, alcoholism or a substance use disorder
    ('suffers from a severe opioid addiction'), not withdrawal, an overdose, pain or a mental
    illness (suffers-from-mental-illness covers those). The underline is the verb phrase, so
    'lives with' / 'living with' replaces it; 'afflicted with' takes the -ing suggestions."""
    doc = c.doc
    hi = doc[c.start].sent.end
    j = c.end
    if j < hi and doc[j].lower_ in {"it", "this", "that", "them"}:
        return _suffer_pronoun(c, doc[j].lower_)
    steps = 0
    while j < hi and steps < 6:
        w = doc[j].lower_
        if w in _NOT_OBJECTS:
            return c.reject("the object is withdrawal, an overdose, pain, a mental illness or a symptom, not addiction")
        if w in {"addiction", "addictions", "alcoholism", "sud", "oud", "aud"}:
            break
        if w == "use" and j + 1 < hi and doc[j + 1].lower_ in {"disorder", "disorders"}:
            break
        if w in {"dependency", "dependencies", "dependence"} and j > c.end and (
                is_substance(doc[j - 1].lower_) or doc[j - 1].lower_ in {"chemical"}):
            break
        if w in {"problem", "problems"} and j > c.end and doc[j - 1].lower_ in {"drug", "drinking", "alcohol"}:
            break
        if w in _OBJ_SKIP or is_substance(w):
            j += 1
            steps += 1
            continue
        return c.reject("what 'suffers from' stands before is not addiction or a use disorder")
    else:
        return c.reject("no addiction or use disorder within a few words after it")
    first = doc[c.start].lower_
    if first.startswith("afflict") or first in {"plagued"}:
        c.form = "ing"
    return True


_ADDICTION_HEADS = {"addiction", "addictions", "alcoholism", "sud", "oud", "aud"}


def _suffer_pronoun(c, pronoun: str) -> bool:
    """'suffering from it', where 'it' is the addiction the sentence or the one before names:
    the nearest condition before the pronoun decides ('Addiction is a disease, and those
    suffering from it...'; not 'She had a migraine and suffered from it all day')."""
    doc = c.doc
    lo, _ = sentence_span(doc, c.start, 1)
    for k in range(c.start - 1, lo - 1, -1):
        w = doc[k].lower_
        if w in _ADDICTION_HEADS or (w in {"disorder", "disorders"} and k > lo and doc[k - 1].lower_ == "use"):
            if pronoun == "them" and w not in {"addictions", "disorders"}:
                break
            return c.keep(f"'suffering from {pronoun}', and '{pronoun}' is the addiction named just before")
        if w in _NOT_OBJECTS or w in {"disease", "diseases", "illness", "condition", "conditions", "cancer",
                                      "diabetes", "migraine", "migraines", "asthma", "disability"}:
            if k > lo and doc[k - 1].lower_ in {"a", "is", "as", "chronic"} and w in {"disease", "condition"}:
                continue  # 'addiction is a disease, and those suffering from it': the predicate, not the antecedent
            break
    return c.reject(f"'{pronoun}' after 'suffers from' does not stand for an addiction named just before")


@check("victim-of-addiction", rules=["addiction-victim"])
def victim(c: Candidate) -> bool:
    """'victim(s) of addiction': always the pity framing; the plural takes the plural suggestions."""
    if any(c.doc[k].lower_ == "victims" for k in range(c.start, c.end)):
        c.form = "plural"
    else:
        c.form = "singular"
    return True


_HOOK_DRUGS = {"pills", "painkillers", "drugs", "dope", "smack", "booze", "alcohol", "coke",
               "weed", "pot", "speed"}


def _drug_antecedent(doc, i: int, bare: bool = False) -> bool:
    """A drug named before token i in its sentence or the one before it ('the drug' too for
    bare 'hooked': 'he experimented with the drug... he was hooked')."""
    lo, _ = sentence_span(doc, i, 1)
    lo = max(lo, doc[i].sent.start - 60)
    for k in range(i - 1, lo - 1, -1):
        w = doc[k].lower_
        if w in _HOOK_DRUGS or (bare and w == "drug") or (is_substance(w, strict=True)
                                and w not in {"prescription", "pain", "chemical", "speed", "pot"}):
            return True
    return False


# 'he was hooked', 'she got hooked', 'they were soon hooked': a copula or 'get' before
# 'hooked', a person as its subject, and nothing after it that makes it another sense
# ('hooked up', 'hooked a fish', 'hooked into the grid', 'hooked on a show')
_HOOK_COPULA = {"was", "is", "were", "are", "be", "been", "being", "got", "get", "gets", "getting",
                "gotten", "became", "become", "becomes", "becoming", "'s", "'re", "'m", "am", "stayed",
                "remained", "seemed", "felt"}
_HOOK_ADVERBS = {"already", "completely", "totally", "fully", "really", "quickly", "soon", "instantly",
                 "immediately", "badly", "thoroughly", "hopelessly", "still", "just", "so", "truly",
                 "pretty", "also", "then", "basically"}
_HOOK_PEOPLE = {"he", "she", "they", "i", "we", "you", "son", "daughter", "brother", "sister", "mother",
                "father", "mom", "dad", "husband", "wife", "friend", "boyfriend", "girlfriend",
                "partner", "cousin", "teen", "teens", "kids", "kid", "man", "woman", "patient",
                "patients", "nephew", "niece", "uncle", "aunt", "child", "children", "students",
                "student", "who", "everyone", "people", "both"}
# a word right after 'hooked' that ends the predicate ('was hooked.', 'was hooked, and...',
# 'was hooked by spring', 'hooked within weeks', 'hooked for years')
_HOOK_AFTER = {".", ",", ";", "!", "?", ":", "-", "\u2014", "and", "but", "by", "within", "for",
               "after", "before", "almost", "again", "too", "as", "when", "that", "from"}


def _hooked_bare(c: Candidate) -> bool:
    """Bare 'hooked' said of a person ('Within a year he was hooked.'), with a drug named
    before it in its sentence or the previous one of the paragraph. Not 'hooked a fish',
    'hooked up the cable', 'hooked on the show' (that is 'hooked on', judged above)."""
    doc = c.doc
    k = c.start
    lo, hi = doc[k].sent.start, doc[k].sent.end
    nxt = doc[k + 1].lower_ if k + 1 < hi else "."
    if nxt not in _HOOK_AFTER or (nxt in {"by", "for", "from"} and k + 2 < hi and doc[k + 2].lower_ in {
            "the", "a", "an", "his", "her", "their", "its", "my", "our", "your"} and not (
            k + 3 < hi and doc[k + 3].lower_ in {"time", "end", "spring", "summer", "fall", "winter"})):
        return c.reject("'hooked' not a predicate ending there ('hooked up', 'hooked a fish', 'hooked by the hook')")
    j = k - 1
    while j >= lo and doc[j].lower_ in _HOOK_ADVERBS:
        j -= 1
    if j < lo or doc[j].lower_ not in _HOOK_COPULA:
        return c.reject("'hooked' without 'was', 'got', 'became' before it: not said of a person")
    s = j - 1
    while s >= lo and (doc[s].lower_ in _HOOK_ADVERBS or doc[s].lower_ in {"had", "has", "have", "would",
                                                                             "will", "could", "might", "not"}):
        s -= 1
    subject = doc[s] if s >= lo else None
    if subject is None or not (subject.lower_ in _HOOK_PEOPLE or (
            subject.text[:1].isupper() and subject.is_alpha and s > lo)):
        return c.reject("'hooked' said of no person ('the fish was hooked')")
    if not _drug_antecedent(doc, k, bare=True):
        return c.reject("no drug named before 'hooked' in its sentence or the one before")
    c.suggest(["addicted", "dependent"])  # 'he was addicted', not 'he was addicted to'
    return c.keep("'hooked' said of a person, a drug named just before")


@check("hooked-on-substance", rules=["hooked-on"])
def hooked(c: Candidate) -> bool:
    """'hooked on' a substance ('hooked on fentanyl', 'got hooked on pain pills', 'hooked on
    them' when the pronoun stands for a drug named just before), not 'hooked on crossword
    puzzles' or 'hooked on phonics'."""
    doc = c.doc
    if c.end - c.start == 1:
        return _hooked_bare(c)
    hi = doc[c.start].sent.end
    j = c.end
    steps = 0
    skip = {"a", "an", "the", "his", "her", "their", "some", "prescription", "pain", "street",
            "cheap", "powerful", "synthetic", "legal", "illegal", "illicit", "both", "and", "or",
            ",", "-", "hard", "injected", "injecting", "smoking", "snorting"}
    while j < hi and steps < 5:
        w = doc[j].lower_
        if is_substance(w) and w not in {"prescription", "pain", "chemical", "speed", "pot"}:
            return True
        if w in _HOOK_DRUGS:
            return True
        if j == c.end and w in {"it", "them", "those", "these", "that"}:
            # 'he was prescribed painkillers, and within two years he was hooked on them':
            # a pronoun whose antecedent, in this or the previous sentence, is a drug
            return _drug_antecedent(doc, c.start)
        if w in skip:
            j += 1
            steps += 1
            continue
        return c.reject("'hooked on' something other than a substance ('hooked on crossword puzzles')")
    return c.reject("no substance after 'hooked on'")


@check("drugs-ranked", rules=["hard-soft-drugs"])
def hard_soft(c: Candidate) -> bool:
    """'hard'/'soft' drugs always; 'good'/'bad' drugs only where drugs are ranked ('good drugs
    and bad drugs', 'so-called bad drugs'), not 'a bad drug interaction' or 'a good drug for
    pain'."""
    doc = c.doc
    first = doc[c.start].lower_
    if first in {"good", "bad"}:
        lo, hi = sentence_span(doc, c.start)
        words = [t.lower_ for t in doc[lo:hi]]
        ranked = ("good" in words and "bad" in words) or "so-called" in words or (
            "so" in words and "called" in words)
        return ranked or c.reject("'good'/'bad' drug where drugs are not ranked ('a bad drug interaction')")
    return True


_ICD = re.compile(r"^[Ff]1\d(\.\d+)?$")


@check("dependence-diagnosis", rules=["dsm-iv-dependence"])
def dependence(c: Candidate) -> bool:
    """The DSM-IV diagnosis '<substance> dependence', with the underline narrowed to
    'dependence' ('opioid dependence' -> 'opioid use disorder'); not physical or physiological
    dependence and tolerance, nor billing-code descriptors ('F11.20 Opioid dependence,
    uncomplicated')."""
    doc = c.doc
    lo, hi = sentence_span(doc, c.start)
    words = {t.lower_ for t in doc[lo:hi]}
    if words & {"physical", "physically", "physiological", "physiologic", "tolerance",
                "pharmacological"}:
        return c.reject("physical or physiological dependence, or tolerance: the pharmacological sense")
    if any(_ICD.match(t.text) for t in doc[lo:hi]) or coding_context(doc, c.start):
        return c.reject("a diagnosis code's descriptor ('F11.20 Opioid dependence, uncomplicated')")
    for k in range(c.start, c.end):
        if doc[k].lower_ in {"dependence", "dependency"}:
            c.start, c.end = k, k + 1
            return True
    return True
