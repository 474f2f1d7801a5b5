"""`--format html`: one self-contained report file for people who would rather look than read.

No external script, style, font or image: styles and a small script are inline, charts
are inline SVG, and a Content-Security-Policy meta tag forbids loading anything else.
Summary totals; bar charts by category, by severity and by page or file; the pages or
files with the most findings; what could not be checked (failed fetches, unreadable files)
and what was left out on purpose; every finding with its context, suggestions and a link
to its guidance; filters by category and severity, sorting; a print style sheet (a
printout shows the findings the filters show, and says so when they hide some).
"""
from __future__ import annotations

from collections import Counter
from html import escape

import re
from urllib.parse import urlsplit

from hr_lint.output import rule_meta_for, source_lines, tool_version

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
COLOURS = {"error": "#b3261e", "warning": "#8a5a00", "info": "#0b5cad"}
BAR = "#3b6ea5"
TOP = 15
LABEL_CHARS = 26  # what fits the charts' label column
CONTEXT_LINES = 4  # most lines of context shown for a finding that spans lines
SKIPPED_SHOWN = 200  # most URLs listed per reason left out

CSS = """
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 0 auto; padding: 1.5rem; max-width: 75rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
.muted { color: var(--muted); }
.totals { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; padding: 0; list-style: none; }
.totals li { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; min-width: 8rem; }
.totals b { display: block; font-size: 1.5rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1.5rem; }
figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: .25rem; }
svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
svg.chart { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line); }
th { background: #f6f8fa; }
.sev { font-weight: 600; } .sev-error { color: #b3261e; } .sev-warning { color: #8a5a00; } .sev-info { color: #0b5cad; }
.context { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; white-space: pre-wrap;
           background: #f6f8fa; padding: .25rem .4rem; border-radius: 4px; margin: .25rem 0; }
mark { background: #ffe08a; color: inherit; }
.loc { font-family: ui-monospace, monospace; font-size: 13px; word-break: break-all; }
.controls { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; margin: .5rem 0 1rem; }
.controls fieldset { border: 1px solid var(--line); border-radius: 6px; }
.controls label { margin-right: .75rem; white-space: nowrap; }
.suggest { margin: .25rem 0 0; } .suggest li { margin: 0; }
.at { white-space: nowrap; word-break: normal; }
.printonly { display: none; }
#failures td:first-child { width: 40%; }
@media print {
  .controls, .noprint { display: none !important; }
  .printonly:not([hidden]) { display: block; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  tr.finding { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

SCRIPT = """
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.finding"));
  var body = document.querySelector("#findings tbody");
  var shown = document.getElementById("shown");
  function checked(name) {
    return Array.prototype.slice.call(document.querySelectorAll("input[name=" + name + "]:checked"))
      .map(function (i) { return i.value; });
  }
  function apply() {
    var cats = checked("category"), sevs = checked("severity"), n = 0;
    rows.forEach(function (r) {
      var on = cats.indexOf(r.dataset.category) >= 0 && sevs.indexOf(r.dataset.severity) >= 0;
      r.hidden = !on;
      if (on) n++;
    });
    shown.textContent = String(n);
    shown.setAttribute("data-count", String(n));
    var note = document.getElementById("filter-note");
    var all = rows.length, allCats = document.querySelectorAll("input[name=category]").length,
        allSevs = document.querySelectorAll("input[name=severity]").length;
    note.hidden = n === all && cats.length === allCats && sevs.length === allSevs;
    note.textContent = "Filtered: " + n + " of " + all + " findings shown (categories: " +
      (cats.join(", ") || "none") + "; severities: " + (sevs.join(", ") || "none") + ").";
  }
  var keys = {
    location: function (r) { return [r.dataset.path, +r.dataset.page, +r.dataset.line, +r.dataset.column]; },
    severity: function (r) { return [+r.dataset.rank, r.dataset.path, +r.dataset.page, +r.dataset.line]; },
    rule: function (r) { return [r.dataset.rule, r.dataset.path, +r.dataset.page, +r.dataset.line]; },
    category: function (r) { return [r.dataset.category, r.dataset.path, +r.dataset.page, +r.dataset.line]; }
  };
  function compare(a, b) {
    for (var i = 0; i < a.length; i++) {
      if (a[i] < b[i]) return -1;
      if (a[i] > b[i]) return 1;
    }
    return 0;
  }
  function sort() {
    var key = keys[document.getElementById("sort").value];
    rows.sort(function (a, b) { return compare(key(a), key(b)); });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.querySelectorAll(".controls input").forEach(function (i) { i.addEventListener("change", apply); });
  document.getElementById("sort").addEventListener("change", sort);
  apply();
})();
"""


def _bars(title: str, chart: str, counts: list[tuple[str, int]], colour=None, labels=None) -> str:
    """A horizontal bar chart as inline SVG; each bar carries its key and count."""
    if not counts:
        return f'<figure><figcaption>{escape(title)}</figcaption><p class="muted">None.</p></figure>'
    top = max(n for _, n in counts)
    label_w, bar_w, row = 200, 260, 24
    height = row * len(counts) + 8
    parts = [f'<figure><figcaption>{escape(title)}</figcaption>'
             f'<svg class="chart" data-chart="{chart}" role="img" aria-label="{escape(title)}" '
             f'viewBox="0 0 {label_w + bar_w + 50} {height}" width="{label_w + bar_w + 50}" height="{height}">']
    for i, (key, n) in enumerate(counts):
        y = 4 + i * row
        w = max(2, round(bar_w * n / top))
        label = (labels or {}).get(key) or (key if len(key) <= LABEL_CHARS else "…" + key[-(LABEL_CHARS - 1):])
        fill = (colour or {}).get(key, BAR)
        parts.append(
            f'<g class="bar" data-key="{escape(key)}" data-count="{n}"><title>{escape(key)}: {n}</title>'
            f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row - 8}" fill="{fill}" rx="2"/>'
            f'<text x="{label_w + w + 6}" y="{y + 16}">{n}</text></g>')
    parts.append("</svg></figure>")
    return "".join(parts)


def _doc_name(f) -> str:
    return f.path


def _labels(names: list[str]) -> dict[str, str]:
    """Short chart labels: a site's URLs without their common origin (its pages as paths),
    and anything longer than the label column cut at the front ("…" + its end)."""
    origins = {f"{p.scheme}://{p.netloc}" for p in map(urlsplit, names) if p.scheme in ("http", "https")}
    same_site = len(origins) == 1 and all(n.startswith(("http://", "https://")) for n in names)
    out = {}
    for name in names:
        label = name
        if same_site:
            parts = urlsplit(name)
            label = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        out[name] = label if len(label) <= LABEL_CHARS else "…" + label[-(LABEL_CHARS - 1):]
    return out


def _context(f, cache, sources) -> str:
    """The finding's line (or lines: a phrase across a line break), the match marked."""
    lines = source_lines(f.path, f.page, cache, sources)
    if lines is None or not 0 < f.line <= len(lines):
        return ""
    last = min(f.end_line if f.end_line >= f.line else f.line, f.line + CONTEXT_LINES - 1, len(lines))
    shown = [ln.rstrip("\r") for ln in lines[f.line - 1:last]]
    start = max(f.column - 1, 0)
    end = (f.end_column - 1) if f.end_line == last else len(shown[-1])
    first, final = shown[0], shown[-1]
    lo = max(0, start - 120)
    hi = min(len(final), max(end, start if len(shown) == 1 else 0) + 120)
    if len(shown) == 1:
        pre, hit, post = first[lo:start], first[start:end], first[end:hi]
    else:
        pre = first[lo:start]
        hit = "\n".join([first[start:]] + shown[1:-1] + [final[:end]])
        post = final[end:hi]
    return (f'<div class="context">{"…" if lo else ""}{escape(pre)}<mark>{escape(hit)}</mark>'
            f'{escape(post)}{"…" if hi < len(final) else ""}</div>')


