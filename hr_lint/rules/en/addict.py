"""'addict' and 'junkie' as labels for people who use drugs, versus hobby talk; 'drug-addicted'
babies and people.
"""
from __future__ import annotations

from ..api import Candidate, capitalised_name, check
from .lexicon import (
    FUNCTION_WORDS, PASTIMES, PERSON_NOUNS, TIME_UNITS, plural_person, describe_substances, is_substance, person_alternatives,
    quoted_title, substance_words,
)

# the nouns for people that 'drug-addicted' may stand before ('loved ones' is taken whole),
# and the adjectives that may come between
_PERSON_NOUNS = (PERSON_NOUNS - {"one", "ones"}) | {"population", "populations", "families"}
_BABIES = {"baby", "babies", "newborn", "newborns", "infant", "infants", "neonate", "neonates",
           "child", "children", "kid", "kids", "fetus", "fetuses"}
_ADJ_SKIP = {"pregnant", "new", "young", "older", "single", "teen", "teenage", "expectant",
             "low-income", "homeless", "parenting", "unhoused", "adult"}


# "Three addicts", "Many junkies": a capitalised count is not a brand or a hobby
_QUANTIFIERS = {"many", "most", "some", "several", "few", "all", "both", "these", "those", "other",
                "more", "dozens", "hundreds", "thousands", "two", "three", "four", "five", "six",
                "seven", "eight", "nine", "ten", "twenty", "local", "young", "older", "former"}


def _is_figurative(doc, k: int) -> bool:
    lo, hi = doc[k].sent.start, doc[k].sent.end
    j = k - 1
    if j >= lo and doc[j].text == "-":
        j -= 1
    if j < lo:
        return False
    prev = doc[j]
    w = prev.lower_
    if is_substance(w):
        return False
    if w in PASTIMES:
        return True
    # 'a Netflix addict', 'a Wordle junkie': a capitalised word that is not a substance
    if (prev.text[:1].isupper() and not prev.text.isupper() and prev.is_alpha
            and w not in FUNCTION_WORDS and w not in {"a", "an", "the", "my", "his", "her", "our"}
            and w not in _QUANTIFIERS and not prev.like_num
            and not doc[k].text.isupper() and j > lo and not doc[j - 1].is_punct):
        return True
    # 'a junkie for true crime', 'an addict of detective novels'
    if k + 2 < hi and doc[k + 1].lower_ in {"for", "of"}:
        nxt = doc[k + 2].lower_
        if nxt in {"a", "an", "the", "good", "all"} and k + 3 < hi:
            nxt = doc[k + 3].lower_
        # 'a junkie for ten years', 'an addict for most of his life': a span of time
        if doc[k + 1].lower_ == "for" and (doc[k + 2].like_num or nxt in TIME_UNITS or nxt in {
                "years", "decades", "most", "half", "much", "nearly", "almost", "over", "more",
                "several", "many", "life", "ages", "long", "awhile"} or doc[k + 2].lower_ in {"a", "an"} and nxt in TIME_UNITS):
            return False
        if not is_substance(nxt) and nxt not in {"drugs", "opioids", "heroin", "alcohol", "pills"}:
            return True
    return False


def _widen_substance(c, k: int) -> None:
    """Take substance modifiers before token k into the underline ('IV drug addicts')."""
    doc = c.doc
    lo = doc[k].sent.start
    j = k - 1
    start = None
    while j >= lo:
        w = doc[j].lower_
        if w == "-":
            j -= 1
            continue
        if is_substance(w) and w not in {"chemical", "medication", "medications"}:
            start = j
            j -= 1
            continue
        break
    if start is not None:
        c.start = min(c.start, start)


def _label(c) -> bool:
    doc = c.doc
    k = c.end - 1
    hi = doc[k].sent.end
    word = doc[k].lower_
    if word == "addicted":  # 'the addicted'
        nxt = doc[k + 1] if k + 1 < hi else None
        if nxt is not None and not (nxt.is_punct or nxt.lower_ in FUNCTION_WORDS) or (
                nxt is not None and nxt.lower_ in {"to", "-"}):
            return c.reject("'the addicted' before a noun or 'to' ('the addicted brain', 'addicted to'): not a noun for people")
        return c.keep("'the addicted' where a noun phrase ends: a noun for people")
    if _is_figurative(doc, k):
        return c.reject("a pastime or interest before the word ('news junkie', 'adrenaline addict'), or 'for' something other than a drug")
    if k + 1 < hi and doc[k + 1].text == "-" and not doc[k].whitespace_:
        # a hyphen with a space before it is a dash: 'the addict - a neighbor - came back'
        return c.reject("part of a compound ('addict-proof')")  # 'addict-proof', 'junkie-warning' style compounds
    first = c.start
    _widen_substance(c, c.start)
    if c.start < first:
        words = substance_words(doc, c.start, first)
        c.suggest(person_alternatives(words, c.form == "plural"))
    return c.keep("a label for a person who uses drugs")


_NEWBORNS = {"baby", "babies", "newborn", "newborns", "infant", "infants", "neonate", "neonates"}
# words that may stand between a newborn and 'addicted' said of it ('the newborn was
# addicted', 'infants who are addicted', 'babies often addicted')
_BABY_PREDICATE_SKIP = {"was", "were", "is", "are", "be", "been", "being", "who", "that", "already",
                        "often", "sometimes", "also", "still", "seemingly", "allegedly", "reportedly"}


