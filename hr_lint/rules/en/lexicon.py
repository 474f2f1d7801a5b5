"""The English lexicon: the word classes every English check shares, and the tests built
on them.

Checks (`hr_lint/rules/en/*.py`) import their shared vocabulary from here and nothing from
each other; what only one check uses stays in that check's module. Everything here looks
at surface words (`Token.lower_`), as the pipeline is a blank English one with no tagger,
and all words are lower case. Sections:

- people: person nouns and pronouns (`PERSON`, `PERSON_WORDS`, ...);
- function words: determiners, words that end a noun phrase, time units;
- things: things, times and technology (`THING`, `TECH_WORDS`), violent nouns;
- substances and drug talk: `SUBSTANCES`, `DRUG_WORDS`, `is_substance`, `drug_context`
  and the companion words (`DRUG_TALK`, `SUBSTANCE_NAMES`) the gate looks for;
- coding, technology and quoted titles: `coding_context`, `tech_context`, `quoted_title`;
- suggestions for substance labels: `substance_words`, `describe_substances`,
  `person_alternatives`;
- subjects and predicates: `subject_kind`, `predicate_subject` ('X is crazy');
- a diagnosis used as a noun: `diagnosis_determined`, `diagnosis_noun_use`;
- pastimes ('news junkie') and the collective-noun look-ahead ('the homeless are').

A second language has its own `lexicon.py` beside its checks (`hr_lint/rules/<lang>/`).
"""
from __future__ import annotations

import re

from ..api import Needs, holds_any, sentence_span


# -- people ----------------------------------------------------------------------------------

# Pronouns for someone other than the writer ('he', 'they', 'someone', 'who').
PERSON_PRONOUNS = {
    "he", "she", "they", "him", "her", "them", "who", "whom", "you", "someone", "somebody",
    "anyone", "anybody", "everyone", "everybody", "nobody",
}
# The writer: 'I', 'we'.
FIRST_PERSON = {"i", "we", "us"}

# Family and partners.
KIN = {
    "mother", "mothers", "father", "fathers", "mom", "moms", "mum", "dad", "dads", "parent",
    "parents", "son", "sons", "daughter", "daughters", "brother", "brothers", "sister", "sisters",
    "sibling", "siblings", "husband", "husbands", "wife", "wives", "spouse", "spouses", "partner",
    "partners", "boyfriend", "girlfriend", "grandmother", "grandfather", "grandma", "grandpa",
    "grandson", "granddaughter", "aunt", "aunts", "uncle", "uncles", "cousin", "nephew", "niece",
    "stepfather", "stepmother", "relative", "relatives",
}

# Nouns for people: the one class every check uses to tell a person from a thing
# ('loved ones' and 'one who' make 'loved', 'one' and 'ones' people too).
PERSON_NOUNS = KIN | {
    "person", "persons", "people", "folks", "man", "men", "woman", "women", "guy", "guys", "lady",
    "ladies", "gentleman", "boy", "boys", "girl", "girls", "kid", "kids", "child", "children",
    "teen", "teens", "teenager", "teenagers", "youth", "adult", "adults", "individual",
    "individuals", "fellow", "stranger", "strangers", "ex", "family", "loved", "one", "ones",
    "friend", "friends", "roommate", "neighbor", "neighbors", "neighbour", "neighbours",
    "client", "clients", "client's", "patient", "patients", "pt", "participant", "participants",
    "resident", "residents", "tenant", "tenants", "guest", "guests", "member", "members",
    "caller", "callers", "visitor", "visitors", "consumer", "consumers", "customer", "customers",
    "passenger", "driver", "student", "students", "graduate", "graduates", "alumni", "alumnus",
    "applicant", "applicants", "candidate", "candidates", "veteran", "veterans", "survivor",
    "survivors", "victim", "peer", "peers", "mentor", "mentee", "sponsee", "coach", "speaker",
    "volunteer", "volunteers", "worker", "workers", "employee", "employees", "staff", "boss",
    "coworker", "coworkers", "colleague", "colleagues", "teammate", "teacher", "doctor", "nurse",
    "officer", "officers", "caregiver", "caregivers",
    "inmate", "inmates", "prisoner", "prisoners", "defendant", "defendants", "suspect",
    "offender", "offenders", "parolee", "probationer", "arrestee", "arrestees",
    "youths", "adolescent", "adolescents",
}
# Nouns for people that are plural without an -s.
PLURAL_PEOPLE = {"people", "men", "women", "children", "youth", "staff", "police", "population",
                 "populations", "families", "alumni"}



def plural_person(word: str) -> bool:
    """A noun for people in the plural ('clients', 'people', 'families'), by PLURAL_PEOPLE or
    an -s that is not -ss."""
    return word in PLURAL_PEOPLE or (word.endswith("s") and not word.endswith("ss"))


# Someone other than the writer: a pronoun or a noun for a person.
PERSON = PERSON_PRONOUNS | PERSON_NOUNS
# Anyone, the writer included.
PERSON_WORDS = PERSON | FIRST_PERSON


# -- function words --------------------------------------------------------------------------

# Words that end a noun phrase or start a predicate: after "a schizophrenic" they show
# the diagnosis is used as a noun for the person.
BOUNDARY = {
    "is", "was", "are", "were", "be", "been", "who", "whom", "whose", "that", "which", "and", "or",
    "but", "so", "because", "will", "would", "can", "could", "should", "might", "may", "must",
    "has", "had", "have", "does", "did", "do", "said", "says", "named", "like", "with", "'s",
    "\u2019s", "came", "comes", "went", "got", "gets", "needs", "need", "lives", "lived", "living",
    "just", "then", "than", "as", "if", "when", "while", "here", "there", "again", "too", "also",
}

