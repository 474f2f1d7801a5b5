"""'clean' and 'dirty': a person's substance use, injection equipment, NA's clean time, or
(most of the time) just cleaning, data and code.

`sense(doc, i)` classifies the clean/dirty token at index i as

- "status": a person's abstinence or use ("has been clean for two years", "stay clean",
  "90 days clean", "clean and sober", "came in dirty again");
- "test": a toxicology result ("UDS came back dirty for fentanyl", "a clean urine screen",
  "tested clean", "one dirty test" in a sentence about treatment);
- "equipment": injection equipment ("clean needles", "dirty syringes");
- "time": NA-style 'clean time' / 'clean date';
- None: everything else ("clean the kitchen", "clean water", "came clean", "clean code",
  "dirty dishes", "dirty records", "clean-catch urine", "clean slate", "clean up").

Three checks keep the match when the sense is the one their rules are about: a person's
status, equipment, or clean time. (Test results have their own checks, in drug_test.py.)
"""
from __future__ import annotations

from ..api import Candidate, capitalised_mid_sentence, check, sentence_span, word_at, words_around
from .lexicon import DETERMINERS, FUNCTION_WORDS, PERSON_WORDS, TECH_WORDS, TIME_UNITS, drug_context, is_substance, quoted_title

_CD = {"clean", "dirty", "dirties"}

_ADVERBS = {"still", "now", "finally", "completely", "totally", "fully", "really", "already",
            "actually", "truly", "mostly", "not", "never", "all", "both", "n't", "\u2019t",
            "always", "somehow", "officially", "technically", "supposedly", "reportedly",
            "basically", "even", "again", '"', "'", "\u201c", "\u201d", "\u2018", "\u2019",
            "*", "_", "("}
_STATUS_VERBS = {"get", "gets", "got", "gotten", "getting", "stay", "stays", "stayed", "staying",
                 "remain", "remains", "remained", "remaining", "been", "be", "being", "is", "are",
                 "was", "were", "am", "'s", "\u2019s", "'re", "\u2019re", "'m", "\u2019m", "living",
                 "live", "lives", "lived", "become", "became", "becomes", "becoming", "went", "go",
                 "goes", "come", "came", "walked", "walk",
                 "showed", "show", "shows", "arrive", "arrives", "arrived", "turned", "turn"}
_IDIOM_BEFORE = {"make", "makes", "made", "making", "wipe", "wiped", "wipes", "sweep", "swept",
                 "scrub", "scrubbed", "wash", "washed", "lick", "licked", "squeaky", "spotless",
                 "spotlessly", "sparkling", "spick", "shaved", "shaven", "picked", "rinse",
                 "rinsed", "hands", "nice", "neat", "tidy", "fresh", "dry", "quick", "keep", "keeps",
                 "kept", "keeping"}
_THINGS = {
    "kitchen", "kitchens", "room", "rooms", "bathroom", "bathrooms", "restroom", "restrooms",
    "floor", "floors", "area", "areas", "space", "spaces", "house", "home", "building", "unit",
    "van", "car", "counter", "desk", "desks", "workspace", "surface", "surfaces", "water", "air",
    "hands", "hand", "skin", "wound", "wounds", "clothes", "clothing", "laundry", "sheets",
    "linens", "dishes", "mugs", "cups", "spoon", "spoons", "cooker", "cookers", "code", "data",
    "database", "file", "files", "record", "records", "extract", "extracts", "row", "rows",
    "field", "fields", "form", "forms", "copy", "copies", "draft", "drafts", "build", "install",
    "repo", "repository", "branch", "tree", "cache", "environment", "output", "input", "text",
    "page", "pages", "list", "lists", "report", "reports", "equipment", "tools", "supplies",
    "needle", "needles", "syringe", "syringes", "kit", "kits", "park", "street", "streets",
    "city", "neighborhood", "campus", "shelter", "beach", "river", "lake", "yard", "lobby",
    "office", "site", "sites", "it", "this", "that", "everything", "table", "tables", "model",
    "models", "instance", "object", "objects", "state", "tests", "test", "result", "results",
    "sample", "samples", "specimen", "specimens", "screen", "screens", "urine", "ua", "uds",
    "drop", "cup", "container", "diaper", "diapers", "bed", "beds", "bedding", "towel", "towels",
    "money", "campaign", "election", "fight", "game", "record", "history", "energy", "fuel",
    "coal", "technology", "procedure", "technique", "field", "site", "sink", "toilet", "trash",
}
_TEST_NOUNS_STRONG = {"urine", "urines", "ua", "uas", "uds", "udss", "tox", "toxicology",
                      "toxicologies", "drug-screen", "drug-test", "utox"}
