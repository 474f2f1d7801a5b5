"""Line breaks that end a phrase: cells and rows glued on consecutive lines.

Readers join the lines of a block with spaces, so a phrase may match across a line break
("substance\\n abuse" in soft-wrapped prose is one phrase). Text taken from tables and
lists often sets one cell or item per line without punctuation between them:

    People with a mental health condition   The mentally ill
    Person who uses drugs                   Addict

read as "... The mentally ill Person who uses drugs ...", where 'mentally ill person'
would match across the row break. `cell_break` tells such a break from a soft wrap, from
the source around it: the line before has no final punctuation, both lines are short
(rows and items, not a paragraph set on one line), and the word after the break is
capitalised where the phrase's own words before it are not (a new item starts; in a
wrapped sentence the next word keeps the phrase's case, an initialism such as 'OCD' keeps
its capitals anywhere, and a title-case heading capitalises both sides). The engine drops a match that spans such a break; a shorter
match inside one line still counts.
"""
from __future__ import annotations

# longest line (in characters, markup included) that counts as a cell, row or list item
MAX_LINE = 100
# words that keep lower case in a title-case heading ("Care for the\nMentally Ill"), so their
# case says nothing
_SMALL = {"a", "an", "the", "of", "on", "and", "or", "for", "to", "in", "at", "by", "with", "from", "as"}
_FINAL = ".!?:;,"


def _short_lines(source: str, a: int, first: int, last: int) -> bool:
    """Are the line that ends at the break (source offset a + first) and the one that starts
    after it (after offset a + last) both at most MAX_LINE characters? Looks no further
    than that, so the cost is bounded whatever the file."""
    end1 = a + first
    lo = max(0, end1 - MAX_LINE - 1)
    before = source[lo:end1]
    if max(before.rfind("\n"), before.rfind("\r")) == -1 and lo > 0:
        return False
    start2 = a + last + 1
    hi = min(len(source), start2 + MAX_LINE + 1)
    after = source[start2:hi]
    return "\n" in after or "\r" in after or hi == len(source)


def cell_break(source: str, a: int, b: int, before, after) -> bool:
    """Does source[a:b], the stretch between two neighbouring words of a phrase match,
    hold a line break that ends one cell or item and starts another? `before`: the
    phrase's tokens before the break; `after`: the token after it."""
    gap = source[a:b]
    first = min((i for i in (gap.find("\n"), gap.find("\r")) if i != -1), default=-1)
    if first == -1 or any(ch in _FINAL for ch in gap[:first]):
        return False
    word = after.text
    if not (word[:1].isupper() and word.isalpha()) or word == "I" or (len(word) > 1 and word.isupper()):
        return False  # lower case goes on with the sentence; an initialism keeps its capitals in prose ('so\nOCD')
    words = [t.text for t in before if t.is_alpha and t.lower_ not in _SMALL]
    if not words or any(w[:1].isupper() for w in words):
        return False  # nothing to compare, or capitals on both sides (a heading, a name)
    return _short_lines(source, a, first, max(gap.rfind("\n"), gap.rfind("\r")))