DETERMINERS = {
    "a", "an", "the", "this", "that", "these", "those", "my", "his", "her", "their", "our", "your",
    "its", "every", "each", "any", "another", "one", "some", "no",
}

# Function words that may follow a noun or a predicate adjective ("been clean for",
# "a user since"), as opposed to a noun the word modifies ("clean water", "user account").
FUNCTION_WORDS = {
    "for", "and", "or", "nor", "but", "so", "yet", "since", "before", "after", "when", "while",
    "until", "till", "to", "by", "at", "in", "on", "off", "from", "with", "without", "again",
    "now", "today", "tonight", "yesterday", "already", "because", "as", "then", "first", "long",
    "enough", "than", "ever", "throughout", "during", "through", "though", "although", "if",
    "unless", "whether", "who", "whom", "whose", "which", "that", "is", "are", "was", "were",
    "be", "been", "being", "am", "has", "have", "had", "do", "does", "did", "will", "would",
    "can", "could", "should", "shall", "may", "might", "must", "need", "needs", "needed",
    "about", "of", "like", "too", "also", "here", "there", "where", "anymore", "either",
    "themselves", "himself", "herself", "myself", "yourself", "ourselves", "itself", "all",
    "'s", "\u2019s", "'re", "\u2019re", "'ve", "\u2019ve", "'d", "\u2019d", "'ll", "\u2019ll",
    "n't", "not", "never", "just", "only", "even", "still", "get", "gets", "got", "seek", "say",
    "says", "said", "tend", "tends", "often", "usually", "sometimes", "who've", "this", "these",
}

TIME_UNITS = {
    "day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades",
    "hour", "hours", "stretch", "period", "spell", "while", "weekend", "weekends",
}


# -- things ----------------------------------------------------------------------------------

# Things, times and situations: figurative 'crazy/insane' describes these.
THING = {
    "it", "this", "that", "these", "those", "things", "thing", "traffic", "week", "weeks", "weekend",
    "day", "days", "month", "months", "year", "years", "morning", "night", "nights", "shift",
    "shifts", "schedule", "schedules", "phone", "phones", "calls", "call", "line", "lines", "queue",
    "weather", "price", "prices", "rent", "rents", "cost", "costs", "market", "economy", "world",
    "life", "time", "times", "place", "city", "town", "office", "job", "work", "workload",
    "situation", "news", "game", "games", "party", "event", "season", "hours", "waitlist", "demand",
    "numbers", "number", "budget", "idea", "ideas", "plan", "policy", "system", "process", "inbox",
    "email", "emails", "paperwork", "story", "stories", "amount", "amounts", "turnout", "response",
    "lobby", "clinic", "room", "ride", "drive", "commute", "deadline", "deadlines", "volume",
    "spring", "summer", "fall", "winter", "stuff", "everything", "which", "what",
    # results and machines ("the results were insane", "the new build is crazy fast")
    "results", "result", "performance", "speed", "speeds", "speedup", "benchmark", "benchmarks",
    "throughput", "latency", "graphics", "sales", "growth", "scores", "score", "stats", "gains",
    "improvement", "improvements", "difference", "bill", "bills", "build", "builds", "code",
    "app", "software", "computer", "laptop", "printer", "server", "servers", "internet", "website",
    "site", "feature", "features", "update", "updates", "view", "views", "photos", "video",
    "videos", "movie", "movies", "show", "ending", "plot", "song", "music", "food", "meal",
    # animals and crowds: excitement, not a mind ("my dog goes nuts", "the crowd went nuts")
    "dog", "dogs", "cat", "cats", "puppy", "puppies", "kitten", "horse", "crowd", "crowds",
    "fans", "audience", "stadium", "market", "markets", "stocks",
}

VIOLENT = {
    "gunman", "gunmen", "shooter", "shooters", "killer", "killers", "attacker", "attackers",
    "murderer", "murderers", "assailant", "assailants", "stabber", "slasher", "rampage",
}

# Technology, services, infrastructure: "users", "clean", "dirty" here are benign.
TECH_WORDS = {
    "app", "apps", "application", "applications", "account", "accounts", "interface",
    "interfaces", "ui", "ux", "login", "logins", "logon", "password", "passwords", "username",
    "usernames", "admin", "admins", "administrator", "administrators", "wheelchair",
    "wheelchairs", "library", "libraries", "database", "databases", "site", "sites", "website",
    "websites", "web", "portal", "portals", "software", "online", "internet", "browser",
    "browsers", "email", "server", "servers", "api", "apis", "dashboard", "dashboards",
    "platform", "platforms", "download", "downloads", "beta", "signup", "profile", "profiles",
    "permission", "permissions", "authentication", "authenticated", "cookie", "cookies",
    "django", "python", "code", "repository", "repo", "git", "query", "queries", "sql",
    "script", "scripts", "plugin", "plugins", "module", "modules", "framework", "install",
    "installation", "compile", "build", "builds", "cache", "commit", "branch", "merge",
    "deploy", "config", "configuration", "forum", "forums", "button", "widget", "broadband",
    "screenreader", "accessibility", "sso", "oauth", "ldap", "desktop", "linux", "windows",
    "mac", "ios", "android", "folder", "directory", "dataset", "pipeline", "etl", "csv",
    "json", "yaml", "column", "columns", "rows", "settings", "menu", "subscription",
    "subscriber", "subscribers", "smartphone", "click", "clicks", "keyboard", "checkbox",
    "dropdown", "tooltip", "endpoint", "endpoints", "admin's",
}


