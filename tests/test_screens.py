"""The gates that skip files, blocks and paragraphs before spaCy must never lose a finding.

The file gate scans a file's raw text for terms (any markup may stand between a phrase's
words); a term whose check needs a companion word (`needs()` in its check module: bare
'users' needs drug talk) counts only where one stands. Readers then build prose only for
blocks that hold a term, and spaCy sees only those paragraphs. The oracle below does none
of that: it parses every file whole and tokenizes every paragraph with any term in it.
"""
import sys
from pathlib import Path

import pytest

from hr_lint import Linter
from hr_lint.config import builtin_rules
from hr_lint import gate
from hr_lint.engine import Engine
from hr_lint.gate import lowered
from hr_lint.readers import format_for_path

FIXTURES = Path(__file__).parent / "fixtures"
DEV_CORPUS = Path(__file__).parent.parent.parent / "shared" / "corpus" / "docs"
ES_CORPUS = Path(__file__).parent.parent / "evaluation" / "es-corpus" / "docs"


class Unscreened(Linter):
    """The oracle: no file gate, no block skipping, no companion words, in every language."""

    def _screen(self, text, fmt, language="en"):
        return gate.EVERYTHING

    def _make_engine(self, language):
        return Engine(self.config.active_rules(language), self.config.engine_options(), screens=False,
                      language=language)


def _documents():
    paths = sorted(FIXTURES.glob("heldout*/docs/*")) + sorted((FIXTURES / "positions").iterdir())
    paths += sorted(ES_CORPUS.iterdir())
    if DEV_CORPUS.is_dir():
        paths += sorted(DEV_CORPUS.iterdir())
    return [p for p in paths if format_for_path(str(p)) not in (None, "docx")]


def _as_tuples(findings):
    return [(f.line, f.column, f.end_line, f.end_column, f.rule, f.severity, f.text, f.suggestions) for f in findings]


SCREENED, ORACLE = Linter(), Unscreened()


@pytest.mark.parametrize("path", _documents(), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_gates_change_no_finding_in_the_evaluation_documents(path):
    assert _as_tuples(SCREENED.lint_file(path)) == _as_tuples(ORACLE.lint_file(path))


def test_gates_change_no_finding_in_the_rule_examples():
    for rule in builtin_rules():
        for sentence in rule.examples.get("flag", []) + rule.examples.get("pass", []):
            for fmt in ("markdown", "text"):
                screened = SCREENED.lint_text(sentence, fmt, language=rule.language)
                oracle = ORACLE.lint_text(sentence, fmt, language=rule.language)
                assert _as_tuples(screened) == _as_tuples(oracle), (rule.id, sentence)


@pytest.mark.parametrize("fmt, text", [
    ("html", "<p>Outreach workers met drug\n   <em>users</em> under the bridge.</p>"),
    ("html", "<p>Many drug&nbsp;users share <b>needles</b> when the exchange is closed.</p>"),
    ("html", '<p>We met drug <a href="/outreach">users</a> who share needles.</p>'),
    ("html", '<img src="van.jpg" alt="Outreach van for drug&nbsp;users who inject">'),
    ("html", "<p>He was a <!-- check -->\n<strong>junkie</strong> for years.</p>"),
    ("markdown", "Many users share needles when the\nexchange is closed, and *overdoses* follow."),
    ("markdown", "He **failed** a\n[drug test](https://example.org/ua) last week."),
    ("rst", "Clients who *suffer*\nfrom **addiction** deserve care."),
    ("text", "Users who are still\r\nusing, or have just started, can come in any time."),
])
def test_phrases_split_by_markup_and_line_breaks_are_still_found(fmt, text):
    found = SCREENED.lint_text(text, fmt)
    assert found, text
    assert _as_tuples(found) == _as_tuples(ORACLE.lint_text(text, fmt))


def test_terms_that_need_a_companion_do_not_open_a_file_without_one():
    gate = Linter().engine.file_gate
    assert not gate.search(lowered("Users can reset their password from the login page. A test failed."))
    assert gate.search(lowered("Users who inject alone are at the highest risk of overdose."))
    assert gate.search(lowered("She failed two urine screens in May."))
    # pity framing needs a condition after it; 'abused' needs a substance; 'lie' a label
    assert not gate.search(lowered("Old servers suffer from latency spikes; this API can be abused."))
    assert gate.search(lowered("Many veterans suffer from PTSD."))
    assert gate.search(lowered("She suffered from anorexia for years."))  # a condition by its ending
    assert gate.search(lowered("He abused opioids for a decade."))
    assert not gate.search(lowered("The bottlenecks lie in the template system."))
    # a term in one window of a big file, its companion in another
    windows = ["users can sign in here " * 100, "the naloxone kits are by the door " * 100]
    assert gate.search_windows(lowered(w) for w in windows)
    assert not gate.search_windows(lowered(w) for w in windows[:1])


def test_a_file_with_only_benign_triggers_never_imports_spacy(tmp_path):
    page = tmp_path / "accounts.md"
    page.write_text("# Accounts\n\nUsers can reset their password from the login page.\n\n"
                    "If the upload failed, try again.\n", encoding="utf-8")
    import subprocess

    code = ("import sys; from hr_lint import Linter; "
            f"found = Linter().lint_file({str(page)!r}); "
            "print(len(found), 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "False"]


TRICKY_RST = """\
=========
Overlined
=========

The addicts' title above is an overline section.

.. note:: Clean and sober living is a note argument.

   The note's body mentions junkies.

Paragraph before a literal block::

Addicts in a quoted literal? No: this line starts a paragraph again.

Paragraph before a real literal block::

    addicts = []  # code

> quoted literal block with addicts

=====  ==========================
Term   Meaning
=====  ==========================
crazy  said of the weather

alcoholics
       a row that starts after a blank line, inside the table
=====  ==========================

After the table, alcoholics again.

+-------------+------------------+
| junkie      | grid cell         |
+-------------+------------------+

.. This comment mentions addicts
   and goes on.

:Field: a field body about addicts

- a bullet about junkies

  continued
1. an enumerated item about crackheads

Last paragraph: the mentally ill.
"""


def test_reading_only_the_blocks_with_terms_changes_nothing_in_tricky_restructuredtext():
    found = _as_tuples(SCREENED.lint_text(TRICKY_RST, "rst"))
    assert found == _as_tuples(ORACLE.lint_text(TRICKY_RST, "rst"))
    lines = {f[0] for f in found}
    assert {5, 9, 13, 24, 30, 33, 39, 41, 44, 46} <= lines  # prose on both sides of tables and code
    assert 17 not in lines and 36 not in lines  # the literal block, the comment


def test_spacy_loads_without_its_command_line(tmp_path):
    # spaCy's package imports its CLI (typer, requests) only to export spacy.info: hr-lint
    # leaves it out of the import, and a later `import spacy.cli` still gets the real one
    import subprocess

    code = ("import sys; from hr_lint import Linter; "
            "found = Linter().lint_text('Three addicts came by.', 'text'); "
            "print(len(found), 'spacy' in sys.modules, 'typer' in sys.modules, 'requests' in sys.modules); "
            "import spacy.cli; print(callable(spacy.cli.info))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["1", "True", "False", "False", "True"]
