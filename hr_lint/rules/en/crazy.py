"""crazy / insane / nuts / deranged: said about a person, or a figure of speech?

- About a person, their mind or behavior ("a caller who sounds insane", "teens aren't
  crazy", "a crazy homeless man", "has seemed nuts lately"): reported at the rule's
  severity, negated or not.
- A figure of speech about things and times ("crazy busy", "insane traffic", "our phones
  have been insane", "works like crazy", "crazy about dogs"): lowered to info.
- Not this sense at all ("tree nuts", "nuts and bolts", "legally insane"), or an
  adjective on a thing ("insane traffic", "the crazy customizations"): dropped.
"""
from __future__ import annotations

from ..api import Candidate, capitalised_name, check, sentence_span
from .lexicon import BOUNDARY, INTENSIFIED, LINKING, PERSON, PERSON_PRONOUNS, SKIP, subject_kind

CORE = {"crazy", "crazed", "insane", "nuts", "deranged", "unhinged", "mad"}


# Nouns that make "crazy X" about a person's behavior or mind.
BEHAVIOR = {
    "behavior", "behaviour", "behaviors", "talk", "talking", "rant", "rants", "ranting", "eyes",
    "look", "stare", "thoughts", "mind", "state", "episode", "outburst", "actions", "act",
    "person", "people", "man", "woman", "men", "women", "lady", "guy", "homeless", "old",
}

# Things whose name starts with "crazy": not a figure of speech at all.
CRAFT_NOUNS = {"quilt", "quilts", "quilting", "paving", "glue", "eights", "straw", "straws",
               "golf", "taxi", "frog"}

# Pronouns: after the noun they begin a clause of their own.
PRONOUNS = PERSON_PRONOUNS | {"i", "we", "it", "one", "ones"}
# Adjectives that may stand between "crazy" and a person noun: "a crazy drunk guy".
ADJECTIVES = {"drunk", "young", "little", "big", "angry", "naked", "violent", "homeless", "old",
              "ex", "new", "white", "black", "local", "street", "cat", "bag", "rich", "bearded"}



# Words after "crazy" that show it is not attributive ("acting crazy and ...", "insane are").
NOT_ATTRIBUTIVE = BOUNDARY | {
    "or", "to", "lately", "again", "now", "enough", "too", "in", "at", "on", "when", "after",
    "because", "if", "since", "by", "from", "of", "who", "as", "anymore", "sometimes", "today",
    "tonight", "yesterday", "last", "this", "every", "all", "for", "about", "over", "without",
    "before", "until", "around", "here", "there", "right", "either", "though", "yet", "ever",
    "nor", "neither",  # 'neither deranged nor dangerous': a predicate coordinated with another
}











def core_index(c) -> int | None:
    for tok in c.tokens:
        if tok.lower_ in CORE:
            return tok.i
    return None


def _no(c, why: str) -> None:
    c.reason = why
    return None


def sense(c) -> str | None:
    """'person', 'figurative' or None (not this sense) for a match of the crazy rules."""
    i = core_index(c)
    if i is None:
        return "person"  # "lost his mind", "off his rocker": about a person by construction
    word = c.doc[i].lower_
    after = [t.lower_ for t in c.after(3)]
    before = [t.lower_ for t in c.before(3)]
    nxt = after[0] if after else None
    prv = before[0] if before else None

    if word == "crazy" and nxt in CRAFT_NOUNS:
        return _no(c, "the name of a thing ('a crazy quilt', 'crazy paving', 'Crazy Eights')")
    if word == "nuts":
        if nxt == "and" and len(after) > 1 and after[1] in ("bolts", "seeds", "dried", "raisins"):
            return _no(c, "'nuts and bolts', 'nuts and seeds': food or hardware")
        # only predicative "nuts" is about a mind: "is nuts", "went nuts", "seemed nuts lately"
        linked = False
        for tok in c.before(4):
            low = tok.lower_
            if low in LINKING:
                linked = True
                break
            if low not in SKIP:
                break
        if not linked:
            return _no(c, "'nuts' not after a linking verb ('is nuts', 'went nuts'): tree nuts")
        if nxt in ("about", "for", "over"):
            return "figurative"  # "nuts about gardening"
    if word == "insane" and prv in ("legally",):
        return _no(c, "'legally insane': the legal term")
    if word == "mad" and not c.end - c.start > 1:
        return _no(c, "'mad' alone means angry")  # "mad" alone means angry; only "gone mad", "driven mad" are listed

    if prv == "like" and word in ("crazy", "mad"):
        return "figurative"  # "works like crazy"
    if nxt in ("about", "for") and word in ("crazy", "nuts", "mad"):
        return "figurative"  # "crazy about her grandkids"
    if nxt in INTENSIFIED:
        return "figurative"  # "crazy busy"
    if i == c.end - 1 and nxt is not None and c.doc[c.end].is_alpha and nxt not in NOT_ATTRIBUTIVE:
        # attributive: "a crazy X": about a person if X names one, or the noun after an
        # adjective does ("a crazy old man"); a pronoun further on starts a new clause
        # ("the crazy customizations you've made"), it is not what "crazy" describes
        head = [w for w in after[:2] if w not in PRONOUNS]
        if head[:1] and (head[0] in PERSON or head[0] in BEHAVIOR):
            return "person"
        if len(after) > 1 and after[0] in BEHAVIOR | ADJECTIVES and after[1] not in PRONOUNS \
                and (after[1] in PERSON or after[1] in BEHAVIOR):
            return "person"
        return _no(c, "an adjective on a thing ('insane traffic', 'a crazy week')")  # "insane traffic", "a crazy week": said of a thing, not of anyone's mind
    kind = subject_kind(c)
    if kind in ("thing", "self"):
        return "figurative"  # "our phones have been insane", "you're driving me crazy"
    return "person"


