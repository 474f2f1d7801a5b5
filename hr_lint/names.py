"""Proper names are not language to fix.

Two defences: a list of well-known names (agencies, fellowships, programs, laws),
matched as phrases, and a heuristic for capitalised names the list cannot know
("Hooker Avenue", "Judge Hooker", "the film Psycho", "Riverbend Drug Users Union").

A capital letter alone is weak evidence: title-case headings, a capitalised label before a
colon at the start of a line ("Heavy Users: ...") and list items after a bullet are prose.
A name the paragraph uses elsewhere is strong evidence: one name per paragraph
(`named_elsewhere`), inflected forms included where they can only be the name
(`inflected_name`).
"""
from __future__ import annotations

from .inflect import pluralize

KNOWN_NAMES = [
    # agencies and institutes
    "National Institute on Drug Abuse", "National Institute on Alcohol Abuse and Alcoholism",
    "Substance Abuse and Mental Health Services Administration",
    "Center for Substance Abuse Treatment", "Center for Substance Abuse Prevention",
    "Substance Abuse Prevention and Treatment Block Grant", "Substance Abuse Block Grant",
    "Office of National Drug Control Policy", "Bureau of Prisons", "Drug Abuse Resistance Education",
    "Drug Abuse Warning Network", "National Survey on Drug Use and Health",
    # fellowships and organisations
    "Alcoholics Anonymous", "Narcotics Anonymous", "Cocaine Anonymous", "Crystal Meth Anonymous",
    "Marijuana Anonymous", "Heroin Anonymous", "Pills Anonymous", "Addicts Anonymous",
    "Adult Children of Alcoholics", "Al-Anon", "Nar-Anon", "Alateen", "SMART Recovery",
    "Urban Survivors Union", "Vancouver Area Network of Drug Users", "VANDU",
    "International Network of People who Use Drugs", "INPUD", "Drug Users Union",
    "National Alliance on Mental Illness", "Mental Health America",
    "American Foundation for Suicide Prevention", "988 Suicide and Crisis Lifeline",
    "Suicide and Crisis Lifeline", "National Suicide Prevention Lifeline",
    "Sex Workers Outreach Project", "Global Network of Sex Work Projects",
    # programs, laws and grants
    "Drug-Free Communities", "Drug-Free Workplace Act", "Drug Free Workplace Act", "Safe and Drug-Free Schools",
    "McKinney-Vento", "Clean Slate", "Clean Slate Act", "Relapse Prevention", "Inmate Locator",
    "Mainstreaming Addiction Treatment Act", "MAT Act", "Comprehensive Addiction and Recovery Act",
    "Anti-Drug Abuse Act", "Controlled Substances Act", "Mental Health Parity and Addiction Equity Act",
    "Drug Abuse Resistance Education", "Big Book",
]

# Spanish names: agencies, fellowships, networks and programmes whose names hold a term
KNOWN_NAMES_ES = [
    "Alcohólicos Anónimos", "Narcóticos Anónimos", "Cocainómanos Anónimos", "Drogadictos Anónimos",
    "Adictos Anónimos", "Hijos Adultos de Alcohólicos", "Familias Anónimas",
    "Instituto Nacional sobre el Abuso de Drogas", "Instituto Nacional sobre el Abuso del Alcohol y el Alcoholismo",
    "Administración de Servicios de Salud Mental y Abuso de Sustancias",
    "Centro para el Tratamiento del Abuso de Sustancias", "Centro para la Prevención del Abuso de Sustancias",
    "Comisión Interamericana para el Control del Abuso de Drogas",
    "Oficina de las Naciones Unidas contra la Droga y el Delito", "Plan Nacional sobre Drogas",
    "Observatorio Español de las Drogas y las Adicciones", "Comisión Nacional contra las Adicciones",
    "Comisión Nacional de Salud Mental y Adicciones", "Centros de Integración Juvenil", "Línea de la Vida",
    "Red Latinoamericana y del Caribe de Personas que Usan Drogas", "Orgullo Loco",
    "Ley de Abuso de Sustancias", "Día Internacional de la Lucha contra el Uso Indebido y el Tráfico Ilícito de Drogas",
]


