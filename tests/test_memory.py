"""Bounded memory on a stream of new words (hr_lint/memory.py).

spaCy keeps every string and lexeme its tokenizer meets; without the guard, every front
end that lives long (moderation, the HTTP server, the language server, Dask workers)
grows by about half a kilobyte per new word, for ever. These tests count the strings and
lexemes of the pipeline (no timings, no RSS): fed far more new words than the budget,
the store stays under it, and every result is the one a fresh linter gives.

Each test loads its own pipeline (`engine._nlps` emptied), so the process's shared one
is never driven past its budget for the other tests.
"""
from __future__ import annotations

import gc
import sys
import threading
import weakref

import pytest

from hr_lint import Linter, memory
from hr_lint import engine as engine_module
from hr_lint.config import Config
from texts import made_up

# sentences written for this test: each reaches spaCy, and together they pass the stages
# that read a Doc (labels, possessives, quotes, first person, names, the sense model's
# "clean", fixes, allowed words, Spanish); {W} is a capitalised new word, {w} a new word
TEMPLATES = [
    "Three addicts came by the van on Monday, said {W}, and asked about {w}.",
    "We helped clean the kitchen at {W} Hall before the {w} dinner.",
    "{W} has been clean for two years and wants to talk about {w}.",
    "The addict's family asked the {w} nurse about {W}.",
    '"I am an addict," said {W}, who runs the {w} group.',
    "The {W} Junkies played their last {w} show downtown.",
    "Her cousin committed suicide last spring in {W}.",
    "The drug abusers at {W} were turned away by a {w} rule.",
    "Staff of {W} say the mentally ill need {w} housing first.",
    "Clean needles and {w} kits are free at {W} on Fridays.",
    "Neighbours near {W} called us junkies when the {w} clinic opened.",
    "Los drogadictos de {W} llegaron temprano al centro de salud con sus familias y {w}.",
]


def records(count: int, new_words: int, start: int = 10_000) -> list[dict]:
    """`count` records, each a template sentence and `new_words` more words never seen
    before (all distinct across records: count * (new_words + 2) in all)."""
    out = []
    k = start
    for n in range(count):
        words = [made_up(k + j) for j in range(new_words + 2)]
        k += new_words + 2
        head = TEMPLATES[n % len(TEMPLATES)].format(W=words[0].capitalize(), w=words[1])
        tail = " ".join(w.capitalize() if j % 4 == 0 else w for j, w in enumerate(words[2:]))
        out.append({"id": f"r{n}", "text": f"{head} {tail}."})
    return out


def lexemes(nlp) -> int:
    # len(nlp.vocab) is a counter spaCy never lowers when a zone frees its lexemes
    # (explosion/spaCy#13882): count the table itself
    return sum(1 for _ in nlp.vocab)


@pytest.fixture
def fresh(monkeypatch):
    """A pipeline of its own for the test; returns a function that forgets it again (the
    next linter built loads a fresh one, as a new process would)."""
    def forget():
        monkeypatch.setattr(engine_module, "_nlps", {})
    forget()
    return forget


def fresh_results(fresh, recs, **kw):
    fresh()
    return list(Linter().moderate(recs, **kw))


def test_a_stream_of_200000_new_words_keeps_the_store_bounded(fresh):
    recs = records(5_000, 38)  # 200,000 words no pipeline has seen
    linter = Linter()
    linter.engine.warm()
    nlp = engine_module.get_nlp("en")
    strings0, lexemes0 = len(nlp.vocab.strings), lexemes(nlp)
    results = list(linter.moderate(recs, fix=True))
    # one piece may take the store past the budget before pieces are zoned
    assert len(nlp.vocab.strings) - strings0 <= memory.BUDGET + 200
    assert lexemes(nlp) - lexemes0 <= memory.BUDGET + 200
    guard = memory.guard(nlp)
    assert linter.engine.nlp is nlp and not guard.retired  # (a million freed strings renew it)
    assert guard.zoned and guard.zones > 3_000  # most of the stream ran in zones
    assert not nlp.vocab.in_memory_zone
    assert all(r["error"] is None for r in results)
    assert sum(r["flagged"] for r in results) > 2_500
    # the last records ran in zones: their results (findings, suggestions, fixes) are a
    # fresh linter's on a fresh pipeline
    assert results[-1_000:] == fresh_results(fresh, recs[-1_000:], fix=True)