# -- substances and drug talk -----------------------------------------------------------------

# Words naming a substance, a class of substances or a route of use. Used as the
# modifier in "<substance> abuse", "<substance> users", "<substance> habit", and as the
# object in "abusing <substance>", "hooked on <substance>".
SUBSTANCES = {
    "substance", "substances", "drug", "drugs", "alcohol", "etoh", "liquor", "booze",
    "opioid", "opioids", "opiate", "opiates", "heroin", "fentanyl", "methadone", "morphine",
    "oxycodone", "oxycontin", "oxy", "oxys", "hydrocodone", "vicodin", "percocet", "percocets",
    "painkiller", "painkillers", "pain", "narcotic", "narcotics", "codeine", "tramadol",
    "meth", "methamphetamine", "methamphetamines", "amphetamine", "amphetamines", "speed",
    "crack", "cocaine", "coke", "stimulant", "stimulants", "ecstasy", "mdma", "molly",
    "marijuana", "cannabis", "pot", "weed", "thc", "ketamine", "pcp", "lsd", "psychedelic",
    "psychedelics", "hallucinogen", "hallucinogens", "inhalant", "inhalants", "solvent", "solvents",
    "benzodiazepine", "benzodiazepines", "benzo", "benzos", "xanax", "valium", "klonopin",
    "barbiturate", "barbiturates", "sedative", "sedatives", "tranquilizer", "tranquilizers",
    "steroid", "steroids", "pill", "pills", "prescription", "prescriptions", "medication",
    "medications", "polysubstance", "polydrug", "tobacco", "nicotine", "dope", "smack", "xylazine",
    "kratom", "gabapentin", "opium", "iv", "injection", "injecting", "intravenous", "chemical",
    # prescription drugs by their generic and brand names
    "alprazolam", "lorazepam", "clonazepam", "diazepam", "ativan", "adderall", "ritalin",
    "methylphenidate", "dextroamphetamine", "zolpidem", "ambien", "hydromorphone", "dilaudid",
    "oxymorphone", "carisoprodol", "pregabalin", "lyrica", "promethazine",
}

# substance words that only name a substance when no other reading is likely
_WEAK_SUBSTANCES = {"pain", "speed", "pot", "coke", "chemical", "prescription", "prescriptions",
                    "medication", "medications", "iv", "injection", "injecting", "intravenous",
                    "tobacco", "nicotine", "smack", "molly", "weed", "dope"}

SUBSTANCE_PREFIXES = (
    "opioid", "opiate", "heroin", "fentanyl", "methamphetamin", "cocaine", "benzodiazep",
    "buprenorph", "oxycod", "oxycontin", "hydrocod", "painkiller", "narcotic", "amphetamin",
    "methadone", "cannabi", "marijuana", "stimulant", "barbiturat", "hallucinogen", "ketamine",
    "morphine", "carfentanil", "xylazine",
)

# Words that make a sentence clearly about drug or alcohol use.
DRUG_WORDS = {
    "drug", "drugs", "heroin", "fentanyl", "methadone", "opioid", "opioids", "opiate", "opiates",
    "meth", "methamphetamine", "cocaine", "naloxone", "narcan", "overdose", "overdoses",
    "overdosed", "overdosing", "syringe", "syringes", "needle", "needles", "buprenorphine",
    "suboxone", "addict", "addicts", "addicted", "addiction", "addictions", "junkie", "junkies",
    "crackhead", "crackheads", "tweaker", "tweakers", "dealer", "dealers", "dealing",
    "marijuana", "cannabis", "alcohol", "alcoholic", "alcoholics", "alcoholism", "drunk", "drunks",
    "drinking", "intoxicated", "intoxication", "sober", "sobriety", "detox", "rehab",
    "relapse", "relapsed", "relapses", "relapsing", "benzodiazepines", "benzos", "pills",
    "sud", "oud", "aud", "pwud", "pwid", "ssp", "sharps", "substance", "substances",
    "prostitutes", "vagrants", "ua", "uas", "uds", "tox", "toxicology", "urine", "withdrawal",
    "injecting", "inject", "injects", "injected", "injection", "smoking", "snorting", "shooting",
    "sponsor", "mat", "moud", "xylazine", "stimulants", "psychedelics", "ketamine", "kratom",
    "hooked", "dope", "stoned", "wasted", "high", "treatment", "recovery",
}

# these count only when another reading is ruled out (see drug_context)
_AMBIGUOUS = {"needle", "needles", "inject", "injects", "injected", "injection", "injecting",
              "shooting", "smoking", "high", "withdrawal", "sponsor", "mat", "dealer", "dealers",
              "dealing", "tox", "sharps", "wasted", "hooked", "dope", "relapse", "relapsed",
              "relapses", "relapsing", "drinking", "sober", "substance", "substances", "pills",
              "urine", "stoned", "treatment", "recovery", "addicted", "addictive"}

DRUG_PREFIXES = SUBSTANCE_PREFIXES + ("overdos", "naloxon", "narcan", "syring", "addict", "detox")

def is_substance(word: str, strict: bool = False) -> bool:
    if word in SUBSTANCES:
        return not (strict and word in _WEAK_SUBSTANCES)
    return word.startswith(SUBSTANCE_PREFIXES)