_TEST_NOUNS = {"test", "tests", "screen", "screens", "screening", "screenings", "result",
               "results", "drop", "drops", "sample", "samples", "specimen", "specimens", "panel",
               "panels", "uas", "reading", "readings", "cup", "cups"}
_TEST_CONTEXT = {"urine", "urines", "ua", "uas", "uds", "tox", "toxicology", "drug", "drugs",
                 "lab", "labs", "fentanyl", "opioid", "opioids", "thc", "cocaine", "meth",
                 "methamphetamine", "benzodiazepines", "buprenorphine", "methadone", "heroin",
                 "prescriber", "probation", "parole", "positive", "negative", "treatment",
                 "discharge", "discharged", "syringe", "clinic", "dose", "doses", "take-home",
                 "screen", "screens", "alcohol", "substance", "substances", "etg", "breathalyzer"}
_TEST_VETO = {"background", "check", "checks", "scan", "scans", "mri", "ct", "x", "ray",
              "x-ray", "biopsy", "virus", "viruses", "malware", "antivirus", "audit", "audits",
              "inspection", "inspections", "mammogram", "pap", "cancer", "covid", "pcr", "strep",
              "colonoscopy", "code", "build", "unit", "suite", "integration", "ci", "linter",
              "lint", "compile", "software", "sti", "std", "hiv", "hepatitis", "tb", "lead",
              "water", "soil", "air", "mold", "radon", "asbestos", "swab"}
_EQUIPMENT = {"needle", "needles", "syringe", "syringes", "works", "rig", "rigs", "equipment",
              "gear", "supplies", "kit", "kits", "cooker", "cookers", "pipe", "pipes", "points",
              "spike", "spikes", "sharps"}
_EQUIP_ALWAYS = {"needle", "needles", "syringe", "syringes"}
_COME = {"come", "came", "comes", "coming"}
_VERB_PARTICLES = {"up", "out", "down", "away", "off", "around"}
_TECH_VETO = TECH_WORDS - {"service", "services", "program", "programs", "programme", "park",
                           "parks", "facility", "facilities", "site", "sites", "record", "records",
                           "data", "phone", "phones", "video", "mobile", "hearing", "network",
                           "networks", "library", "libraries", "table", "tables", "tool", "tools",
                           "trail", "trails", "road", "roads", "bus", "file", "files", "field",
                           "fields", "email", "online", "web"}
_TECH_VETO |= {"git", "pip", "npm", "make", "makefile", "refactor", "refactoring", "linter",
               "compile", "compiler", "checkout", "worktree", "diff", "bytes", "buffer",
               "buffers", "cache", "caches", "migration", "migrations", "queryset", "orm"}


_AUXILIARIES = {"'s", "\u2019s", "has", "had", "have", "must", "will", "can", "should", "would",
                "could", "may", "might", "'ll", "\u2019ll", "'d", "\u2019d"}
_NOT_NOUNS = {"same", "only", "first", "last", "other", "whole", "entire", "most", "more",
              "very", "new", "old", "long", "one"}


def _subject(doc, k, lo) -> str | None:
    """Look back from token k (a verb) for the subject: 'person', 'thing' or None."""
    # 'the tools to stay clean', 'a chance to get clean': a noun before 'to' is what the
    # infinitive is for, not its subject
    if k - 2 >= lo and doc[k - 1].lower_ == "to" and doc[k - 2].is_alpha and doc[k - 2].lower_ not in _MUST \
            and doc[k - 2].lower_ not in PERSON_WORDS and doc[k - 2].lower_ not in _TO_VERBS:
        return None
    # 'Residents attend four meetings a week and stay clean': a coordinated verb shares the
    # subject at the start of its clause, not the object of the verb before it
    if k - 1 > lo and doc[k - 1].lower_ in {"and", "or"}:
        c = k - 2
        while c > lo and doc[c - 1].lower_ not in {",", ";", ":", "\u2014", "\u2013"}:
            c -= 1
        while c < k - 1 and doc[c].lower_ in DETERMINERS:
            c += 1
        t = doc[c]
        if t.lower_ in PERSON_WORDS or t.lower_ in {"who", "whoever"} or (capitalised_mid_sentence(t) and t.is_alpha):
            return "person"
        if t.lower_ in _THINGS or t.lower_ in TECH_WORDS:
            return "thing"
    j = k - 1
    steps = 0
    while j >= lo and steps < 7:
        t = doc[j]
        w = t.lower_
        if w in {",", ";", ":", "(", ")", "\u2014", "\u2013"} and steps > 0:
            break
        if w in PERSON_WORDS or w in {"who", "whoever", "those"}:
            return "person"
        if w in _THINGS or w in TECH_WORDS:
            return "thing"
        if capitalised_mid_sentence(t) and t.is_alpha and w not in {"do", "does", "did"}:
            return "person"
        # 'Marcus has been clean': a capitalised first word right before the verb is a name
        if (j == lo and t.is_alpha and t.text[:1].isupper() and w not in DETERMINERS
                and w not in _NOT_NOUNS and w not in FUNCTION_WORDS):
            # only auxiliaries and adverbs between: "Sheff has now been clean"
            if all(doc[x].lower_ in _AUXILIARIES or doc[x].lower_ in _ADVERBS for x in range(j + 1, k)):
                return "person"
        # 'each having stayed clean': a participle after a distributive is not a noun
        if w in {"having", "being"}:
            j -= 1
            steps += 1
            continue
        # 'the apartment has been clean': an unknown noun after a determiner is a thing
        if t.is_alpha and j - 1 >= lo and doc[j - 1].lower_ in DETERMINERS and w not in _NOT_NOUNS:
            return "thing"
        j -= 1
        steps += 1
    return None


