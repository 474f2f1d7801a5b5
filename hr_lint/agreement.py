"""Spanish suggestions that agree with the words around them, and whether a fix is safe.

A Spanish noun carries its gender into the words before it: "los adictos" becomes "las
personas con un trastorno por consumo de sustancias", not "los personas...", because
*persona* is feminine whoever it names; "del adicto" becomes "de la persona..."; "estos
pocos alcohólicos" becomes "estas pocas personas...". So when the alternative's head noun
has another gender than the matched word, the finding widens over the determiner (and any
quantifier or adjective between it and the word) and the suggestion carries them, agreed.
Number comes from the matched form (the rule's `singular` or `plural` list).

A fix is only safe when every word whose form depends on the replaced noun is inside the
finding: an adjective after the word ("los adictos recuperados") would have to agree with
a noun that now stands several words earlier, so such a finding gets suggestions but no
fix; so does one where a gender cannot be told (an unknown word before the noun).
"""
from __future__ import annotations

# determiners: (gender, number) and their forms in the other gender
_DETERMINERS = {
    "el": ("m", "s"), "la": ("f", "s"), "los": ("m", "p"), "las": ("f", "p"),
    "un": ("m", "s"), "una": ("f", "s"), "unos": ("m", "p"), "unas": ("f", "p"),
    "este": ("m", "s"), "esta": ("f", "s"), "estos": ("m", "p"), "estas": ("f", "p"),
    "ese": ("m", "s"), "esa": ("f", "s"), "esos": ("m", "p"), "esas": ("f", "p"),
    "aquel": ("m", "s"), "aquella": ("f", "s"), "aquellos": ("m", "p"), "aquellas": ("f", "p"),
    "nuestro": ("m", "s"), "nuestra": ("f", "s"), "nuestros": ("m", "p"), "nuestras": ("f", "p"),
    "vuestro": ("m", "s"), "vuestra": ("f", "s"), "vuestros": ("m", "p"), "vuestras": ("f", "p"),
    "algún": ("m", "s"), "alguna": ("f", "s"), "algunos": ("m", "p"), "algunas": ("f", "p"),
    "ningún": ("m", "s"), "ninguna": ("f", "s"), "ningunos": ("m", "p"), "ningunas": ("f", "p"),
    "todos": ("m", "p"), "todas": ("f", "p"), "muchos": ("m", "p"), "muchas": ("f", "p"),
    "pocos": ("m", "p"), "pocas": ("f", "p"), "varios": ("m", "p"), "varias": ("f", "p"),
    "otro": ("m", "s"), "otra": ("f", "s"), "otros": ("m", "p"), "otras": ("f", "p"),
    "tantos": ("m", "p"), "tantas": ("f", "p"), "cuántos": ("m", "p"), "cuántas": ("f", "p"),
    "demasiados": ("m", "p"), "demasiadas": ("f", "p"), "ciertos": ("m", "p"), "ciertas": ("f", "p"),
    "dichos": ("m", "p"), "dichas": ("f", "p"), "mismos": ("m", "p"), "mismas": ("f", "p"),
    "del": ("m", "s"), "al": ("m", "s"),
}
# the same gender, number and kind of determiner in the other gender
_OTHER = {
    "el": "la", "la": "el", "los": "las", "las": "los", "un": "una", "una": "un", "unos": "unas", "unas": "unos",
    "este": "esta", "esta": "este", "estos": "estas", "estas": "estos", "ese": "esa", "esa": "ese",
    "esos": "esas", "esas": "esos", "aquel": "aquella", "aquella": "aquel", "aquellos": "aquellas",
    "aquellas": "aquellos", "algún": "alguna", "alguna": "algún", "ningún": "ninguna", "ninguna": "ningún",
    "del": "de la", "al": "a la",
}
# determiners with one form for both genders
_INVARIANT = {"mi", "mis", "tu", "tus", "su", "sus", "cada", "les", "de", "a", "con", "para", "por", "sin", "entre",
              "y", "e", "o", "u", "que", "como", "sobre", "hacia", "contra", "según", "ante"}
