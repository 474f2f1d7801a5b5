"""inmate / felon / convict / offender as nouns for people.

Stays silent on:
- the verb "convict" ("a jury may convict a participant", "courts convict them");
- system, statute and charge names: "inmate locator", "inmate ID", "sex offender
  registry", "offender management system", "felon in possession (of a firearm)";
- compounds another rule owns: "drug offender" (drug-offender), "psychiatric inmates"
  (released-discharged), "ex-offender" (one match, not two);
- "offender" in "the offending field" (a different word anyway);
- ranking figures of speech about things: "the two other primary offenders" (functions),
  "the worst offenders for battery drain", unless the passage is about crime.
"""
from __future__ import annotations

from ..api import Candidate, check
from .lexicon import DETERMINERS

SYSTEM_NEXT = {
    "locator", "lookup", "search", "roster", "rosters", "id", "ids", "number", "numbers", "database",
    "management", "registry", "registries", "registration", "tracking", "information", "records",
    "record", "trust", "account", "accounts", "phone", "mail", "services", "portal", "system",
    "classification", "-", "\u2010", "\u2011", "_", "holding", "cell", "cells", "commissary",
    "visitation", "visiting", "transport", "kiosk", "tablet", "tablets", "handbook", "grievance",
    "grievances", "canteen", "welfare",
}
OBJECT_WORDS = {"him", "her", "them", "me", "us", "you", "the", "a", "an", "people", "someone",
                "anyone", "defendants", "defendant", "participants", "participant", "on", "of",
                "his", "their", "our", "innocent", "men", "women"}
NOUN_BEFORE = DETERMINERS | {"former", "ex", "escaped", "convicted", "fellow", "violent", "two",
                             "three", "many", "few", "several", "other", "all", "most", "hardened",
                             "37", "these", "those", "such", "as", "paroled", "released", "of", "for",
                             "with", "to", "and", "or"}
OWNED_BY_DRUG_RULE = {"drug", "narcotics", "narcotic"}
MODAL = {"to", "may", "might", "can", "could", "will", "would", "should", "must", "not", "n't",
         "\u2019t", "did", "didn't", "cannot", "jury", "juries", "court", "courts", "judge",
         "judges", "prosecutors", "failed", "refused"}


# "The worst offenders", "the primary offenders": ranking words for things that misbehave,
# unless the passage is about crime and punishment.
RANKING = {"worst", "biggest", "primary", "main", "chief", "usual", "notable", "prime", "top",
           "greatest", "largest", "common", "frequent", "egregious", "particular", "bigger", "worse",
           "notorious"}
LEGAL = {"jail", "jails", "prison", "prisons", "court", "courts", "crime", "crimes", "criminal",
         "arrest", "arrested", "sentence", "sentenced", "sentences", "probation", "parole", "police",
         "conviction", "convictions", "convicted", "charges", "charged", "released", "release",
         "reentry", "re-entry", "incarcerated", "incarceration", "offense", "offenses", "offence",
         "offences", "violent", "sex", "sexual", "registry", "law", "laws", "justice", "custody",
         "victims", "recidivism", "felony", "misdemeanor"}


@check("inmate-person", rules=["inmate-felon-convict"])
def inmate(c: Candidate) -> bool:
    """'inmate', 'felon', 'convict', 'offender' as nouns for people; not the verb 'convict' ('a
    jury may convict a participant'), system, statute and charge names ('inmate locator', 'sex
    offender registry', 'felon in possession'), compounds another rule owns ('drug offenders',
    'psychiatric inmates', the 'offender' of 'ex-offender'), program names ('first-time
    offender program'), the finger infection 'felon', or ranking figures of speech about things
    ('the worst offenders for battery drain') outside a passage about crime."""
    words = [t.lower_ for t in c.tokens]
    head = words[-1]
    before = [t.lower_ for t in c.before(2)]
    after = [t.lower_ for t in c.after(3)]
    prv = before[0] if before else None
    nxt = after[0] if after else None
    if len(words) == 1 and prv in ("-",) and len(before) > 1 and before[1] == "ex":
        return c.reject("the 'offender' of 'ex-offender': the longer match reports it")  # the "offender" of "ex-offender": the longer match reports it
    if head in ("con", "cons") and nxt in ("artist", "artists", "game", "games", "job", "jobs", "man", "men"):
        return c.reject("'ex con artist': a swindler, not a conviction")
    if prv in OWNED_BY_DRUG_RULE and head.startswith(("offender", "felon", "criminal")):
        return c.reject("'drug offenders': drug-offender reports it")  # "drug offenders": drug-offender reports it
    if prv in ("psychiatric", "mental", "asylum", "hospital"):
        return c.reject("'psychiatric inmates': released-discharged reports it")  # "psychiatric inmates": released-discharged reports it
    if head.startswith("inmate") and after[:3] in (["of", "the", "hospital"], ["of", "the", "asylum"]):
        return c.reject("'inmates of the hospital': released-discharged's sense")
    if nxt in SYSTEM_NEXT:
        return c.reject("a system or record name ('inmate locator', 'sex offender registry')")  # "inmate locator", "sex offender registry", "inmate_id"
    if head in ("felon", "felons") and after[:2] == ["in", "possession"]:
        return c.reject("the charge 'felon in possession'")  # the charge "felon in possession of a firearm"
    if head in ("felon", "felons") and c.nearby_words() & {"finger", "fingertip", "fingers", "infection",
                                                          "abscess", "whitlow", "paronychia", "pulp",
                                                          "incision", "drainage", "thumb"}:
        return c.reject("the finger infection (felon)")  # the finger infection
    if head in ("convict", "convicts"):
        if nxt in OBJECT_WORDS or prv in MODAL:
            return c.reject("the verb 'convict' ('a jury may convict him')")  # the verb: "a jury can still convict a participant"
        if head == "convict" and prv not in NOUN_BEFORE:
            return c.reject("'convict' not after a determiner or a modifier: the verb")
        if head == "convicts" and prv in ("he", "she", "it", "who", "that", "which", "jury", "court", "judge"):
            return c.reject("'convicts' after a subject: the verb")
    if head in ("offender", "offenders") and prv in ("time", "repeat", "juvenile") and nxt in ("program", "programs", "diversion", "court"):
        return c.reject("a program name ('first-time offender program')")  # program names: "first-time offender program"
    if head in ("offender", "offenders") and prv in RANKING and not c.nearby_words(1) & LEGAL:
        return c.reject("a ranking figure of speech about things ('the worst offenders'), outside a passage about crime")  # "the two other primary offenders" (functions), "the worst offenders" (apps)
    return True


@check("drug-offender-person", rules=["drug-offender"])
def drug_offender(c: Candidate) -> bool:
    """'drug offender(s)' as a noun for people, not in system and program names ('drug
    offender registry', 'drug offender sentencing', 'drug offender program')."""
    after = [t.lower_ for t in c.after(1)]
    return (not (after and after[0] in SYSTEM_NEXT | {"sentencing", "program", "programs", "court", "treatment"})) or c.reject("a system or program name ('drug offender registry', 'drug offender program')")