def _tech(doc, i, around=0) -> bool:
    lo, hi = sentence_span(doc, i, around)
    return any(t.lower_ in _TECH_VETO for t in doc[lo:hi])


def _duration_after(doc, i, hi) -> bool:
    """'clean for two years', 'clean 3 years', 'clean since 2019', 'clean ever since'."""
    k = i + 1
    if k >= hi:
        return False
    w = doc[k].lower_
    if doc[k].like_num and k + 1 < hi and doc[k + 1].lower_ in TIME_UNITS:
        return True
    if w in {"x", "\u00d7"} and k + 2 < hi and doc[k + 1].like_num and doc[k + 2].lower_ in TIME_UNITS | {"d", "wk", "wks", "mo", "mos", "yr", "yrs"}:
        return True  # chart shorthand: 'stays clean x 30 days'
    if len(w) > 1 and w[:-1].isdigit() and w[-1] in {"d", "w"}:
        return True  # '30d', '6w'
    if w in {"for", "over", "nearly", "almost", "about"}:
        for j in range(k + 1, min(hi, k + 6)):
            if doc[j].lower_ in TIME_UNITS or doc[j].lower_ in {"long", "good", "ages"}:
                return True
            if doc[j].is_punct:
                break
        return False
    if w == "since":
        nxt = doc[k + 1] if k + 1 < hi else None
        return nxt is not None and (nxt.like_num or nxt.lower_ in {"then", "last", "march", "april",
                                                                      "may", "june", "july", "january",
                                                                      "february", "august", "september",
                                                                      "october", "november", "december",
                                                                      "i", "he", "she", "they", "we",
                                                                      "her", "his", "their", "my", "leaving",
                                                                      "release", "treatment", "detox", "rehab"})
    if w in {"off", "from"}:
        for j in range(k + 1, min(hi, k + 4)):
            if is_substance(doc[j].lower_):
                return True
    return False


def _duration_before(doc, i, lo) -> bool:
    """'90 days clean', 'five years clean', 'a long stretch clean'."""
    k = i - 1
    while k >= lo and doc[k].lower_ in {"'", "\u2019", '"', "\u201d"}:
        k -= 1
    return k >= lo and doc[k].lower_ in TIME_UNITS and doc[k].lower_ != "while"


def _predicative(doc, i, hi) -> bool:
    """clean/dirty ends its phrase: not 'clean water', 'dirty dishes'."""
    k = i + 1
    if k >= hi:
        return True
    t = doc[k]
    if t.lower_ in {"x", "\u00d7"} and k + 1 < hi and doc[k + 1].like_num:
        return True  # chart shorthand: 'clean x 30 days'
    if t.is_punct or t.like_num:
        return t.text != "-"
    return (t.lower_ in FUNCTION_WORDS or t.lower_ in _AFTER_PREDICATE
            or t.lower_ in _PREDICATE_PREPS
            or (t.lower_.endswith("ly") and t.is_alpha and t.lower_ not in {"only", "early", "family", "supply"}))


# a preposition opening an adjunct after a predicate adjective: 'got clean behind bars',
# 'stayed clean throughout probation', 'clean despite the move'
_PREDICATE_PREPS = {"behind", "inside", "outside", "throughout", "through", "despite", "during",
                    "after", "before", "under", "among", "amid", "without", "in", "while"}

