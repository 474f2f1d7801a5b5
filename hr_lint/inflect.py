"""Inflections for terms, so that matching needs no lemmatizer data.

`noun_forms("drug user")` -> [("drug user", "singular"), ("drug users", "plural")]
`verb_forms("commit suicide")` -> base, -s, -ed and -ing forms of the first word.
"""
from __future__ import annotations

_IRREGULAR_PLURALS = {
    "man": "men",
    "woman": "women",
    "person": "people",
    "child": "children",
    "baby": "babies",
    "wife": "wives",
    "mother-to-be": "mothers-to-be",
}
_UNCHANGED = {"people", "men", "women", "children", "police", "staff"}

_IRREGULAR_VERBS = {
    # base: (s, ed, ing)
    "hang": ("hangs", "hanged", "hanging"),
    "fall": ("falls", "fell", "falling"),
    "get": ("gets", "got", "getting"),
    "stay": ("stays", "stayed", "staying"),
    "shoot": ("shoots", "shot", "shooting"),
    "choose": ("chooses", "chose", "choosing"),
    "commit": ("commits", "committed", "committing"),
    "feed": ("feeds", "fed", "feeding"),
    "come": ("comes", "came", "coming"),
    "go": ("goes", "went", "going"),
    "die": ("dies", "died", "dying"),
    "lie": ("lies", "lied", "lying"),
    "slip": ("slips", "slipped", "slipping"),
    "drop": ("drops", "dropped", "dropping"),
    "quit": ("quits", "quit", "quitting"),
}

_VOWELS = "aeiou"


def pluralize(word: str) -> str:
    low = word.lower()
    if low in _UNCHANGED:
        return word
    if low in _IRREGULAR_PLURALS:
        plural = _IRREGULAR_PLURALS[low]
        return plural.upper() if word.isupper() else plural
    if low.endswith("y") and len(low) > 1 and low[-2] not in _VOWELS:
        return word[:-1] + "ies"
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def verb_inflections(base: str) -> dict[str, str]:
    low = base.lower()
    if low in _IRREGULAR_VERBS:
        s, ed, ing = _IRREGULAR_VERBS[low]
        return {"base": base, "s": s, "ed": ed, "ing": ing}
    if low.endswith("e") and not low.endswith("ee"):
        ed, ing = base + "d", base[:-1] + "ing"
    elif low.endswith("y") and len(low) > 1 and low[-2] not in _VOWELS:
        ed, ing = base[:-1] + "ied", base + "ing"
    else:
        ed, ing = base + "ed", base + "ing"
    if low.endswith(("s", "x", "z", "ch", "sh")):
        s = base + "es"
    elif low.endswith("y") and len(low) > 1 and low[-2] not in _VOWELS:
        s = base[:-1] + "ies"
    else:
        s = base + "s"
    return {"base": base, "s": s, "ed": ed, "ing": ing}


def noun_forms(term: str) -> list[tuple[str, str]]:
    """The term and its plural (last word inflected), tagged with their number."""
    head, _, last = term.rpartition(" ")
    prefix = head + " " if head else ""
    if last.lower() in _UNCHANGED or last.lower() in _IRREGULAR_PLURALS.values():
        return [(term, "plural")]
    plural = prefix + pluralize(last)
    if plural == term:
        return [(term, "singular")]
    return [(term, "singular"), (plural, "plural")]


def verb_forms(term: str) -> list[tuple[str, str]]:
    """The term with its first word in each verb form, tagged base/s/ed/ing."""
    first, _, rest = term.partition(" ")
    tail = " " + rest if rest else ""
    seen, forms = set(), []
    for form, word in verb_inflections(first).items():
        phrase = word + tail
        if phrase not in seen:
            seen.add(phrase)
            forms.append((phrase, form))
    return forms


# -- Spanish ---------------------------------------------------------------------------------
# Terms are written in the singular, each gender its own term ("adicto", "adicta"); the
# plural inflects every word up to the first preposition or conjunction ("enfermo mental"
# -> "enfermos mentales", "usuario de drogas" -> "usuarios de drogas").
_ES_STOP = {"de", "del", "a", "al", "por", "con", "en", "sin", "para", "y", "e", "o", "u", "que", "contra"}
_ES_INVARIANT = {"crisis", "sin", "techo", "sintecho", "sinhogar", "recién", "ex"}
_ES_ACCENTED = str.maketrans("áéíóú", "aeiou")
_ES_STRIP = str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU")


def pluralize_es(word: str) -> str:
    """The plural of a Spanish noun or adjective (the regular rules; no -s words change)."""
    low = word.lower()
    if low in _ES_INVARIANT or (low.endswith(("s", "x")) and not low.endswith(("és", "ás", "ós", "ís", "ús"))):
        return word  # "crisis", "tórax"
    if low.endswith("z"):
        return word[:-1] + "ces"
    if low[-1:] in "aeiouáéó":
        return word + "s"
    if low[-1:] in "íú":
        return word + "es"
    if low[-2:-1] in "áéíóú" and low[-1:] in "nsl":  # "ladrón" -> "ladrones": the accent goes
        return word[:-2] + word[-2].translate(_ES_ACCENTED) + word[-1] + "es"
    return word + "es"


def noun_forms_es(term: str) -> list[tuple[str, str]]:
    """A Spanish term and its plural, tagged with their number."""
    words = term.split(" ")
    cut = next((i for i, w in enumerate(words) if i and w.lower() in _ES_STOP), len(words))
    plural = " ".join([pluralize_es(w) for w in words[:cut]] + words[cut:])
    if plural == term:
        return [(term, "singular")]
    return [(term, "singular"), (plural, "plural")]


def unaccented(text: str) -> str:
    """`text` without the acute accents of Spanish vowels ("alcohólico" -> "alcoholico")."""
    return text.translate(_ES_STRIP)
