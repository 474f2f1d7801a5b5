"""'clean' / 'dirty' for a drug-test result, and 'failed a drug test' (by rule id).

The rules match the bare adjective and keep it only in a drug-testing sense; the
underline is the adjective itself, so one replacement fits every sentence:
"three clean UAs" -> "three negative UAs", "tested clean" -> "tested negative",
"came back dirty for fentanyl" -> "came back positive for fentanyl".

Drug-test sense:
- before a test noun: "clean UA", "dirty urine screen", "a dirty drug screen",
  "a clean result" (generic nouns such as result/test/screen need drug words nearby);
- after a testing verb: "tested clean", "came back dirty" (the subject is a test, or
  drugs are mentioned nearby, and it is not about water, soil or a virus scan);
- "dirty for <substance>", and a person who "came in dirty" or "showed up dirty".

Silent on: "clean-catch urine", "a clean specimen cup" and other collection technique,
"clean test environment", "dirty dishes", "quick and dirty", "the water tested clean".
"""
from __future__ import annotations

from .bh_words import PERSON, nearby_words, next_tokens, prev_tokens

SPECIFIC = {"urine", "urines", "ua", "uas", "uds", "tox", "toxicology", "drug", "drugs", "utox",
            "u-tox", "toxicologies", "etg", "breathalyzer", "breath"}
GENERIC = {"test", "tests", "screen", "screens", "screening", "screenings", "result", "results",
           "sample", "samples", "specimen", "specimens", "panel", "panels", "drop", "drops"}
SUBSTANCES = {
    "fentanyl", "opioid", "opioids", "opiate", "opiates", "cocaine", "crack", "meth",
    "methamphetamine", "amphetamine", "amphetamines", "thc", "marijuana", "cannabis", "weed", "pot",
    "benzo", "benzos", "benzodiazepine", "benzodiazepines", "heroin", "alcohol", "oxy", "oxycodone",
    "xylazine", "pcp", "mdma", "bup", "buprenorphine", "methadone", "suboxone", "kratom",
    "barbiturates", "morphine", "everything", "drugs", "substances", "anything", "something",
}
DRUG_CONTEXT = SPECIFIC | SUBSTANCES | {
    "probation", "parole", "prescriber", "moud", "mat", "sud", "oud", "treatment", "clinic",
    "relapse", "relapsed", "using", "used", "high", "intoxicated", "sober", "sobriety", "recovery",
    "dose", "doses", "take-home", "take-homes", "program", "counselor", "lab", "labs", "screen",
    "screens", "uds", "court", "employer", "pre-employment",
}
NOT_DRUG = {"water", "soil", "air", "lead", "radon", "asbestos", "mold", "mould", "bacteria", "pool",
            "well", "covid", "covid-19", "virus", "malware", "antivirus", "scan", "biopsy", "mammogram",
            "pap", "colonoscopy", "scans", "ci", "pipeline", "build", "repo", "code", "unit", "lint",
            "sti", "std", "hiv", "pregnancy", "tb"}
TEST_VERBS = {"tested", "test", "tests", "testing", "screened", "screens", "screen", "screening",
              "came", "come", "comes", "coming", "returned", "return", "returns", "returning",
              "was", "were", "is", "are", "been", "be", "stayed", "remained", "remain", "remains",
              "ran", "run", "runs", "showed", "show", "shows", "'s", "\u2019s"}
COLLECTION = {"collect", "collected", "collecting", "collection", "midstream", "catch", "container",
              "containers", "cup", "cups", "sterile", "contaminated", "contamination", "uncontaminated",
              "towelette", "wipe", "wipes", "technique", "kit", "kits", "cleanse"}
NOT_AFTER_TEST = {"run", "runs", "suite", "suites", "environment", "environments", "env", "build",
                  "builds", "data", "case", "cases", "coverage", "code", "file", "files", "fixture",
                  "fixtures", "database", "db", "setup", "bench", "kitchen", "area", "room", "site"}
PERSON_ARRIVE = {"came", "come", "comes", "coming", "showed", "show", "shows", "showing", "walked",
                 "arrived", "arrives", "arrive", "arriving", "turned", "got"}
PHYSICAL = {"mud", "muddy", "rain", "shoes", "boots", "clothes", "clothing", "laundry", "wash",
            "washing", "shower", "showers", "hygiene", "garden", "playground", "yard", "paint",
            "grease", "dishes", "hands", "sweaty", "smelly"}


