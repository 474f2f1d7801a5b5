"""Format readers: what is prose, and exact source positions of prose text."""
from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest

from hr_lint.document import Document
from hr_lint.readers import (
    EXTENSIONS,
    FORMATS,
    ReaderError,
    format_for_path,
    parse,
    parse_docx,
)


# -- helpers -----------------------------------------------------------------


def words(doc: Document) -> set[str]:
    """Lower-case words of all prose segments."""
    return {w.lower() for s in doc.segments for w in re.findall(r"[\w']+", s.text)}


def has(doc: Document, phrase: str) -> bool:
    return any(phrase in s.text for s in doc.segments)


def where(doc: Document, phrase: str, nth: int = 0, kind: str | None = None):
    """(line, column, source text, segment kind) of the nth occurrence of a prose phrase."""
    hits = []
    for seg in doc.segments:
        if kind and seg.kind != kind:
            continue
        i = seg.text.find(phrase)
        while i >= 0:
            hits.append((seg, i))
            i = seg.text.find(phrase, i + 1)
    assert len(hits) > nth, f"{phrase!r} not in prose: {[s.text for s in doc.segments]}"
    seg, i = hits[nth]
    start, end = seg.source_span(i, i + len(phrase))
    line, col = doc.position(start)
    return line, col, doc.source[start:end], seg.kind


def check_offsets(doc: Document) -> None:
    """Every kept prose char maps to itself in the source (entities aside)."""
    for seg in doc.segments:
        assert len(seg.text) == len(seg.starts) == len(seg.ends)
        assert seg.text == seg.text.strip()
        for ch, s, e in zip(seg.text, seg.starts, seg.ends):
            assert 0 <= s <= e <= len(doc.source)
            raw = doc.source[s:e]
            if ch not in " \u2022" and raw != ch:
                assert raw.startswith("&") or raw.startswith("\\"), (ch, raw)


# -- API ------------------------------------------------------------------------


def test_api():
    assert FORMATS == ("markdown", "html", "rst", "text", "docx", "pdf")
    assert set(EXTENSIONS.values()) == set(FORMATS)
    assert format_for_path("docs/Guide.MD") == "markdown"
    assert format_for_path("a/b.htm") == "html"
    assert format_for_path("x.rst") == "rst"
    assert format_for_path("notes.txt") == "text"
    assert format_for_path("report.docx") == "docx"
    assert format_for_path("Brochure.PDF") == "pdf"
    assert format_for_path("script.py") is None
    assert format_for_path("README") is None
    with pytest.raises(ValueError):
        parse("text", "pdf")
    with pytest.raises(ValueError):
        parse("text", "docx")


@pytest.mark.parametrize("fmt", ["markdown", "html", "rst", "text"])
@pytest.mark.parametrize("source", ["", "\n", "   \n\n\t\n", "\r\n\r\n"])
def test_empty_source_has_no_segments(fmt, source):
    doc = parse(source, fmt)
    assert doc.segments == []
    assert doc.format == fmt


# -- Markdown -------------------------------------------------------------------

MD = """\
---
title: Support for addicts
slug: users-guide
description: "Substance abuse and recovery"
tags: [junkies]
---
# Working with addicts

We help people who are *clean* and **users**
of substance **abuse** services.

Inline `addicts` code and [our users](https://example.org/junkies "clean title").
![Photo of addicts](img/users.png "junkies")

```python
alcoholics = users
```

    indented crackheads code

<!-- hidden lunatics -->
<details><summary>About addicts</summary>

Text in details.
</details>

| Term | Note |
|------|------|
| junkie | `inmates` here |

> Quote about addicts.

- List item on substance
  abuse.

See https://example.org/felons and <https://x.org/convicts> or write prostitutes@example.org.

[ref]: https://example.org/hookers "schizos"

Escaped \\*addicts\\* and AT&amp;T &rsquo;clean&rsquo; with [a ref][ref].
"""