# adverbs that may follow a predicate adjective: 'nobody gets clean alone', 'stay clean forever'
_AFTER_PREDICATE = {"sober", "again", "anymore", "yet", "alone", "together", "forever", "anyway",
                    "overnight", "fast", "longer", "today", "tonight", "for", "this", "next", "within",
                    "soon", "sooner", "later", "first", "long-term", "forever"}


def _next_word(doc, i, hi, skip=frozenset({",", "new", "unused", "used", "sterile", "and", "or", "fresh", "free"})):
    k = i + 1
    while k < hi and doc[k].lower_ in skip:
        k += 1
    return (doc[k].lower_, k) if k < hi else ("", hi)


# sense_why's verdict when the text names another sense outright (cleaning, hygiene, an
# idiom, code): the checks reject such a match as certain, so the sense model cannot keep it
OTHER = "other"


def sense(doc, i: int) -> str | None:
    """The sense of the clean/dirty token at index i (see the module's docstring)."""
    s = sense_why(doc, i)[0]
    return None if s == OTHER else s


def sense_why(doc, i: int) -> tuple[str | None, str]:
    """(the sense, what in the text says so)."""
    lo, hi = doc[i].sent.start, doc[i].sent.end
    w = doc[i].lower_
    if w in {"cleaner", "dirtier"}:
        return OTHER, "'cleaner', 'dirtier': comparatives of cleaning"
    prv, nxt = word_at(doc, i - 1, lo, hi), word_at(doc, i + 1, lo, hi)
    nxt2 = word_at(doc, i + 2, lo, hi)
    if w == "dirties":
        return ("equipment", "'dirties': used syringes, in drug talk") if drug_context(doc, i, 1) else (None, "'dirties' without drug talk")
    # 'a clean-and-sober house', 'sober-and-clean living': the status, hyphenated
    if w == "clean" and nxt == "-" and nxt2 == "and" and word_at(doc, i + 3, lo, hi) == "-" and word_at(doc, i + 4, lo, hi) == "sober":
        return "status", "'clean-and-sober' as one compound"
    if w == "clean" and prv == "-" and word_at(doc, i - 2, lo, hi) == "and" and word_at(doc, i - 4, lo, hi) == "sober":
        return "status", "'sober-and-clean' as one compound"
    # hyphenated compounds: clean-catch, clean-up, squeaky-clean, clean-layout
    if nxt == "-" or prv == "-":
        if nxt == "-" and nxt2 in {"needle", "needles", "syringe", "syringes"}:
            return "equipment", "'clean-needle' compound: injection equipment"
        return OTHER, "a hyphenated compound ('clean-catch', 'clean-up', 'squeaky-clean')"
    # injection equipment
    head, hk = _next_word(doc, i, hi)
    # 'clean, unused hypodermic needles', 'clean insulin syringes': a word or two before the needles
    if head not in _EQUIPMENT and any(word_at(doc, x, lo, hi) in _EQUIP_ALWAYS for x in (hk + 1, hk + 2)) \
            and all(doc[x].is_alpha for x in range(hk, min(hi, hk + 2)) if word_at(doc, x, lo, hi) not in _EQUIP_ALWAYS):
        return "equipment", "before injection equipment ('clean hypodermic needles')"
    # 'swap used needles for clean ones': 'ones' stands for the equipment named before it
    if head in {"ones", "one"} and w in {"clean", "dirty"} and any(
            t.lower_ in _EQUIPMENT and (t.lower_ in _EQUIP_ALWAYS or drug_context(doc, i, 1)) for t in doc[lo:i]):
        return "equipment", "'clean ones' standing for the needles or syringes named before"
    if head in _EQUIPMENT:
        if head in _EQUIP_ALWAYS or drug_context(doc, i, 1):
            return "equipment", "before injection equipment ('clean needles', 'dirty works')"
        return None, "before equipment that is not injection gear in this passage ('clean kits', 'clean pipes' with no drug talk)"
    # verb + particle: clean up, clean out, clean off (but 'clean off heroin')
    if nxt in _VERB_PARTICLES:
        if nxt == "off" and any(is_substance(doc[j].lower_) for j in range(i + 2, min(hi, i + 5))):
            return "status", "'clean off' a substance"
        return OTHER, "a verb with a particle ('clean up', 'clean out')"
    # test results
    if nxt in _TEST_NOUNS_STRONG:
        if nxt2 in {"-", "catch", "collection", "cup", "container"}:
            return None, "collection technique ('clean-catch urine', 'a clean urine cup')"
        return "test", "before a toxicology word ('clean UA', 'dirty urine')"
    if nxt == "drug" and nxt2 in {"test", "tests", "screen", "screens", "screening", "result",
                                  "results", "panel"}:
        return "test", "before 'drug test/screen'"
    if nxt in _TEST_NOUNS:
        if nxt2 in {"container", "containers", "cup", "cups", "jar", "collection", "bottle", "tube",
                    "environment", "suite", "run", "runs", "data", "copy", "tube"}:
            return None, "before a container or a software word ('clean test environment', 'clean sample cup')"
        lo1, hi1 = sentence_span(doc, i, 1)
        words = {t.lower_ for t in doc[lo1:hi1]}
        if words & _TEST_CONTEXT and not (words & _TEST_VETO) and not _tech(doc, i):
            return "test", "before a test noun in a passage about drug testing"
        return None, "before a test noun in a passage that is not about drug testing (software, a virus scan, water)"
    if prv in {"tested", "test", "tests", "testing", "screened", "screens", "screen"}:
        if _tech(doc, i) or words_around(doc, i, 1) & _TEST_VETO:
            return None, "after a testing verb in technical text or about water, soil or a scan"
        if w == "dirty" or drug_context(doc, i, 1) or _subject(doc, i - 1, lo) == "person":
            return "test", "after a testing verb ('tested clean')"
        return None, "after a testing verb with no drug talk and no person tested"
    if prv == "back" and word_at(doc, i - 2, lo, hi) in _COME:
        lo1, hi1 = sentence_span(doc, i, 1)
        words = {t.lower_ for t in doc[lo1:hi1]}
        if words & _TEST_VETO:
            return None, "'came back clean' about a scan, a virus test or water"
        if (nxt == "for" and is_substance(nxt2)) or words & (_TEST_NOUNS_STRONG | {"drug", "screen", "screens", "test", "tests", "lab", "result", "results"}):
            return "test", "'came back clean/dirty' from a test"
        return None, "'came back clean' with no test in sight"
    if nxt == "for" and is_substance(nxt2, strict=True):
        # "dirty for fentanyl", "clean for opioids"
        return "test", "'clean/dirty for <substance>': a test result"
    # idioms and cleaning
    if prv in _COME:
        return OTHER, "the idiom 'came clean' (told the truth)"  # "came clean about the budget"
    if prv in {"in", "up"} and word_at(doc, i - 2, lo, hi) in _COME | {"showed", "show", "shows", "turned", "turn", "turns", "walked", "walks"}:
        # "came in dirty", "showed up clean"
        if drug_context(doc, i, 1) and not _tech(doc, i):
            return "status", "'came in dirty', 'showed up clean' in talk about drug use"
        return None, "'came in dirty', 'showed up clean' with no drug talk"
    if prv in _IDIOM_BEFORE:
        return OTHER, "an idiom or cleaning ('make clean', 'wipe clean', 'squeaky clean', 'keep clean')"
    # NA vocabulary: clean time, clean date
    if w == "clean" and nxt in {"time", "date", "dates", "anniversary"}:
        return "time", "'clean time', 'clean date': NA's words"
    if not _predicative(doc, i, hi) and not (
            prv in _GERUNDS and nxt in _VERBS_AFTER_GERUND):
        return None, "followed by a noun: the verb, or an adjective on a thing ('clean the kitchen', 'clean water', 'dirty dishes')"
    if _tech(doc, i):
        return OTHER, "in technical text (code, builds, data)"
    # clean and sober / clean & sober / sober and clean / drug-free and clean / clean and abstinent
    if nxt in {"and", "&"} and (nxt2 in _SOBER or (nxt2 == "drug" and word_at(doc, i + 3, lo, hi) == "-"
                                             and word_at(doc, i + 4, lo, hi) == "free")):
        return "status", "'clean and sober'"
    if prv in {"and", "&"} and (word_at(doc, i - 2, lo, hi) in _SOBER or (
            word_at(doc, i - 2, lo, hi) == "free" and word_at(doc, i - 3, lo, hi) == "-" and word_at(doc, i - 4, lo, hi) == "drug")):
        return "status", "'sober and clean'"
    # the slogans 'Get clean.' / 'Stay clean, stay alive': an imperative at the start of a sentence
    if w == "clean" and prv in {"get", "stay"} and i - 1 == _sentence_start(doc, i, lo) and not (
            (nxt == "and" and nxt2 in _HYGIENE) or words_around(doc, i, 0) & _HYGIENE_CONTEXT):
        return "status", "the slogan 'Get clean.' / 'Stay clean'"
    before = _duration_before(doc, i, lo)
    strong = before or _duration_after(doc, i, hi)
    # the verb the adjective hangs on, skipping adverbs and quote marks
    k = i - 1
    while k >= lo and doc[k].lower_ in _ADVERBS:
        k -= 1
    verb = doc[k].lower_ if k >= lo else ""
    if verb in _GERUNDS and (k == lo or doc[k - 1].lower_ in _PREPOSITIONS):
        subj = None  # 'Getting clean was hard', 'focus on staying clean'
    elif verb in _STATUS_VERBS:
        subj = _subject(doc, k, lo)
    else:
        subj = None
        if not strong:
            return None, "not after a verb a person's status hangs on ('is', 'stay', 'get'), and no stretch of time"
    if subj == "thing":
        return None, "said of a thing ('the room stayed clean', 'the apartment has been clean')"
    if w == "dirty":
        # a person 'is dirty' only in talk about drug use, and only with a person subject
        if subj == "person" and drug_context(doc, i, 1):
            return "status", "a person who 'is dirty' in talk about drug use"
        return None, "'dirty' without a person in drug talk"
    if strong:
        # '90 days clean', 'two years clean' is recovery talk on its own, and so is
        # staying / getting clean for a stretch of time when the subject is not a thing
        if before or subj == "person" or drug_context(doc, i, 1):
            return "status", "a stretch of time ('90 days clean', 'clean for two years')"
        before_words = {t.lower_ for t in doc[lo:i]}
        if w == "clean" and verb in _STRONG_VERBS and subj is None and not (
                words_around(doc, i, 0) & _HYGIENE_CONTEXT) and (
                before_words & PERSON_WORDS or not before_words & (_THINGS | TECH_WORDS)):
            return "status", "staying or getting clean for a stretch of time"
        return None, "a stretch of time, but said of something else"
    if w == "clean" and nxt in {"and", "&"} and nxt2 in _HYGIENE:
        return OTHER, "hygiene ('kids stay clean and dry'), even beside drug talk"
    if drug_context(doc, i, 1):
        return "status", "in a passage about drug or alcohol use"
    # 'we don't require people to be clean', 'prove they are clean': eligibility talk
    if subj == "person" and doc[i].lower_ == "clean" and words_around(doc, i, 0) & _ELIGIBILITY:
        return "status", "eligibility talk about a person ('required to be clean')"
    # 'Do I have to be clean to get help?', 'you need to be clean before you can enroll':
    # being clean as a condition of a service
    if subj == "person" and w == "clean" and verb == "be" and _must_before(doc, k, lo) \
            and words_around(doc, i, 0) & _SERVICES and not words_around(doc, i, 0) & _HYGIENE_CONTEXT:
        return "status", "being clean as a condition for help or a service ('do I have to be clean to get help?')"
    # 'Participants who were clean at 90 days', 'she is clean now': a person said to be
    # clean, with nothing after it that makes it hygiene ('clean and dressed')
    if (verb in _COPULAS and subj == "person" and doc[i].lower_ == "clean"
            and (nxt in {"", ".", ";", "!", "?", ":", '"', "\u201d", ")"} or nxt in _COPULA_FOLLOW)
            and not (words_around(doc, i, 0) & _HYGIENE_CONTEXT)):
        return "status", "a person said to be clean ('she is clean now')"
    # 'Clients must stay clean to keep their voucher': a person staying or getting clean,
    # unless it is hygiene ('kids stay clean and dry')
    # 'Getting clean was the hardest part', 'stay clean' as a slogan: no subject at all
    if verb in _GERUNDS and subj is None and doc[i].lower_ == "clean":
        if (nxt == "and" and nxt2 in _HYGIENE) or words_around(doc, i, 0) & _HYGIENE_CONTEXT:
            return OTHER, "hygiene ('kids stay clean and dry', a bath, a shower)"
        return "status", "'getting clean', 'staying clean' with no subject"
    if verb in _STRONG_VERBS and subj == "person" and doc[i].lower_ == "clean":
        if nxt == "and" and nxt2 in _HYGIENE:
            return OTHER, "hygiene ('stay clean and dry')"
        if words_around(doc, i, 0) & _HYGIENE_CONTEXT:
            return OTHER, "hygiene (washing, a wound, a bath)"
        return "status", "a person staying or getting clean"
    return None, "nothing says it is about a person's use of drugs"


