"""Slurs such as psycho, lunatic, nutter: drop prefixes, case-management and names.

- "psycho-" written as a prefix with a hyphen ("psycho-social", "psycho-education")
  is the start of a clinical word, not the slur.
- "mental case" followed by management/manager/notes is about case work.
- A capitalised "Psycho" inside a sentence is a title (the film); the engine's name
  test already drops it. At the start of a sentence or heading the capital says nothing,
  so "Psycho" there is taken as the title when a year follows ("Psycho (1960)") or the
  passage is about films or books ("Psycho screens at 7 p.m.", "the 4K restoration").
- "the lunatic fringe" is a political idiom about ideas, not about anyone's mind; "lunatic
  asylum" names an institution (asylum-institution judges it, history and all).
- "crazies" is plural ("the crazies take up the overnight shift").
- An intensifier ("psycho good") or a word said of an animal or a thing ("my cat is a
  total lunatic at 3 a.m.") is a figure of speech: info.
"""
from __future__ import annotations

from ..api import Candidate, check
from .lexicon import INTENSIFIED, predicate_subject

SCREEN = {"film", "films", "movie", "movies", "hitchcock", "hitchcock's", "remake", "remakes", "sequel",
          "sequels", "screen", "screens", "screened", "screening", "screenings", "cinema", "theater",
          "theatre", "novel", "novels", "book", "books", "director", "restoration", "restored", "bates",
          "perkins", "premiere", "premiered", "dvd", "blu-ray", "4k", "streaming", "shower", "soundtrack",
          "score", "review", "reviews", "critic", "critics", "cast", "starring", "stars", "plot",
          "audience", "audiences", "box", "trailer", "horror", "thriller", "ellis", "episode", "series",
          "album", "song", "band"}


def _title(c) -> bool:
    """A capitalised 'Psycho' / 'American Psycho' standing for a film, novel or song."""
    tok = c.tokens[0]
    if not tok.text[:1].isupper() or tok.text.isupper() or c.tokens[-1].lower_ not in ("psycho",):
        return False
    after = c.after(2)
    if len(after) == 2 and after[0].text == "(" and after[1].like_num:
        return True  # "Psycho (1960)"
    return bool(c.nearby_words(1) & SCREEN)


@check("slur-person", rules=["psycho-slurs"])
def slur(c: Candidate) -> bool:
    """Slurs such as 'psycho', 'lunatic', 'nutter' for a person; not a prefix ('psycho-social'),
    case work ('mental case management'), the film or novel ('Psycho (1960)', 'American Psycho'
    in a passage about films or books), 'the lunatic fringe', 'lunatic asylum' (the institution,
    asylum-institution's) or 'Looney Tunes'. An intensifier
    ('psycho good') or a word said of an animal or a thing ('my cat is a total lunatic at 3
    a.m.') is a figure of speech: info. 'crazies' takes the plural suggestions."""
    words = [t.lower_ for t in c.tokens]
    after = c.after(2)
    nxt = after[0].lower_ if after else None
    if _title(c):
        return c.reject("the title of the film or novel ('Psycho (1960)', in a passage about films)")
    if words[-1] == "crazies":
        c.form = "plural"
    if words[-1] == "lunatic" and nxt == "fringe":
        return c.reject("'the lunatic fringe': a political idiom about ideas")
    if words[-1] == "lunatic" and nxt in ("asylum", "asylums"):
        return c.reject("'lunatic asylum': the institution's name, which asylum-institution judges")
    if nxt in INTENSIFIED and len(words) == 1 and words[0] in ("psycho", "insane", "nuts"):
        c.severity = "info"  # "psycho good": an intensifier, like "crazy good"
    elif predicate_subject(c) == "thing":
        c.severity = "info"  # "my cat is a total lunatic at 3 a.m."
    if words[-1] in ("psycho", "schizo") and nxt in ("-", "\u2010", "\u2011"):
        return c.reject("a prefix ('psycho-social', 'psycho-education')")
    if words == ["mental", "case"] and nxt in ("management", "manager", "managers", "load", "loads",
                                               "notes", "note", "file", "files", "review", "conference"):
        return c.reject("case work ('mental case management', 'mental case notes')")
    if words[-1] in ("loony", "looney") and nxt in ("tunes", "bin"):
        return c.reject("'Looney Tunes', 'loony bin' (asylum-institution's)")
    return True
