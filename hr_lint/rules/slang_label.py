"""Slang labels for people who use drugs or alcohol, and their benign look-alikes.

- crackhead-methhead: 'tweaker' is also a software utility ('registry tweaker'); 'stoner'
  is also a surname (capitalised mid-sentence: dropped) and a film or music genre
  ('stoner comedy', 'stoner rock').
- druggie-dope-fiend: bare 'fiend' only in a sentence about drugs ('a fiend for crossword
  puzzles', 'sugar fiend' are not); 'doper' in sport doping talk is left alone; 'druggy' as
  an adjective ('a druggy haze') is left alone.
- drunk-noun: 'drunk' is a noun only after a determiner and where a noun phrase ends
  ('a drunk, a psychotic', 'whether a parent is a drunk;', 'the town drunk'), never
  'got drunk', 'drunk driving', 'the drunk tank'; 'lush' only as a noun ('an old lush'),
  never 'lush vegetation'.
"""
from __future__ import annotations

from hr_lint.rules.addict import FIGURATIVE
from hr_lint.rules.substance_context import FUNCTION_WORDS, drug_context, is_name, quoted_title, sentence_span

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
_DETERMINERS = {"a", "an", "the", "that", "this", "some", "every", "any", "another", "old",
                "town", "local", "mean", "angry", "violent", "belligerent", "sad", "happy",
                "hopeless", "typical", "common", "neighborhood", "street", "homeless", "loud"}
_DRUNK_AFTER_BAD = {"tank", "tanks", "driving", "driver", "drivers", "dial", "dialing", "text",
                    "texting", "history", "enough"}


def _next(doc, k):
    hi = doc[k].sent.end
    return doc[k + 1] if k + 1 < hi else None


def _prev(doc, k):
    lo = doc[k].sent.start
    return doc[k - 1] if k - 1 >= lo else None


def _ends_noun_phrase(doc, k, bad=frozenset()) -> bool:
    nxt = _next(doc, k)
    if nxt is None:
        return True
    if nxt.text == "-":
        return False
    if nxt.is_punct:
        return True
    w = nxt.lower_
    if w in bad:
        return False
    return w in FUNCTION_WORDS or w in {"who", "whose", "named", "called", "outside", "asleep"}


def _crackhead(c) -> bool:
    doc = c.doc
    k = c.end - 1
    word = doc[k].lower_
    nxt, prv = _next(doc, k), _prev(doc, k)
    if word.startswith("tweaker"):
        if (nxt is not None and nxt.lower_ in _TECH_AFTER) or (prv is not None and prv.lower_ in _TECH_BEFORE):
            return False
    if word.startswith("stoner"):
        if is_name(doc[k]):
            return False
        if nxt is not None and nxt.lower_ in _GENRE_AFTER:
            return False
    if prv is not None and prv.lower_ in FIGURATIVE and word.startswith(("stoner", "tweaker")):
        return False
    return True


def _fiend(c) -> bool:
    doc = c.doc
    k = c.end - 1
    word = doc[k].lower_
    if word in {"fiend", "fiends"} and c.end - c.start == 1:
        prv = _prev(doc, k)
        if prv is not None and prv.lower_ in FIGURATIVE:
            return False
        nxt = _next(doc, k)
        if nxt is not None and nxt.lower_ == "for":
            return False  # 'a fiend for crossword puzzles'
        return drug_context(doc, k)
    if word in {"doper", "dopers"}:
        lo, hi = sentence_span(doc, k, 1)
        if any(t.lower_ in _SPORT for t in doc[lo:hi]):
            return False
        if is_name(doc[k]):
            return False
    if word == "druggy":
        nxt = _next(doc, k)
        if nxt is not None and nxt.is_alpha and nxt.lower_ not in FUNCTION_WORDS:
            return False  # adjective: 'a druggy haze'
    return True


def _drunk(c) -> bool:
    doc = c.doc
    k = c.end - 1
    word = doc[k].lower_
    if word in {"drunk", "lush"}:
        prv = _prev(doc, k)
        if prv is None or prv.lower_ not in _DETERMINERS:
            return False
        if not _ends_noun_phrase(doc, k, _DRUNK_AFTER_BAD if word == "drunk" else frozenset()):
            return False
        hi = doc[k].sent.end
        if k + 2 < hi and doc[k + 1].lower_ == "and" and doc[k + 2].lower_ == "disorderly":
            return False  # the offence 'drunk and disorderly'
        if k + 1 < hi and doc[k + 1].lower_ in {"on", "with", "off"}:
            return False  # 'drunk on power', 'drunk with joy'

        if word == "drunk" and prv.lower_ == "town":
            c.start = min(c.start, k - 1)
        if word == "lush" and not drug_context(doc, k, 1):
            return False
        return True
    if word in {"boozer", "boozers"} and is_name(doc[k]):
        return False
    if word in {"drunks"}:
        nxt = _next(doc, k)
        if nxt is not None and nxt.text == "-":
            return False
    return True


def check(c) -> bool:
    if quoted_title(c.doc, c.end - 1):
        return False  # a quoted title of a work: “Confessions of a Crackhead Mom”
    rid = c.rule.id
    if rid == "druggie-dope-fiend":
        return _fiend(c)
    if rid == "drunk-noun":
        return _drunk(c)
    return _crackhead(c)
