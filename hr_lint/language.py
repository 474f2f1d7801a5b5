"""Which language a piece of text is in: declared, configured or detected.

Precedence, from the most specific:

1. an element's own `lang` (or `xml:lang`) attribute in HTML, and in Markdown's raw HTML
   (`<section lang="en">`): the text inside it is in that language;
2. the document's declaration: Markdown front matter `lang: es`, or `<html lang="es">`;
3. the configuration's `language: en|es` (or `--language`);
4. otherwise (`language: auto`, the default) detection: per document, and per paragraph
   when the document holds both languages.

Detection is a small function-word profile, written here (`score`): English and Spanish
are told apart by their commonest words, which every paragraph of prose holds, and by
Spanish letters (á, ñ, ¿). `docs/language-detection.md` measures it against langdetect,
py3langid, pycld2 and Lingua on short paragraphs: it is as accurate on our two
languages, needs no data files, and costs microseconds, which matters because the plan
of every file is made before its gate runs. A document that shows no sign of Spanish
(`spanish_hint`: no Spanish letter, no common Spanish word) is English without further
ado, so English text pays two quick scans of its raw characters and nothing more.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

LANGUAGES = ("en", "es")
SETTINGS = ("auto",) + LANGUAGES
NAMES = {"en": "English", "es": "Spanish"}
DEFAULT = "en"  # undecided text with nothing else to go on

# -- the profile ----------------------------------------------------------------------------
# Function words only (and a few that are as frequent), never a word both languages use
# ("a", "no", "me", "he", "son", "come", "once", "era", "sin"...). Place-name articles
# ("Los Angeles", "El Paso", "De La Cruz") are skipped where the next word is capitalised.
_EN = frozenset("""
the and of to is are was were that this with for from by on at it its be been being have has
had will would can could should not or but if they their them we our us you your she his her
him who whom which what when where there these those an as about into than then also do does
did all any some each other only just how why after before because while over under between
during through may might must so such very most many much out up upon like get got new
i i'm it's don't can't won't isn't aren't doesn't didn't we're they're you're in am off every
people help care services health home life day time year years work treatment recovery support family
drug drugs abuse addiction suicide program programs getting started need needs
""".split())
_ES = frozenset("""
de la el que y en los las del se por un una unos unas con para es está están estaba estaban fue
fueron ser estar ha han había habían al lo le les su sus más pero como muy también porque
cuando donde dónde quien quienes cuál cuáles qué cómo sobre entre hasta desde ni ya sí si esto
este esta estos estas ese esa eso esos esas aquí allí hay todo todos toda todas cada otro otra
otros otras nuestro nuestra nuestros nuestras usted ustedes nos mi mis tu tus puede pueden
tiene tienen hace hacer hacia según sino aunque mientras después antes durante siempre nunca
algo nada mucho muchos muchas poco personas persona años
programa programas salud servicios ayuda tratamiento familia familias drogas droga abuso vida casa trabajo
apoyo centro clínica consumo gente hijos hijas mujeres hombres
""".split())
_SPANISH_LETTER = re.compile("[áéíóúñÁÉÍÓÚÑ¿¡]")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
# entities older CMSs write accents with (toxic&oacute;manos)
_SPANISH_ENTITIES = ("acute;", "tilde;", "iquest;", "iexcl;")
# cheap first looks for a Spanish word, on lower-case text padded with spaces
_SHORT_MARKERS = (" que ", " los ", " las ", " del ", " una ", " para ", " por ", " con ", " es ", " el ",
                  " la ", " y ")
# Spanish letters, each looked for with `in` (faster than a regex over a long text)
_LETTERS = "ñáéíóú¿¡ÑÁÉÍÓÚ"
_LONG_MARKERS = (" que ",)
_SHORT = 4096
_SAMPLE = 65_536


# a capitalised article before a capitalised word: a place or a name, not Spanish prose
# ('De La Cruz' counts twice: the capital is only looked ahead at)
_PLACE = re.compile(r"(?<![^\W\d_])(?:L[oO][sS]|L[aA][sS]?|E[lL]|D[eE][lL]?)[ \t]+"
                    r"(?=[A-ZÁÉÍÓÚÑ])")


def score(text: str, limit: int = _SAMPLE, letters: bool = True) -> tuple[float, float]:
    """(English evidence, Spanish evidence) in the first `limit` characters of `text`;
    `letters=False` counts function words only (not words with a Spanish letter, which
    English names a café or a José with). Words are counted once each (a Counter), so a
    long text costs one regex pass and a look-up per distinct word."""
    sample = text[:limit]
    counts = Counter(_WORD.findall(sample.lower()))
    en = es = 0.0
    for word, n in counts.items():
        if word in _ES:
            es += n
        elif word in _EN:
            en += n
        elif letters and _SPANISH_LETTER.search(word):
            es += 0.5 * n  # a word with a Spanish letter (información, niño): a name in English
    if es and ("L" in sample or "E" in sample or "D" in sample):
        es -= len(_PLACE.findall(sample))  # "Los Angeles", "El Paso", "De La Cruz"
    if letters and ("¿" in sample or "¡" in sample):
        es += 1
    return en, max(es, 0.0)


def detect(text: str, default: str | None = None) -> str | None:
    """'en' or 'es' for a paragraph, or `default` when it holds no evidence either way."""
    en, es = score(text)
    if es > en:
        return "es"
    if en > es:
        return "en"
    return default


def spanish_hint(text: str) -> bool:
    """Might `text` hold any Spanish at all? Cheap (a scan or two at memory speed), and
    generous: a yes only means `score` is worth running."""
    if not text.isascii():
        if any(ch in text for ch in _LETTERS):
            return True
    elif "&" in text and any(e in text for e in _SPANISH_ENTITIES):
        return True
    if len(text) <= _SHORT:
        low = " " + text.lower().replace("\n", " ") + " "
        for m in _SHORT_MARKERS:
            if m in low:
                return True
        return False
    return any(m in text for m in _LONG_MARKERS)


# -- declarations in markup -----------------------------------------------------------------
_LANG_ATTR = re.compile(r"""\s(?:xml:)?lang\s*=\s*["']?\s*([A-Za-z]{2,3})\b""", re.I)
# a quoted value stops at '<' or '>' too, so a quote that never closes costs no more than the tag
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)((?:[^<>\"']|\"[^\"<>]*\"|'[^'<>]*')*)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FRONT_LANG = re.compile(r"""^lang[ \t]*:[ \t]*["']?([A-Za-z]{2,3})\b""", re.M)
MAX_DECLARATIONS = 10_000  # elements with a lang attribute read per document


def normalise(code: str | None) -> str | None:
    """'es-MX' -> 'es'; None for a language hr-lint has no rules for."""
    if not code:
        return None
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return base if base in LANGUAGES else None


def _other(code: str) -> str:
    """A declared language with no rules (French, say) keeps its text out of every pack."""
    return normalise(code) or "-" + code.lower()


def declarations(source: str, fmt: str) -> tuple[str | None, list[tuple[int, int, str]]]:
    """(the document's declared language, [(start, end, language)] of elements that declare
    their own), from Markdown front matter, the root <html> and `lang` attributes. Spans are
    source offsets, innermost last; a language with no rules is '-xx'."""
    document = None
    spans: list[tuple[int, int, str]] = []
    if fmt == "markdown":
        m = _FRONT_MATTER.match(source)
        if m:
            found = _FRONT_LANG.search(m.group(1))
            if found:
                document = _other(found.group(1))
    if fmt not in ("html", "markdown") or "lang" not in source:
        return document, spans
    stack: list[list] = []  # [name, language, start, open elements of that name inside]
    by_name: dict[str, list[int]] = {}  # name -> indexes in `stack` of its entries (each tag costs O(1))
    for m in _TAG.finditer(source):
        closing, name = m.group(1), m.group(2).lower()
        open_here = by_name.get(name)
        if closing:
            if open_here:
                entry = stack[open_here[-1]]
                if entry[3]:
                    entry[3] -= 1
                else:  # it closes, and any lang element left open inside it
                    k = open_here[-1]
                    for inner in stack[k:]:
                        spans.append((inner[2], m.end(), inner[1]))
                        by_name[inner[0]].pop()
                    del stack[k:]
            continue
        attr = _LANG_ATTR.search(m.group(3)) if "lang" in m.group(3).lower() else None
        void = name in _VOID or m.group(3).rstrip().endswith("/")
        if attr is None:
            if open_here and not void:
                stack[open_here[-1]][3] += 1
            continue
        lang = _other(attr.group(1))
        if name == "html":
            document = lang
        elif void:
            spans.append((m.start(), m.end(), lang))  # its alt and title text
        elif len(stack) + len(spans) < MAX_DECLARATIONS:
            by_name.setdefault(name, []).append(len(stack))
            stack.append([name, lang, m.start(), 0])
        elif open_here:
            stack[open_here[-1]][3] += 1  # past the limit: counted as a plain element
    for entry in stack:  # never closed: to the end of the document
        spans.append((entry[2], len(source), entry[1]))
    spans.sort(key=lambda s: (s[0], -s[1]))
    return document, spans


# -- the plan for one document --------------------------------------------------------------
@dataclass
class Plan:
    """Which languages a document may hold and how to tell, for each prose segment, which
    one it is in. `languages` are the packs whose gates run on the document."""

    default: str
    languages: tuple[str, ...]
    per_paragraph: bool = False  # a mixed document: detect each segment's language
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

    @property
    def single(self) -> bool:
        return len(self.languages) == 1 and not self.spans and not self.per_paragraph

    def piece(self, start: int, end: int) -> "Plan":
        """The plan for source[start:end] read on its own (a front end that lints a piece
        of a document at a time): the document's default and the declared spans that
        overlap the piece, in the piece's offsets."""
        spans = [(max(0, s - start), min(e, end) - start, lang) for s, e, lang in self.spans if s < end and e > start]
        return Plan(self.default, self.languages, self.per_paragraph, spans)

    @property
    def key(self) -> tuple:
        """What decides the language of every segment: for caches of linted pieces."""
        return self.default, self.languages, self.per_paragraph, tuple(self.spans)

    def shifted(self, start: int) -> "Plan":
        """The plan for a chunk of the document that starts at source offset `start`."""
        spans = [(max(0, s - start), e - start, lang) for s, e, lang in self.spans if e > start]
        return Plan(self.default, self.languages, self.per_paragraph, spans)

    def assign(self, segments) -> list[str]:
        """The language of each of `segments` (objects with `.text` and `.start_of(0)`, in
        document order). In a mixed document a paragraph without evidence (a heading, a
        name, a table cell) takes the language of the next paragraph that has some (a
        heading introduces what follows), else of the previous one, else the document's."""
        out: list[str | None] = []
        for seg in segments:
            declared = self.declared_at(seg.start_of(0))
            if declared is not None:
                out.append(declared)
            elif self.per_paragraph:
                out.append(detect(seg.text))
            else:
                out.append(self.default)
        if self.per_paragraph:
            following: str | None = None
            for k in range(len(out) - 1, -1, -1):
                if out[k] is None:
                    out[k] = following
                else:
                    following = out[k]
            previous = self.default
            for k, lang in enumerate(out):
                if lang is None:
                    out[k] = previous
                else:
                    previous = lang
        return out  # type: ignore[return-value]

    def declared_at(self, offset: int) -> str | None:
        """The language declared by the innermost element around source `offset`, if any."""
        if not self.spans:
            return None
        if not self._starts:
            self._starts = [s for s, _, _ in self.spans]
        k = bisect.bisect_right(self._starts, offset)
        for start, end, lang in reversed(self.spans[:k]):  # innermost: the latest start
            if start <= offset < end:
                return lang
        return None

    def language_at(self, offset: int, text: str | None = None) -> str:
        """The language of the segment that starts at source `offset` (its prose `text`,
        for per-paragraph detection)."""
        declared = self.declared_at(offset)
        if declared is not None:
            return declared
        if self.per_paragraph and text is not None:
            return detect(text, self.default) or self.default
        return self.default


def plan(source: str, fmt: str, setting: str = "auto") -> Plan:
    """How to read the languages of `source`. `setting` is the configuration's `language`."""
    sole = sole_language(source, fmt, setting)
    if sole is not None:
        return Plan(sole, (sole,))
    return _plan(source, fmt, setting)


def _plan(source: str, fmt: str, setting: str) -> Plan:
    """`plan`, from the declarations in `source` (any text; what `sole_language` tells at a
    glance where it can)."""
    document, spans = declarations(source, fmt)
    languages = {lang for _, _, lang in spans if lang in LANGUAGES}
    if document is None and setting in LANGUAGES:
        document = setting
    if document is not None:
        default = document
        if default in LANGUAGES:
            languages.add(default)
        return Plan(default, tuple(sorted(languages)), False, spans)
    if not spanish_hint(source):
        return Plan(DEFAULT, tuple(sorted(languages | {DEFAULT})), False, spans)
    en, es = _evidence(source)
    default = "es" if es > en else DEFAULT
    # mixed: both languages' function words, in proportion or in a block of their own
    en_words, es_words = _evidence(source, letters=False) if es > 0 else (en, es)
    mixed = min(en_words, es_words) >= 3 and (min(en_words, es_words) >= 0.1 * max(en_words, es_words)
                                              or _minority_block(source, default))
    languages |= {"en", "es"} if mixed else {default}
    return Plan(default, tuple(sorted(languages)), mixed, spans)


def sole_language(source: str, fmt: str, setting: str = "auto") -> str | None:
    """The one language of `source` when it can be told at a glance (else None, and `plan`
    looks further): nothing in it can declare a language (`declarations` finds nothing in
    a format other than HTML and Markdown, nor in a text without "lang"), and the setting
    names a language or the text shows no sign of Spanish. The common case of a post, a
    plain-text file or a page without lang attributes: `plan` gives `Plan(it, (it,))`
    without reading the markup for declarations."""
    if fmt in ("html", "markdown") and "lang" in source:
        return None
    if setting in LANGUAGES:
        return setting
    return None if spanish_hint(source) else DEFAULT


def _minority_block(source: str, majority: str) -> bool:
    """Does a block (text between blank lines) of a document that is mostly in `majority`
    read as the other language? A Spanish paragraph in a long English page, as against an
    English page that names a café or quotes one Spanish word."""
    for block in re.split(r"\n[ \t]*\n", source[:4 * _SAMPLE]):
        if majority == "en" and not spanish_hint(block):
            continue
        en, es = score(block, letters=False)
        if (es > en if majority == "en" else en > es) and max(en, es) >= 4:
            return True
    return False


def _evidence(source: str, letters: bool = True) -> tuple[float, float]:
    """Evidence of each language in a whole document, from samples spread through it."""
    if len(source) <= 4 * _SAMPLE:
        return score(source, len(source), letters)
    en = es = 0.0
    step = len(source) // 4
    for k in range(4):
        a, b = score(source[k * step:k * step + _SAMPLE], letters=letters)
        en, es = en + a, es + b
    return en, es