def _drug_hit(doc, k: int, lo: int, hi: int) -> bool:
    w = doc[k].lower_
    if not (w in DRUG_WORDS or w.startswith(DRUG_PREFIXES)):
        return False
    if w not in _AMBIGUOUS:
        return True
    prev = doc[k - 1].lower_ if k - 1 >= lo else ""
    nxt = doc[k + 1].lower_ if k + 1 < hi else ""
    if w == "high":
        # "arrives high", "got high", "high on meth" - not "high risk", "high school"
        return prev in {"get", "gets", "got", "getting", "gotten", "arrive", "arrives",
                        "arrived", "came", "come", "comes", "stay", "stayed", "be", "being",
                        "was", "were", "is", "are", "seemed", "seems", "looked", "looks"} and (
            nxt in {"", "on", "again", ",", ".", ";", "and", "or", "!", "?"})
    if w in {"needle", "needles"}:
        window = {t.lower_ for t in doc[lo:hi]}
        return not (window & {"haystack", "thread", "sewing", "knitting", "pine", "compass"})
    if w.startswith("inject"):
        window = {t.lower_ for t in doc[max(lo, k - 5):min(hi, k + 6)]}
        if window & {"sql", "dependency", "dependencies", "code", "fuel", "botox", "insulin",
                     "vaccine", "vaccines", "flu", "shot", "shots", "capital", "funding", "money",
                     "cash", "funds", "energy", "humor", "openssl", "pyopenssl", "ssl", "tls",
                     "version", "versions", "upgrade", "vulnerability", "attack", "attacks",
                     "script", "header", "headers", "fault", "faults", "prompt", "payload",
                     "steroid", "steroids", "testosterone", "contrast", "anesthetic", "filler"}:
            return False
        if nxt in {"", ".", ",", ";", "!", "?", "again", "alone", "together", "daily", "regularly"}:
            return True  # 'still injecting.', 'people who inject alone'
        near = {t.lower_ for t in doc[max(lo, k - 3):min(hi, k + 4)]}
        return bool(near & {"drug", "drugs", "heroin", "meth", "fentanyl", "cocaine", "opioids",
                            "who", "supervised", "safer", "safe", "equipment", "site", "sites",
                            "room", "rooms", "people", "users", "user", "vein", "veins", "needle",
                            "needles", "syringe", "syringes", "practices", "pwid", "idu", "iv",
                            "use", "using", "began", "started", "stop", "stopped", "they", "he",
                            "she", "clients", "participants", "peers", "risks", "risk"})
    if w in {"shooting", "smoking"}:
        return nxt in {"up", "heroin", "meth", "crack", "dope", "drugs", "fentanyl", "cocaine"}
    if w in {"dealer", "dealers", "dealing"}:
        return prev in {"drug", "street", "a", "and", "or", "local", "the"} and (
            w != "dealing" or nxt in {"drugs", "heroin", "meth", "crack", "fentanyl", "cocaine"})
    if w == "withdrawal":
        return prev not in {"cash", "money", "funds", "atm", "bank", "troop", "troops", "consent",
                            "early", "penalty", "from"}
    if w == "sponsor":
        return prev in {"her", "his", "my", "their", "your", "a", "na", "aa"} and nxt not in {"company", "organization"}
    if w == "mat":
        return doc[k].text == "MAT"
    if w == "tox":
        return True
    if w in {"wasted", "stoned", "hooked"}:
        return nxt in {"", "on", ",", ".", "again", "and"}
    if w == "dope":
        return prev in {"a", "on", "some", "the", "of", "and", "or", "smoke", "smoking", "shoot",
                        "shooting", "sell", "selling", "buy", "buying", "cut", "bad"}
    if w in {"relapse", "relapsed", "relapses", "relapsing"}:
        window = {t.lower_ for t in doc[lo:hi]}
        return not (window & {"cancer", "sclerosis", "ms", "leukemia", "lymphoma", "tumor", "remission"})
    if w == "drinking":
        return nxt not in {"water", "fountain", "fountains", "straw", "straws", "glass", "cup"}
    if w in {"substance", "substances"}:
        return nxt not in {"of", "over"} and prev not in {"in", "chemical", "hazardous", "toxic"}
    if w == "pills":
        return prev not in {"vitamin", "birth", "control", "sleeping", "iron", "diet", "fish", "oil"}
    if w == "treatment":
        return prev not in {"special", "preferential", "equal", "fair", "unfair", "water", "heat",
                            "surface", "differential", "same", "different", "silent", "this",
                            "data", "wastewater", "sewage", "cancer", "chemo", "hair", "skin"}
    if w == "recovery":
        return prev not in {"password", "data", "disaster", "error", "account", "crash", "file",
                            "key", "cost", "economic", "market", "storm", "flood", "hurricane",
                            "pandemic", "post-pandemic", "fault", "backup", "job", "jobs",
                            "stock", "price", "heat", "surgical", "injury", "stroke", "muscle",
                            "system", "full", "quick", "speedy"}
    if w in {"addicted", "addictive"}:
        # 'addicted to the gym', 'an addictive game': the casual sense is no drug talk;
        # 'addicted to opioids', 'addicted to pain pills', 'addicted mothers' are
        if w == "addictive":
            return False  # the drug it describes carries the context itself
        if nxt != "to":
            return True
        for j in range(k + 2, min(hi, k + 6)):
            t = doc[j].lower_
            if is_substance(t) or (t in DRUG_WORDS and t not in _AMBIGUOUS) or t in {
                    "pills", "drinking", "substances", "painkillers", "drugs"}:
                return True
            if doc[j].is_punct:
                break
        return False
    if w == "urine":
        return True
    if w == "sober":
        return True
    return True

# 'still using', 'stopped using': 'using' without an object, after one of these
_USING_AFTER = {"been", "stop", "stopped", "still", "start", "started", "keep", "kept", "quit", "were",
                "was", "are", "is", "began", "begin", "currently", "actively", "active"}