@check("crazy-about-person", rules=["crazy-insane-person"])
def about_person(c: Candidate) -> bool:
    """'crazy', 'insane', 'nuts', 'deranged', 'lost his mind' said about a person, their mind or
    behavior ('a caller who sounds insane', 'a crazy homeless man', 'has seemed nuts lately'):
    reported at the rule's severity. A figure of speech about things and times ('crazy busy',
    'insane traffic' as a predicate, 'our phones have been insane', 'works like crazy', 'crazy
    about dogs'): lowered to info. Not this sense at all ('tree nuts', 'nuts and bolts',
    'legally insane', 'a crazy quilt') or an adjective on a thing ('insane traffic', 'the crazy
    customizations'): dropped."""
    s = sense(c)
    if s is None:
        return c.reject(c.reason or "not said about a person or their mind")
    if s == "figurative":
        c.severity = "info"
        c.reason = "a figure of speech about things or times ('crazy busy', 'works like crazy')"
    else:
        c.reason = "said about a person, their mind or behavior"
    set_form(c)
    return True


def set_form(c) -> None:
    """Idioms built on a verb get verb-phrase replacements (see the rule's alternatives)."""
    first = c.tokens[0].lower_
    if first in ("lost", "went"):
        c.form = "ed"
    elif first in ("gone", "driven"):
        c.form = "base"


# 'insanity': the legal test, figures of speech, and the words that make it mental illness
_LEGAL = {"reason", "defense", "defence", "plea", "pleas", "plead", "pleads", "pleaded", "pleading", "pled",
          "temporary", "criminal", "verdict", "acquitted", "acquittal", "court", "courts", "jury", "judge",
          "legal", "legally", "guilty", "m'naghten", "mcnaghten", "statute", "trial", "defendant", "law",
          "test", "penal", "code", "attorney", "lawyer", "prosecutor", "prosecution", "competent", "competency"}
_FIGURE_BEFORE = {"sheer", "pure", "total", "absolute", "utter", "complete", "collective", "corporate",
                  "bureaucratic", "political", "financial", "holiday", "traffic", "market"}
_MIND_WORDS = {"mind", "minds", "mental", "mentally", "madness", "mad", "insane", "lunatic", "lunatics",
               "lunacy", "asylum", "asylums", "madhouse", "madhouses", "patient", "patients", "illness",
               "illnesses", "disease", "diseases", "disorder", "disorders", "psychiatric", "psychiatry",
               "psychosis", "sanity", "sane", "hospital", "hospitals", "doctors", "physicians", "cure",
               "cured", "treatment", "melancholia", "mania", "idiocy", "hereditary", "relatives", "afflicted"}


@check("insanity-condition", rules=["insanity"])
def insanity(c: Candidate) -> bool:
    """'insanity' as the name of mental illness, with words about minds, patients, illness or
    asylums in its sentence or the ones beside it ('insanity occurs in the minds of...', 'doctors
    blamed insanity on grief'); not the legal test ('not guilty by reason of insanity', 'an
    insanity plea', 'temporary insanity'), a figure of speech ('the definition of insanity',
    'pure insanity') or a name ('Insanity', the workout)."""
    doc = c.doc
    if capitalised_name(doc, c.start, c.end):
        return c.reject("part of a capitalised name or title")
    lo, hi = sentence_span(doc, c.start)
    words = {t.lower_ for t in doc[lo:hi]}
    if words & _LEGAL:
        return c.reject("the legal test ('by reason of insanity', 'an insanity plea', 'temporary insanity')")
    prev = doc[c.start - 1].lower_ if c.start - 1 >= lo else ""
    if prev in _FIGURE_BEFORE or (prev == "of" and c.start - 2 >= lo and doc[c.start - 2].lower_ == "definition"):
        return c.reject("a figure of speech ('the definition of insanity', 'pure insanity')")
    lo1, hi1 = sentence_span(doc, c.start, 1)
    if not {t.lower_ for t in doc[lo1:hi1]} & _MIND_WORDS:
        return c.reject("nothing about minds, patients or illness around it")
    return c.keep("the name of mental illness, among words about minds, patients or illness")