def test_markdown_prose_and_skips():
    doc = parse(MD, "markdown")
    check_offsets(doc)
    w = words(doc)
    for kept in ["addicts", "clean", "users", "abuse", "junkie", "details"]:
        assert kept in w
    # code, URLs, link titles, comments, reference definitions, non-linted front matter
    for skipped in ["alcoholics", "crackheads", "inmates", "junkies", "lunatics",
                    "felons", "convicts", "prostitutes", "hookers", "schizos",
                    "slug", "tags", "python"]:
        assert skipped not in w, skipped
    assert not any("example" in s.text for s in doc.segments)
    assert has(doc, "Inline \u2022 code")  # inline code keeps its neighbours apart


def test_markdown_positions():
    doc = parse(MD, "markdown")
    assert where(doc, "addicts") == (2, 20, "addicts", "front-matter")
    assert where(doc, "Substance abuse") == (4, 15, "Substance abuse", "front-matter")
    assert where(doc, "Working with addicts") == (7, 3, "Working with addicts", "heading")
    # across a line break and emphasis markers
    assert where(doc, "clean and users of substance abuse") == (
        9, 25, "clean* and **users**\nof substance **abuse", "prose")
    assert where(doc, "our users") == (12, 28, "our users", "prose")
    assert where(doc, "Photo of addicts") == (13, 3, "Photo of addicts", "alt")
    assert where(doc, "About addicts") == (22, 19, "About addicts", "prose")
    assert where(doc, "junkie") == (29, 3, "junkie", "cell")
    assert where(doc, "Note") == (27, 10, "Note", "cell")
    assert where(doc, "Quote about addicts") == (31, 3, "Quote about addicts", "prose")
    assert where(doc, "on substance abuse") == (33, 13, "on substance\n  abuse", "prose")
    assert where(doc, "AT&T") == (40, 25, "AT&amp;T", "prose")
    assert where(doc, "\u2019clean\u2019") == (40, 34, "&rsquo;clean&rsquo;", "prose")
    # an escaped char maps to itself, not to its backslash
    assert where(doc, "*addicts*") == (40, 10, "*addicts\\*", "prose")
    assert where(doc, "a ref") == (40, 60, "a ref", "prose")


def test_markdown_segments_are_blocks():
    doc = parse(MD, "markdown")
    texts = [s.text for s in doc.segments]
    assert "Working with addicts" in texts
    assert "List item on substance abuse." in texts
    assert "Text in details." in texts
    assert "Photo of addicts" in texts  # alt text on its own
    kinds = {s.kind for s in doc.segments}
    assert {"heading", "cell", "alt", "front-matter", "prose"} <= kinds


def test_markdown_crlf_tabs_emoji():
    src = "# Title\r\n\r\nA\tsubstance\r\nabuse \U0001F600 addicts here.\r\n\r\n*\tclean\tusers\r\n"
    doc = parse(src, "markdown")
    check_offsets(doc)
    assert where(doc, "substance abuse") == (3, 3, "substance\r\nabuse", "prose")
    assert where(doc, "addicts") == (4, 9, "addicts", "prose")
    assert where(doc, "clean users") == (6, 3, "clean\tusers", "prose")


def test_markdown_inline_html_and_links():
    src = (
        "Our substance <em>abuse</em> team, <code>addicts</code> and "
        '<span title="clean users">x</span>.\n\n'
        "Reach [the *addicts* page][1] or <mailto:junkies@example.org> or "
        "[alcoholics](</a b> 'drunks') too.\n\n"
        "[1]: <https://example.org> (felons)\n"
    )
    doc = parse(src, "markdown")
    check_offsets(doc)
    assert where(doc, "substance abuse") == (1, 5, "substance <em>abuse", "prose")
    assert "addicts" not in doc.segments[0].text
    assert where(doc, "clean users") == (1, 74, "clean users", "title")
    assert where(doc, "the addicts page") == (3, 8, "the *addicts* page", "prose")
    assert where(doc, "alcoholics") == (3, 67, "alcoholics", "prose")
    w = words(doc)
    assert not {"junkies", "drunks", "felons", "mailto"} & w