_USING_END = {"", "or", "and", ",", ".", ";", "again", "since", "before", "when", "while", "for", "at",
              "?", "!"}

_USE_AFTER = {"active", "injection", "injecting", "substance", "drug"}  # 'active use'

_SHARE = {"share", "shares", "shared", "sharing"}

_GEAR = {"equipment", "works", "cookers", "cotton", "rigs", "pipes", "straws", "gear"}

def drug_context(doc, i: int, around: int = 0) -> bool:
    """Is the sentence holding token i (widened by `around` sentences) about drug or
    alcohol use? Also counts 'using' standing without an object ('still using', 'stop
    using or get clean'). DRUG_TALK below must stay a superset of what this finds."""
    lo, hi = sentence_span(doc, i, around)
    for k in range(lo, hi):
        if _drug_hit(doc, k, lo, hi):
            return True
        if doc[k].lower_ in {"using", "use"} and k + 1 <= hi:
            nxt = doc[k + 1].lower_ if k + 1 < hi else ""
            prev = doc[k - 1].lower_ if k > lo else ""
            if doc[k].lower_ == "using" and prev in _USING_AFTER and nxt in _USING_END:
                return True
            if prev in _USE_AFTER:
                return True
        # 'share equipment', 'sharing works': harm-reduction talk about injection gear
        if doc[k].lower_ in _SHARE and k + 1 < hi and doc[k + 1].lower_ in _GEAR:
            return True
    return False

# verbs of taking a drug: with a drug named next to them ('smoked opium', 'inject heroin',
# 'the smoking of opium', 'opium smoking'), the sentence is about drug use
_USE_VERBS = {
    "smoke", "smokes", "smoked", "smoking", "inject", "injects", "injected", "injecting",
    "snort", "snorts", "snorted", "snorting", "inhale", "inhales", "inhaled", "inhaling",
    "shoot", "shoots", "shot", "shooting", "ingest", "ingests", "ingested", "ingesting",
    "swallow", "swallows", "swallowed", "swallowing", "chew", "chews", "chewed", "chewing",
    "take", "takes", "took", "taking", "use", "uses", "used", "using", "try", "tries", "tried",
    "buy", "buys", "bought", "buying", "sell", "sells", "sold", "selling",
}
# words that may stand between the verb and the drug: 'smoked the opium', 'smoking of opium',
# 'inject street heroin'
_USE_GAP = {"the", "a", "an", "of", "their", "his", "her", "some", "more", "street", "black-tar",
            "tar", "pure", "raw", "powdered", "crystal", "it"}
_NOT_NAMED = _WEAK_SUBSTANCES | {"substance", "substances", "drug", "drugs", "pill", "pills",
                                 "chemical", "alcohol"}


def named_substance_use(doc, i: int) -> bool:
    """Does the sentence holding token i name a drug (not 'drug', 'pills', 'medication',
    tobacco: a named one such as opium, heroin, meth) right beside a verb of taking it
    ('smoked opium', 'users who inject heroin', 'the smoking of opium', 'opium smoking')?"""
    lo, hi = sentence_span(doc, i, 0)
    for k in range(lo, hi):
        w = doc[k].lower_
        if w not in _USE_VERBS:
            continue
        j = k + 1  # the drug after the verb
        while j < hi and j - k <= 3 and doc[j].lower_ in _USE_GAP:
            j += 1
        if j < hi and _named_drug(doc[j].lower_):
            return True
        if w.endswith("ing") and k > lo and _named_drug(doc[k - 1].lower_):  # 'opium smoking'
            return True
    return False


def _named_drug(w: str) -> bool:
    w = w[:-2] if w.endswith("'s") else w
    return w not in _NOT_NAMED and is_substance(w)


# Paragraph screens (rulebook.Needs): a paragraph without one of these words cannot pass
# drug_context() / is_substance(), so the engine never tokenizes it for such a term.
DRUG_TALK = Needs(
    frozenset(DRUG_WORDS | SUBSTANCES | {f"{w} using" for w in _USING_AFTER} | {f"{w} use" for w in _USE_AFTER}
              | {f"{w} using" for w in _USE_AFTER} | {f"{s} {g}" for s in _SHARE for g in _GEAR}),
    DRUG_PREFIXES)

SUBSTANCE_NAMES = Needs(frozenset(SUBSTANCES), SUBSTANCE_PREFIXES)


# -- coding, technology and quoted titles -------------------------------------------------------

# Diagnosis-code and billing language: ICD-10-CM descriptors ('Opioid dependence,
# uncomplicated', 'Alcoholic cirrhosis of liver without ascites'), coding tip sheets, DSM
# crosswalks. Disease names there are the official descriptors, not the writer's wording.
_CODE = re.compile(r"^[A-TV-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$")

CODING_WORDS = {
    "icd", "icd-10", "icd-10-cm", "icd-9", "icd-11", "dsm", "dsm-5", "dsm-iv", "dsm-5-tr",
    "billing", "billed", "bill", "code", "codes", "coding", "coded", "coder", "coders",
    "claim", "claims", "reimbursement", "uncomplicated", "unspecified", "nos", "ascites",
    "remission", "descriptor", "descriptors", "crosswalk", "maps", "query", "hcc", "drg",
}

def coding_context(doc, i: int, around: int = 0) -> bool:
    lo, hi = sentence_span(doc, i, around)
    return any(t.lower_ in CODING_WORDS or _CODE.match(t.text) for t in doc[lo:hi])

