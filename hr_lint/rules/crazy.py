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

from .bh_words import BOUNDARY, PERSON, THING, next_tokens, prev_tokens

CORE = {"crazy", "crazed", "insane", "nuts", "deranged", "unhinged", "mad"}

# "crazy busy", "insane good": an intensifier before an adjective or adverb.
INTENSIFIED = {
    "busy", "good", "fast", "expensive", "hard", "long", "cold", "hot", "high", "low", "cheap", "big",
    "small", "loud", "quiet", "early", "late", "easy", "difficult", "popular", "lucky", "talented",
    "smart", "beautiful", "delicious", "cute", "funny", "hectic", "full", "short", "slow", "well",
    "much", "many", "quick", "crowded", "packed", "strong", "rich", "tall", "close", "far", "fun",
    "cool", "successful", "productive", "generous", "detailed", "helpful", "efficient",
}

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
PRONOUNS = {"he", "she", "they", "him", "her", "them", "who", "whom", "you", "someone", "somebody",
            "anyone", "anybody", "everyone", "everybody", "nobody", "one", "ones", "we", "i", "it"}
# Adjectives that may stand between "crazy" and a person noun: "a crazy drunk guy".
ADJECTIVES = {"drunk", "young", "little", "big", "angry", "naked", "violent", "homeless", "old",
              "ex", "new", "white", "black", "local", "street", "cat", "bag", "rich", "bearded"}

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

# Words after "crazy" that show it is not attributive ("acting crazy and ...", "insane are").
NOT_ATTRIBUTIVE = BOUNDARY | {
    "or", "to", "lately", "again", "now", "enough", "too", "in", "at", "on", "when", "after",
    "because", "if", "since", "by", "from", "of", "who", "as", "anymore", "sometimes", "today",
    "tonight", "yesterday", "last", "this", "every", "all", "for", "about", "over", "without",
    "before", "until", "around", "here", "there", "right", "either", "though", "yet", "ever",
}

CLAUSE_STOP = {",", ";", ":", "(", ")", "because", "but", "if", "when", "while", "although", "though"}


# A name after one of these is the object of a prepositional phrase, not the subject:
# "the views from Corbin Knob were insane", "the man from Elm Street seemed crazy".
PLACE_PREPOSITIONS = {"from", "at", "on", "in", "near", "of", "over", "across", "along", "above",
                      "below", "behind", "beyond", "outside", "inside", "atop", "off", "around"}


def subject_kind(c, limit: int = 10) -> str | None:
    """'person' or 'thing' for the nearest subject word before the match, else None."""
    toks = prev_tokens(c, limit)
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
    toks = prev_tokens(c, 8)
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


def core_index(c) -> int | None:
    for tok in c.tokens:
        if tok.lower_ in CORE:
            return tok.i
    return None


def sense(c) -> str | None:
    """'person', 'figurative' or None (not this sense) for a match of the crazy rules."""
    i = core_index(c)
    if i is None:
        return "person"  # "lost his mind", "off his rocker": about a person by construction
    word = c.doc[i].lower_
    after = [t.lower_ for t in next_tokens(c, 3)]
    before = [t.lower_ for t in prev_tokens(c, 3)]
    nxt = after[0] if after else None
    prv = before[0] if before else None

    if word == "crazy" and nxt in CRAFT_NOUNS:
        return None  # "a crazy quilt", "crazy paving", "crazy glue", "Crazy Eights": names of things
    if word == "nuts":
        if nxt == "and" and len(after) > 1 and after[1] in ("bolts", "seeds", "dried", "raisins"):
            return None
        # only predicative "nuts" is about a mind: "is nuts", "went nuts", "seemed nuts lately"
        linked = False
        for tok in prev_tokens(c, 4):
            low = tok.lower_
            if low in LINKING:
                linked = True
                break
            if low not in SKIP:
                break
        if not linked:
            return None
        if nxt in ("about", "for", "over"):
            return "figurative"  # "nuts about gardening"
    if word == "insane" and prv in ("legally",):
        return None
    if word == "mad" and not c.end - c.start > 1:
        return None  # "mad" alone means angry; only "gone mad", "driven mad" are listed

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
        return None  # "insane traffic", "a crazy week": said of a thing, not of anyone's mind
    kind = subject_kind(c)
    if kind in ("thing", "self"):
        return "figurative"  # "our phones have been insane", "you're driving me crazy"
    return "person"


def check(c) -> bool:
    s = sense(c)
    if s is None:
        return False
    if s == "figurative":
        c.severity = "info"
    set_form(c)
    return True


def set_form(c) -> None:
    """Idioms built on a verb get verb-phrase replacements (see the rule's alternatives)."""
    first = c.tokens[0].lower_
    if first in ("lost", "went"):
        c.form = "ed"
    elif first in ("gone", "driven"):
        c.form = "base"