def test_results_in_zones_equal_a_fresh_linters(fresh, monkeypatch):
    monkeypatch.setattr(memory, "BUDGET", 500)
    config = {"allow": ["junkies"], "extends": "default"}
    recs = records(1_100, 8)
    linter = Linter(Config.from_mapping(config))
    results = list(linter.moderate(recs, fix=True))
    nlp = linter.engine.nlp
    assert memory.guard(nlp).zones > 800
    assert len(nlp.vocab.strings) < memory.guard(nlp).limit + 100
    assert any(r["findings"] and r["findings"][0]["rule"].startswith("es-") for r in results)  # Spanish too
    es = engine_module.get_nlp("es")
    assert memory.guard(es).zones > 0
    texts = [r["text"] for r in recs[-33:]]
    traces = [[o.to_dict() for o in linter.trace_text(t, "text")] for t in texts]  # allow, names, voice...
    fresh()
    again = Linter(Config.from_mapping(config))
    assert results == list(again.moderate(recs, fix=True))
    assert traces == [[o.to_dict() for o in again.trace_text(t, "text")] for t in texts]
    assert any(o["stage"] == "allow" for t in traces for o in t)


def test_the_pipeline_is_renewed_before_its_tables_grow_far(fresh, monkeypatch):
    """A zone frees words but spaCy's hash tables keep a mark where each was: after RENEW
    freed strings the pipeline is retired, the engines move to a fresh one, and the old
    one is freed."""
    monkeypatch.setattr(memory, "BUDGET", 500)
    monkeypatch.setattr(memory, "RENEW", 3_000)
    linter = Linter()
    linter.engine.warm()
    first = weakref.ref(linter.engine.nlp)
    recs = records(1_200, 8)  # 12,000 new words
    results = list(linter.moderate(recs, fix=True))
    nlp = linter.engine.nlp
    assert nlp is not first() and engine_module.get_nlp("en") is nlp
    gc.collect()
    assert first() is None  # nothing of ours holds the retired pipeline
    guard = memory.guard(nlp)
    assert guard.freed < memory.RENEW + 200 and len(nlp.vocab.strings) < guard.limit + 200
    assert results == fresh_results(fresh, recs, fix=True)


def test_before_the_budget_is_spent_words_are_kept_and_no_zone_opens(fresh):
    linter = Linter()
    list(linter.moderate(records(50, 5)))
    nlp = linter.engine.nlp
    guard = memory.guard(nlp)
    assert guard.zones == 0 and not guard.zoned
    assert made_up(10_005) in nlp.vocab.strings  # kept, as spaCy keeps them


def test_an_error_inside_a_zone_frees_the_piece_and_the_next_piece_works(fresh, monkeypatch):
    monkeypatch.setattr(memory, "BUDGET", 0)
    linter = Linter()
    linter.engine.warm()
    nlp = linter.engine.nlp
    size = len(nlp.vocab.strings)

    def boom(*args, **kwargs):
        raise RuntimeError("a check failed")

    with monkeypatch.context() as m:
        m.setattr(engine_module.Engine, "_context_ok", boom)
        with pytest.raises(RuntimeError):
            linter.lint_text("Two addicts met zorbulate fnarkle at the van.", "text")
    assert not nlp.vocab.in_memory_zone and len(nlp.vocab.strings) == size
    assert "zorbulate" not in nlp.vocab.strings
    assert [f.rule for f in linter.lint_text("Two addicts met zorbulate at the van.", "text")] == ["addict-noun"]
    assert len(nlp.vocab.strings) == size


def test_a_zone_the_caller_opened_is_not_nested(fresh, monkeypatch):
    monkeypatch.setattr(memory, "BUDGET", 0)
    linter = Linter()
    linter.engine.warm()
    nlp = linter.engine.nlp
    guard = memory.guard(nlp)
    with nlp.memory_zone():
        found = linter.lint_text("Two addicts met zorbulate at the van.", "text")
        assert guard.zones == 0  # the caller's zone frees it all
    assert [f.rule for f in found] == ["addict-noun"] and "zorbulate" not in nlp.vocab.strings


def test_matchers_built_after_the_budget_is_spent_are_kept(fresh, monkeypatch):
    """A second policy's engine built once pieces are zoned (the server loads a preset on
    its first request) keeps its patterns: they are never made inside a zone."""
    monkeypatch.setattr(memory, "BUDGET", 500)
    first = Linter()
    list(first.moderate(records(200, 5)))
    assert memory.guard(first.engine.nlp).zoned
    second = Linter(Config.from_mapping({"extends": "default", "allow": ["Vorpal Addicts"]}))
    text = "Two addicts met the Vorpal Addicts at the van."
    for _ in range(3):  # the allowed phrase and the terms still match after many zones
        list(second.moderate(records(50, 5, start=900_000)))
        assert [(f.rule, f.text) for f in second.lint_text(text, "text")] == [("addict-noun", "addicts")]


def test_two_threads_on_one_pipeline(fresh, monkeypatch):
    """Two linters (two policies, as two presets of the server, or a Dask worker's
    threads) share the pipeline of their language; zones are the vocabulary's, so pieces
    take turns, and each thread gets what it would alone."""
    monkeypatch.setattr(memory, "BUDGET", 1_000)
    linters = [Linter(), Linter(Config.from_mapping({"extends": "default", "ignore": ["addict-noun"]}))]
    recs = [records(300, 6, start=10_000), records(300, 6, start=500_000)]
    got: list = [None, None]
    errors = []

    def run(i):
        try:
            got[i] = list(linters[i].moderate(recs[i], fix=True))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in (0, 1)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # the threads change places often, inside pieces too
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert not errors
    assert memory.guard(linters[0].engine.nlp).zones > 100
    fresh()
    alone = [list(Linter().moderate(recs[0], fix=True)),
             list(Linter(Config.from_mapping({"extends": "default", "ignore": ["addict-noun"]})).moderate(recs[1], fix=True))]
    assert got == alone