# words that may stand between a determiner and the noun ("los pocos adictos", "los llamados")
_BETWEEN_MAX = 2
_BEFORE_NOUN = {w + e for w in ("poc", "much", "otr", "supuest", "llamad", "viej", "nuev", "antigu", "mism", "propi",
                                "primer", "últim", "tant", "vari", "divers", "numeros", "ciert", "dich", "citad",
                                "mencionad", "pretendid")
                for e in ("o", "a", "os", "as")} | {"pobre", "pobres", "demás", "jóvenes", "joven", "grandes",
                                                    "gran", "primer", "buen", "mal"}
_FEMININE = {"persona", "personas", "mujer", "mujeres", "gente", "madre", "madres", "trabajadora", "trabajadoras",
             "terapia", "terapias", "medicación", "atención", "recuperación", "situación", "enfermedad", "víctima",
             "víctimas", "población", "comunidad", "clínica", "unidad", "institución", "vivienda", "muerte"}
_MASCULINE = {"trabajador", "trabajadores", "hombre", "hombres", "padre", "padres", "centro", "centros",
              "hospital", "hospitales", "tratamiento", "tratamientos", "consumo", "uso", "programa", "programas",
              "intento", "intentos", "suicidio", "suicidios", "trastorno", "trastornos", "servicio", "servicios"}
# function words and common verbs after a noun that do not agree with it
_NOT_AGREEING = {"que", "quien", "quienes", "de", "del", "a", "al", "en", "con", "por", "para", "sin", "y", "e", "o",
                 "u", "ni", "pero", "como", "cuando", "donde", "se", "lo", "la", "las", "los", "le", "les", "no",
                 "ya", "más", "menos", "también", "tampoco", "siempre", "nunca", "hoy", "ahora", "aquí", "allí",
                 "muy", "sobre", "entre", "hasta", "desde", "durante", "según", "son", "es", "era", "eran",
                 "fue", "fueron", "está", "están", "estaba", "estaban", "ha", "han", "había", "habían", "tiene",
                 "tienen", "puede", "pueden", "esta", "este", "estos", "estas", "otra", "otro", "una", "uno",
                 "toda", "todo", "nada", "algo", "mucho", "poco", "solo", "sólo"}


def noun_gender(word: str) -> str | None:
    """'m', 'f' or None (not known) for the head noun of an alternative."""
    low = word.lower()
    if low in _FEMININE:
        return "f"
    if low in _MASCULINE:
        return "m"
    if low.endswith(("ión", "iones", "dad", "dades", "tud", "tudes")):
        return "f"
    return None


def word_gender(word: str) -> str | None:
    """The gender a matched word shows by its ending ('adicta' f, 'adictos' m), if any."""
    low = word.lower()
    if low.endswith(("a", "as")) and not low.endswith(("ista", "istas")):
        return "f"
    if low.endswith(("o", "os")):
        return "m"
    return None


def _swap_ending(word: str, to: str) -> str | None:
    """An adjective or quantifier in the other gender ('pocos' -> 'pocas'); None if unsure."""
    low = word.lower()
    if to == "f":
        for a, b in (("os", "as"), ("o", "a"), ("ún", "una"), ("ón", "ona")):
            if low.endswith(a):
                out = word[:len(word) - len(a)] + b
                return out
        if low in ("buen", "mal", "primer", "tercer"):
            return word + "a"
    else:
        for a, b in (("as", "os"), ("a", "o")):
            if low.endswith(a):
                return word[:len(word) - len(a)] + b
    if low.endswith(("e", "es")) or low[-1:] in "lnrsz":
        return word  # "pobres", "jóvenes", "gran": one form for both genders
    return None