def tech_context(doc, i: int, around: int = 0, extra: set[str] | None = None) -> bool:
    lo, hi = sentence_span(doc, i, around)
    words = TECH_WORDS | extra if extra else TECH_WORDS
    return any(t.lower_ in words for t in doc[lo:hi])

_OPEN_Q = {'"', "\u201c", "\u00ab"}

_CLOSE_Q = {'"', "\u201d", "\u00bb"}

_TITLE_SMALL = {"a", "an", "the", "and", "or", "of", "on", "in", "to", "for", "at", "by", "with",
                "from", "as", "but", "nor", "&", "vs", "vs."}

def _single_open(doc, k: int) -> bool:
    """A single quote mark at k that opens a quotation: after a space or at the start, before
    a word ('the essay 'Whores of the Empire': ...'; curly marks are read as straight ones)."""
    return doc[k].text == "'" and (k == 0 or doc[k - 1].whitespace_ != "") and doc[k].whitespace_ == ""


def _single_close(doc, j: int) -> bool:
    """A single quote mark at j that closes a quotation: attached to the word before it and
    not followed by a letter (so not an apostrophe)."""
    return doc[j].text == "'" and j > 0 and doc[j - 1].whitespace_ == "" and (
        j + 1 >= len(doc) or doc[j].whitespace_ != "" or not doc[j + 1].is_alpha)


_QUOTE_OPENERS = frozenset(_OPEN_Q | {"'"})  # what may open a quotation (a single one as `_single_open` says)


def quoted_title(doc, i: int) -> bool:
    """Token i stands in a quoted title of a work: every word of the quotation capitalised
    (small words aside) and at least three of them, as in a book club's “Clean: Overcoming
    Addiction and Ending America's Greatest Tragedy” (in double or single quotation marks).
    A quoted sentence is not a title."""
    if not holds_any(doc, _QUOTE_OPENERS):
        return False  # nothing can open a quotation
    sent = doc[i].sent
    k = i - 1
    single = False
    while k >= sent.start and doc[k].text not in _OPEN_Q:
        if doc[k].text in _CLOSE_Q:
            return False
        if _single_open(doc, k):
            single = True
            break
        k -= 1
    if k < sent.start:
        return False
    j = i + 1
    while j < sent.end and not (_single_close(doc, j) if single else doc[j].text in _CLOSE_Q):
        j += 1
    if j >= sent.end:
        return False
    words = [t for t in doc[k + 1:j] if t.is_alpha]
    content = [t for t in words if t.lower_ not in _TITLE_SMALL]
    if len(content) < 3 or len(words) > 16:
        return False
    if any(t.text in {".", "!", "?"} for t in doc[k + 1:j]):
        return False
    return all(t.text[:1].isupper() for t in content)


# -- suggestions for substance labels ----------------------------------------------------------

_ROUTE_WORDS = {"iv", "injection", "injecting", "intravenous", "needle"}

_PLURAL_OBJECT = {"drug": "drugs", "opioid": "opioids", "opiate": "opiates", "pill": "pills",
                  "painkiller": "painkillers", "benzo": "benzos", "substance": "substances",
                  "benzodiazepine": "benzodiazepines", "stimulant": "stimulants",
                  "narcotic": "narcotics", "psychedelic": "psychedelics", "inhalant": "inhalants",
                  "steroid": "steroids", "amphetamine": "amphetamines", "sedative": "sedatives",
                  "prescription": "prescription drugs", "polysubstance": "multiple substances",
                  "polydrug": "multiple drugs", "chemical": "drugs", "medication": "medications",
                  "percocet": "Percocet", "oxy": "oxycodone", "dope": "drugs", "smack": "heroin",
                  "coke": "cocaine", "etoh": "alcohol", "booze": "alcohol", "liquor": "alcohol"}

_OPIOID = {"opioid", "opioids", "opiate", "opiates", "heroin", "fentanyl", "oxycodone", "oxy",
           "oxycontin", "morphine", "hydrocodone", "painkiller", "painkillers", "percocet",
           "methadone", "smack", "codeine", "tramadol"}

_STIMULANT = {"meth", "methamphetamine", "cocaine", "crack", "amphetamine", "amphetamines",
              "stimulant", "stimulants", "speed", "coke"}

_CANNABIS = {"marijuana", "cannabis", "pot", "weed", "thc"}

_ALCOHOL = {"alcohol", "etoh", "booze", "liquor", "drinking"}

def substance_words(doc, start: int, end: int) -> list[str]:
    """Lower-case words of a modifier chain, without hyphens, slashes and 'and'/'or'."""
    return [t.lower_ for t in doc[start:end] if t.is_alpha and t.lower_ not in {"and", "or"}]

def describe_substances(words: list[str]) -> tuple[str, str, bool]:
    """(object for 'who use(s) ...', disorder modifier, injects?) for modifier words."""
    injects = any(w in _ROUTE_WORDS for w in words)
    names = [w for w in words if w not in _ROUTE_WORDS]
    if not names:
        return "drugs", "substance", injects
    if len(names) > 1 and not (len(names) == 2 and names[0] == "prescription"):
        return "drugs", "substance", injects
    if names[0] == "prescription":
        obj = "prescription " + _PLURAL_OBJECT.get(names[-1], names[-1]) if len(names) == 2 else "prescription drugs"
    else:
        obj = _PLURAL_OBJECT.get(names[-1], names[-1])
    last = names[-1]
    if last in _OPIOID:
        dis = "opioid"
    elif last in _ALCOHOL:
        dis = "alcohol"
    elif last in _STIMULANT:
        dis = "stimulant"
    elif last in _CANNABIS:
        dis = "cannabis"
    else:
        dis = "substance"
    return obj, dis, injects