def test_markdown_front_matter_forms():
    src = (
        "---\r\n"
        "title: 'Clean ''users'' guide'  # junkies\r\n"
        "summary: >\r\n"
        "  Help for\r\n"
        "  addicts\r\n"
        "author: Crackhead Name\r\n"
        "description: plain text about users # comment about felons\r\n"
        "---\r\n"
        "Body.\r\n"
    )
    doc = parse(src, "markdown")
    check_offsets(doc)
    fm = [s.text for s in doc.segments if s.kind == "front-matter"]
    assert fm == ["Clean 'users' guide", "Help for addicts", "plain text about users"]
    assert where(doc, "Help for addicts") == (4, 3, "Help for\r\n  addicts", "front-matter")
    assert "crackhead" not in words(doc) and "felons" not in words(doc)
    assert where(doc, "Body.") == (9, 1, "Body.", "prose")


def test_markdown_setext_heading_and_nested_list():
    src = "Clean users\n===========\n\n1. First\n   - nested substance\n     abuse\n"
    doc = parse(src, "markdown")
    assert where(doc, "Clean users") == (1, 1, "Clean users", "heading")
    assert where(doc, "substance abuse") == (5, 13, "substance\n     abuse", "prose")


# -- HTML -------------------------------------------------------------------------

HTML = """\
<!DOCTYPE html>
<html>
<head>
  <title>Help for addicts</title>
  <meta name="description" content="junkies">
  <style>.alcoholics { color: red }</style>
  <script>var crackheads = "users";</script>
</head>
<body class="lunatics">
<h1>Working with <em>addicts</em></h1>
<p>People who are <b>clean</b> and substance
   <strong>abuse</strong> &amp; AT&amp;T &rsquo;s &#8217;x&#x2019; a&nbsp;b</p>
<p><img src="felons.png" alt="Photo of addicts &amp; friends">
<a href="https://example.org/convicts" title="clean users">Read more</a></p>
<pre>inmates</pre><code>hookers</code>
<p>Visit https://example.org/schizos or www.example.org/psychos today.</p>
<!-- prostitutes -->
<ul><li>First addicts<li>Second users</ul>
<table><tr><td>junkie</td><td>sober</td></tr></table>
<p>line one<br>line two</p>
</body>
</html>
"""


def test_html_prose_and_skips():
    doc = parse(HTML, "html")
    check_offsets(doc)
    w = words(doc)
    for kept in ["addicts", "clean", "users", "abuse", "junkie", "sober", "friends"]:
        assert kept in w
    for skipped in ["junkies", "alcoholics", "crackheads", "lunatics", "felons",
                    "convicts", "inmates", "hookers", "schizos", "psychos",
                    "prostitutes", "description"]:
        assert skipped not in w, skipped


def test_html_positions():
    doc = parse(HTML, "html")
    assert where(doc, "Help for addicts") == (4, 10, "Help for addicts", "heading")
    assert where(doc, "Working with addicts") == (10, 5, "Working with <em>addicts", "heading")
    assert where(doc, "clean and substance abuse") == (
        11, 22, "clean</b> and substance\n   <strong>abuse", "prose")
    assert where(doc, "& AT&T") == (12, 27, "&amp; AT&amp;T", "prose")
    assert where(doc, "\u2019s \u2019x\u2019") == (12, 42, "&rsquo;s &#8217;x&#x2019;", "prose")
    assert where(doc, "a b") == (12, 68, "a&nbsp;b", "prose")  # &nbsp; is a space
    assert where(doc, "Photo of addicts & friends") == (
        13, 31, "Photo of addicts &amp; friends", "alt")
    assert where(doc, "clean users") == (14, 47, "clean users", "title")
    assert where(doc, "Second users") == (18, 26, "Second users", "prose")
    assert where(doc, "junkie") == (19, 16, "junkie", "cell")