def test_the_http_server_stays_bounded(fresh, monkeypatch):
    pytest.importorskip("starlette")
    pytest.importorskip("httpx")
    import warnings

    from hr_lint import server

    monkeypatch.setattr(memory, "BUDGET", 2_000)
    recs = records(900, 8)
    before = set(map(id, memory._guards.values()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's notice about httpx
        from starlette.testclient import TestClient

        with TestClient(server.create_app()) as client:
            answers = []
            for r in recs:
                response = client.post("/api/lint", json={"text": r["text"], "format": "text"})
                assert response.status_code == 200
                answers.append(response.json()["findings"])
    # the server's linters and their pipelines (shared or their own): every one bounded
    guards = [g for g in list(memory._guards.values()) if id(g) not in before]
    assert guards and sum(g.zones for g in guards) > 500
    assert all(len(g.strings) < g.limit + 100 for g in guards)
    fresh()
    linter = Linter()
    assert answers[-200:] == [[f.to_dict() for f in linter.lint_text(r["text"], "text")] for r in recs[-200:]]


def test_the_language_servers_linting_stays_bounded(fresh, monkeypatch):
    """An open document edited word by word (the language server lints it a piece at a
    time with `IncrementalLinter`, on its one linting thread)."""
    from hr_lint.lsp.incremental import IncrementalLinter

    monkeypatch.setattr(memory, "BUDGET", 200)
    linter = Linter()
    inc = IncrementalLinter()
    paragraphs = [r["text"] for r in records(12, 3)]
    nlp = None
    for edit in range(600):
        k = edit % len(paragraphs)
        paragraphs[k] = paragraphs[k].rstrip(".") + f" {made_up(700_000 + edit)}."
        text = "\n\n".join(paragraphs) + "\n"
        found = inc.lint(linter, text, "markdown", "notes.md")
        nlp = nlp or linter.engine.nlp
    guard = memory.guard(nlp)
    assert guard.zones > 200 and len(nlp.vocab.strings) < guard.limit + 100
    fresh()
    assert found == Linter().lint_text(text, "markdown", "notes.md")


def test_components_with_a_zone_of_their_own_are_entered_too():
    """spaCy's blank pipelines have no component with a memory zone (the guard then opens
    the vocabulary's alone); should one come, the guard opens the whole pipeline's."""
    from contextlib import contextmanager

    import spacy
    from spacy.language import Language

    entered = []

    class Zoned:
        def __call__(self, doc):
            return doc

        @contextmanager
        def memory_zone(self, mem=None):
            entered.append(True)
            yield mem

    if not Language.has_factory("hr_lint_test_zoned"):
        Language.factory("hr_lint_test_zoned")(lambda nlp, name: Zoned())
    nlp = spacy.blank("en")
    nlp.add_pipe("hr_lint_test_zoned")
    guard = memory.Guard(nlp, budget=0)
    with guard:
        doc = nlp.make_doc("zorbulate fnarkle")
        assert [t.text for t in doc] == ["zorbulate", "fnarkle"]
    assert entered == [True] and guard.zones == 1 and "zorbulate" not in nlp.vocab.strings


def test_a_cli_run_over_a_big_tree_stays_bounded(fresh, monkeypatch, tmp_path):
    """`hr-lint DIR` in one process: the files' new words are freed as well."""
    from click.testing import CliRunner

    from hr_lint.cli import lint_command

    monkeypatch.setattr(memory, "BUDGET", 1_000)
    monkeypatch.chdir(tmp_path)
    tree = tmp_path / "docs"
    tree.mkdir()
    for n, r in enumerate(records(400, 10)):
        (tree / f"post-{n:03d}.md").write_text(f"# Note {n}\n\n{r['text']}\n", encoding="utf-8")
    before = set(map(id, memory._guards.values()))
    run = CliRunner().invoke(lint_command, ["--no-cache", "--jobs", "1", "--format", "json", "docs"])
    assert run.exit_code == 1, run.output
    guards = [g for g in list(memory._guards.values()) if id(g) not in before]
    assert sum(g.zones for g in guards) > 200
    assert all(len(g.strings) < g.limit + 100 for g in guards)
    fresh()
    monkeypatch.setattr(memory, "BUDGET", 10**9)  # no zone at all this time
    again = CliRunner().invoke(lint_command, ["--no-cache", "--jobs", "1", "--format", "json", "docs"])
    assert again.output == run.output