def known_names(language: str = "en") -> list[str]:
    """The names matched as phrases in a language's text (Spanish text quotes English names too)."""
    return KNOWN_NAMES + KNOWN_NAMES_ES if language == "es" else KNOWN_NAMES


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "january", "february", "march", "april", "may", "june", "july", "august", "september",
             "october", "november", "december", "christmas", "then"}

# Small words that may stand inside a capitalised name ("Institute on Drug Abuse").
_CONNECTORS = {"of", "on", "and", "for", "the", "&", "-", "de", "in", "to", "at"}
# in Spanish names: "Instituto Nacional sobre el Abuso de Drogas", "Casa del Indigente"
_CONNECTORS_ES = _CONNECTORS | {"del", "la", "las", "el", "los", "y", "e", "para", "sobre", "contra", "en", "a", "al",
                                "con", "por", "sin"}
_QUOTE_OPENERS = {'"', "\u201c", "\u2018", "\u00ab"}
_OPENERS = {'"', "'", "\u201c", "\u2018", "(", "[", "*", "_", "\u2022", "-", "\u2013", "\u2014", ":", "\u00bf",
            "\u00a1"}


def _acronym(t: str) -> bool:
    """An acronym, or the plural of one ('IDU', 'IVDUs', 'PWIDs'): its capitals are its spelling,
    not a sign of a name."""
    return len(t) > 1 and (t.isupper() or (len(t) > 2 and t.endswith("s") and t[:-1].isupper()))


def _capitalised(tok) -> bool:
    t = tok.text
    return t[:1].isupper() and t != "I" and not _acronym(t)


# list bullets; the first ones are never anything else, so a word after one starts a list
# item even where the reader has joined the lines of a paragraph
_TRUE_BULLETS = {"\u2022", "\u25e6", "\u25aa", "\u2023", "\u2043", "\u25cf", "\u25cb", "\u25a0"}
_BULLETS = _TRUE_BULLETS | {"-", "\u2013", "\u2014", "*", "+"}


def _line_start(doc, i: int) -> bool:
    """Token i opens a line: the first token of the text or after a line break."""
    return i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_


def _closing_quote(doc, i: int) -> bool:
    """A straight quote mark at i that closes a quotation: attached to the word before it
    ('General "Fighting Joe" Hooker')."""
    return i > 0 and doc[i].text in ('"', "'") and doc[i - 1].whitespace_ == "" and doc[i - 1].is_alpha


def _initial(tok) -> bool:
    """First word of its sentence, or of a line that starts with a list bullet, ignoring
    opening punctuation."""
    doc = tok.doc
    i = tok.i - 1
    while i >= tok.sent.start:
        prev = doc[i]
        if prev.is_space:
            if "\n" in prev.text and i + 1 < tok.i and doc[i + 1].text in _BULLETS:
                return True  # '  • Alcoholic': a list item starts a line of its own
            return False
        if prev.text in _QUOTE_OPENERS and not _closing_quote(doc, i):
            return True
        if prev.text in _TRUE_BULLETS or (prev.text in _BULLETS and _line_start(doc, i)):
            return True
        if prev.text == ":" and doc.lang_ == "es":
            return True  # in Spanish a colon opens a clause: 'A: Alcohólico con...', 'Nota: Adictos...'
        if prev.text not in _OPENERS and not prev.is_punct and not prev.like_num:
            return False
        if prev.text in (".", "!", "?"):
            return True
        if _closing_quote(doc, i):
            return False  # a word, then its closing quote: the match is inside the sentence
        i -= 1
    return True


def _after_hyphen(t) -> bool:
    """The second part of a hyphenated compound ('Court-ordered', 'Peer-led'), which title
    case often leaves in lower case."""
    doc = t.doc
    return t.i >= 2 and doc[t.i - 1].text in ("-", "\u2010", "\u2011") and doc[t.i - 1].whitespace_ == "" \
        and doc[t.i - 2].whitespace_ == ""


