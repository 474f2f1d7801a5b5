"""prostitute / hooker / whore / ho: a label for a person who sells sex, or not?

Stays silent on:
- the verb "prostitute" ("to prostitute their talents", "prostituting himself");
- rugby's hooker ("played hooker for the Rovers", "the hooker threw into the lineout",
  "Hooker is the most thankless position..." in a paragraph about scrums and lineouts);
  surnames and streets are capitalised names, which the engine drops, and a capitalised
  "Hooker" after a given name or title ("Council Members Paul Hooker, Aisha Grant") is a
  surname even in a line of names that looks like a title-case heading;
- "working girl" for a woman with a job: reported only in a passage about selling sex;
- rug hooking, the craft ("our rug hookers meet Thursdays", "a hooker for forty years, will
  demonstrate proddy mats"): "rug" just before the word, or two craft words nearby;
- garden hoes, "ho-hum", "land ho", the Vietnamese name Ho (capitalised).
"""
from __future__ import annotations

from ..api import Candidate, check
from .lexicon import DETERMINERS, quoted_title

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
# Words that only rugby uses: one of them in the paragraph settles the sense.
RUGBY_STRONG = {"rugby", "scrum", "scrums", "lineout", "line-out", "lineouts", "line-outs", "flanker",
                "flankers", "ruck", "rucks", "maul", "mauls", "fly-half", "scrum-half", "loosehead",
                "tighthead", "front-row", "throw-in", "throw-ins", "sin-bin", "try-line", "tryline",
                "rfc", "rfu", "number-eight", "fullback", "openside", "blindside"}
# Sports words that are weaker alone ("coach", "game", "club", "team" and "position" also
# turn up in outreach writing and are left out): two of them near the word settle it.
RUGBY_WEAK = {"season", "seasons", "league", "match", "matches", "pitch", "kicked", "kick", "kicks",
              "penalty", "penalties", "referee", "ball", "tackle", "tackles", "tackled", "tries",
              "try", "throw", "throws", "throwing", "threw", "squad", "captain", "fixture",
              "fixtures", "under-12s", "under-14s", "under-16s", "scored", "score", "possession",
              "touchline", "replacement", "replacements", "bench", "cup", "win", "won", "defeat"}
# A capitalised word before "Hooker" that is a modifier, not a given name or title.
NOT_GIVEN = DETERMINERS | {"street", "crack", "cheap", "teen", "teenage", "former", "ex", "underage",
                           "young", "old", "local", "male", "female", "drug", "junkie", "dead",
                           "for", "of", "to", "and", "or", "why", "how", "when", "where", "what",
                           "every", "real", "happy", "fake", "no"}
SEX_CONTEXT = {"sex", "sexual", "stroll", "johns", "pimp", "pimps", "pimping", "trick",
               "tricks", "brothel", "brothels", "red-light", "solicitation", "soliciting", "solicit",
               "prostitution", "prostitute", "prostitutes", "escort", "escorts", "escorting",
               "trafficking", "trafficked", "vice", "streetwalker", "streetwalkers", "hookers",
               "hooker", "buyers", "condoms", "stings", "sting", "madam", "whore", "whores",
               "red-light", "kerb-crawling", "curb-crawling", "pimped"}
# Rug hooking, the craft: wool strips pulled through burlap with a hook.
CRAFT = {"rug", "rugs", "burlap", "proddy", "rug-hooking", "rughooking", "hooking", "wool", "yarn",
         "mats", "mat", "craft", "crafts", "crafter", "crafters", "fiber", "fibre", "quilting", "quilt",
         "knitting", "knitters", "frame", "frames", "strips", "backing", "linen", "hook", "hooks",
         "guild", "workshop", "pattern", "patterns", "fleece"}


def _rug_hooking(c) -> bool:
    before = [t for t in c.before(3) if not t.is_space]
    if before and before[0].lower_ in ("rug", "rugs", "mat"):
        return True
    return len((c.nearby_words(1) - {"hooker", "hookers"}) & CRAFT) >= 2


def _rugby(c) -> bool:
    if {t.lower_ for t in c.doc} & RUGBY_STRONG:
        return True
    return len(c.nearby_words(1) & RUGBY_WEAK) >= 2


def _surname(c) -> bool:
    tok = c.tokens[-1]
    if not (tok.text[:1].isupper() and not tok.text.isupper()) or tok.lower_ != "hooker":
        return False
    before = c.before(1)
    if not before:
        return False
    prv = before[0]
    return prv.is_alpha and prv.text[:1].isupper() and not prv.text.isupper() \
        and prv.lower_ not in NOT_GIVEN and prv.i != c.sent.start or (
            prv.is_alpha and prv.lower_ in ("mr", "mrs", "ms", "dr", "judge", "member", "councilmember",
                                             "councilman", "councilwoman", "commissioner", "senator",
                                             "mayor", "sheriff", "chief", "coach", "pastor", "rev",
                                             "reverend", "professor", "prof", "officer", "deputy",
                                             "detective", "sergeant", "sgt", "captain", "lieutenant",
                                             "trustee", "director", "chair", "representative", "rep"))


