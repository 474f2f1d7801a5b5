"""Whose voice is it? Quotations, words mentioned as words, first person, negation.

These tests work on a spaCy Doc of one prose segment and token indices; they only
look at surface words, so they need no trained model.
"""
from __future__ import annotations

import re

# An opening quote mark and the marks that may close it.
_DOUBLE_OPEN = {'"': '"', "\u201c": "\u201d", "\u201e": "\u201d", "\u00ab": "\u00bb"}
_SINGLE_OPEN = {"'": "'", "\u2018": "\u2019"}
# what may close each closer: a straight double quote and a right curly one close each other
_CLOSING = {c: re.compile("[" + re.escape(c + ({'"': "\u201d", "\u201d": '"'}.get(c, ""))) + "]")
            for c in {*_DOUBLE_OPEN.values(), *_SINGLE_OPEN.values()}}
_QUOTE_MARK = re.compile("[" + re.escape("".join(_DOUBLE_OPEN) + "".join(_SINGLE_OPEN)) + "]")


def quote_spans(text: str, language: str = "en") -> list[tuple[int, int]]:
    """Character spans (inside the marks) of quotations in a segment of prose.

    Single quotes are only taken as quotes when they cannot be apostrophes: the
    opener follows a space or bracket and the closer is followed by a non-letter.
    An unclosed double quote runs to the end of the segment (a quoted paragraph).
    In Spanish, dialogue introduced by a dash (—) is quoted speech too (`dialogue_spans`).
    """
    spans = _mark_spans(text)
    if language == "es" and "\u2014" in text:
        spans = sorted(spans + [d for d in dialogue_spans(text) if not any(s <= d[0] < e for s, e in spans)])
    return spans


def _mark_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    n = len(text)
    i = 0
    find = _QUOTE_MARK.search
    while i < n:
        m = find(text, i)  # the next mark that may open a quotation (no Python loop over letters)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        closer = None
        if ch in _DOUBLE_OPEN:
            closer = _DOUBLE_OPEN[ch]
        elif ch in _SINGLE_OPEN and (i == 0 or not text[i - 1].isalnum()) and i + 1 < n and text[i + 1].isalnum():
            closer = _SINGLE_OPEN[ch]
        if closer is None:
            i += 1
            continue
        j = i + 1
        end = -1
        close = _CLOSING[closer].search
        while (mc := close(text, j)) is not None:
            j = mc.start()
            if closer in ("'", "\u2019") and j + 1 < n and text[j + 1].isalpha():
                j += 1  # an apostrophe inside the quote (don't, addict's)
                continue
            end = j
            break
        if end == -1:
            if closer in ("'", "\u2019"):
                i += 1  # a lone single mark is an apostrophe, not a quotation
                continue
            end = n
        spans.append((i + 1, end))
        i = end + 1
    return spans


_DASH = "\u2014"