def title_case_sentence(sent) -> bool:
    """Headings and titles capitalise every word, so capitals say nothing there."""
    connectors = _connectors(sent.doc)
    words = [t for t in sent if t.is_alpha and t.lower_ not in connectors
             and t.lower_ not in ("a", "an", "with", "from", "by", "as", "or") and not _after_hyphen(t)]
    if len(words) < 2:
        return bool(words) and all(t.text[:1].isupper() for t in words) and len(sent) <= 3
    lower = sum(1 for t in words if not t.text[:1].isupper())
    return lower == 0 or (len(words) >= 10 and lower / len(words) <= 0.1)


def capitalised_name(doc, start: int, end: int) -> bool:
    """Does the match stand in a capitalised name rather than in running prose?"""
    tokens = [t for t in doc[start:end] if t.is_alpha]
    if not tokens or not all(_capitalised(t) for t in tokens):
        return False
    sent = doc[start].sent
    # a title and its author: "Junky by William S. Burroughs", "Girl, Interrupted by Susanna Kaysen"
    if end + 1 < sent.end and doc[end].lower_ == "by" and doc[end + 1].is_alpha and _capitalised(doc[end + 1]) \
            and doc[end + 1].lower_ not in _WEEKDAYS:
        return True
    if _question_heading(doc, sent) and not _in_longer_run(doc, start, end):
        return False  # 'What is Substance Abuse?': a heading line, a generic term in it is prose
    if doc.lang_ == "es" and _quoted_title(doc, start, end):
        return True  # «El Loco de San Cayetano»: a title in quotation marks
    if title_case_sentence(sent):
        # a heading opens its paragraph; a title-case sentence inside one is the title of a
        # work it cites ('NIDA (2004). Exploring Adolescent Drug Abuse. Retrieved from ...')
        return _cited_title(doc, sent)
    if _heading_label(doc, start, end):
        return False
    first = doc[start]
    # a capitalised word that is not the first of its sentence is a name or a title
    if not _initial(first):
        return True
    # sentence-initial: a name only if a capitalised word follows ("Hooker Avenue is closed")
    j = end
    connectors = _connectors(doc)
    while j < sent.end and doc[j].lower_ in connectors:
        j += 1
    return j < sent.end and j > end - 1 and doc[j].is_alpha and _capitalised(doc[j]) and (j == end or doc[j - 1].lower_ in connectors)


# lower-case words a heading in sentence or title case may hold ('What is Substance Abuse?',
# 'How to Talk About Drug Abuse'); any other lower-case word makes the line prose
_HEADING_SMALL = _CONNECTORS | {
    "a", "an", "is", "are", "was", "were", "be", "do", "does", "did", "can", "could", "should",
    "will", "would", "you", "your", "i", "my", "we", "our", "it", "its", "about", "with", "or",
    "how", "what", "why", "when", "who", "not", "vs", "from", "by", "as", "into", "so", "if",
    "that", "this", "there", "than", "me", "us", "they", "he", "she"}


def _question_heading(doc, sent) -> bool:
    """The sentence is a line of its own, a short heading or question heading: it starts and
    ends its line, has 2-12 words, no digits, no full stop at the end, starts with a capital,
    and its only lower-case words are small words ('What is Substance Abuse?')."""
    toks = [t for t in sent if not t.is_space]
    if not toks or not _line_start(doc, toks[0].i):
        return False
    last = toks[-1]
    if last.i + 1 < len(doc) and "\n" not in last.whitespace_ and "\n" not in doc[last.i + 1].text:
        return False
    if last.text in (".", ";", ",", ":") or any(t.like_num or any(ch.isdigit() for ch in t.text) for t in toks):
        return False
    words = [t for t in toks if t.is_alpha]
    if not 2 <= len(words) <= 12 or not words[0].text[:1].isupper():
        return False
    return all(t.text[:1].isupper() or t.lower_ in _HEADING_SMALL or _after_hyphen(t) for t in words)


def heading_words(words: list[str]) -> bool:
    """2-12 words that read as a heading: the first capitalised, every other one capitalised
    or a small word ('What is Substance Abuse?', 'How Do I Get Help?')."""
    words = [w.strip("?!\"'\u201c\u201d()") for w in words]
    words = [w for w in words if w]
    return 2 <= len(words) <= 12 and words[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in _HEADING_SMALL for w in words)


