"""Slurs such as psycho, lunatic, nutter: drop prefixes, case-management and names.

- "psycho-" written as a prefix with a hyphen ("psycho-social", "psycho-education")
  is the start of a clinical word, not the slur.
- "mental case" followed by management/manager/notes is about case work.
- A capitalised "Psycho" inside a sentence is a title (the film); the engine's name
  test already drops it, and this check drops a title in italics-like quotes too.
"""
from __future__ import annotations

from .bh_words import next_tokens


def check(c) -> bool:
    words = [t.lower_ for t in c.tokens]
    after = next_tokens(c, 2)
    nxt = after[0].lower_ if after else None
    if words[-1] in ("psycho", "schizo") and nxt in ("-", "\u2010", "\u2011"):
        return False
    if words == ["mental", "case"] and nxt in ("management", "manager", "managers", "load", "loads",
                                               "notes", "note", "file", "files", "review", "conference"):
        return False
    if words[-1] in ("loony", "looney") and nxt in ("tunes", "bin"):
        return False
    return True