_SERVICES = {"help", "treatment", "services", "service", "program", "programs", "meeting", "meetings",
             "housing", "shelter", "bed", "beds", "appointment", "enroll", "enrol", "join", "admitted",
             "admission", "apply", "accepted", "counseling", "care", "clinic", "methadone", "buprenorphine",
             "suboxone", "medication", "detox", "rehab", "group", "groups"}
_MUST = {"must", "have", "has", "had", "need", "needs", "needed", "got", "gotta", "should", "required"}


def _must_before(doc, k: int, lo: int) -> bool:
    """'have to be', 'need to be', 'must be': a requirement right before the verb at k."""
    j = k - 1
    if j >= lo and doc[j].lower_ == "to":
        j -= 1
    return j >= lo and doc[j].lower_ in _MUST


# verbs whose subject is the subject of the infinitive after them ('the floors need to stay
# clean', 'she tried to get clean', 'residents are expected to stay clean')
_TO_VERBS = {"want", "wants", "wanted", "try", "tries", "tried", "trying", "hope", "hopes", "hoped",
             "expected", "supposed", "going", "used", "able", "likely", "decided", "decide", "plan",
             "plans", "planned", "seem", "seems", "seemed", "managed", "manage", "continue", "continues",
             "continued", "struggle", "struggles", "struggled", "fight", "fights", "fought", "learn",
             "learned", "learning", "choose", "chose", "refuse", "refused", "promise", "promised", "agree",
             "agreed", "ready", "determined", "asked", "told", "ordered", "encouraged", "helped", "help"}
