"""Context for the general framing rules (dispatched on the rule id).

These phrases are ordinary English outside behavioral health: "the levy is a lost
cause", "it can't be helped", "we will never recover the costs", "just stop by the
front desk", "veganism is a lifestyle choice", "lie down", "the storm is dangerous".
They are reported only when they are said about people who use drugs, have a
mental-health condition or are homeless.

Negated and refuted statements ("Addiction is not a moral failing", "the myth that
addicts are dangerous", "No one is beyond help") are dropped here rather than with the
rule-level skip_negated, because a rhetorical question carries the stigma despite its
"n't": "Why can't they just stop using?", "Why don't they just say no?".
"""
from __future__ import annotations

from ..rulebook import Needs
from ..voice import is_negated
from .bh_words import PERSON, nearby_words, next_tokens, prev_tokens

DOMAIN = {
    "addict", "addicts", "addiction", "addictions", "addicted", "alcoholic", "alcoholics",
    "alcoholism", "drug", "drugs", "using", "user", "users", "junkie", "junkies", "drunk", "drunks",
    "drinking", "drinker", "drinkers", "substance", "substances", "sud", "suds", "oud", "aud",
    "opioid", "opioids", "heroin", "meth", "cocaine", "fentanyl", "overdose", "overdoses", "relapse",
    "relapsed", "recovery", "sober", "sobriety", "mental", "mentally", "illness", "illnesses",
    "schizophrenia", "schizophrenic", "schizophrenics", "bipolar", "depression", "psychosis",
    "psychotic", "homeless", "homelessness", "unhoused", "suicide", "suicidal", "treatment",
    "rehab", "detox", "methadone", "buprenorphine", "naloxone", "prostitutes",
}
GROUP = {
    "addicts", "addict", "users", "user", "alcoholics", "alcoholic", "junkies", "drunks",
    "schizophrenics", "psychotics", "mentally", "ill", "homeless", "unhoused", "offenders",
    "felons", "inmates", "prostitutes", "addiction", "illness", "illnesses", "disorder",
    "disorders", "sud", "suds", "oud", "drugs", "schizophrenia", "bipolar", "psychosis",
    "patients", "clients", "tweakers", "crackheads", "methheads",
}
USE_VERBS = {"using", "drinking", "smoking", "taking", "doing", "shooting", "injecting", "drugs",
             "snorting", "vaping", "gambling", "use", "drink"}
THINGS = {"it", "that", "this", "which", "economy", "market", "costs", "cost", "budget", "business",
          "funds", "data", "investment", "city", "town", "team", "season", "levy", "bill", "project",
          "company", "industry", "program", "damage", "relationship", "trust", "reputation"}


def _person_subject(c, limit: int = 7) -> bool:
    for tok in prev_tokens(c, limit):
        low = tok.lower_
        if low in THINGS:
            return False
        if low in PERSON or low in GROUP:
            return True
    return False


def _permanence(c) -> bool:
    words = [t.lower_ for t in c.tokens]
    if words[0] in ("once", "addicts"):
        return True
    after = [t.lower_ for t in next_tokens(c, 2)]
    nxt = after[0] if after else None
    if words[-1] == "recover":
        if nxt in ("the", "a", "an", "their", "his", "her", "its", "our", "any", "all", "costs",
                   "cost", "money", "funds", "data", "files", "losses", "damages", "it", "them"):
            return False  # "recover the costs": the transitive verb
        return _person_subject(c)
    if words[-1] == "helped":
        return _person_subject(c, 3)
    if words[-1] in ("better", "change"):
        return _person_subject(c) and bool(nearby_words(c, 1) & DOMAIN)
    near = nearby_words(c, 1)
    return bool(near & DOMAIN) and (bool(near & (PERSON | GROUP)) or words[-1] == "off")


def _willpower(c) -> bool:
    words = [t.lower_ for t in c.tokens]
    near = nearby_words(c, 1)
    if words[0] == "moral" or words[:2] == ["chose", "to"]:
        return True
    if words == ["just", "stop"]:
        after = next_tokens(c, 1)
        if after and after[0].lower_ in USE_VERBS:
            return True
        if after and not after[0].is_punct:
            return False  # "just stop by the office"
        return bool(near & DOMAIN)
    if words == ["just", "say", "no"]:
        if c.tokens[1].text[:1].isupper() or near & {"campaign", "slogan", "era", "1980s", "80s",
                                                       "reagan", "program", "history", "historical",
                                                       "dare", "d.a.r.e."}:
            return False
        return bool(near & DOMAIN)
    return bool(near & DOMAIN)


