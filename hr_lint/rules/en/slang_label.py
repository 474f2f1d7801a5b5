"""Slang labels for people who use drugs or alcohol, and their benign look-alikes."""
from __future__ import annotations

from ..api import Candidate, capitalised_mid_sentence, check, next_token, prev_token, sentence_span
from .lexicon import DETERMINERS, FUNCTION_WORDS, PASTIMES, drug_context, quoted_title

_TECH_AFTER = {"utility", "utilities", "tool", "tools", "app", "apps", "software", "program",
               "programs", "script", "scripts", "plugin", "plugins", "mod", "mods", "kit"}
_TECH_BEFORE = {"registry", "ui", "system", "windows", "sound", "audio", "settings", "config",
                "performance", "tweak", "gui", "theme", "kernel", "mac", "linux", "android"}
_GENRE_AFTER = {"rock", "metal", "comedy", "comedies", "film", "films", "movie", "movies",
                "music", "culture", "humor", "humour", "flick", "flicks", "classic", "genre",
                "band", "bands", "sound", "doom", "anthem"}
_SPORT = {"athlete", "athletes", "cyclist", "cyclists", "cycling", "olympic", "olympics",
          "olympian", "tour", "sport", "sports", "race", "races", "doping", "wada", "medal",
          "medals", "baseball", "league", "steroid", "steroids", "epo", "sprinter", "sprinters"}
# what may stand before 'drunk' or 'lush' as a noun: a determiner or an adjective ('the town drunk')
_BEFORE_NOUN = DETERMINERS | {"old", "town", "local", "mean", "angry", "violent", "belligerent", "sad", "happy",
                              "hopeless", "typical", "common", "neighborhood", "street", "homeless", "loud",
                              # chart and report shorthand: 'known drunk, found asleep at the depot'
                              "known", "chronic", "habitual", "notorious", "confirmed"}
_DRUNK_AFTER_BAD = {"tank", "tanks", "driving", "driver", "drivers", "dial", "dialing", "text",
                    "texting", "history", "enough"}


def _ends_noun_phrase(doc, k, bad=frozenset()) -> bool:
    nxt = next_token(doc, k)
    if nxt is None:
        return True
    if nxt.text == "-":
        return False
    if nxt.is_punct:
        return True
    w = nxt.lower_
    if w in bad:
        return False
    # after the noun in a chart or report: 'drunk per EMS', 'drunk found asleep', 'drunk according to'
    return w in FUNCTION_WORDS or w in {"who", "whose", "named", "called", "outside", "asleep", "per",
                                        "according", "found", "seen", "brought", "picked", "arrested",
                                        "refused", "presenting", "reported", "sleeping"}


def _crackhead(c) -> bool:
    doc = c.doc
    k = c.end - 1
    word = doc[k].lower_
    nxt, prv = next_token(doc, k), prev_token(doc, k)
    if word.startswith("tweaker"):
        if (nxt is not None and nxt.lower_ in _TECH_AFTER) or (prv is not None and prv.lower_ in _TECH_BEFORE):
            return c.reject("software ('registry tweaker', 'tweaker utility')")
    if word.startswith("stoner"):
        if capitalised_mid_sentence(doc[k]):
            return c.reject("the surname Stoner")
        if nxt is not None and nxt.lower_ in _GENRE_AFTER:
            return c.reject("a genre ('stoner rock', 'stoner comedy')")
    if prv is not None and prv.lower_ in PASTIMES and word.startswith(("stoner", "tweaker")):
        return c.reject("a pastime before the word ('gym tweaker')")
    return True