def fit(doc, start: int, end: int, alternatives: list[str]) -> tuple[int, list[str], bool]:
    """(first token of the finding, the alternatives agreed with the words before it,
    whether a replacement is safe). `alternatives` replace doc[start:end]."""
    if not alternatives:
        return start, alternatives, False
    safe = True
    # an adjective right after the match that agrees with it makes any fix unsafe
    sent_end = doc[start].sent.end
    if end < sent_end:
        nxt = doc[end]
        low = nxt.lower_
        if nxt.is_alpha and low not in _NOT_AGREEING and word_gender(low) is not None \
                and nxt.text[:1].islower():
            safe = False
    # the determiner and the words between it and the match
    sent_start = doc[start].sent.start
    k = start - 1
    between: list = []
    while k >= sent_start and len(between) < _BETWEEN_MAX and doc[k].lower_ in _BEFORE_NOUN:
        between.append(doc[k])
        k -= 1
    if (k < sent_start or doc[k].lower_ not in _DETERMINERS) and between and between[-1].lower_ in _DETERMINERS:
        between.pop()  # "hay muchos indigentes": the quantifier is the determiner
        k += 1
    if k < sent_start or doc[k].lower_ not in _DETERMINERS:
        # no determiner of a known gender before the match: nothing to agree
        return start, alternatives, safe
    det = doc[k]
    det_gender = _DETERMINERS[det.lower_][0]
    out: list[str] = []
    new_start = start
    for alt in alternatives:
        head = alt.split(" ", 1)[0]
        target = noun_gender(head)
        if target is None:
            out.append(alt)
            if word_gender(head) is None:
                continue  # a phrase that does not start with a noun ("con un trastorno...")
            safe = False
            continue
        if target == det_gender:
            out.append(alt)
            continue
        words = []
        lowdet = det.lower_
        swapped = _OTHER.get(lowdet)
        if swapped is None and lowdet in ("todos", "todas", "muchos", "muchas", "pocos", "pocas", "varios", "varias",
                                          "otros", "otras", "tantos", "tantas", "cuántos", "cuántas", "demasiados",
                                          "demasiadas", "ciertos", "ciertas", "dichos", "dichas", "mismos", "mismas",
                                          "nuestro", "nuestra", "nuestros", "nuestras", "vuestro", "vuestra",
                                          "vuestros", "vuestras", "algunos", "algunas", "ningunos", "ningunas"):
            swapped = _swap_ending(det.text, target)
        if swapped is None:
            out.append(alt)
            safe = False
            continue
        prep = None
        if lowdet in ("la", "las") and target == "m" and k - 1 >= sent_start and doc[k - 1].lower_ in ("de", "a") \
                and lowdet == "la":
            prep = doc[k - 1]  # "de la terapia" -> "del tratamiento"
            swapped = "del" if prep.lower_ == "de" else "al"
        words.append(_like(det.text, swapped) if prep is None else _like(prep.text, swapped))
        first = (k - 1) if prep is not None else k
        if prep is None and k - 1 >= sent_start and doc[k - 1].lower_ in ("todos", "todas"):
            first = k - 1  # "todos los adictos" -> "todas las personas..."
            words.insert(0, _like(doc[k - 1].text, "todas" if target == "f" else "todos"))
        ok = True
        for tok in reversed(between):
            agreed = _swap_ending(tok.text, target)
            if agreed is None:
                ok = False
                break
            words.append(agreed)
        if not ok:
            out.append(alt)
            safe = False
            continue
        out.append(" ".join(words + [alt]))
        new_start = first if new_start == start else min(new_start, first)
    if new_start != start:
        # every suggestion replaces the same, widened text: those that needed no change of
        # determiner carry the original words before the match
        prefix_tokens = doc[new_start:start]
        keep = " ".join(t.text for t in prefix_tokens)
        out = [o if _starts_widened(o, alternatives) else f"{keep} {o}" for o in out]
    return new_start, out, safe


def _starts_widened(suggestion: str, alternatives: list[str]) -> bool:
    return suggestion not in alternatives


def _like(template: str, word: str) -> str:
    """`word` in the capitalisation of `template` ('Los' -> 'Las')."""
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
