"""'clean' / 'dirty' for a drug-test result, and 'failed a drug test'.

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

from ..api import Candidate, Needs, check
from .lexicon import PERSON

SPECIFIC = {"urine", "urines", "ua", "uas", "uds", "tox", "toxicology", "drug", "drugs", "utox",
            "u-tox", "toxicologies", "etg", "breathalyzer", "breath"}
GENERIC = {"test", "tests", "screen", "screens", "screening", "screenings", "result", "results",
           "sample", "samples", "specimen", "specimens", "panel", "panels", "drop", "drops"}
# what a test comes back positive for ('dirty for fentanyl', 'clean for everything')
TESTED_FOR = {
    "fentanyl", "opioid", "opioids", "opiate", "opiates", "cocaine", "crack", "meth",
    "methamphetamine", "amphetamine", "amphetamines", "thc", "marijuana", "cannabis", "weed", "pot",
    "benzo", "benzos", "benzodiazepine", "benzodiazepines", "heroin", "alcohol", "oxy", "oxycodone",
    "xylazine", "pcp", "mdma", "bup", "buprenorphine", "methadone", "suboxone", "kratom",
    "barbiturates", "morphine", "everything", "drugs", "substances", "anything", "something",
}
DRUG_CONTEXT = SPECIFIC | TESTED_FOR | {
    "probation", "parole", "prescriber", "moud", "mat", "sud", "oud", "treatment", "clinic",
    "relapse", "relapsed", "using", "used", "high", "intoxicated", "sober", "sobriety", "recovery",
    "dose", "doses", "take-home", "take-homes", "program", "counselor", "lab", "labs", "screen",
    "screens", "uds", "court", "employer", "pre-employment",
    # workplace testing: DOT 'safety-sensitive' duties, 'return-to-duty' tests, the MRO
    "safety-sensitive", "return-to-duty", "mro",
}
NOT_DRUG = {"water", "soil", "air", "lead", "radon", "asbestos", "mold", "mould", "bacteria", "pool",
            "well", "covid", "covid-19", "virus", "malware", "antivirus", "scan", "biopsy", "mammogram",
            "pap", "colonoscopy", "scans", "ci", "pipeline", "build", "repo", "code", "unit", "lint",
            "sti", "std", "hiv", "pregnancy", "tb",
            # bench science: 'a clean sample for calibration' in a chemistry lab
            "chemistry", "calibration", "calibrate", "reagent", "reagents", "titration", "beaker",
            "beakers", "pipette", "pipettes"}
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
DIRTY_TEST_VETO = {"software", "suite", "suites", "flaky", "mock", "mocks", "fixture", "fixtures",
                   "database", "cache", "tube", "tubes", "glassware", "dishwasher", "kitchen",
                   "engine", "oil", "filter", "filters", "paint", "car", "cars"}
PERSON_ARRIVE = {"came", "come", "comes", "coming", "showed", "show", "shows", "showing", "walked",
                 "arrived", "arrives", "arrive", "arriving", "turned", "got"}
PHYSICAL = {"mud", "muddy", "rain", "shoes", "boots", "clothes", "clothing", "laundry", "wash",
            "washing", "shower", "showers", "hygiene", "garden", "playground", "yard", "paint",
            "grease", "dishes", "hands", "sweaty", "smelly"}


_LEAD_TEST = {"test", "tests", "testing", "level", "levels", "paint", "poisoning", "pipe", "pipes",
              "screening", "screenings", "exposure", "service", "lines", "in", "content", "-", "and",
              ".", ",", "?", ")"}


def _not_drug_words(c: Candidate, words: set[str]) -> set[str]:
    """NOT_DRUG words of `words`, but 'lead' only as the metal ('lead levels', 'tested for
    lead'), not the verb ('two dirty screens lead to a review')."""
    hits = words & NOT_DRUG
    if "lead" in hits:
        metal = False
        for t in c.doc[c.sent.start:c.sent.end]:
            if t.lower_ == "lead":
                nxt = t.doc[t.i + 1].lower_ if t.i + 1 < c.sent.end else "."
                prv = t.doc[t.i - 1].lower_ if t.i - 1 >= c.sent.start else ""
                if nxt in _LEAD_TEST or prv in {"for", "of", "and", "no"}:
                    metal = True
        if not metal:
            hits = hits - {"lead"}
    return hits


_SUBSTANCE_HEADS = {"abuse", "use", "misuse", "abusers", "users", "testing", "test", "tests"}


def _substance_use_nearby(c) -> bool:
    """'substance abuse' / 'substance use' / 'substance testing' in the match's sentence or
    a neighbour ('referred to a Substance Abuse Professional. ... provide a clean sample'),
    not a chemist's 'substance' on its own."""
    sents = list(c.doc.sents)
    idx = next((i for i, s in enumerate(sents) if s.start <= c.start < s.end), 0)
    for s in sents[max(0, idx - 1):idx + 2]:
        for t in s[:-1]:
            if t.lower_ in {"substance", "substances"} and t.nbor(1).lower_ in _SUBSTANCE_HEADS:
                return True
    return c.reject("no substance use named nearby")


def _test_sense(c) -> bool:
    doc = c.doc
    after = c.after(3)
    nxt = after[0].lower_ if after else None
    near = c.nearby_words()
    near = (near - NOT_DRUG) | _not_drug_words(c, near)
    if nxt in ("-", "\u2010", "\u2011") and len(after) > 1 and after[1].lower_ in ("catch", "caught"):
        return c.reject("'clean-catch' urine: collection technique")  # clean-catch urine: collection technique
    # 1. before a test noun: "clean UA", "dirty urine screen", "a clean result"
    k = 0
    while k < len(after) and after[k].lower_ in ("drug", "urine", "tox", "urines", "toxicology") and k < 2:
        k += 1
    head = after[k].lower_ if k < len(after) else None
    if nxt in SPECIFIC or head in GENERIC:
        if near & COLLECTION and not near & {"positive", "negative"}:
            return c.reject("about collecting a sample (a sterile cup, midstream, a kit), not its result")
        noun_i = c.end + k
        following = doc[noun_i + 1].lower_ if noun_i + 1 < min(len(doc), c.sent.end) else None
        if following in NOT_AFTER_TEST:
            return c.reject("before a test word that names software or a place ('a clean test run', 'the test kitchen')")
        if nxt in SPECIFIC:
            return c.keep("before a toxicology word ('clean UA', 'dirty urine')") if not (near & NOT_DRUG) else \
                c.reject("before a test word, in text about water, soil, a virus, a scan or software")
        if near & NOT_DRUG:
            return c.reject("before a test word, in text about water, soil, a virus, a scan or software")
        # 'a dirty test', 'dirty results': nothing but a drug test is called dirty, so the
        # table cell 'a dirty test means a house meeting' needs no drug word; 'clean test'
        # (a clean test run) does
        if c.tokens[0].lower_ == "dirty" and head in {"test", "tests", "screen", "screens",
                                                      "result", "results", "drop", "drops"}:
            return c.keep("'dirty test': only a drug test is called dirty") if not (c.nearby_words(1) & DIRTY_TEST_VETO) \
                else c.reject("'dirty test' in text about software, a kitchen or glassware")
        if c.nearby_words(1) & DRUG_CONTEXT or _substance_use_nearby(c):
            return c.keep("before a test word, in a passage about drug testing")
        return c.reject("before a test word, with no drug talk nearby ('a clean result')")
    # 2. "dirty for fentanyl", "clean for THC"
    if nxt == "for" and len(after) > 1 and after[1].lower_ in TESTED_FOR:
        return c.keep(f"'{c.text} for {after[1].text}': a test result")
    # 3. after a testing verb: "tested clean", "came back dirty", "the UA was clean"
    before = c.before(6)
    b = [t.lower_ for t in before]
    if b and (b[0] in TEST_VERBS or (b[0] == "back" and len(b) > 1 and b[1] in TEST_VERBS)):
        if near & NOT_DRUG:
            return c.reject("after a testing verb, in text about water, soil, a virus, a scan or software")
        subject_test = any(w in SPECIFIC or w in GENERIC for w in b[1:6])
        if b[0] in ("tested", "test", "tests", "testing", "screened", "screens", "screen", "screening"):
            return c.keep("after a testing verb ('tested clean')")  # unless water, soil or a scan is named
        if b[0] == "back":
            if subject_test or c.nearby_words(1) & DRUG_CONTEXT:
                return c.keep("'came back clean/dirty' from a drug test")
            return c.reject("'came back clean' with no test and no drug talk")
        # "the UA was clean": the subject is a test; a generic one needs drug words nearby
        if any(w in SPECIFIC for w in b[1:6]):
            return c.keep("said of a toxicology test ('the UA was clean')")
        if subject_test and c.nearby_words(1) & DRUG_CONTEXT:
            return c.keep("said of a test, in a passage about drugs")
        return c.reject("after 'is', 'was', 'came': not said of a drug test")
    return c.reject("no test word after it, no testing verb before it, no 'for <substance>': not a test result")


def _dirty_person(c) -> bool:
    """'they came in dirty again', 'she showed up dirty': a person described as using."""
    b = [t.lower_ for t in c.before(3)]
    after = [t.lower_ for t in c.after(1)]
    if not b:
        return c.reject("nothing before it")
    arrived = b[0] in ("in", "up") and len(b) > 1 and b[1] in PERSON_ARRIVE
    if b[0] in ("been", "using"):
        # "she has been dirty since May": only about a person, with drug use in view
        arrived = bool(set(b[1:]) & PERSON) and bool(c.nearby_words(1) & DRUG_CONTEXT)
    if not arrived:
        return c.reject("not a person who came in or showed up using")
    if after and after[0] in ("from", "with", "after"):
        return c.reject("'dirty from', 'dirty with', 'dirty after': dirt, not drugs")
    return (not (c.nearby_words(1) & PHYSICAL)) or c.reject("dirt from outdoors or work (mud, paint, a garden), not drugs")


POSSESSIVE_OR_ARTICLE = {"a", "an", "the", "his", "her", "their", "my", "your", "two", "three", "another",
                         "one", "multiple", "several", "random"}


_FAIL_SKIP = {"a", "an", "the", "his", "her", "their", "my", "your", "two", "three", "four", "five",
              "several", "multiple", "another", "one", "random", "drug", "urine", "tox", "toxicology",
              "court-ordered", "required", "weekly", "monthly", "mandatory", "mandated", "routine",
              "pre-employment", "employment", "hair", "saliva", "breath", "its", "our", "first",
              "second", "third", "last", "consecutive", "more", "any", "every", "both", "all"}
_FAIL_HEADS = {"test", "tests", "screen", "screens", "screening", "screenings", "ua", "uas", "uds",
               "urinalysis", "urinalyses", "breathalyzer", "breathalyzers", "tox", "panel", "panels",
               "utox", "utoxes", "drop", "drops"}
_FAIL_SPECIFIC = {"drug", "urine", "tox", "toxicology", "ua", "uas", "uds", "urinalysis",
                  "urinalyses", "breathalyzer", "breathalyzers", "hair", "saliva", "breath", "utox",
                  "utoxes"}


def _failed_any(c) -> bool:
    """'failed two urine screens', 'fails random drug tests', 'failing her UDS': a form of
    'fail' whose object is a drug test (a drug-test word must be named: 'failed a test'
    is any exam). The underline runs to the test noun."""
    doc = c.doc
    hi = c.sent.end
    j = c.end
    named = False
    steps = 0
    while j < hi and steps < 5:
        w = doc[j].lower_
        named = named or w in _FAIL_SPECIFIC
        nxt = doc[j + 1].lower_ if j + 1 < hi else ""
        if w in _FAIL_HEADS and nxt not in _FAIL_HEADS:
            if not named:
                return c.reject("'failed a test' with no drug-test word: any exam")
            c.end = j + 1
            return True
        if w in _FAIL_SKIP or w in _FAIL_HEADS:  # 'tox screen', 'urine drug screen'
            j += 1
            steps += 1
            continue
        return c.reject("'fail' followed by something other than a drug test")
    return c.reject("no drug test named after 'fail'")


def _failed_test(c) -> bool:
    words = [t.lower_ for t in c.tokens]
    first = words[0]
    if len(words) == 1:
        # the bare verb: keep it only before a drug test
        if not _failed_any(c):
            return c.reject("the bare verb 'fail' not before a drug test")
        before = [t.lower_ for t in c.before(1)]
        if first == "failed" and before and before[0] in POSSESSIVE_OR_ARTICLE | {"any", "after", "for", "of", "and"}:
            c.end = c.start + 1  # 'a failed drug test': the adjective -> 'positive'
            c.form = None
            return True
        c.form = {"fail": "base", "fails": "s", "failed": "ed", "failing": "ing"}[first]
        # keep the writer's object: 'failed two urine screens' -> 'tested positive on two urine screens'
        verb = {"fail": "test", "fails": "tests", "failed": "tested", "failing": "testing"}[first]
        obj = c.doc[c.start + 1:c.end].text
        c.alternatives = [f"{verb} positive on {obj}"]
        return True
    if first in ("failed", "fail", "fails", "failing") and len(words) > 1 and words[1] in POSSESSIVE_OR_ARTICLE:
        c.form = {"fail": "base", "fails": "s", "failed": "ed", "failing": "ing"}[first]
        return True
    # "a failed drug test" / "failed drug screens": underline "failed" -> "positive"
    before = [t.lower_ for t in c.before(1)]
    if first == "failed" and before and before[0] in ("a", "the", "one", "two", "three", "any", "another", "his", "her", "their", "multiple", "several", "after", "for", "of", "and"):
        c.end = c.start + 1
        c.form = None
        return True
    if first == "failed":
        # "she failed drug screens twice": a verb without an article
        c.form = "ed"
        return True
    return True


_FAIL_FORMS = ("failed", "fail", "fails", "failing")


def _fail_needs(form: str) -> Needs | None:
    """A bare 'fail(ed)' is kept only before a named drug test (mirrors _failed_test)."""
    return Needs(frozenset(_FAIL_SPECIFIC)) if form.lower() in _FAIL_FORMS else None


@check("test-result-clean", rules=["clean-drug-test"])
def clean_result(c: Candidate) -> bool:
    """'clean' for a negative drug test: before a test noun ('three clean UAs', 'a clean
    urine screen'; a generic 'result', 'test' or 'screen' needs drug words nearby), after a
    testing verb ('tested clean', 'the UA came back clean'), or 'clean for <substance>'.
    Not collection technique ('clean-catch urine', 'a clean specimen cup'), software tests
    ('a clean test run'), water, soil or virus scans, or bench science."""
    if len(c.tokens) != 1:
        return True
    return _test_sense(c)


@check("test-result-dirty", rules=["dirty-test"], needs=_fail_needs)
def dirty_result(c: Candidate) -> bool:
    """'dirty' for a positive drug test (as 'clean' for a negative one: 'came back dirty for
    fentanyl', 'two dirty urines'), a person who 'came in dirty' or 'showed up dirty', and
    'fail(ed) a drug test' ('failed two urine screens': a drug-test word must be named,
    'failed a test' is any exam). Not 'dirty dishes', 'quick and dirty', 'came in dirty
    from the garden'."""
    words = [t.lower_ for t in c.tokens]
    if words[0] in _FAIL_FORMS:
        return _failed_test(c)
    if len(words) != 1:
        return True
    if _test_sense(c):
        return True
    return _dirty_person(c)