def _test_sense(c) -> bool:
    doc = c.doc
    after = next_tokens(c, 3)
    nxt = after[0].lower_ if after else None
    near = nearby_words(c)
    if nxt in ("-", "\u2010", "\u2011") and len(after) > 1 and after[1].lower_ in ("catch", "caught"):
        return False  # clean-catch urine: collection technique
    # 1. before a test noun: "clean UA", "dirty urine screen", "a clean result"
    k = 0
    while k < len(after) and after[k].lower_ in ("drug", "urine", "tox", "urines", "toxicology") and k < 2:
        k += 1
    head = after[k].lower_ if k < len(after) else None
    if nxt in SPECIFIC or head in GENERIC:
        if near & COLLECTION and not near & {"positive", "negative"}:
            return False
        noun_i = c.end + k
        following = doc[noun_i + 1].lower_ if noun_i + 1 < min(len(doc), c.sent.end) else None
        if following in NOT_AFTER_TEST:
            return False
        if nxt in SPECIFIC:
            return not (near & NOT_DRUG)
        return bool(nearby_words(c, 1) & DRUG_CONTEXT) and not (near & NOT_DRUG)
    # 2. "dirty for fentanyl", "clean for THC"
    if nxt == "for" and len(after) > 1 and after[1].lower_ in SUBSTANCES:
        return True
    # 3. after a testing verb: "tested clean", "came back dirty", "the UA was clean"
    before = prev_tokens(c, 6)
    b = [t.lower_ for t in before]
    if b and (b[0] in TEST_VERBS or (b[0] == "back" and len(b) > 1 and b[1] in TEST_VERBS)):
        if near & NOT_DRUG:
            return False
        subject_test = any(w in SPECIFIC or w in GENERIC for w in b[1:6])
        if b[0] in ("tested", "test", "tests", "testing", "screened", "screens", "screen", "screening"):
            return True  # "tested clean": drug testing unless water, soil or a scan is named
        if b[0] == "back":
            return subject_test or bool(nearby_words(c, 1) & DRUG_CONTEXT)
        # "the UA was clean": the subject is a test; a generic one needs drug words nearby
        if any(w in SPECIFIC for w in b[1:6]):
            return True
        return subject_test and bool(nearby_words(c, 1) & DRUG_CONTEXT)
    return False


def _dirty_person(c) -> bool:
    """'they came in dirty again', 'she showed up dirty': a person described as using."""
    b = [t.lower_ for t in prev_tokens(c, 3)]
    after = [t.lower_ for t in next_tokens(c, 1)]
    if not b:
        return False
    arrived = b[0] in ("in", "up") and len(b) > 1 and b[1] in PERSON_ARRIVE
    if b[0] in ("been", "using"):
        # "she has been dirty since May": only about a person, with drug use in view
        arrived = bool(set(b[1:]) & PERSON) and bool(nearby_words(c, 1) & DRUG_CONTEXT)
    if not arrived:
        return False
    if after and after[0] in ("from", "with", "after"):
        return False
    return not (nearby_words(c, 1) & PHYSICAL)


POSSESSIVE_OR_ARTICLE = {"a", "an", "the", "his", "her", "their", "my", "your", "two", "three", "another",
                         "one", "multiple", "several", "random"}


def _failed_test(c) -> bool:
    words = [t.lower_ for t in c.tokens]
    first = words[0]
    if first in ("failed", "fail", "fails", "failing") and len(words) > 1 and words[1] in POSSESSIVE_OR_ARTICLE:
        c.form = {"fail": "base", "fails": "s", "failed": "ed", "failing": "ing"}[first]
        return True
    # "a failed drug test" / "failed drug screens": underline "failed" -> "positive"
    before = [t.lower_ for t in prev_tokens(c, 1)]
    if first == "failed" and before and before[0] in ("a", "the", "one", "two", "three", "any", "another", "his", "her", "their", "multiple", "several", "after", "for", "of", "and"):
        c.end = c.start + 1
        c.form = None
        return True
    if first == "failed":
        # "she failed drug screens twice": a verb without an article
        c.form = "ed"
        return True
    return True


def check(c) -> bool:
    words = [t.lower_ for t in c.tokens]
    if c.rule.id == "dirty-test" and words[0] in ("failed", "fail", "fails", "failing"):
        return _failed_test(c)
    if len(words) != 1:
        return True
    if _test_sense(c):
        return True
    if c.rule.id == "dirty-test":
        return _dirty_person(c)
    return False