HO_BEFORE = DETERMINERS | {"street", "dumb", "stupid", "cheap", "crack", "lazy", "nasty", "ol", "old",
                          "dirty", "being", "like"}


@check("sex-work-label", rules=["prostitute", "hooker-whore"])
def label(c: Candidate) -> bool:
    """'prostitute', 'hooker', 'whore', 'ho', 'working girl' as labels for a person who sells
    sex; silent on the verb ('to prostitute their talents'), rugby's hooker (a position, in a
    passage about scrums and lineouts), the surname Hooker after a given name or title, rug
    hooking (the craft), 'Hooker's green' (a paint), a 'working girl' with a job (reported only
    in a passage about selling sex), garden hoes, 'ho-hum', 'land ho', the name Ho, and a quoted
    title of a work ('‘Whores of the Empire’: a review')."""
    if quoted_title(c.doc, c.end - 1):
        return c.reject("in a quoted title of a work")
    words = [t.lower_ for t in c.tokens]
    head = words[-1]
    before = [t.lower_ for t in c.before(2)]
    after = [t.lower_ for t in c.after(2)]
    prv = before[0] if before else None
    nxt = after[0] if after else None
    if head in ("prostitute", "prostitutes") and len(words) == 1:
        if prv == "to" and nxt in REFLEXIVE:
            return c.reject("the verb ('to prostitute their talents')")
        if nxt in ("himself", "herself", "themselves", "oneself"):
            return c.reject("the verb with a reflexive ('prostituting himself')")
    if head in ("hooker", "hookers") and len(words) == 1:
        if prv in ("played", "plays", "playing", "play", "starting", "reserve", "backup", "at") or nxt in ("for",):
            if c.nearby_words(1) & RUGBY or prv in ("played", "plays", "playing", "play"):
                return c.reject("rugby's hooker (a position)")
        if c.nearby_words(1) & {"rugby", "scrum", "scrums", "lineout", "line-out", "flanker", "prop",
                                 "ball", "kicked", "tackle", "tackled", "ruck", "maul", "referee"}:
            return c.reject("rugby's hooker (a position), in a passage about the game")
        if _rugby(c) or _surname(c) or _rug_hooking(c):
            return c.reject("rugby, a surname, or rug hooking (the craft)")
        if head == "hooker" and (nxt == "green" or (nxt in ("'s", "\u2019s") and after[1:2] == ["green"])):
            return c.reject("'Hooker's green', a paint colour")  # "Hooker's green", the paint colour named after a botanical illustrator
    if head in ("girl", "girls") and words[0] == "working":
        # "working girls on the stroll", not "a working girl" with a job
        return (bool(c.nearby_words(1) & SEX_CONTEXT)) or c.reject("'working girl' with no talk of selling sex: a woman with a job")
    if head in ("ho", "hoes"):
        if c.tokens[-1].text[:1].isupper():
            return c.reject("the name Ho (capitalised)")
        if prv in ("-", "\u2010", "\u2011") or nxt in ("-", "\u2010", "\u2011", "ho", "hum"):
            return c.reject("'ho-hum', 'land ho', 'ho ho'")
        if prv not in HO_BEFORE:
            return c.reject("'ho' not after a determiner or an insult word: not a noun for a person")
        if c.nearby_words(1) & GARDEN:
            return c.reject("garden hoes")
    return True


# "fallen woman" who literally fell (paramedics, ice, stairs) or a title ("The Fallen Woman").
FELL = {"paramedics", "paramedic", "ambulance", "injured", "injury", "injuries", "hip", "ice", "icy",
        "stairs", "staircase", "sidewalk", "slipped", "tripped", "floor", "helped", "soldier",
        "soldiers", "memorial", "veterans", "war", "tree", "trees", "leaves"}


@check("fallen-woman", rules=["fallen-woman"])
def fallen(c: Candidate) -> bool:
    """'fallen woman/women' as a moral label, not a woman who literally fell (paramedics, ice,
    stairs), fallen soldiers or leaves, or a title ('The Fallen Woman' capitalised mid-sentence)."""
    toks = c.tokens
    if toks[0].i != c.sent.start and all(t.text[:1].isupper() for t in toks):
        return c.reject("a title ('The Fallen Woman' capitalised mid-sentence)")
    return (not (c.sentence_words() & FELL)) or c.reject("a woman who literally fell (ice, stairs, paramedics), or fallen soldiers or leaves")
