"""prostitute / hooker / whore / ho: a label for a person who sells sex, or not?

Stays silent on:
- the verb "prostitute" ("to prostitute their talents", "prostituting himself");
- rugby's hooker ("played hooker for the Rovers", "the hooker threw into the lineout");
  surnames and streets are capitalised names, which the engine drops;
- garden hoes, "ho-hum", "land ho", the Vietnamese name Ho (capitalised).
"""
from __future__ import annotations

from .bh_words import DETERMINERS, nearby_words, next_tokens, prev_tokens

REFLEXIVE = {"himself", "herself", "themselves", "oneself", "myself", "yourself", "ourselves",
             "their", "his", "her", "its", "our", "my", "your", "the"}
RUGBY = {"rugby", "scrum", "scrums", "lineout", "line-out", "lineouts", "prop", "props", "flanker",
         "flankers", "fly-half", "tries", "try", "tackle", "tackles", "squad", "forwards",
         "front-row", "row", "throw", "throws", "throw-in", "season", "seasons", "league", "union",
         "played", "plays", "playing", "position", "captain", "pitch", "match", "matches", "coach",
         "team", "fans", "rovers", "club", "ball", "kicked", "kick", "kicks", "tackled", "penalty",
         "referee", "hooked", "hooking", "possession", "ruck", "maul", "sevens", "touch"}
GARDEN = {"garden", "gardens", "gardening", "rake", "rakes", "shovel", "shovels", "spade", "spades",
          "tools", "tool", "soil", "weeds", "weeding", "dirt", "farm", "farming", "plot", "plots",
          "beds", "trowel", "trowels", "donated", "hose", "hoses", "seedlings"}
HO_BEFORE = DETERMINERS | {"street", "dumb", "stupid", "cheap", "crack", "lazy", "nasty", "ol", "old",
                          "dirty", "being", "like"}


def check(c) -> bool:
    words = [t.lower_ for t in c.tokens]
    head = words[-1]
    before = [t.lower_ for t in prev_tokens(c, 2)]
    after = [t.lower_ for t in next_tokens(c, 2)]
    prv = before[0] if before else None
    nxt = after[0] if after else None
    if head in ("prostitute", "prostitutes") and len(words) == 1:
        if prv == "to" and nxt in REFLEXIVE:
            return False
        if nxt in ("himself", "herself", "themselves", "oneself"):
            return False
    if head in ("hooker", "hookers") and len(words) == 1:
        if prv in ("played", "plays", "playing", "play", "starting", "reserve", "backup", "at") or nxt in ("for",):
            if nearby_words(c, 1) & RUGBY or prv in ("played", "plays", "playing", "play"):
                return False
        if nearby_words(c, 1) & {"rugby", "scrum", "scrums", "lineout", "line-out", "flanker", "prop",
                                 "ball", "kicked", "tackle", "tackled", "ruck", "maul", "referee"}:
            return False
    if head in ("ho", "hoes"):
        if c.tokens[-1].text[:1].isupper():
            return False
        if prv in ("-", "\u2010", "\u2011") or nxt in ("-", "\u2010", "\u2011", "ho", "hum"):
            return False
        if prv not in HO_BEFORE:
            return False
        if nearby_words(c, 1) & GARDEN:
            return False
    return True
