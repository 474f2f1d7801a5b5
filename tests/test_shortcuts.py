"""The shortcuts taken for speed give what the long way gives, on generated texts.

Moderation's common record is a short post without a term, so the steps before spaCy
take shortcuts for it: the language plan of a text that cannot declare a language
(`language.sole_language`, before `language._plan` reads the markup), the file gate of a
text that fits one window (`gate._screen_one`, before `gate._screen_windows`), a record
read from a plain JSON object (`records.from_mapping`'s first looks). Each is compared
here with the long way on texts built from the evaluation documents and mutated to hit
the edges: Spanish words and letters, `lang` attributes and front matter, entities and
tags, soft hyphens and zero-width characters, a capital I with a dot (lower case is one
character longer), upper case, curly apostrophes, suppression comments.
"""
import json
import random
import types
from pathlib import Path

import pytest

from hr_lint import Linter, gate
from hr_lint import language as languages
from hr_lint.sources.records import Fields, from_mapping

ROOT = Path(__file__).parent.parent
SOURCES = sorted(ROOT.glob("tests/fixtures/heldout*/docs/*")) + sorted((ROOT / "evaluation/es-corpus/docs").iterdir()) \
    + sorted((ROOT / "examples").iterdir())
FORMATS = ("text", "markdown", "html", "rst")

_INSERTS = ["\u00ad", "\u200b", "\u200d", "\u2060", "\u0130", " que ", " la ", "ñ", "&oacute;", "&amp;", "<em>", "</em>",
            ' lang="es" ', "<p lang='en'>", "<!-- hr-lint: disable -->", "hr-lint: ignore", "\u2019", "\u2011", "\n\n",
            " users ", " clean ", " drug ", " addicts ", " adictos ", "LANG", "lang"]


def _texts(count: int = 1500, seed: int = 15) -> list[str]:
    rng = random.Random(seed)
    paragraphs = []
    for path in SOURCES:
        if path.suffix in (".md", ".html", ".txt", ".rst"):
            paragraphs += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    out = []
    for _ in range(count):
        text = rng.choice(paragraphs)
        if rng.random() < 0.2:
            text = text + "\n\n" + rng.choice(paragraphs)
        for _ in range(rng.choice((0, 0, 1, 2, 3))):
            k = rng.randrange(len(text) + 1)
            text = text[:k] + rng.choice(_INSERTS) + text[k:]
        if rng.random() < 0.1:
            text = text.upper()
        if rng.random() < 0.1:
            text = "---\nlang: es\n---\n" + text
        out.append(text)
    return out


TEXTS = _texts()


@pytest.mark.parametrize("setting", ["auto", "en", "es"])
def test_sole_language_is_what_the_whole_plan_says(setting):
    told = 0
    for k, text in enumerate(TEXTS):
        fmt = FORMATS[k % len(FORMATS)]
        full = languages._plan(text, fmt, setting)
        sole = languages.sole_language(text, fmt, setting)
        if sole is not None:
            told += 1
            assert (full.default, full.languages, full.per_paragraph, full.spans) == (sole, (sole,), False, []), text
        got = languages.plan(text, fmt, setting)
        assert (got.default, got.languages, got.per_paragraph, got.spans) == \
            (full.default, full.languages, full.per_paragraph, full.spans)
    assert told > len(TEXTS) // 3  # the shortcut is taken, and not always


def _verdict(screen: gate.Screen):
    hits = screen.hits
    return screen.parse, None if hits is None else (hits.opens, hits.terms)


@pytest.mark.parametrize("language", ["en", "es"])
def test_one_window_screen_is_the_windowed_screen(language):
    linter = Linter({"language": language})
    file_gate = linter.engine_for(language).file_gate
    outcomes = set()
    for k, text in enumerate(TEXTS):
        fmt = FORMATS[k % len(FORMATS)]
        one = _verdict(gate._screen_one(file_gate, text, fmt))
        assert one == _verdict(gate._screen_windows(file_gate, text, fmt)), (fmt, text)
        outcomes.add((one[0], one[1] is None, bool(one[1] and one[1][1])))
    # nothing, terms that need nothing, terms that need a companion, and offsets not trusted
    assert {(False, True, False), (True, False, True), (True, True, False)} <= outcomes


def test_a_record_read_at_a_glance_is_the_record_read_in_full():
    rng = random.Random(3)
    values = [None, "", "p1", 7, 7.0, True, "\ud800", "x\ud800", float("nan"), [], {}, "ñ"] + TEXTS[:40]
    fields = [Fields(), Fields(format=None), Fields(text="body", id="post_id", markup="markdown")]
    for _ in range(3000):
        f = rng.choice(fields)
        obj = {}
        for name in (f.id, f.text, "format", "other"):
            if rng.random() < 0.85:
                obj[name] = rng.choice(values) if name != "format" else rng.choice(["html", "md", "pdf", None, 3])
        # a mapping that is not a dict takes the long way
        assert from_mapping(obj, f, "line 1") == from_mapping(types.MappingProxyType(obj), f, "line 1"), obj