def dialogue_spans(text: str) -> list[tuple[int, int]]:
    """Spans of speech in Spanish dialogue: a dash that opens a turn (at the start of the
    paragraph, or after the end of a sentence) starts speech, which runs to the end of the
    turn; a narrator's insert (" —dijo Ana—", " —contó él.") is not speech, and speech
    resumes after the insert's closing dash.

        —Llevo dos años sin consumir —dijo Ana—. Ahora ayudo a otros.
         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^           ^^^^^^^^^^^^^^^^^^^^^^
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    i = 0
    while i < n:
        i = text.find(_DASH, i)
        if i == -1:
            break
        k = i - 1
        while k >= 0 and text[k] in " \t":
            k -= 1
        opens = (k < 0 or text[k] in ".!?:;\u2026\u00bb\"\u201d") and i + 1 < n and not text[i + 1].isspace()
        if not opens:
            i += 1
            continue
        start = i + 1
        pos = start
        while True:
            j = text.find(_DASH, pos)
            if j == -1:  # the turn runs to the end of the paragraph
                spans.append((start, n))
                i = n
                break
            after = text[j + 1:j + 2]
            if j > start and text[j - 1] == " " and after[:1].isalpha() and after.islower():
                spans.append((start, j - 1))  # a narrator's insert begins: "—dijo Ana"
                close = text.find(_DASH, j + 1)
                if close == -1:
                    i = n
                    break
                rest = text[close + 1:close + 3]
                if rest[:1] in ".,;:" or rest[:1] == " ":  # "—dijo Ana—. Ahora..." : speech again
                    start = close + 1
                    while start < n and text[start] in ".,;: ":
                        start += 1
                    pos = start
                    if start >= n:
                        i = n
                        break
                    continue
                i = close + 1
                break
            # a dash that opens the next turn ends this one
            k = j - 1
            while k >= start and text[k] == " ":
                k -= 1
            if k >= start and text[k] in ".!?\u2026":
                spans.append((start, k + 1))
                i = j
                break
            pos = j + 1
    return [(s, e) for s, e in spans if e > s]


def enclosing_quote(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    for qs, qe in spans:
        if qs <= start and end <= qe:
            return qs, qe
    return None


_ARTICLES = {"a", "an", "the"}


def is_mention(text: str, quote: tuple[int, int], start: int, end: int) -> bool:
    """A quotation that holds little more than the term itself: the word as a word."""
    inside = text[quote[0]:quote[1]]
    words = [w.strip(".,;:!?()[]").lower() for w in inside.split()]
    words = [w for w in words if w and w not in _ARTICLES]
    term_words = [w for w in text[start:end].lower().split() if w not in _ARTICLES]
    return len(words) <= len(term_words) + 1


_SCARE_COPULA = {"is", "was", "are", "were", "'s", "\u2019s", "be", "been", "being", "became", "becomes",
                 "become", "remains", "remained", "seems", "seemed"}
_SCARE_ADVERBS = {"also", "always", "still", "now", "just", "basically", "clearly", "really", "truly",
                  "definitely", "obviously", "essentially", "practically", "already", "such"}


def is_scare_quote(doc, quote: tuple[int, int], start: int) -> bool:
    """'The patient is a "frequent flyer" in the ED': quotation marks around a label the writer
    applies to someone, as the complement of 'is a', 'was an', 'became a': scare quotes, the
    writer's own label, neither the word mentioned as a word nor anyone's speech."""
    k = start - 1
    while k >= 0 and doc[k].idx >= quote[0] - 1:
        k -= 1  # back over the opening mark (and an article inside it)
    if k < 1 or doc[k].lower_ not in {"a", "an"}:
        return False
    k -= 1
    if doc[k].lower_ in _SCARE_ADVERBS and k >= 1:
        k -= 1
    return doc[k].lower_ in _SCARE_COPULA


_SELF_SUBJECTS = {"i", "we"}
_LINKING = {
    "am", "'m", "\u2019m", "was", "were", "are", "'re", "\u2019re", "'ve", "\u2019ve", "have", "had",
    "been", "be", "got", "get", "stay", "stayed", "became", "become", "remain", "remained",
    "'ll", "will", "'d", "would", "used", "feel", "felt", "identify", "consider",
}
# words between "I was" and a label that show the label is someone else's
_ACTION = {"look", "looked", "looking", "help", "helped", "helping", "serve", "served", "serving",
           "call", "called", "calling", "describe", "described", "see", "saw", "seen", "work",
           "worked", "working", "meet", "met", "treat", "treated", "down", "on", "with", "for", "to",
           "about", "at", "of", "like", "than", "judge", "judged", "hate", "hated", "fear", "feared"}
_STOP = {",", ";", ":", "that", "who", "which", "because", "but", "when", "if", "think", "thought",
         "believe", "know", "say", "said", "see", "saw", "met", "serve", "help", "call", "called"}


# Spanish: the speaker's own verbs and pronouns ("Soy adicto", "fui vagabundo", "llevo dos
# años limpio", "salí limpio", "yo era un drogadicto", "a los drogadictos nos culpan")
_ES_SELF = {"yo", "nosotros", "nosotras", "soy", "era", "fui", "estoy", "estaba", "estuve", "sigo", "seguía",
            "llevo", "llevaba", "somos", "éramos", "fuimos", "estamos", "estábamos", "estuvimos", "seguimos",
            "llevamos", "me", "nos", "he", "había", "hemos", "habíamos", "salí", "salimos", "quedé", "volví",
            "considero", "consideramos", "declaro", "identifico", "siento", "sentía", "mantengo", "mantenemos"}
_ES_SELF_VERBS = _ES_SELF - {"me", "nos", "yo", "nosotros", "nosotras", "era", "había", "estaba", "seguía",
                              "llevaba", "sentía"}
_ES_STOP = {",", ";", ":", "que", "quien", "quienes", "porque", "pero", "cuando", "si", "aunque", "como", "donde",
            "creo", "pienso", "dije", "vi", "conocí", "atendí", "ayudé", "ayudo", "ayudamos", "atendemos",
            "trabajo", "trabajé", "trabajamos", "llamo", "llamé", "llamamos", "veo"}
# between "yo" and the label, words that make the label someone else's ("yo ayudaba a los adictos")
_ES_ACTION = {"a", "al", "con", "para", "de", "del", "sobre", "contra", "entre", "ayudaba", "atendía", "veía",
              "trabajaba", "conocía", "cuidaba", "servía", "temía", "juzgaba", "llamaba"}


def _is_first_person_es(doc, start: int) -> bool:
    sent = doc[start].sent
    if doc[start].lower_ in _ES_SELF_VERBS:
        return True  # the finding starts with the speaker's verb: 'Soy adicto'
    lo = max(sent.start, start - 7)
    window = doc[lo:start]
    for k in range(len(window) - 1, -1, -1):
        low = window[k].lower_
        if low in _ES_STOP:
            break
        if low in _ES_SELF:
            rest = {t.lower_ for t in window[k + 1:]}
            return not (rest & _ES_ACTION)
    after = [t.lower_ for t in doc[start + 1:min(sent.end, start + 4)]]
    if "nos" in after or "nosotros" in after or "nosotras" in after or "mismo" in after and "yo" in after:
        return True  # "a los drogadictos nos culpan", "adicto yo mismo"
    k = start - 1
    while k > sent.start and doc[k].lower_ in _ES_ARTICLES:
        k -= 1
    if doc[k].lower_ == "como" and (k == sent.start or doc[k - 1].is_punct):
        later = {t.lower_ for t in doc[start:min(sent.end, start + 6)]}
        return bool(later & {"yo", "nosotros", "nosotras", "sé", "sabemos", "puedo", "podemos"})  # "Como adicto, yo..."
    return False


_ES_ARTICLES = {"el", "la", "los", "las", "un", "una", "unos", "unas", "lo"}


def is_first_person(doc, start: int) -> bool:
    """'I'm an addict', 'we were users', 'as an alcoholic, I ...': a person speaking of themselves."""
    if doc.lang_ == "es":
        return _is_first_person_es(doc, start)
    sent = doc[start].sent
    lo = max(sent.start, start - 7)
    window = doc[lo:start]
    for k in range(len(window) - 1, -1, -1):
        tok = window[k]
        low = tok.lower_
        if low in _STOP:
            break
        if low in _SELF_SUBJECTS:
            rest = [t.lower_ for t in window[k + 1:]]
            # "I'm a proud addict" is about the speaker; "I used to look down on the homeless"
            # and "we have helped former prostitutes" are about other people
            return bool(rest) and rest[0] in _LINKING and not (set(rest[1:]) & _ACTION)
    # "As an addict, I ..." / "As a person in recovery and an addict myself"
    k = start - 1
    while k > sent.start and doc[k].lower_ in _ARTICLES:
        k -= 1
    if doc[k].lower_ == "as" and (k == sent.start or doc[k - 1].is_punct):
        after = [t.lower_ for t in doc[start:min(sent.end, start + 6)]]
        return "i" in after or "we" in after or "myself" in after
    after = [t.lower_ for t in doc[start:min(sent.end, start + 3)]]
    return "myself" in after or "ourselves" in after