_ELIGIBILITY = {"require", "requires", "required", "requiring", "requirement", "requirements",
                "prove", "proves", "proving", "proof", "eligible", "eligibility", "qualify",
                "qualifies", "condition", "precondition", "prerequisite"}
_VERBS_AFTER_GERUND = {"takes", "took", "requires", "required", "means", "meant", "became",
                       "becomes", "helps", "helped", "starts", "started", "began", "feels", "felt",
                       "seems", "seemed", "changed", "saved", "gets", "got", "costs", "cost",
                       "matters", "mattered", "involves", "involved", "depends", "needs"}
_PREPOSITIONS = {"on", "about", "of", "for", "after", "before", "to", "with", "at", "in", "into",
                 "toward", "towards", "by", "from", "without", "while", "like", "is", "was",
                 "means", "meant", "and", "or", "but"}
_COPULAS = {"is", "are", "was", "were", "be", "been", "being", "'s", "\u2019s", "'re",
            "\u2019re", "am", "'m", "\u2019m"}
_COPULA_FOLLOW = {"for", "since", "at", "by", "from", "off", "now", "today", "yet", "again",
                  "anymore", "then", "throughout", "during", "until", "when", "while"}
_GERUNDS = {"getting", "staying", "remaining"}
_STRONG_VERBS = {"stay", "stays", "stayed", "staying", "remain", "remains", "remained",
                 "remaining", "get", "gets", "got", "gotten", "getting"}