def test_html_blocks_split_inline_do_not():
    doc = parse(HTML, "html")
    texts = [s.text for s in doc.segments]
    assert "First addicts" in texts and "Second users" in texts
    assert "line one" in texts and "line two" in texts  # <br> ends the segment
    assert "Read more" in texts
    assert any(t.startswith("Visit \u2022 or \u2022 today") for t in texts)


def test_html_crlf_emoji_tabs():
    src = "<p>\U0001F600\tsubstance\r\n<i>abuse</i></p>\r\n<p>caf\u00e9 addicts</p>"
    doc = parse(src, "html")
    check_offsets(doc)
    assert where(doc, "substance abuse") == (1, 6, "substance\r\n<i>abuse", "prose")
    assert where(doc, "addicts") == (3, 9, "addicts", "prose")


def test_html_fragment_unclosed_and_nested_skips():
    src = "<div>clean <code>users <b>x</b></code> addicts<pre><code>junkies</code> felons</pre> drug users</div>"
    doc = parse(src, "html")
    assert [s.text for s in doc.segments] == ["clean \u2022 addicts", "drug users"]


# -- reStructuredText -------------------------------------------------------------

RST = """\
==============
Helping users
==============

Working with addicts
--------------------

People who are *clean* and **users** of substance
abuse services, see ``junkies`` and :ref:`alcoholics-target` or
:ref:`Clean users <felons-target>` and `the guide <https://example.org/convicts>`_.

Here is an example::

    crackheads = users

  still literal lunatics

.. code-block:: python

   inmates = True

.. note:: Careful with the word addicts
   and with users.

   Body text about clean users.

.. toctree::
   :maxdepth: 2

   hookers

.. image:: prostitutes.png
   :alt: schizos

.. This comment mentions psychos
   and druggies.

.. _junkie-link: https://example.org/pillheads

- First item about addicts
  continued on a second line
- Second item: users

:Author: Sober Writer

+----------+---------+
| Header   | More    |
+==========+=========+
| addicts  | clean   |
| here     | users   |
+----------+---------+

Visit https://example.org/tweakers or write dopers@example.org today.
"""


def test_rst_prose_and_skips():
    doc = parse(RST, "rst")
    check_offsets(doc)
    w = words(doc)
    for kept in ["addicts", "clean", "users", "abuse", "sober", "careful"]:
        assert kept in w
    for skipped in ["junkies", "alcoholics", "felons", "convicts", "crackheads",
                    "lunatics", "inmates", "hookers", "prostitutes", "schizos",
                    "psychos", "druggies", "pillheads", "maxdepth", "tweakers",
                    "dopers", "python", "author"]:
        assert skipped not in w, skipped


def test_rst_positions():
    doc = parse(RST, "rst")
    assert where(doc, "Helping users") == (2, 1, "Helping users", "heading")
    assert where(doc, "Working with addicts") == (5, 1, "Working with addicts", "heading")
    assert where(doc, "clean and users of substance abuse") == (
        8, 17, "clean* and **users** of substance\nabuse", "prose")
    assert where(doc, "Clean users") == (10, 7, "Clean users", "prose")
    assert where(doc, "the guide") == (10, 41, "the guide", "prose")
    assert where(doc, "example:") == (12, 12, "example:", "prose")
    assert where(doc, "Careful with the word addicts and with users.") == (
        22, 11, "Careful with the word addicts\n   and with users.", "prose")
    assert where(doc, "Body text about clean users.") == (25, 4, "Body text about clean users.", "prose")
    assert where(doc, "First item about addicts continued") == (
        40, 3, "First item about addicts\n  continued", "prose")
    assert where(doc, "Sober Writer") == (44, 10, "Sober Writer", "prose")
    assert where(doc, "addicts here") == (49, 3, "addicts  | clean   |\n| here", "cell")
    assert where(doc, "clean users", kind="cell") == (49, 14, "clean   |\n| here     | users", "cell")