_NEGATIONS = {"not", "n't", "n\u2019t", "never", "no", "nor", "myth", "myths", "false", "neither", "isn't",
              "aren't", "wasn't", "stigma", "stereotype", "stereotypes", "misconception", "misconceptions",
              "mistaken", "wrong"}


_NEGATIONS_ES = {"no", "nunca", "jamás", "ni", "tampoco", "mito", "mitos", "falso", "falsa", "estigma", "estereotipo",
                 "estereotipos", "prejuicio", "prejuicios", "error", "equivocado", "equivocada"}


def is_negated(doc, start: int) -> bool:
    """A negating or refuting word earlier in the same sentence."""
    sent = doc[start].sent
    negations = _NEGATIONS_ES if doc.lang_ == "es" else _NEGATIONS
    return any(t.lower_ in negations for t in doc[sent.start:start])


_MENTION_CUES = [
    ("instead", "of"), ("rather", "than"), ("avoid",), ("avoiding",), ("the", "word"), ("the", "words"),
    ("the", "term"), ("the", "terms"), ("the", "phrase"), ("the", "label"), ("the", "labels"),
    ("words", "like"), ("terms", "like"), ("labels", "like"), ("replace",), ("replaced",), ("replacing",),
]


_MENTION_CUES_ES = [
    ("en", "lugar", "de"), ("en", "vez", "de"), ("evite",), ("evita",), ("evitar",), ("evitamos",), ("evitemos",),
    ("la", "palabra"), ("las", "palabras"), ("el", "término"), ("los", "términos"), ("la", "expresión"),
    ("las", "expresiones"), ("la", "etiqueta"), ("las", "etiquetas"), ("el", "calificativo"), ("palabras", "como"),
    ("términos", "como"), ("etiquetas", "como"), ("expresiones", "como"), ("reemplace",), ("reemplazar",),
    ("reemplazamos",), ("sustituya",), ("sustituir",), ("sustituimos",), ("no", "diga"), ("no", "digas"),
    ("no", "decir"), ("no", "use"), ("no", "usar"), ("no", "escriba"), ("no", "escribir"), ("dejar", "de", "decir"),
]