_HYGIENE_CONTEXT = {"bath", "baths", "shower", "showers", "soap", "wash", "washing", "scrub",
                    "laundry", "hygiene", "mud", "muddy", "dirt", "sand", "paint", "spill",
                    "surgery", "procedure", "procedures", "operation", "diaper", "diapers",
                    "dressed", "groomed", "shaved", "lice", "infection", "wound", "hands"}
_HYGIENE = {"dry", "warm", "fed", "safe", "healthy", "tidy", "neat", "comfortable", "presentable",
            "groomed", "fresh", "shaved", "dressed", "cool", "hydrated"}


_SOBER = {"sober", "abstinent", "drug-free"}


def _sentence_start(doc, i, lo) -> int:
    """First word of the sentence, skipping opening quotes, bullets and brackets."""
    k = lo
    while k < i and (doc[k].is_punct or doc[k].text in {"*", "-", "\u2022"}):
        k += 1
    return k


def _cd_index(c) -> int | None:
    for k in range(c.start, c.end):
        if c.doc[k].lower_ in _CD:
            return k
    return None


_SENSES = {"status": "a person's substance use", "test": "a drug-test result", "equipment": "injection equipment",
           "time": "NA's clean time", None: "not about drugs"}


_SENSE_MEMO = "hr_lint.clean_dirty"  # doc.user_data key: token index -> sense_why's verdict


def _sense_at(doc, k: int) -> tuple[str | None, str]:
    """`sense_why(doc, k)`, worked out once per token: three rules (clean-substance-status,
    clean-dirty-syringes, dirty-test...) ask about the same 'clean' or 'dirty'."""
    memo = doc.user_data.get(_SENSE_MEMO)
    if memo is None:
        memo = doc.user_data[_SENSE_MEMO] = {}
    found = memo.get(k)
    if found is None:
        found = memo[k] = sense_why(doc, k)
    return found


