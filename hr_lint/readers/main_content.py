"""Where a web page's main content is: source ranges, so findings keep exact offsets.

Navigation, headers, footers, sidebars and cookie banners repeat on every page of a site
and would repeat their findings. Extractors such as trafilatura and readability return the
main text as new text, without offsets into the page; hr-lint needs offsets, so it decides
the same question on the page's own elements (a readability-style choice) and keeps the
findings that fall inside the chosen ranges:

1. `<main>` or `role="main"` elements, if any; else `<article>` elements; else
2. the element whose paragraphs hold the most text that is not link text (readability's
   score: a paragraph's text counts for its parent, half for its grandparent), with its
   siblings that score at least a fifth as much;
3. inside the chosen ranges, boilerplate is cut out again: `nav`, `header`, `footer`,
   `aside`, `form`, `dialog`, `template`, elements with a navigation, banner, footer or
   complementary role, `hidden`/`aria-hidden`, and elements whose id or class names a
   cookie or consent banner, a menu, breadcrumbs, a sidebar, a share bar... but not an
   article's own header and footer (its title and byline), by tag or by a class such as
   WordPress's `entry-header`.

None means "no structure found": the caller keeps the whole page.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

BOILERPLATE_TAGS = frozenset("nav header footer aside form dialog template noscript script style".split())
BOILERPLATE_ROLES = frozenset("navigation banner contentinfo complementary search dialog alertdialog".split())
_BOILERPLATE_NAMES = re.compile(
    r"(?:^|[\s_-])(cookie|cookies|consent|gdpr|banner|nav|navbar|navigation|menu|breadcrumbs?|sidebar|"
    r"footer|header|masthead|share|social|subscribe|newsletter|skip-link|site-header|site-footer|promo|ad|ads|"
    r"related)(?=$|[\s_-])", re.I)
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
PARAGRAPHS = frozenset("p li h1 h2 h3 h4 h5 h6 td blockquote pre dd".split())


class _Element:
    __slots__ = ("tag", "start", "end", "parent", "attrs", "text", "link_text", "score", "children")

    def __init__(self, tag, start, parent, attrs):
        self.tag, self.start, self.end, self.parent, self.attrs = tag, start, None, parent, attrs
        self.text = self.link_text = 0
        self.score = 0.0
        self.children = []


class _Tree(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.source = source
        self.root = _Element("#root", 0, None, {})
        self.stack = [self.root]
        self.elements: list[_Element] = []
        self._lines = [0] + [m.end() for m in re.finditer("\n", source)]

    def _at(self) -> int:
        line, col = self.getpos()
        return self._lines[line - 1] + col

    def handle_starttag(self, tag, attrs):
        el = _Element(tag, self._at(), self.stack[-1], {k: (v or "") for k, v in attrs})
        self.stack[-1].children.append(el)
        self.elements.append(el)
        if tag in VOID:
            el.end = self._at() + len(self.get_starttag_text() or "")
        else:
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.stack[-1].tag == tag and tag not in VOID:
            el = self.stack.pop()
            el.end = self._at() + len(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        for k in range(len(self.stack) - 1, 0, -1):
            if self.stack[k].tag == tag:
                end = self.source.find(">", self._at())
                end = len(self.source) if end < 0 else end + 1
                for el in self.stack[k:]:
                    el.end = end
                del self.stack[k:]
                return

    def handle_data(self, data):
        n = len(data.strip())
        if not n:
            return
        in_link = any(el.tag == "a" for el in self.stack)
        for el in self.stack:
            el.text += n
            if in_link:
                el.link_text += n

    def finish(self):
        self.close()
        for el in self.stack[1:]:
            el.end = len(self.source)
        for el in self.elements:
            if el.end is None:
                el.end = len(self.source)
        self.root.end = len(self.source)


def _boilerplate(el: _Element) -> bool:
    a = el.attrs
    if el.tag in BOILERPLATE_TAGS and not (el.tag in ("header", "footer") and _inside_article(el)):
        return True
    if a.get("role", "").lower() in BOILERPLATE_ROLES:
        return True
    if "hidden" in a or a.get("aria-hidden", "").lower() == "true":
        return True
    names = f"{a.get('id', '')} {a.get('class', '')}"
    if not names.strip() or el.tag in ("main", "article", "body"):
        return False
    found = {m.group(1).lower() for m in _BOILERPLATE_NAMES.finditer(names)}
    if found and found <= {"header", "footer"} and _inside_article(el):
        return False  # WordPress's "entry-header" holds the post's title, "entry-footer" its byline
    return bool(found)


def _inside_article(el: _Element) -> bool:
    """An article's own header (its title, byline) and footer belong to it."""
    p = el.parent
    while p is not None:
        if p.tag in ("article", "main") or p.attrs.get("role") == "main":
            return True
        p = p.parent
    return False


def main_ranges(source: str) -> list[tuple[int, int]] | None:
    """Sorted, disjoint source ranges of the main content, or None (keep everything)."""
    tree = _Tree(source)
    try:
        tree.feed(source)
        tree.finish()
    except AssertionError:  # html.parser gives up on some malformed markup
        return None
    els = tree.elements
    chosen = [e for e in els if e.tag == "main" or e.attrs.get("role", "").lower() == "main"]
    if not chosen:
        chosen = [e for e in els if e.tag == "article"]
    if not chosen:
        for e in els:
            if e.tag in PARAGRAPHS and not _boilerplate(e) and e.text - e.link_text >= 25:
                score = 1 + min((e.text - e.link_text) / 100, 3)
                if e.parent is not None:
                    e.parent.score += score
                    if e.parent.parent is not None:
                        e.parent.parent.score += score / 2
        candidates = [e for e in els if e.score > 0 and not _boilerplate(e)]
        if not candidates:
            return None
        for e in candidates:
            e.score *= 1 - (e.link_text / e.text if e.text else 0)
        top = max(candidates, key=lambda e: e.score)
        siblings = top.parent.children if top.parent is not None else [top]
        chosen = [s for s in siblings if s is top or (s.score >= top.score * 0.2 and not _boilerplate(s))]
    chosen = [e for e in chosen if not any(p in chosen for p in _ancestors(e))]  # outermost only
    ranges = sorted((e.start, e.end) for e in chosen)
    cuts = sorted((e.start, e.end) for e in els if _boilerplate(e) and any(s <= e.start < t for s, t in ranges))
    return _subtract(ranges, cuts)


def _ancestors(el: _Element):
    p = el.parent
    while p is not None:
        yield p
        p = p.parent


def _subtract(ranges, cuts):
    out = []
    for s, e in ranges:
        pos = s
        for cs, ce in cuts:
            if ce <= pos or cs >= e:
                continue
            if cs > pos:
                out.append((pos, cs))
            pos = max(pos, ce)
        if pos < e:
            out.append((pos, e))
    return out


def inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) lie within one of the ranges?"""
    import bisect

    k = bisect.bisect_right(ranges, (start, float("inf"))) - 1
    return k >= 0 and ranges[k][0] <= start and end <= ranges[k][1]