def is_mention_cue(doc, start: int) -> bool:
    """'instead of clean', 'avoid the term addict': language about language.

    The cue must stand right before the term (an article or quote mark may sit
    between), so "avoid arguing with the homeless men" is still the writer's voice.
    """
    lo = doc[start].sent.start
    spanish = doc.lang_ == "es"
    articles = _ES_ARTICLES if spanish else _ARTICLES
    k = start - 1
    while k >= lo:
        tok = doc[k]
        last = tok.lower_
        if not (tok.is_punct or last in articles):
            break
        k -= 1
    if k < lo:
        return False
    # a cue ends with the word at k: only the cues that end with it are compared
    cues = (_MENTION_CUES_ES_BY_LAST if spanish else _MENTION_CUES_BY_LAST).get(last)
    if cues is None:
        return False
    before = [t.lower_ for t in doc[max(lo, k - 2):k + 1]]
    return any(tuple(before[-len(cue):]) == cue for cue in cues if len(before) >= len(cue))


def _by_last(cues: list[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """Cues by their last word, in their order."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for cue in cues:
        out.setdefault(cue[-1], []).append(cue)
    return out


_MENTION_CUES_BY_LAST = _by_last(_MENTION_CUES)
_MENTION_CUES_ES_BY_LAST = _by_last(_MENTION_CUES_ES)


# A label given as an official category ('classified as a violent offender', 'defined as
# prostitutes' under a law): the law's or the agency's category, not the writer's wording.
_CATEGORY_CUES = [("classified", "as"), ("classed", "as"), ("designated", "as"), ("defined", "as")]
# A label given as the view of a period, in a history ('women seen as unrepentant drunks in
# the 1880s'). Elsewhere reported speech and paraphrase are the writer's voice ('everyone
# in town wrote him off as a dope fiend' is reported), and 'labeled'/'branded' pass the label
# on ('patients labeled drug-seeking').
_VIEW_CUES = [
    ("seen", "as"), ("regarded", "as"), ("viewed", "as"), ("dismissed", "as"), ("stigmatized", "as"),
    ("stigmatised", "as"), ("stereotyped", "as"), ("derided", "as"), ("denounced", "as"),
    ("written", "off", "as"), ("perceived", "as"), ("thought", "of", "as"), ("looked", "upon", "as"),
    ("considered",), ("deemed",), ("branded",), ("labelled",), ("labeled",), ("called",),
]
_ATTRIBUTION_GAP_STOP = {",", ";", ":", "and", "or", "but", "who", "that", "which", "where", "when", "whose",
                         "whom", "if", "is", "are", "was", "were", "to", "by", "in", "of", "for", "with", "not"}

# Words that place a passage in the past: periods, beginnings and ends, and the modern
# present it is set against.
PAST_WORDS = {
    "history", "histories", "historical", "historic", "historian", "historians", "century", "centuries",
    "victorian", "era", "archive", "archives", "museum", "medieval", "ancient", "antiquity", "colonial",
    "georgian", "edwardian", "early", "earliest", "older", "precursor", "precursors", "predecessor",
    "predecessors", "forerunner", "founded", "opened", "closed", "demolished", "abandoned", "ruins",
    "reformers", "reform", "replaced", "evolved", "deinstitutionalization", "deinstitutionalisation",
    "modern", "formerly", "eighteenth", "nineteenth", "seventeenth", "sixteenth", "18th", "19th", "17th",
    "16th", "eighteenth-century", "nineteenth-century", "18th-century", "19th-century", "1800s", "1700s",
    "1600s",
}


def historical(doc, lo: int, hi: int) -> bool:
    """Tokens lo..hi place the passage in the past: a period word or a year before 1960
    ('opened in 1869', 'by the 1930s', 'nineteenth-century Britain')."""
    for t in doc[lo:hi]:
        w = t.lower_
        if w in PAST_WORDS:
            return True
        digits = w[:-1] if w.endswith("s") else w
        if len(digits) == 4 and digits.isdigit() and 1000 <= int(digits) < 1960:
            return True
    return False


_CATEGORY_BY_LAST = _by_last(_CATEGORY_CUES)
_VIEW_BY_LAST = _by_last(_VIEW_CUES)


def _tail_is(words: list[str], cues) -> bool:
    return cues is not None and any(tuple(words[-len(cue):]) == cue for cue in cues if len(words) >= len(cue))


def is_attributed(doc, start: int) -> bool:
    """A label the sentence gives as an official category ('classified as a violent
    offender') or, in a history, as the view of its time ('women seen as unrepentant
    drunks' in a paragraph about the 1880s). Up to two words may stand between the cue and
    the term ('seen as a hopeless addict'): a cue ends at most two words before `start`,
    the words between being letters and no clause word (`_ATTRIBUTION_GAP_STOP`). One
    walk back serves both kinds of cue, and only the cues that end with a word are compared
    where it stands."""
    lo = doc[start].sent.start
    k = start - 1
    gap = 0
    view = False
    while k >= lo and gap < 3:
        tok = doc[k]
        if not tok.is_alpha:
            break
        low = tok.lower_
        if low in _ATTRIBUTION_GAP_STOP:
            break
        category, seen = _CATEGORY_BY_LAST.get(low), _VIEW_BY_LAST.get(low)
        if category is not None or seen is not None and not view:
            words = [t.lower_ for t in doc[max(lo, k - 2):k + 1]]
            if _tail_is(words, category):
                return True
            view = view or _tail_is(words, seen)
        k -= 1
        gap += 1
    return view and historical(doc, 0, len(doc))


# Glossary and dictionary entries: the headword, its listed forms and its part of speech.
_HEAD_SEPARATORS = {":", "-", "\u2013", "\u2014", "=", "|"}
_PARTS_OF_SPEECH = {"n", "noun", "nouns", "adj", "adjective", "v", "verb", "pl", "plural", "sing", "singular",
                    "abbr", "abbreviation", "slang", "informal", "derogatory", "also", "or", "and", "adv",
                    "n.", "adj.", "v.", "pl.", "sing.", "abbr.", "adv.", "vb.", "vb"}
_ITEM_MARKS = {"\u2022", "\u25e6", "\u25aa", "\u2023", "\u25cf", "*", "-", "\u2013"}


# what a definition of a word (not of a group of people) says early on
_DEFINES_A_WORD = {"term", "terms", "word", "words", "slang", "slur", "slurs", "label", "labels", "name",
                   "names", "phrase", "expression", "abbreviation", "acronym", "refers", "refer", "meaning",
                   "means", "meant", "synonym", "short", "derogatory", "offensive", "pejorative",
                   "informal", "colloquial", "nickname", "euphemism", "jargon"}


def is_headword(doc, start: int, end: int) -> bool:
    """A dictionary or glossary entry's headword, and the forms listed with it, are words
    mentioned as words: 'suicide note (suicide notes): a note left by ...', 'junkie, n. - ...',
    'Crackhead: derogatory slang for ...'. The match is the whole headword (or one of the
    forms in brackets after it), at the start of its sentence or list item, followed by its
    forms or a part of speech, or by a separator and a definition that speaks of a word
    ('slang', 'term', 'refers to'...). A label the writer defines for people ('IV drug
    users: people with an ED visit that ...'), and a heading that is just the term
    ('Substance Abuse'), are the writer's own words and stay."""
    sent = doc[start].sent
    k = sent.start
    while k < sent.end and (doc[k].is_space or doc[k].like_num or doc[k].text in _ITEM_MARKS
                            or doc[k].text in (".", ")", "*", "**", "_")):
        k += 1
    if not k <= start <= k + 14:
        # the headword starts at k and has at most four words; a form listed with it
        # stands inside brackets that open after it and close within eleven tokens
        return False
    # the headword: up to four words before a bracket, a comma, a separator or the end
    h = k
    while h < sent.end and h - k < 4 and (doc[h].is_alpha or doc[h].text in ("-", "'")) \
            and not (doc[h].text in _HEAD_SEPARATORS and doc[h].whitespace_):
        h += 1
    if h == k:
        return False
    j = h
    forms = None
    listed = False  # forms in brackets or a part of speech: the dictionary's own format
    closed_by_separator = False
    if j < sent.end and doc[j].text == "(":
        close = next((x for x in range(j + 1, min(sent.end, j + 12)) if doc[x].text.startswith(")")), None)
        if close is None or not all(t.is_alpha or t.text in (",", ".", ";", "-", "/") for t in doc[j + 1:close]):
            return False
        forms = (j + 1, close)
        listed = True
        closed_by_separator = doc[close].text[1:] in _HEAD_SEPARATORS  # '):' is one token
        j = close + 1
    while not closed_by_separator and j < sent.end and (doc[j].lower_ in _PARTS_OF_SPEECH or doc[j].text in (",", ".")):
        listed = listed or doc[j].is_alpha or doc[j].text.endswith(".") and len(doc[j].text) > 1
        j += 1
    separated = closed_by_separator or (j < sent.end and doc[j].text in _HEAD_SEPARATORS)
    if not separated and j < sent.end:
        return False
    if not listed:
        if not separated:
            return False
        definition = {t.lower_ for t in doc[j + 1:min(sent.end, j + 8)]}
        if not definition & _DEFINES_A_WORD:
            return False
    if (start, end) == (k, h):
        return True
    return forms is not None and forms[0] <= start and end <= forms[1]


# Language about language, for the fixer: a phrase in such a sentence is being talked
# about (a style guide, a glossary), and rewriting it would change what the writer said.
_META_NOUNS = {"phrase", "phrases", "phrasing", "word", "words", "wording", "term", "terms", "terminology",
               "expression", "expressions", "vocabulary", "euphemism", "euphemisms", "idiom", "language"}
_SAYING = {"say", "says", "saying", "said", "write", "writes", "writing", "wrote", "written", "type", "typed"}
_NOT_META_BEFORE_TERM = {"long", "short", "mid", "near", "-", "\u2010", "\u2011"}


_META_NOUNS_ES = {"palabra", "palabras", "término", "términos", "terminología", "expresión", "expresiones", "frase",
                  "frases", "vocabulario", "eufemismo", "eufemismos", "etiqueta", "etiquetas", "lenguaje",
                  "calificativo", "calificativos", "vocablo", "vocablos"}
_SAYING_ES = {"decir", "diga", "digas", "dice", "dicen", "dijo", "escribir", "escriba", "escribe", "escribió",
              "llamar", "llame", "llaman", "usar", "use", "usan"}


def is_talked_about(doc, start: int) -> bool:
    """'Committed suicide is a phrase we avoid', 'stop saying committed suicide': the words
    are the topic. Reported still (the sentence may mean it), but never fixed unattended."""
    sent = doc[start].sent
    if doc.lang_ == "es":
        if any(t.lower_ in _META_NOUNS_ES for t in sent):
            return True
        k = start - 1
        while k >= sent.start and (doc[k].is_punct or doc[k].lower_ in _ES_ARTICLES):
            k -= 1
        return k >= sent.start and doc[k].lower_ in _SAYING_ES
    for tok in sent:
        low = tok.lower_
        if low in _META_NOUNS:
            if low.startswith("term") and tok.i > sent.start and doc[tok.i - 1].lower_ in _NOT_META_BEFORE_TERM:
                continue  # "in the long term"
            return True
    k = start - 1
    while k >= sent.start and (doc[k].is_punct or doc[k].lower_ in _ARTICLES):
        k -= 1
    return k >= sent.start and doc[k].lower_ in _SAYING


_OPEN_MARK = re.compile(r"(?:\*\*?|__?|<(em|i|q|dfn|mark)\b[^<>]*>)$", re.IGNORECASE)


def is_marked_as_word(source: str, start: int, end: int, doc, first: int) -> bool:
    """The phrase stands alone in emphasis, the mark of a word used as a word, as the
    subject of its sentence (`*Committed suicide* stigmatizes`); emphasis inside a
    sentence ("people who *commit suicide*") is the writer's stress, not a mention."""
    k = first - 1
    sent = doc[first].sent
    while k >= sent.start and doc[k].is_punct:
        k -= 1
    if k >= sent.start:
        return False
    m = _OPEN_MARK.search(source, max(0, start - 200), start)
    if m is None:
        return False
    closer = f"</{m.group(1)}>" if m.group(1) else m.group(0)
    return source[end:end + len(closer)].lower() == closer.lower()