def test_moderation_results_are_those_of_lint_text():
    """Moderation's own steps (records, the results' JSON) around `lint_text`, over posts
    with and without terms, in both languages."""
    from hr_lint.moderate import _dumps

    linter = Linter()
    records = [{"id": f"r{k}", "text": text} for k, text in enumerate(TEXTS[:300])]
    for record, result in zip(records, linter.moderate(records)):
        expected = [f.to_dict() | {"path": record["id"]} for f in linter.lint_text(record["text"], "text", "<record>")]
        assert result["findings"] == expected
        assert _dumps(result) == json.dumps(result, ensure_ascii=False)


_PUNCTUATION = [". ", "! ", "? ", "...", "?!", " . . . ", "\u3002", "\uff01", "\u203c", "\u0964", ".\u201d ", '." ', ".) ",
                " - ", "; ", "\u00bf", "\u00a1", "\n", " \u2022 ", "e.g. ", "U.S. ", "!!! ", "\u2026", " 3.5 ", ":) "]


def test_sentences_are_spacys_sentencizer_s():
    """`engine.split_sentences` leaves a doc as spaCy's Sentencizer does (the same value of
    every token's sentence start, the same `doc.sents`), on texts with sentence ends of
    every kind, in both languages' pipelines."""
    from spacy.attrs import SENT_START

    from hr_lint.engine import get_nlp, split_sentences

    rng = random.Random(5)
    for language in ("en", "es"):
        nlp = get_nlp(language)
        sentencizer = nlp.get_pipe("sentencizer")
        kinds: dict = {}
        for text in TEXTS[:600] + ["", " ", "...", "Hi."]:
            for _ in range(rng.choice((0, 2, 6))):
                at = rng.randrange(len(text) + 1)
                text = text[:at] + rng.choice(_PUNCTUATION) + text[at:]
            ours, theirs = nlp.make_doc(text), nlp.make_doc(text)
            split_sentences(ours, sentencizer, kinds)
            sentencizer(theirs)
            assert ours.to_array(SENT_START).tolist() == theirs.to_array(SENT_START).tolist(), text
            if len(ours):
                assert [(s.start, s.end) for s in ours.sents] == [(s.start, s.end) for s in theirs.sents]


def test_the_sense_models_view_reads_what_the_tokens_say():
    """`sense._View` (the features' plain lists) holds, for every token, what spaCy's
    `Token` gives: text, lower case, flags, offset, space after, and its sentence."""
    from hr_lint import sense
    from hr_lint.engine import cache_sentences, get_nlp, split_sentences

    nlp = get_nlp("en")
    sentencizer = nlp.get_pipe("sentencizer")
    classes = sense.model().classes
    for text in TEXTS[:300]:
        doc = nlp.make_doc(text)
        split_sentences(doc, sentencizer, {})
        if not len(doc):
            continue
        cache_sentences(doc)
        v = sense._View(doc, classes)
        assert v.text == [t.text for t in doc] and v.low == [t.lower_ for t in doc]
        assert (v.alpha, v.punct, v.num) == ([t.is_alpha for t in doc], [t.is_punct for t in doc], [t.like_num for t in doc])
        assert v.idx == [t.idx for t in doc] and v.space == [bool(t.whitespace_) for t in doc]
        assert [v.sents[v.sent_of[t.i]] for t in doc] == [(t.sent.start, t.sent.end) for t in doc]
        assert v.doc_text == doc.text
        assert v.seg_classes == frozenset(c for t in doc for c in classes.of(t.lower_))


def test_holds_any_is_a_look_at_every_token():
    from hr_lint.candidate import holds_any
    from hr_lint.engine import get_nlp

    nlp = get_nlp("en")
    sets = [frozenset({'"', "\u201c", "\u00ab", "'"}), frozenset({"addicts", "users"}), frozenset({"ORTH", "-"})]
    seen = set()
    for text in TEXTS[:400] + ["ORTH and IS_ALPHA", "a 'quoted' one"]:
        doc = nlp.make_doc(text)
        for texts in sets:
            found = holds_any(doc, texts)
            assert found == any(t.text in texts for t in doc), (texts, text)
            assert holds_any(doc, texts) == found  # and again, from the doc's memo
            seen.add(found)
    assert seen == {True, False}
