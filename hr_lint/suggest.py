"""Make a rule's alternatives fit the sentence they replace text in.

Number comes from the matched form; an article before a singular label is folded
into the replacement and agreed ("an addict" -> "a person who uses drugs"); a
capital at the start is kept; an all-capitals match gives capitals.
"""
from __future__ import annotations

_ARTICLES = {"a", "an"}
_AN_EXCEPTIONS_A = ("uni", "use", "usu", "one", "eu", "ur")  # 'a user', 'a one-time'
_AN_EXCEPTIONS_AN = ("hour", "honest", "heir")


def indefinite_article(phrase: str) -> str:
    low = phrase.lower()
    if low.startswith(_AN_EXCEPTIONS_AN):
        return "an"
    if low.startswith(_AN_EXCEPTIONS_A):
        return "a"
    return "an" if low[:1] in "aeiou" else "a"


def match_case(template: str, replacement: str) -> str:
    # capitals are shouting, except in a short acronym such as "MAT" or "IVDU"
    if template.isupper() and (sum(c.isalpha() for c in template) >= 5 or " " in template.strip()):
        return replacement.upper()
    if template[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def article_before(doc, start: int) -> bool:
    return start > 0 and doc[start - 1].lower_ in _ARTICLES and doc[start - 1].sent == doc[start].sent


def article_changes(article: str, alternatives: list[str]) -> bool:
    """Would any alternative need a different indefinite article than the one in the text?"""
    for alt in alternatives:
        words = alt.split()
        if words and words[0].lower() not in ("a", "an", "the", "some", "people"):
            if indefinite_article(alt) != article.lower():
                return True
    return False


def fit(alternatives: list[str], matched_text: str, article: str | None) -> list[str]:
    """Complete replacements for `matched_text` (which includes `article` if given)."""
    out = []
    for alt in alternatives:
        alt = " ".join(alt.split())
        if not alt:
            continue
        if article is not None and alt.split()[0].lower() not in ("a", "an", "the", "some", "people"):
            alt = f"{indefinite_article(alt)} {alt}"
        alt = match_case(matched_text, alt)
        if alt not in out and alt != matched_text:
            out.append(alt)
    return out
