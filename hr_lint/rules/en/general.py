"""Context for the general framing rules.

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

from ..api import Candidate, Needs, check, is_negated
from .lexicon import PERSON

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
    for tok in c.before(limit):
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
    after = [t.lower_ for t in c.after(2)]
    nxt = after[0] if after else None
    if words[-1] == "recover":
        if nxt in ("the", "a", "an", "their", "his", "her", "its", "our", "any", "all", "costs",
                   "cost", "money", "funds", "data", "files", "losses", "damages", "it", "them"):
            return c.reject("'recover the costs': the verb with an object")  # "recover the costs": the transitive verb
        return _person_subject(c)
    if words[-1] == "helped":
        return _person_subject(c, 3)
    if words[-1] in ("better", "change"):
        return _person_subject(c) and bool(c.nearby_words(1) & DOMAIN)
    near = c.nearby_words(1)
    return bool(near & DOMAIN) and (bool(near & (PERSON | GROUP)) or words[-1] == "off")


def _willpower(c) -> bool:
    words = [t.lower_ for t in c.tokens]
    near = c.nearby_words(1)
    if words[0] == "moral" or words[:2] == ["chose", "to"]:
        return True
    if words == ["just", "stop"]:
        after = c.after(1)
        if after and after[0].lower_ in USE_VERBS:
            return True
        if after and not after[0].is_punct:
            return c.reject("'just stop by the office': not about stopping use")  # "just stop by the office"
        return bool(near & DOMAIN)
    if words == ["just", "say", "no"]:
        if c.tokens[1].text[:1].isupper() or near & {"campaign", "slogan", "era", "1980s", "80s",
                                                       "reagan", "program", "history", "historical",
                                                       "dare", "d.a.r.e."}:
            return c.reject("the 1980s slogan, as history or a name")
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
    for tok in c.before(limit):
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
        return bool(c.nearby_words() & (DOMAIN | LABELS)) or words[0] == "violent"
    if words == ["lie"] or words == ["lies"]:
        before = [t.lower_ for t in c.before(3)]
        after = [t.lower_ for t in c.after(1)]
        while before and before[0] in ("all", "always", "often", "just", "will", "usually", "constantly"):
            before = before[1:]
        if not before or before[0] not in LABELS:
            return c.reject("'lie' with no label for people right before it ('the bottlenecks lie in ...')")
        return not after or after[0] in (".", ",", ";", "!", "about", "to", "and", "constantly", "all")
    if words[0] == "dangerous":
        return bool(c.nearby_words() & (DOMAIN | LABELS))
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


# Nouns that report a belief when 'that' follows: "the public view that ...", "the idea that
# ...", "fears that ..." ('in my view' alone is the writer's own opinion and stays).
BELIEF_THAT = {"view", "views", "idea", "ideas", "fear", "fears", "impression", "impressions",
               "narrative", "narratives", "picture", "image", "suggestion", "suggestions", "argument",
               "arguments", "accusation", "accusations", "rumor", "rumors", "rumour", "rumours", "story",
               "stories", "perception", "perceptions", "stigma", "worry", "worries", "concern", "concerns"}


def _refuted(c) -> bool:
    before = c.doc[c.sent.start:c.start]
    if {t.lower_ for t in before} & BELIEF:
        return True
    if any(t.lower_ in BELIEF_THAT and t.i + 1 < c.start and c.doc[t.i + 1].lower_ == "that" for t in before):
        return True
    if not is_negated(c.doc, c.start):
        return False
    sent = [t.lower_ for t in c.sent]
    rhetorical = sent[-1:] == ["?"] and sent[:1] == ["why"]
    return not rhetorical


def _stereotype_needs(form: str) -> Needs | None:
    """Mirrors _stereotype(): a generalization needs its group (a label, or people) in
    view; 'lie' needs the label right before it; 'violent' stands alone."""
    first = form.lower().split()[0]
    if first == "violent":
        return None
    if first in ("lie", "lies"):
        return Needs(frozenset(LABELS))
    if first in ("dangerous", "incapable"):
        return Needs(frozenset(DOMAIN | LABELS))
    return Needs(frozenset(LABELS | PEOPLE))


@check("hopeless-about-people", rules=["permanence-hopelessness"])
def hopeless(c: Candidate) -> bool:
    """'never recover', 'can't be helped', 'hopeless case', 'once an addict, always an addict'
    said about people who use drugs or have a condition, not ordinary English ('we will never
    recover the costs', 'it can't be helped', 'the levy is a lost cause'); refuted or negated
    statements ('No one is beyond help') are dropped."""
    if _refuted(c):
        return c.reject("a refuted or negated statement ('is not a moral failing', 'the myth that ...')")
    return _permanence(c) or c.reject(c.reason or "not said about people who use drugs, have a condition or are homeless")


@check("willpower-about-use", rules=["willpower-moral-failing"])
def willpower(c: Candidate) -> bool:
    """'moral failing', 'lack of willpower', 'just stop', 'just say no' about substance use or
    mental health, not 'just stop by the front desk' or the 1980s slogan as history; refuted
    statements ('Addiction is not a moral failing', 'the myth that ...') are dropped, but a
    rhetorical question keeps its stigma ('Why can't they just stop using?')."""
    if _refuted(c):
        return c.reject("a refuted or negated statement ('is not a moral failing', 'the myth that ...')")
    return _willpower(c) or c.reject(c.reason or "nothing nearby is about substance use or mental health")


@check("stereotype-of-group", rules=["stereotype-dangerous-untrustworthy"], needs=_stereotype_needs)
def stereotype(c: Candidate) -> bool:
    """Generalisations ('are dangerous', 'are criminals', 'can't be trusted', 'lie') whose
    subject is a group of people who use drugs, have a condition or are homeless ('addicts
    lie', 'people with schizophrenia are violent'), not things ('the storm is dangerous',
    'the bottlenecks lie in ...'); beliefs held up for examination ('the myth that ...', 'the
    public view that ...', 'fears that ...') and negated statements are dropped."""
    if _refuted(c):
        return c.reject("a refuted or negated statement ('is not a moral failing', 'the myth that ...')")
    return _stereotype(c) or c.reject(c.reason or "its subject is not a group of people who use drugs, have a condition or are homeless")