def _sense_of_match(c, wanted: str) -> int | None:
    """The index of the match's clean/dirty token when its sense is `wanted` (with the
    reason in `c.reason` either way), else None."""
    k = _cd_index(c)
    if k is None:
        c.reason = "no 'clean' or 'dirty' of its own ('cleans', 'dirtied' are other words)"
        return None
    if quoted_title(c.doc, k):
        c.reason = "in a quoted title of a work"  # the book “Clean: Overcoming Addiction ...”
        return None
    s, why = _sense_at(c.doc, k)
    if s == wanted:
        c.reason = f"{_SENSES[s]}: {why}"
        return k
    if s == OTHER:
        c.certain = True  # another sense named outright: no rescue by the sense model
        s = None
    c.reason = (f"{_SENSES[s]}, not {_SENSES[wanted]}" if s else f"not {_SENSES[wanted]}") + f": {why}"
    return None


@check("clean-status", rules=["clean-substance-status"])
def person_status(c: Candidate) -> bool:
    """'clean' for a person's abstinence ('has been clean for two years', 'stay clean', '90
    days clean', 'clean and sober'), not cleaning, data, code or idioms ('clean the
    kitchen', 'clean water', 'came clean', 'clean code', 'a clean slate'), not a test
    result or equipment. 'clean and sober' / 'sober and clean' is underlined whole."""
    k = _sense_of_match(c, "status")
    if k is None:
        return False
    doc = c.doc
    if doc[k].lower_ != "clean":
        return c.reject("'dirty' for a person's use is reported by dirty-test")
    # underline the whole phrase for 'clean and sober' / 'sober and clean'
    hi = doc[k].sent.end
    if k + 2 < hi and doc[k + 1].lower_ in {"and", "&"} and doc[k + 2].lower_ == "sober" and c.end == k + 1:
        c.end = k + 3
        nxt = doc[k + 3] if k + 3 < hi else None
        if nxt is not None and nxt.is_alpha and nxt.lower_ not in FUNCTION_WORDS and nxt.lower_ not in _AFTER_PREDICATE:
            c.suggest(["substance-free", "recovery"])  # 'a clean and sober environment'
    elif (k + 4 < hi and doc[k + 1].text == "-" and doc[k + 2].lower_ == "and" and doc[k + 3].text == "-"
          and doc[k + 4].lower_ == "sober" and c.end == k + 1):
        c.end = k + 5  # the compound modifies a noun: 'a clean-and-sober house'
        c.suggest(["substance-free", "recovery"])
    elif k - 2 >= doc[k].sent.start and doc[k - 1].lower_ in {"and", "&"} and doc[k - 2].lower_ == "sober" and c.start == k:
        c.start = k - 2
    return True


@check("clean-equipment", rules=["clean-dirty-syringes", "dirty-syringes"])
def equipment(c: Candidate) -> bool:
    """'clean'/'dirty' needles, syringes, works and rigs as injection equipment ('we hand
    out clean needles'), not 'dirty' as a judgement of anything else. The suggestion keeps
    the writer's noun: 'clean needles' -> 'sterile needles', 'dirty syringe' -> 'used
    syringe'."""
    k = _sense_of_match(c, "equipment")
    if k is None:
        return False
    doc = c.doc
    last = doc[c.end - 1].lower_
    if c.form in (None, "singular") and last.endswith("s"):
        c.form = "plural"
    clean = doc[k].lower_ == "clean"
    if last in {"needle", "needles", "syringe", "syringes"} and k + 1 < c.end:
        noun = doc[k + 1:c.end].text
        c.suggest([f"sterile {noun}", f"new {noun}"] if clean
                  else [f"used {noun}", f"previously used {noun}"])
    elif last == "dirties":
        c.suggest(["used syringes", "used injection equipment"])
    elif c.end - c.start == 1:
        # the adjective alone ('clean ones', 'clean, unused needles'): an adjective replaces it
        coordinated = c.end < len(doc) and doc[c.end].lower_ in {"and", ",", "&"}
        c.suggest((["new", "unused"] if coordinated else ["sterile", "new", "unused"]) if clean
                  else ["used", "previously used"])
    else:
        c.suggest(["sterile injection equipment", "new injection equipment"] if clean
                  else ["used injection equipment", "used syringes"])
    return True


@check("clean-time", rules=["clean-time"])
def clean_time(c: Candidate) -> bool:
    """NA's 'clean time', 'clean date', 'clean anniversary' in recovery talk, not in
    technical text ('the build's clean time'). The underline is 'clean' alone, so
    'recovery' replaces it one for one."""
    k = _sense_of_match(c, "time")
    if k is None:
        return False
    if _tech(c.doc, k):
        return c.reject("in technical text (code, builds, data)")
    c.start, c.end = k, k + 1
    return True