LABELS = {"addicts", "addict", "users", "alcoholics", "alcoholic", "junkies", "drunks", "schizophrenics",
          "psychotics", "mentally", "homeless", "unhoused", "tweakers", "crackheads", "methheads",
          "prostitutes", "felons", "offenders", "inmates", "druggies", "abusers"}
PEOPLE = {"people", "person", "patients", "clients", "individuals", "those", "men", "women",
          "someone", "anyone", "they", "teens", "youth", "mothers", "parents", "veterans"}


def _group_subject(c, limit: int = 8) -> bool:
    """Is the subject before the match a group of people who use drugs / have a condition?"""
    seen = []
    for tok in prev_tokens(c, limit):
        low = tok.lower_
        if low in (",", ";", ":", "but", "because", "if", "when", "that", "than"):
            break
        seen.append(low)
    words = set(seen)
    if words & LABELS:
        return True
    return bool(words & PEOPLE) and bool(words & DOMAIN)


def _stereotype(c) -> bool:
    words = [t.lower_ for t in c.tokens]
    if words[0] in ("violent", "incapable"):
        return bool(nearby_words(c) & (DOMAIN | LABELS)) or words[0] == "violent"
    if words == ["lie"] or words == ["lies"]:
        before = [t.lower_ for t in prev_tokens(c, 3)]
        after = [t.lower_ for t in next_tokens(c, 1)]
        while before and before[0] in ("all", "always", "often", "just", "will", "usually", "constantly"):
            before = before[1:]
        if not before or before[0] not in LABELS:
            return False
        return not after or after[0] in (".", ",", ";", "!", "about", "to", "and", "constantly", "all")
    if words[0] == "dangerous":
        return bool(nearby_words(c) & (DOMAIN | LABELS))
    return _group_subject(c)


# A belief attributed to others and held up for examination: "Some people think addiction
# is a character flaw", "the misconception that addicts are dangerous", "the claim that ...",
# "if you hear someone say that schizophrenics are dangerous".
BELIEF = {"believe", "believes", "believed", "think", "thinks", "thought", "assume", "assumes",
          "assumed", "belief", "beliefs", "misconception", "misconceptions", "myth", "myths",
          "stereotype", "stereotypes", "wrongly", "mistakenly", "misperception", "perception",
          "believing", "thinking", "assuming", "misconceived", "misperceptions", "perceptions",
          "claim", "claims", "claimed", "claiming", "notion", "notions", "assumption", "assumptions",
          "trope", "tropes", "prejudice", "prejudices", "hear", "hears"}


def _refuted(c) -> bool:
    before = c.doc[c.sent.start:c.start]
    if {t.lower_ for t in before} & BELIEF:
        return True
    if not is_negated(c.doc, c.start):
        return False
    sent = [t.lower_ for t in c.sent]
    rhetorical = sent[-1:] == ["?"] and sent[:1] == ["why"]
    return not rhetorical


def needs(rule_id: str, form: str) -> Needs | None:
    """Mirrors _stereotype(): a generalization needs its group (a label, or people) in
    view; 'lie' needs the label right before it; 'violent' stands alone."""
    if rule_id != "stereotype-dangerous-untrustworthy":
        return None
    first = form.lower().split()[0]
    if first == "violent":
        return None
    if first in ("lie", "lies"):
        return Needs(frozenset(LABELS))
    if first in ("dangerous", "incapable"):
        return Needs(frozenset(DOMAIN | LABELS))
    return Needs(frozenset(LABELS | PEOPLE))


def check(c) -> bool:
    if _refuted(c):
        return False
    rid = c.rule.id
    if rid == "permanence-hopelessness":
        return _permanence(c)
    if rid == "willpower-moral-failing":
        return _willpower(c)
    if rid == "stereotype-dangerous-untrustworthy":
        return _stereotype(c)
    return True