def _in_longer_run(doc, start: int, end: int) -> bool:
    """The match is part of a longer capitalised run ('the County Substance Abuse Prevention
    Council'): a capitalised word after it, or capitalised words before it after 'the'."""
    sent = doc[start].sent
    after = doc[end] if end < sent.end else None
    if after is not None and after.is_alpha and _capitalised(after):
        return True
    if after is not None and after.lower_ in _CONNECTORS and end + 1 < sent.end and _capitalised(doc[end + 1]):
        return True
    # capitalised words before the match are the term's own modifier or title case ('What is
    # Substance Abuse?', 'How Do I Spot Drug Abuse?'), unless 'the' opens them: 'the Riverbend
    # Valley Substance Abuse office'
    k, run = start - 1, 0
    while k >= sent.start and doc[k].is_alpha and _capitalised(doc[k]):
        run += 1
        k -= 1
    return run >= 2 and k >= sent.start and doc[k].lower_ == "the"


def _heading_label(doc, start: int, end: int) -> bool:
    """The match stands in a short capitalised label that opens its line or sentence and
    ends with a colon, a heading in all but layout: 'Heavy Drug Users: people who...',
    '\u2022 Former Inmates: what to expect'."""
    sent = doc[start].sent
    k = start
    while k > sent.start and not _line_start(doc, k) and doc[k - 1].text not in _TRUE_BULLETS:
        k -= 1
    while k < start and (doc[k].is_space or doc[k].text in _BULLETS):
        k += 1
    j = end
    while j < sent.end and doc[j].text != ":" and "\n" not in doc[j].text and j - k <= 10:
        j += 1
    if j >= sent.end or doc[j].text != ":" or doc[k].text in _QUOTE_OPENERS | {"'"}:
        return False  # a quoted title before a colon is a title, not a heading
    words = [t for t in doc[k:j] if t.is_alpha and t.lower_ not in _CONNECTORS]
    return 1 <= len(words) <= 8 and all(t.text[:1].isupper() for t in words)


def single_name(doc, start: int, end: int) -> bool:
    """A match judged a name (`capitalised_name`) that is a whole name by itself, or a
    surname after a given name or title ('Vagrant', 'Joseph Hooker', 'General Hooker'), not
    the first word of a longer name ('Hooker Avenue', 'Crazy Horse')."""
    sent = doc[start].sent
    nxt = doc[end] if end < sent.end else None
    return not (nxt is not None and nxt.is_alpha and _capitalised(nxt))


# Plural heads of names that are something for, of or about the people the first word
# names, not a kind the word picks out: 'Inmate Programs' are not inmates, so 'Inmates'
# alone in the same paragraph is still the people ('Convict Cichlids' are the convicts).
_NOT_A_KIND = frozenset(
    "services programs programmes rights records accounts funds visits calls phones deposits "
    "affairs units resources benefits groups meetings classes courses workshops projects "
    "networks unions associations organizations organisations alliances councils committees "
    "advocates families relatives visitors volunteers workers officers guards staffs lawyers "
    "laws acts rules policies codes studies reports statistics stories letters lists files "
    "cases days weeks years hours centers centres homes houses camps courts clinics "
    "shelters facilities supports needs issues matters questions answers".split())


def _plural_noun(tok) -> bool:
    """Looks like a plural noun: 'Cichlids', 'Ants', 'Bars' (not 'Glass', 'Virus',
    'Analysis', a possessive or an initialism)."""
    low = tok.lower_
    return (len(low) > 3 and tok.is_alpha and low.endswith("s") and not low.endswith(("ss", "us", "is"))
            and not tok.text.isupper())