def _failure(message: str) -> str:
    """One row of what could not be checked: the URL or file, linked when it is a URL, and why."""
    m = re.match(r"(https?://\S+?): (.*)$", message, re.S)
    if m:
        return f'<tr><td class="loc">{_link(m.group(1), m.group(1))}</td><td>{escape(m.group(2))}</td></tr>'
    path, _, why = message.partition(": ")
    return f'<tr><td class="loc">{escape(path)}</td><td>{escape(why)}</td></tr>'


def _left_out(skipped: dict) -> str:
    parts = []
    for reason, urls in sorted(skipped.items()):
        items = "".join(f"<li>{_link(u, u)}</li>" for u in urls[:SKIPPED_SHOWN])
        more = f"<li>and {len(urls) - SKIPPED_SHOWN} more</li>" if len(urls) > SKIPPED_SHOWN else ""
        parts.append(f'<details data-reason="{escape(reason)}" data-count="{len(urls)}"><summary>{escape(reason)} '
                     f'({len(urls)})</summary><ul class="loc">{items}{more}</ul></details>')
    return "".join(parts)


def _link(url: str | None, text: str, cls: str = "") -> str:
    if url and url.startswith(("http://", "https://")):
        c = f' class="{cls}"' if cls else ""
        return f'<a{c} href="{escape(url)}" rel="noopener noreferrer">{escape(text)}</a>'
    return escape(text)