def test_rst_segments():
    doc = parse(RST, "rst")
    texts = [s.text for s in doc.segments]
    assert "Here is an example:" in texts
    assert "Second item: users" in texts
    assert "Header" in texts and "More" in texts
    assert any(t.startswith("Visit \u2022 or write \u2022 today") for t in texts)


def test_rst_more_constructs():
    src = (
        "Term about addicts\r\n"
        "    Definition with users.\r\n"
        "\r\n"
        "=====  ==========\r\n"
        "Name   Note\r\n"
        "=====  ==========\r\n"
        "x      clean\r\n"
        "       addicts\r\n"
        "=====  ==========\r\n"
        "\r\n"
        ">>> junkies = 1\r\n"
        "\r\n"
        "See :doc:`felons` and :func:`inmates` and :emphasis:`sober users` [1]_ |lunatics|.\r\n"
        "\r\n"
        ".. [1] A footnote on\r\n"
        "   substance abuse.\r\n"
        "\r\n"
        "| A line block with\r\n"
        "| clean\tusers \U0001F600 addicts\r\n"
    )
    doc = parse(src, "rst")
    check_offsets(doc)
    texts = [s.text for s in doc.segments]
    assert texts[:2] == ["Term about addicts", "Definition with users."]
    assert where(doc, "clean addicts") == (7, 8, "clean\r\n       addicts", "cell")
    assert not {"junkies", "felons", "inmates", "lunatics"} & words(doc)
    assert where(doc, "sober users") == (13, 54, "sober users", "prose")
    assert where(doc, "substance abuse") == (16, 4, "substance abuse", "prose")
    assert where(doc, "footnote on substance") == (15, 10, "footnote on\r\n   substance", "prose")
    assert where(doc, "users \U0001F600 addicts")[:2] == (19, 9)
    assert where(doc, "with clean users") == (18, 16, "with\r\n| clean\tusers", "prose")


# -- plain text -------------------------------------------------------------------

TEXT = (
    "Helping addicts and their families.\r\n"
    "\r\n"
    "People who are clean and substance\r\n"
    "abuse\tservices at https://example.org/junkies or www.example.com/felons.\r\n"
    "   \r\n"
    "Write to convicts@example.org \U0001F600 for users.\r\n"
)


def test_text_prose_and_positions():
    doc = parse(TEXT, "text")
    check_offsets(doc)
    texts = [s.text for s in doc.segments]
    assert len(texts) == 3
    assert texts[0] == "Helping addicts and their families."
    assert not {"junkies", "felons", "convicts", "example"} & words(doc)
    assert where(doc, "addicts") == (1, 9, "addicts", "prose")
    assert where(doc, "substance abuse services") == (3, 26, "substance\r\nabuse\tservices", "prose")
    assert where(doc, "\u2022") == (4, 19, "https://example.org/junkies", "prose")
    assert where(doc, "\u2022", nth=1) == (4, 50, "www.example.com/felons", "prose")
    assert where(doc, "users") == (6, 37, "users", "prose")
    assert texts[1].endswith("\u2022 .")  # the final dot is not part of the URL


def test_text_keeps_markup_like_chars():
    doc = parse("Some *clean* users (see http://x.org/a_(b)) and <b>addicts</b>", "text")
    assert doc.segments[0].text == "Some *clean* users (see \u2022 ) and <b>addicts</b>"


# -- docx -------------------------------------------------------------------------