def _addicted_baby(c) -> bool:
    doc = c.doc
    k = c.start
    lo = doc[k].sent.start
    if c.end - c.start == 1:
        # bare 'addicted' said of a newborn: 'the newborn was addicted to opioids', 'babies
        # addicted to methadone'; 'born addicted' is born-addicted's
        j = k - 1
        while j >= lo and doc[j].lower_ in _BABY_PREDICATE_SKIP and k - j <= 3:
            j -= 1
        if j >= lo and doc[j].lower_ in _NEWBORNS:
            c.suggest(["exposed", "physically dependent"])
            return c.keep("'addicted' said of a newborn ('the newborn was addicted to opioids')")
        return c.reject("'addicted' is not said of a newborn")
    if k - 2 >= lo and doc[k - 1].text == "-" and is_substance(doc[k - 2].lower_):
        c.start = k - 2
    return c.keep("always the label; a substance compound before it joins the underline")


def an_(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _addicted_person(c) -> bool:
    doc = c.doc
    hi = doc[c.start].sent.end
    lo = doc[c.start].sent.start
    if c.end - c.start == 1 and doc[c.start].lower_ == "addicted":
        # bare 'addicted mothers', 'addicted patients'; not 'internet-addicted teens' or
        # 'phone addicted kids', and not after a verb ('became addicted', 'is addicted')
        prev = doc[c.start - 1] if c.start - 1 >= lo else None
        if prev is not None and (prev.text == "-" or prev.lower_ in PASTIMES or prev.lower_ in FUNCTION_WORDS
                                 or prev.lower_ in {"become", "became", "becomes", "becoming", "get", "got",
                                                    "gets", "getting", "so", "very", "highly", "deeply",
                                                    "hopelessly", "totally"}):
            return c.reject("after a verb, an adverb or another compound ('became addicted', 'so addicted', 'internet-addicted'): not a label before a person")
    j = c.end
    if j < hi and doc[j].lower_ in _ADJ_SKIP and j + 1 < hi and doc[j + 1].lower_ in _PERSON_NOUNS | _BABIES:
        j += 1
    if j >= hi:
        return c.reject("no noun for a person after it")
    noun = doc[j].lower_
    if noun in _BABIES or noun not in _PERSON_NOUNS or noun in _ADJ_SKIP:
        return c.reject("the noun after it is not a person (or is a baby, which addicted-baby reports)")
    c.end = j + 1
    if noun == "loved" and j + 1 < hi and doc[j + 1].lower_ in {"one", "ones"}:
        c.end = j + 2
        noun = doc[j + 1].lower_
    plural = plural_person(noun)
    c.form = "plural" if plural else "singular"
    # 'drug-addicted mothers' -> 'mothers with substance use disorders'
    mods = [t.lower_ for t in doc[c.start:c.end] if t.is_alpha and t.lower_ not in {
        "addicted", "dependent", "chemically"}]
    people = doc[c.end - 1].text if doc[c.end - 1 - 1].lower_ not in _ADJ_SKIP else doc[c.end - 2:c.end].text
    subst = [w for w in mods if is_substance(w)]
    _, dis, _ = describe_substances(subst or ["drug"])
    if plural:
        disorder = f"{dis} use disorder" + ("s" if dis == "substance" else "")
        c.suggest([f"{people} with {disorder}", f"{people} who use drugs" if dis != "alcohol" else f"{people} who drink heavily"])
    else:
        c.suggest([f"{people} with {an_(dis)} {dis} use disorder"])
    if any(doc[t].lower_ in {"dependent", "dependence"} for t in range(c.start, c.end)):
        c.severity = "info" if c.severity == "warning" else c.severity
    return c.keep("a substance compound before a noun for a person")


def _part_of_name(c) -> bool:
    """Part of a capitalised name or a quoted title, judged before the underline grows."""
    return capitalised_name(c.doc, c.end - 1, c.end) or quoted_title(c.doc, c.end - 1)


@check("addict-label", rules=["addict-noun", "junkie"])
def label(c: Candidate) -> bool:
    """'addict' and 'junkie' as labels for people who use drugs, not hobby talk: dropped
    when a pastime stands right before the word ('news junkie', 'adrenaline addict', 'a
    Netflix addict') or 'junkie for' names something other than a drug ('a junkie for true
    crime'). A substance before the word joins the underline ('heroin addicts', 'IV drug
    addict') so that the suggestion covers it. 'the addicted' counts only where a noun
    phrase ends ('we serve the addicted and their families'), not in 'the addicted brain'."""
    if _part_of_name(c):
        return c.reject("part of a capitalised name or a quoted title")
    return _label(c)


@check("addicted-baby", rules=["addicted-baby"])
def addicted_baby(c: Candidate) -> bool:
    """'addicted babies', 'addicted newborns': always the label; a substance compound before
    it joins the underline ('drug-addicted babies')."""
    if _part_of_name(c):
        return c.reject("part of a capitalised name or a quoted title")
    return _addicted_baby(c)


@check("addicted-person", rules=["addicted-person"])
def addicted_person(c: Candidate) -> bool:
    """'drug-addicted mothers', 'opioid-dependent patients': a substance compound before a
    person noun; the underline takes in the noun and the suggestion follows its number.
    Babies are left to addicted-baby, predicate uses ('she was opioid-dependent') and other
    compounds ('internet-addicted teens') are not reported; 'dependent' is info."""
    if _part_of_name(c):
        return c.reject("part of a capitalised name or a quoted title")
    return _addicted_person(c)