def render(findings, rules=None, paths=None, files_linted: int = 0, sources: dict | None = None,
           errors: list[str] | None = None, skipped: dict | None = None, **kwargs) -> str:
    """`errors`: the run's one-line failures ("URL: why"); `skipped`: reason -> URLs left out on purpose."""
    rules = rules or {}
    errors = list(errors or [])
    skipped = {k: v for k, v in (skipped or {}).items() if v}
    ordered = sorted(findings, key=lambda f: (f.path, f.page or 0, f.line, f.column, f.rule))
    by_sev = Counter(f.severity for f in ordered)
    by_cat = Counter(f.category for f in ordered)
    by_doc = Counter(_doc_name(f) for f in ordered)
    documents = max(files_linted, len(by_doc))
    cache: dict = {}

    out = ['<!doctype html><html lang="en"><head><meta charset="utf-8">',
           '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
           'style-src \'unsafe-inline\'; script-src \'unsafe-inline\'; img-src data:">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>hr-lint report: {len(ordered)} finding{'s' if len(ordered) != 1 else ''}</title>",
           f"<style>{CSS}</style></head><body>",
           "<header><h1>Language audit</h1>",
           f'<p class="muted">hr-lint {escape(tool_version())}: stigmatizing language about drug use, mental '
           "health, suicide, incarceration, homelessness and sex work, with person-first alternatives.</p></header>",
           '<section id="summary"><h2>Summary</h2><ul class="totals">',
           f'<li><b id="total" data-count="{len(ordered)}">{len(ordered)}</b> findings</li>',
           f'<li><b id="documents" data-count="{documents}">{documents}</b> pages and files checked</li>',
           f'<li><b id="affected" data-count="{len(by_doc)}">{len(by_doc)}</b> with findings</li>']
    if errors:
        out.append(f'<li><b id="failed" class="sev-error" data-count="{len(errors)}">{len(errors)}</b> '
                   f'could not be checked</li>')
    for sev in ("error", "warning", "info"):
        out.append(f'<li><b class="sev-{sev}" data-severity-total="{sev}" data-count="{by_sev[sev]}">'
                   f'{by_sev[sev]}</b> {sev}{"s" if sev != "info" else ""}</li>')
    out.append("</ul><div class=\"charts\">")
    out.append(_bars("By category", "category", sorted(by_cat.items(), key=lambda kv: (-kv[1], kv[0]))))
    out.append(_bars("By severity", "severity", [(s, by_sev[s]) for s in ("error", "warning", "info") if by_sev[s]],
                     COLOURS))
    docs_sorted = sorted(by_doc.items(), key=lambda kv: (-kv[1], kv[0]))
    labels = _labels([d for d, _ in docs_sorted[:TOP]])
    out.append(_bars(f"By page or file (top {TOP})" if len(docs_sorted) > TOP else "By page or file", "document",
                     docs_sorted[:TOP], labels=labels))
    out.append("</div></section>")

    out.append('<section id="most"><h2>Most findings</h2>')
    if docs_sorted:
        out.append('<table id="most-affected"><thead><tr><th>Page or file</th><th>Findings</th><th>Errors</th>'
                   "<th>Warnings</th><th>Info</th></tr></thead><tbody>")
        per = {}
        for f in ordered:
            per.setdefault(_doc_name(f), Counter())[f.severity] += 1
        for doc, n in docs_sorted[:10]:
            c = per[doc]
            out.append(f'<tr data-path="{escape(doc)}" data-count="{n}"><td class="loc">{_link(doc, doc)}</td>'
                       f"<td>{n}</td><td>{c['error']}</td><td>{c['warning']}</td><td>{c['info']}</td></tr>")
        out.append("</tbody></table>")
    else:
        out.append('<p>No findings.</p>')
    out.append("</section>")

    if errors or skipped:
        out.append('<section id="not-checked"><h2>Not checked</h2>')
        if errors:
            out.append(f'<p>{len(errors)} page{"s" if len(errors) != 1 else ""} or file{"s" if len(errors) != 1 else ""} '
                       "could not be checked; their findings, if any, are missing from this report.</p>"
                       '<table id="failures"><thead><tr><th>Page or file</th><th>Why</th></tr></thead><tbody>')
            out.extend(_failure(e) for e in errors)
            out.append("</tbody></table>")
        if skipped:
            out.append('<p>Left out on purpose (robots.txt, noindex, other sites, the page limit):</p>'
                       f'<div id="left-out">{_left_out(skipped)}</div>')
        out.append("</section>")

    out.append('<section id="all"><h2>Every finding</h2><div class="controls">')
    out.append('<fieldset><legend>Category</legend>')
    for cat in sorted(by_cat):
        out.append(f'<label><input type="checkbox" name="category" value="{escape(cat)}" checked> '
                   f"{escape(cat)} ({by_cat[cat]})</label>")
    out.append('</fieldset><fieldset><legend>Severity</legend>')
    for sev in ("error", "warning", "info"):
        if by_sev[sev]:
            out.append(f'<label><input type="checkbox" name="severity" value="{sev}" checked> {sev} ({by_sev[sev]})</label>')
    out.append('</fieldset><label class="noprint">Sort by <select id="sort">'
               '<option value="location">page or file</option><option value="severity">severity</option>'
               '<option value="rule">rule</option><option value="category">category</option></select></label>')
    out.append(f'<p class="noprint">Showing <b id="shown" data-count="{len(ordered)}">{len(ordered)}</b> '
               f"of {len(ordered)}.</p></div>")
    out.append('<p id="filter-note" class="printonly" hidden></p>')
    out.append('<table id="findings"><thead><tr><th>Where</th><th>Severity</th><th>Finding</th></tr></thead><tbody>')
    for f in ordered:
        meta = rule_meta_for(f, rules)
        where = f"page {f.page}, line {f.line}:{f.column}" if f.page else f"line {f.line}:{f.column}"
        where = f'<span class="at">{where}</span>'
        suggestions = "".join(f"<li>{escape(s)}</li>" for s in f.suggestions)
        guide = f.source or meta.url
        out.append(
            f'<tr class="finding" data-path="{escape(f.path)}" data-page="{f.page or 0}" data-line="{f.line}" '
            f'data-column="{f.column}" data-severity="{f.severity}" data-rank="{SEVERITY_ORDER.get(f.severity, 3)}" '
            f'data-category="{escape(f.category)}" data-rule="{escape(f.rule)}">'
            f'<td class="loc">{_link(f.path, f.path)}<br>{where}</td>'
            f'<td class="sev sev-{f.severity}">{f.severity}</td>'
            f"<td><b>“{escape(f.text)}”</b> · <code>{escape(f.rule)}</code> "
            f'<span class="muted">({escape(f.category)})</span>{_context(f, cache, sources)}'
            f"<div>{escape(f.message.strip())}</div>"
            + (f'<div>Consider:</div><ul class="suggest">{suggestions}</ul>' if suggestions else "")
            + (f"<div>Guidance: {_link(guide, guide, 'guide')}</div>" if guide else "")
            + "</td></tr>")
    out.append("</tbody></table></section>")
    out.append(f"<script>{SCRIPT}</script></body></html>\n")
    return "".join(out)