def inflected_name(doc, start: int, end: int) -> str | None:
    """The name, when a one-word match is the first word of a capitalised name with a plural
    head ('Convict Cichlids', 'Crazy Ants') that is a kind of thing the word picks out: the
    paragraph may then call them by the word in the plural ('Convicts will chase...'), which
    is that name. Not for a name of one word ('Joseph Hooker': 'Hookers' is another word), a
    singular head ('Convict Lake': 'Convicts' are people), a longer name ('Inmate Programs of
    Texas') or a head that is something for the people the word names ('Inmate Services')."""
    if end - start != 1 or not _capitalised(doc[start]) or not doc[start].is_alpha:
        return None
    sent = doc[start].sent
    j = end
    while j < sent.end and doc[j].is_alpha and _capitalised(doc[j]) and doc[j].lower_ not in _WEEKDAYS:
        j += 1
    if j == end:
        return None
    if j + 1 < sent.end and doc[j].lower_ in _CONNECTORS and _capitalised(doc[j + 1]):
        return None
    head = doc[j - 1]
    if not _plural_noun(head) or head.lower_ in _NOT_A_KIND:
        return None
    return doc[start:j].text


def name_forms(doc, start: int, end: int) -> dict[str, str]:
    """What one name a match stands in gives the paragraph (`named_elsewhere`): each form of
    the matched words that is that name elsewhere, lower-cased, with the name. Call it only
    for a match `capitalised_name` judged a name."""
    if single_name(doc, start, end):
        return {doc[start:end].text.lower(): doc[start:end].text}
    name = inflected_name(doc, start, end)
    if name is None:
        return {}
    return {pluralize(doc[start].text).lower(): name}


def named_elsewhere(doc, start: int, end: int, named) -> bool:
    """One name per paragraph: a capitalised match whose words the same paragraph uses as a
    name elsewhere is that name here too, even at the start of a sentence or in a title-case
    line ('Joseph Hooker was born in 1814. Hooker received three promotions'); so is the
    plural of the first word of a name with a plural head ('Convict Cichlids ... Convicts
    will chase'; `inflected_name`). `named`: the forms `name_forms` gave for the paragraph."""
    if not named:
        return False
    tokens = [t for t in doc[start:end] if t.is_alpha]
    return bool(tokens) and all(_capitalised(t) for t in tokens) and doc[start:end].text.lower() in named


_CITATION_WORDS = {"retrieved", "doi", "isbn", "pp", "vol", "accessed", "available"}


def _cited_title(doc, sent) -> bool:
    """A title-case sentence inside a reference (an author and a year in brackets before it,
    or 'Retrieved from', a DOI, pages after it), not at the start of its paragraph: the
    title of the work it cites ('NIDA. (2004). Exploring Adolescent Drug Abuse. Retrieved
    from ...')."""
    k = sent.start
    if k == 0 or _line_start(doc, k) or doc[k - 1].text not in (".", ")"):
        return False
    if len([t for t in sent if t.is_alpha]) < 3:
        return False
    year = any(doc[i].text == "(" and doc[i + 1].like_num and len(doc[i + 1].text) == 4
               for i in range(max(0, k - 12), k - 1))
    return year or any(t.lower_ in _CITATION_WORDS for t in doc[sent.end:min(len(doc), sent.end + 4)])


_OPEN_QUOTES = {"\u00ab": "\u00bb", "\u201c": "\u201d", '"': '"'}


def _quoted_title(doc, start: int, end: int) -> bool:
    """Is doc[start:end] inside quotation marks that hold nothing but a capitalised title
    (small connectors aside): «El Loco de San Cayetano», “Alcohólicos en la Ciudad”?"""
    sent = doc[start].sent
    connectors = _CONNECTORS_ES
    k = start - 1
    while k >= sent.start and doc[k].text not in _OPEN_QUOTES:
        t = doc[k]
        if t.is_alpha and t.lower_ not in connectors and not t.text[:1].isupper():
            return False
        if not t.is_alpha and t.text not in ("-", "'"):
            return False
        k -= 1
    if k < sent.start:
        return False
    closer = _OPEN_QUOTES[doc[k].text]
    j = end
    while j < sent.end and doc[j].text != closer:
        t = doc[j]
        if t.is_alpha and t.lower_ not in connectors and not t.text[:1].isupper():
            return False
        if not t.is_alpha and t.text not in ("-", "'"):
            return False
        j += 1
    return j < sent.end and j - k > 2


def _connectors(doc) -> set[str]:
    return _CONNECTORS_ES if doc.lang_ == "es" else _CONNECTORS
