"""`--format html`: one self-contained report file for people who would rather look than read.

No external script, style, font or image: styles and a small script are inline, charts
are inline SVG, and a Content-Security-Policy meta tag forbids loading anything else.
Summary totals; bar charts by category, by severity and by page or file; the pages or
files with the most findings; every finding with its context line, suggestions and a
link to its guidance; filters by category and severity, sorting; a print style sheet.
"""
from __future__ import annotations

from collections import Counter
from html import escape

from hr_lint.output import rule_meta_for, source_line, tool_version

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
COLOURS = {"error": "#b3261e", "warning": "#8a5a00", "info": "#0b5cad"}
BAR = "#3b6ea5"
TOP = 15

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
@media print {
  .controls, .noprint { display: none !important; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  tr.finding { break-inside: avoid; }
  tr.finding[hidden] { display: table-row !important; }
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


def _bars(title: str, chart: str, counts: list[tuple[str, int]], colour=None) -> str:
    """A horizontal bar chart as inline SVG; each bar carries its key and count."""
    if not counts:
        return f'<figure><figcaption>{escape(title)}</figcaption><p class="muted">None.</p></figure>'
    top = max(n for _, n in counts)
    label_w, bar_w, row = 190, 260, 24
    height = row * len(counts) + 8
    parts = [f'<figure><figcaption>{escape(title)}</figcaption>'
             f'<svg class="chart" data-chart="{chart}" role="img" aria-label="{escape(title)}" '
             f'viewBox="0 0 {label_w + bar_w + 50} {height}" width="{label_w + bar_w + 50}" height="{height}">']
    for i, (key, n) in enumerate(counts):
        y = 4 + i * row
        w = max(2, round(bar_w * n / top))
        label = key if len(key) <= 30 else "…" + key[-29:]
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


def _context(f, cache, sources) -> str:
    line = source_line(f, cache, sources)
    if line is None:
        return ""
    start = max(f.column - 1, 0)
    end = (f.end_column - 1) if f.end_line == f.line else len(line)
    lo = max(0, start - 120)
    hi = min(len(line), max(end, start) + 120)
    pre, hit, post = line[lo:start], line[start:end], line[end:hi]
    return (f'<div class="context">{"…" if lo else ""}{escape(pre)}<mark>{escape(hit)}</mark>'
            f'{escape(post)}{"…" if hi < len(line) else ""}</div>')


def _link(url: str | None, text: str, cls: str = "") -> str:
    if url and url.startswith(("http://", "https://")):
        c = f' class="{cls}"' if cls else ""
        return f'<a{c} href="{escape(url)}" rel="noopener noreferrer">{escape(text)}</a>'
    return escape(text)


def render(findings, rules=None, paths=None, files_linted: int = 0, sources: dict | None = None, **kwargs) -> str:
    rules = rules or {}
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
    for sev in ("error", "warning", "info"):
        out.append(f'<li><b class="sev-{sev}" data-severity-total="{sev}" data-count="{by_sev[sev]}">'
                   f'{by_sev[sev]}</b> {sev}{"s" if sev != "info" else ""}</li>')
    out.append("</ul><div class=\"charts\">")
    out.append(_bars("By category", "category", sorted(by_cat.items(), key=lambda kv: (-kv[1], kv[0]))))
    out.append(_bars("By severity", "severity", [(s, by_sev[s]) for s in ("error", "warning", "info") if by_sev[s]],
                     COLOURS))
    docs_sorted = sorted(by_doc.items(), key=lambda kv: (-kv[1], kv[0]))
    out.append(_bars(f"By page or file (top {TOP})" if len(docs_sorted) > TOP else "By page or file", "document",
                     docs_sorted[:TOP]))
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
    out.append('<table id="findings"><thead><tr><th>Where</th><th>Severity</th><th>Finding</th></tr></thead><tbody>')
    for f in ordered:
        meta = rule_meta_for(f, rules)
        where = f"page {f.page}, line {f.line}:{f.column}" if f.page else f"line {f.line}:{f.column}"
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