def _fiend(c) -> bool:
    doc = c.doc
    k = c.end - 1
    word = doc[k].lower_
    if word in {"fiend", "fiends"} and c.end - c.start == 1:
        prv = prev_token(doc, k)
        if prv is not None and prv.lower_ in PASTIMES:
            return c.reject("a pastime before the word ('sugar fiend')")
        nxt = next_token(doc, k)
        if nxt is not None and nxt.lower_ == "for":
            return c.reject("'a fiend for' something ('a fiend for crossword puzzles')")  # 'a fiend for crossword puzzles'
        return (drug_context(doc, k)) or c.reject("bare 'fiend' in a sentence that is not about drugs")
    if word in {"doper", "dopers"}:
        lo, hi = sentence_span(doc, k, 1)
        if any(t.lower_ in _SPORT for t in doc[lo:hi]):
            return c.reject("doping in sport")
        if capitalised_mid_sentence(doc[k]):
            return c.reject("the surname Doper (capitalised mid-sentence)")
    if word == "druggy":
        nxt = next_token(doc, k)
        if nxt is not None and nxt.is_alpha and nxt.lower_ not in FUNCTION_WORDS:
            return c.reject("the adjective 'druggy' before a noun ('a druggy haze')")  # adjective: 'a druggy haze'
    return True


def _drunk(c) -> bool:
    doc = c.doc
    k = c.end - 1
    word = doc[k].lower_
    if word in {"drunk", "lush"}:
        prv = prev_token(doc, k)
        if prv is None or prv.lower_ not in _BEFORE_NOUN:
            return c.reject("not after a determiner or an adjective: 'drunk' the adjective ('got drunk')")
        if not _ends_noun_phrase(doc, k, _DRUNK_AFTER_BAD if word == "drunk" else frozenset()):
            return c.reject("before a noun ('drunk driving', 'the drunk tank'): the adjective")
        hi = doc[k].sent.end
        if k + 2 < hi and doc[k + 1].lower_ == "and" and doc[k + 2].lower_ == "disorderly":
            return c.reject("the offence 'drunk and disorderly'")  # the offence 'drunk and disorderly'
        if k + 1 < hi and doc[k + 1].lower_ in {"on", "with", "off"}:
            return c.reject("'drunk on power', 'drunk with joy'")  # 'drunk on power', 'drunk with joy'

        if word == "drunk" and prv.lower_ == "town":
            c.start = min(c.start, k - 1)
        if word == "lush" and not drug_context(doc, k, 1):
            return c.reject("'lush' with no talk of drinking ('lush vegetation')")
        return True
    if word in {"boozer", "boozers"} and capitalised_mid_sentence(doc[k]):
        return c.reject("the surname Boozer")
    if word in {"drunks"}:
        nxt = next_token(doc, k)
        if nxt is not None and nxt.text == "-":
            return c.reject("part of a compound ('drunks-only')")
    return True


@check("slang-drug-head", rules=["crackhead-methhead"])
def drug_head(c: Candidate) -> bool:
    """'crackhead', 'methhead', 'tweaker', 'stoner' as labels for people, not a quoted title
    ('Confessions of a Crackhead Mom'), software ('registry tweaker', 'tweaker utility'), the
    surname Stoner, a genre ('stoner rock', 'stoner comedy') or a pastime ('gym tweaker')."""
    if quoted_title(c.doc, c.end - 1):
        return c.reject("in a quoted title of a work")
    return _crackhead(c)


@check("slang-fiend", rules=["druggie-dope-fiend"])
def fiend(c: Candidate) -> bool:
    """'druggie', 'dope fiend', 'doper' as labels; bare 'fiend' only in a sentence about
    drugs ('a fiend for crossword puzzles', 'sugar fiend' are not), 'doper' not in sport
    doping talk, 'druggy' not as an adjective ('a druggy haze')."""
    if quoted_title(c.doc, c.end - 1):
        return c.reject("in a quoted title of a work")
    return _fiend(c)


@check("slang-drunk", rules=["drunk-noun"])
def drunk(c: Candidate) -> bool:
    """'drunk' as a noun for a person: only after a determiner and where a noun phrase ends
    ('a drunk, a psychotic', 'the town drunk'), never 'got drunk', 'drunk driving', 'the
    drunk tank', 'drunk on power', 'drunk and disorderly' (the offence); 'lush' only as a
    noun about drinking ('an old lush'), never 'lush vegetation'; the surname Boozer."""
    if quoted_title(c.doc, c.end - 1):
        return c.reject("in a quoted title of a work")
    return _drunk(c)