def make_docx() -> bytes:
    d = docx.Document()
    d.add_heading("Working with addicts", 1)
    d.add_paragraph("")
    p = d.add_paragraph("People who are ")
    p.add_run("clean").bold = True
    p.add_run(" and substance abuse \U0001F600 users.")
    d.add_paragraph("See https://example.org/junkies today.")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Cell about addicts"
    table.cell(0, 1).text = "users"
    d.sections[0].header.paragraphs[0].text = "Header: clean users"
    d.sections[0].footer.paragraphs[0].text = "Footer addicts"
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_docx_lines_are_paragraphs():
    doc = parse_docx(make_docx())
    assert doc.format == "docx"
    assert doc.source.split("\n") == [
        "Working with addicts",
        "",
        "People who are clean and substance abuse \U0001F600 users.",
        "See https://example.org/junkies today.",
        "Cell about addicts",
        "users",
        "Header: clean users",
        "Footer addicts",
    ]
    check_offsets(doc)
    assert where(doc, "Working with addicts") == (1, 1, "Working with addicts", "heading")
    assert where(doc, "clean and substance abuse") == (3, 16, "clean and substance abuse", "prose")
    assert where(doc, "users.") == (3, 44, "users.", "prose")
    assert where(doc, "addicts", kind="cell") == (5, 12, "addicts", "cell")
    assert where(doc, "clean users") == (7, 9, "clean users", "prose")
    assert where(doc, "Footer addicts") == (8, 1, "Footer addicts", "prose")
    assert "junkies" not in words(doc)
    assert len(doc.segments) == 7


@pytest.mark.parametrize("data", [b"", b"not a zip at all", b"PK\x03\x04broken"])
def test_docx_corrupt(data):
    with pytest.raises(ReaderError, match="not a valid .docx file"):
        parse_docx(data)


def test_docx_zip_without_word_parts():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "addicts")
    with pytest.raises(ReaderError, match="not a valid .docx file"):
        parse_docx(buf.getvalue())


def test_docx_broken_xml():
    zin = zipfile.ZipFile(io.BytesIO(make_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in zin.infolist():
            data = zin.read(item.filename)
            z.writestr(item, data[:200] if item.filename == "word/document.xml" else data)
    with pytest.raises(ReaderError, match="not a valid .docx file"):
        parse_docx(out.getvalue())


# -- edge cases -------------------------------------------------------------------


def test_rst_directive_argument_lines_and_options():
    src = (
        ".. image:: junkies.png\n"
        "   continued-felons.png\n"
        "   :alt: inmates\n"
        "\n"
        "   Body about addicts.\n"
        "\n"
        ".. compound::\n"
        "   Compound users text.\n"
    )
    doc = parse(src, "rst")
    assert [s.text for s in doc.segments] == ["Body about addicts.", "Compound users text."]
    assert where(doc, "addicts") == (5, 15, "addicts", "prose")


def test_html_recovers_from_malformed_markup():
    src = "<p>clean <![ broken\n\naddicts here</p><p>users</p>"
    doc = parse(src, "html")
    check_offsets(doc)
    assert where(doc, "addicts here") == (3, 1, "addicts here", "prose")
    assert where(doc, "users") == (3, 20, "users", "prose")


def test_markdown_escaped_backtick_before_code_and_lone_cr():
    src = "A \\``junkies` then addicts\rand users.\n"
    doc = parse(src, "markdown")
    check_offsets(doc)
    assert "junkies" not in words(doc)
    assert where(doc, "`") == (1, 4, "`", "prose")
    assert where(doc, "addicts and users") == (1, 20, "addicts\rand users", "prose")


def test_a_docx_that_inflates_past_the_limit_is_refused(monkeypatch):
    from hr_lint.readers import docx as docx_reader

    package = zipfile.ZipFile(io.BytesIO(make_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in package.infolist():
            data = package.read(info.filename)
            if info.filename == "word/document.xml":  # four megabytes of nothing, in a comment
                data = data.replace(b"<w:body>", b"<w:body><!--" + b" " * (4 << 20) + b"-->")
            z.writestr(info.filename, data)
    bomb = out.getvalue()
    assert len(bomb) < 64 * 1024
    monkeypatch.setattr(docx_reader, "MAX_INFLATED", 1024 * 1024)
    with pytest.raises(ReaderError, match=r"word/document\.xml inflates to 4 MB, over the 1 MB limit"):
        parse_docx(bomb)
    assert parse_docx(make_docx())  # a document within the bound reads as before
