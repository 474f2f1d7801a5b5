"""Text lines of a PDF page as a reader sees them, on top of pdfminer.six's layout analysis.

pdfminer builds a text line from characters that follow each other in the content stream,
and breaks it where the gap to the next character is wider than `char_margin` times the
wider of the two characters. Justified text (Chromium's and Word's PDFs of a newsletter in
columns) puts gaps of one to four ems between words, so after a narrow letter or a space a
line breaks into pieces; pdfminer then groups and orders the pieces as separate boxes and
the page reads "that / Our office finds / help / hours / flexible". Here the pieces are
joined again before pdfminer groups lines into boxes (`Page.group_objects`):

- two pieces that follow each other in the content stream, on the same baseline, of the
  same height, the second to the right of the first;
- the gap at most 8 line heights when a space glyph stands at the join (justified text
  draws its spaces), else at most 1.5 (words placed without space glyphs);
- and the gap is not a gutter: among the rows within 3 line heights above and below
  (under the joined line: another column's rows do not count), a piece of other words
  starts where the second piece starts (a column's edge) and none has text in the half
  line height before it. Columns drawn row by row across the page (some exporters do) are like that on
  every row, so they stay apart; the gaps of justified rows fall at different places
  from row to row.

`line_text` gives a line's text without the second space pdfminer adds after a drawn space.
"""
from __future__ import annotations

import bisect


def aggregator(manager, laparams):
    """A PDFPageAggregator whose pages join the pieces of justified lines."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTPage

    class Page(LTPage):
        def group_objects(self, laparams, objs):
            return join_pieces(list(super().group_objects(laparams, objs)), laparams)

    class Aggregator(PDFPageAggregator):
        def begin_page(self, page, ctm):
            super().begin_page(page, ctm)
            self.cur_item.__class__ = Page

    return Aggregator(manager, laparams=laparams)


def _chars(line):
    from pdfminer.layout import LTChar

    return [o for o in line if isinstance(o, LTChar)]


def join_pieces(lines, laparams):
    return _one_pass(lines, laparams)


def _one_pass(lines, laparams):
    from pdfminer.layout import LTTextLineHorizontal

    horizontal = sorted((ln for ln in lines if isinstance(ln, LTTextLineHorizontal)), key=lambda ln: ln.y0)
    ys = [ln.y0 for ln in horizontal]
    out = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and _joinable(prev, line, horizontal, ys):
            joined = LTTextLineHorizontal(laparams.word_margin)
            for ch in _chars(prev) + _chars(line):
                joined.add(ch)
            out[-1] = joined
        else:
            out.append(line)
    return out


def _joinable(a, b, rows, ys) -> bool:
    from pdfminer.layout import LTTextLineHorizontal

    if not (isinstance(a, LTTextLineHorizontal) and isinstance(b, LTTextLineHorizontal)):
        return False
    h = min(a.height, b.height)
    if h <= 0 or max(a.height, b.height) > 1.5 * h or abs(a.y0 - b.y0) > 0.3 * h:
        return False
    gap = b.x0 - a.x1
    if gap < -0.5 * h:
        return False
    ca, cb = _chars(a), _chars(b)
    spaced = bool(ca and ca[-1].get_text().isspace()) or bool(cb and cb[0].get_text().isspace())
    if gap > (8.0 if spaced else 1.5) * h:
        return False
    lo, hi = a.x1 + 0.5, b.x0 - 0.5
    if hi <= lo:
        return True
    near = [r for r in rows[bisect.bisect_left(ys, a.y0 - 3 * h):bisect.bisect_right(ys, a.y0 + 3 * h)]
            if r is not a and r is not b and abs(r.y0 - a.y0) > 0.3 * h and r.x1 > a.x0 and r.x0 < b.x1]
    # a gutter: the second piece starts where pieces of the rows around start (a column's
    # edge: not the same word again, as justified rows that end in "the" align), and none
    # of those rows has text just before that edge
    word = line_text(b).strip()
    edge = any(abs(r.x0 - b.x0) <= 0.5 and line_text(r).strip() != word for r in near)
    empty = not any(r.x0 < b.x0 - 0.5 and r.x1 > b.x0 - 0.5 * h for r in near)
    return not (edge and empty)


def line_text(line) -> str:
    """The line's characters, a space where pdfminer saw a word gap, but never two spaces
    where the page drew a space and pdfminer added one for the gap after it."""
    from pdfminer.layout import LTAnno

    out: list[str] = []
    last = ""
    for o in line:
        t = o.get_text()
        if isinstance(o, LTAnno):
            if t == "\n" or (t == " " and (not last or last.isspace())):
                continue
        out.append(t)
        last = t[-1:] if t else last
    return "".join(out)