def an(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"

def person_alternatives(words: list[str], plural: bool) -> list[str]:
    """Person-first replacements for '<substance> addict(s)/user(s)/abuser(s)'."""
    obj, dis, injects = describe_substances(words)
    if dis == "alcohol" and not injects:
        if plural:
            return ["people with alcohol use disorders", "people who drink heavily"]
        return ["person with an alcohol use disorder", "person who drinks heavily"]
    if plural:
        first = "people who inject drugs" if injects else f"people who use {obj}"
        return [first, f"people with {dis} use disorder" + ("s" if dis == "substance" else "")]
    first = "person who injects drugs" if injects else f"person who uses {obj}"
    return [first, f"person with {an(dis)} {dis} use disorder"]


# -- subjects and predicates ('X is crazy', 'the market has been bipolar') ---------------------

# "crazy busy", "insane good": an intensifier before an adjective or adverb.
INTENSIFIED = {
    "busy", "good", "fast", "expensive", "hard", "long", "cold", "hot", "high", "low", "cheap", "big",
    "small", "loud", "quiet", "early", "late", "easy", "difficult", "popular", "lucky", "talented",
    "smart", "beautiful", "delicious", "cute", "funny", "hectic", "full", "short", "slow", "well",
    "much", "many", "quick", "crowded", "packed", "strong", "rich", "tall", "close", "far", "fun",
    "cool", "successful", "productive", "generous", "detailed", "helpful", "efficient",
}

# Words skipped when looking back for the subject of "is crazy".
SKIP = {
    "so", "totally", "completely", "absolutely", "a", "little", "bit", "kind", "of", "sort", "really",
    "just", "pretty", "quite", "very", "too", "kinda", "somewhat", "truly", "acting", "act", "acts",
    "acted", "going", "gone", "went", "go", "goes", "is", "are", "was", "were", "be", "been", "being",
    "'s", "\u2019s", "'re", "\u2019re", "n't", "\u2019nt", "not", "never", "seem", "seems", "seemed",
    "seeming", "sound", "sounds", "sounded", "look", "looks", "looked", "appear", "appears",
    "appeared", "has", "have", "had", "get", "gets", "got", "getting", "become", "became", "lately",
    "recently", "now", "still", "all", "as", "utterly", "plain", "stark", "raving", "certifiably",
    "certifiable", "clinically", "feel", "feels", "felt", "may", "might", "can", "could", "will",
    "would", "should", "must", "ca", "wo", "definitely", "probably", "maybe", "also", "even",
}

LINKING = {
    "is", "are", "was", "were", "be", "been", "being", "'s", "\u2019s", "'re", "\u2019re", "'m",
    "\u2019m", "seem", "seems", "seemed", "seeming", "look", "looks", "looked", "sound", "sounds",
    "sounded", "act", "acts", "acted", "acting", "went", "go", "goes", "going", "gone", "get", "gets",
    "got", "getting", "become", "became", "appear", "appears", "appeared", "drive", "drives",
    "driving", "drove", "driven", "feel", "feels", "felt", "am",
}

CLAUSE_STOP = {",", ";", ":", "(", ")", "because", "but", "if", "when", "while", "although", "though"}

# A name after one of these is the object of a prepositional phrase, not the subject:
# "the views from Corbin Knob were insane", "the man from Elm Street seemed crazy".
PLACE_PREPOSITIONS = {"from", "at", "on", "in", "near", "of", "over", "across", "along", "above",
                      "below", "behind", "beyond", "outside", "inside", "atop", "off", "around"}

def subject_kind(c, limit: int = 10) -> str | None:
    """'person' or 'thing' for the nearest subject word before the match, else None."""
    toks = c.before(limit)
    skip_to = -1
    for n, tok in enumerate(toks):
        if n <= skip_to:
            continue
        low = tok.lower_
        if low in CLAUSE_STOP:
            break
        if low in SKIP:
            continue
        if tok.text[:1].isupper() and tok.is_alpha and tok.i != c.sent.start:
            m = n
            while m + 1 < len(toks) and toks[m + 1].text[:1].isupper() and toks[m + 1].is_alpha \
                    and toks[m + 1].i != c.sent.start:
                m += 1
            if m + 1 < len(toks) and toks[m + 1].lower_ == "the":
                m += 1
            if m + 1 < len(toks) and toks[m + 1].lower_ in PLACE_PREPOSITIONS:
                skip_to = m + 1  # "from Corbin Knob": look for the subject before the phrase
                continue
        if low in ("i", "we", "me", "us", "myself"):
            return "self"
        if low in PERSON:
            return "person"
        if low in THING:
            return "thing"
        if tok.text[:1].isupper() and tok.is_alpha and tok.i != c.sent.start:
            return "person"  # a name: "Mark seemed crazy"
    return None

PREDICATE_FILLERS = {"a", "an", "the", "total", "complete", "real", "absolute", "such", "little",
                     "bit", "of", "kind", "sort", "proper", "right", "bit", "like"}

def predicate_subject(c) -> str | None:
    """For 'X is (a total) lunatic': 'person', 'thing' or 'self' for X, else None."""
    toks = c.before(8)
    k = 0
    while k < len(toks) and toks[k].lower_ in PREDICATE_FILLERS:
        k += 1
    if k >= len(toks) or toks[k].lower_ not in LINKING:
        return None
    for tok in toks[k + 1:]:
        low = tok.lower_
        if low in SKIP or low in CLAUSE_STOP:
            if low in CLAUSE_STOP:
                return None
            continue
        if low in ("i", "we", "me", "us"):
            return "self"
        if low in PERSON:
            return "person"
        if low in THING:
            return "thing"
        if low in ("'s", "\u2019s"):
            continue
        return None
    return None


# -- a diagnosis used as a noun for a person ('a paranoid schizophrenic') -----------------------

# Adjectives that may stand between the determiner and the noun: "a chronic schizophrenic".
MODIFIERS = {"paranoid", "chronic", "known", "young", "old", "diagnosed", "violent", "severe",
             "homeless", "recovering", "former", "untreated", "catatonic", "typical", "real"}

def diagnosis_determined(c) -> bool:
    for tok in c.before(3):
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

def diagnosis_noun_use(c) -> bool:
    after = c.after(1)
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


# -- pastimes: 'news junkie', 'adrenaline addict', 'a fiend for crosswords' ------------------------

PASTIMES = {
    "news", "political", "politics", "adrenaline", "sports", "sport", "data", "tech",
    "technology", "caffeine", "coffee", "espresso", "sugar", "chocolate", "carb", "carbs",
    "fitness", "gym", "exercise", "workout", "running", "history", "trivia", "football",
    "soccer", "baseball", "basketball", "hockey", "golf", "tennis", "film", "movie", "movies",
    "cinema", "music", "book", "books", "reading", "poll", "polling", "policy", "culture", "pop",
    "science", "gadget", "gadgets", "travel", "reality", "tv", "television", "internet", "media",
    "crossword", "puzzle", "puzzles", "sudoku", "game", "games", "gaming", "video", "nature",
    "weather", "food", "foodie", "fashion", "shopping", "thrill", "action", "attention",
    "approval", "information", "info", "stats", "statistics", "numbers", "word", "words",
    "grammar", "art", "theater", "theatre", "opera", "jazz", "comic", "comics", "anime", "car",
    "cars", "speed", "hiking", "outdoor", "outdoors", "camping", "cooking", "baking", "diy",
    "garden", "gardening", "crime", "podcast", "podcasts", "election", "campaign", "research",
    "detail", "details", "work", "love", "sex", "porn", "pornography", "gambling", "phone",
    "screen", "social", "celebrity", "gossip", "drama", "romance", "fantasy", "horror",
    "mystery", "marathon", "yoga", "cycling", "ski", "surf", "surfing", "shoe", "sneaker",
    "makeup", "beauty", "tea", "soda", "junk", "candy", "cake", "pizza", "burger", "wine-tasting",
    "adventure", "action-movie", "true-crime", "sci-fi", "scifi", "bird", "birding", "knitting",
    "quilting", "craft", "crafts", "lego", "board", "card", "chess", "bridge", "poker", "pinball",
    "arcade", "vinyl", "record", "records", "coupon", "bargain", "sale", "sales", "deal", "deals",
    "fragrance", "perfume", "skincare", "spreadsheet", "productivity", "efficiency", "learning",
    "education", "trail", "mountain", "beach", "sun", "tanning", "cardio", "protein", "hot",
    "sauce", "spice", "spicy", "stats", "weather", "storm", "tornado", "space", "astronomy",
    "math", "physics", "economics", "finance", "stock", "stocks", "market", "crypto", "bitcoin",
    "housing", "real", "estate", "renovation", "design", "typography", "font", "font-", "color",
    "colour", "plant", "plants", "houseplant", "dog", "cat", "horse", "animal", "car-",
    "attention-", "drama-", "twitter", "facebook", "instagram", "tiktok", "netflix", "youtube",
    "reddit", "wordle", "fortnite", "minecraft", "podcasting", "blog", "blogging", "selfie",
}


# -- the collective noun: what may follow 'the homeless', 'the insane' ------------------------

COLLECTIVE_NEXT = {
    "and", "or", "but", "nor", "in", "of", "on", "at", "for", "to", "from", "with", "without", "by",
    "who", "whom", "whose", "that", "which", "as", "into", "than", "like", "about", "across",
    "are", "were", "is", "was", "be", "been", "have", "had", "has", "can", "could", "will", "would",
    "should", "may", "might", "must", "do", "does", "did", "need", "needs", "deserve", "deserves",
    "sleep", "sleeps", "live", "lives", "lack", "face", "faces", "use", "get", "go", "come", "gather",
    "congregate", "stay", "move", "tend", "remain", "suffer", "receive", "account", "make", "die",
    "struggle", "experience", "seek", "rely", "often", "also", "still", "typically", "usually",
    "already", "frequently", "sometimes", "here", "there", "downtown", "themselves", "too", "alone",
    "now", "today", "really", "actually", "always", "never", "mostly", "camp", "want", "wander",
    "panhandle", "loiter", "fill", "flock", "end", "make", "include", "includes", "continue",
    "during", "after", "before", "because", "while", "when", "where", "if", "within", "along",
    "we", "you", "they", "i", "he", "she", "our", "us", "your", "their", "its", "it", "this", "these",
    # a time or a quantity after the object of a preposition ('meals to the homeless every
    # Sunday', 'beds for the mentally ill each winter'): no noun modified there
    "every", "each", "those", "all", "both", "last", "next", "daily", "nightly", "weekly", "year-round",
    # plain verbs after a plural noun ('most homeless spend the night on buses')
    "find", "spend", "say", "report", "qualify", "depend", "sleep", "eat", "wait", "feel",
    "know", "lose", "turn", "walk", "beg", "ask", "cycle",
}

# -ing words that are nouns in this position ("the homeless housing program")
ING_NOUNS = {"housing", "funding", "programming", "counting", "planning", "sheltering", "training",
             "screening", "building", "meeting", "hearing"}

