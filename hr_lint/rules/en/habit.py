"""'habit' for substance use versus ordinary habits."""
from __future__ import annotations

from ..api import Candidate, capitalised_name, check, sentence_span
from .lexicon import drug_context, is_substance

_NOT_DRUG = {"smoking", "nicotine", "tobacco", "vaping", "vape", "cigarette", "cigarettes",
             "pipe", "chewing", "coffee", "caffeine", "prescription", "pain", "chemical",
             "medication", "medications", "speed", "pot"}
_POSSESSIVE = {"his", "her", "their", "your", "my", "a", "the", "that", "this", "its", "whose"}


def _habit(c) -> bool:
    doc = c.doc
    k = c.end - 1
    lo, hi = doc[k].sent.start, doc[k].sent.end
    nxt = doc[k + 1].lower_ if k + 1 < hi else ""
    if nxt in {"-", "of", "forming", "tracker", "trackers", "formation", "stacking", "loop",
               "loops", "change", "reversal", "app"}:
        return c.reject("a compound or 'habit of' ('habit-forming', 'habit tracker', 'her habit of reading')")
    j = k - 1
    if j >= lo and doc[j].text == "-":
        j -= 1
    prev = doc[j].lower_ if j >= lo else ""
    if prev in _NOT_DRUG:
        return c.reject("a habit of smoking, vaping, coffee or medication, not of illicit drug use")
    if prev == "drinking":
        if doc[k].lower_ == "habits":
            return c.reject("'drinking habits': survey wording")  # 'ask about drinking habits'
        c.start = j
        c.suggest(["drinking", "alcohol use"])
        return True
    if is_substance(prev) or prev in {"needle", "dope", "smack", "coke", "crack", "booze"}:
        # 'heroin habit' -> 'heroin use': keep the writer's substance
        start = j
        while start - 1 >= lo and (is_substance(doc[start - 1].lower_) or doc[start - 1].text == "-"):
            start -= 1
        if doc[start].text == "-":
            start += 1
        mod = doc[start:k].text_with_ws
        c.start = start
        c.suggest([mod + "use", mod + "use disorder"])
        return True
    # '$100-a-day habit', 'her habit', 'the habit' in a sentence about drugs
    if prev in _POSSESSIVE or prev == "day" or (j >= lo and doc[j].like_num):
        if drug_context(doc, k) and doc[k].lower_ == "habit":
            c.suggest(["drug use", "substance use disorder"])
            return True
    # 'a hard habit to shake is heroin addiction', 'kicked the habit with methadone': a habit
    # to be broken, in a sentence that names drugs or addiction and no ordinary habit
    k2 = doc[k - 2].lower_ if k - 2 >= lo else ""
    broken = (nxt == "to" and k + 2 < hi and doc[k + 2].lower_ in _BREAK) or prev in _BREAK or (
        prev in {"the", "a", "that", "this"} and k2 in _BREAK)
    if broken and drug_context(doc, k) and not {t.lower_ for t in doc[lo:hi]} & (_NOT_DRUG | _HOBBY):
        c.suggest(["drug use", "substance use disorder"])
        return c.keep("a habit to shake or kick, in a sentence about drugs or addiction")
    return c.reject("no substance before 'habit', and not 'his/her habit' in a sentence about drugs")


_BREAK = {"shake", "shook", "shaking", "kick", "kicked", "kicking", "kicks", "break", "broke", "breaking",
          "quit", "quitting", "beat", "beating"}


_HOBBY = {"reading", "running", "collecting", "knitting", "coffee", "shopping", "gym", "book",
          "books", "hobby", "hobbies", "exercise", "gardening", "garden", "travel", "golf",
          "fitness", "music", "art", "writing", "baking", "cooking", "chocolate", "tea", "caffeine",
          "sneaker", "sneakers", "gambling", "lottery", "cigarette", "cigarettes", "smoking",
          "vaping", "tobacco", "nicotine", "membership", "subscription", "video", "games"}


def _feed_habit(c) -> bool:
    doc = c.doc
    k = c.end - 1
    hi = doc[k].sent.end
    if k + 1 < hi and doc[k + 1].lower_ in {"of", "for", "-"}:
        return c.reject("'habit of', 'habit for': a habit of doing something")
    if drug_context(doc, k, 1):
        return True
    # 'stole to feed her habit', 'robbed a store to fund his habit': feeding or funding 'a
    # habit' with nothing else named is drug-use talk; 'support' a habit is too ordinary
    verb = doc[c.start].lower_
    lo1, hi1 = sentence_span(doc, k, 1)
    words = {t.lower_ for t in doc[lo1:hi1]}
    if words & _HOBBY:
        return c.reject("a hobby nearby")
    if verb.startswith(("feed", "fed", "fund", "financ")):
        return True
    # 'shoplifted to support their habits': a crime committed to pay for it
    lo0, hi0 = sentence_span(doc, k)
    if {t.lower_ for t in doc[lo0:hi0]} & _CRIME:
        return c.keep("supporting a habit by stealing or selling: drug-use talk")
    return c.reject("a hobby or nothing about drugs nearby")


_CRIME = {"steal", "steals", "stole", "stolen", "stealing", "rob", "robs", "robbed", "robbing", "robbery",
          "robberies", "shoplift", "shoplifts", "shoplifted", "shoplifting", "burglary", "burglaries",
          "burgle", "burgled", "burgling", "burglarize", "burglarized", "theft", "thefts", "thieving", "hustle", "hustling",
          "prostitution", "pawn", "pawned", "pawning", "embezzle", "embezzled", "embezzling", "break-ins"}


@check("habit-drug", rules=["drug-habit"])
def drug_habit(c: Candidate) -> bool:
    """'habit' for substance use: after a substance ('heroin habit', 'his $100-a-day heroin
    habit', 'pill habit'; the suggestion keeps the substance), after 'drinking' in the
    singular ('his drinking habit'; 'drinking habits' is survey wording), or 'his/her/their
    habit' in a sentence about drugs. Never 'healthy habits', 'habit tracker',
    'habit-forming', 'a nun's habit', 'smoking habit', 'her habit of reading'."""
    if capitalised_name(c.doc, c.end - 1, c.end):
        return c.reject("part of a capitalised name")  # part of a capitalised name; checked before the underline grows
    return _habit(c)


@check("habit-feed", rules=["feed-habit"])
def feed_habit(c: Candidate) -> bool:
    """'feed/support/fund his habit' in talk about drugs, or 'feeding'/'funding' a habit with
    no hobby in sight ('stole to feed her habit'); not before 'of' ('feeds his habit of
    collecting')."""
    if capitalised_name(c.doc, c.end - 1, c.end):
        return c.reject("part of a capitalised name")
    return _feed_habit(c)
