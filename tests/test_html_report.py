"""`--format html` in a real browser (headless Chromium, as the writer's page is tested):
it renders with nothing loaded from elsewhere, the charts match the counts, the filters
and the sorting work. Skipped (not failed) without playwright or a Chromium binary."""
from __future__ import annotations

import json
import os
import shutil
from collections import Counter

import pytest
from click.testing import CliRunner

from hr_lint.cli import lint_command
from pdfmaker import lines_page, make_pdf

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    pytest.skip("the 'playwright' Python package is not installed", allow_module_level=True)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
if not os.path.isfile(CHROMIUM) or not os.access(CHROMIUM, os.X_OK):
    pytest.skip("no Chromium binary (install it with: apt-get install -y chromium)", allow_module_level=True)

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    old = os.getcwd()
    os.chdir(root)
    try:
        (root / "news.md").write_text(
            "# News\n\nThree addicts came by the clinic.\n\nHe committed suicide in May, and "
            "a junkie <script>window.__pwned=1</script> was quoted.\n", encoding="utf-8")
        (root / "memo.txt").write_text("The weather was crazy. Staff met two drug abusers.\n", encoding="utf-8")
        (root / "brochure.pdf").write_bytes(make_pdf([lines_page(["Nothing here."]),
                                                      lines_page(["Our peers were once called", "junkies."])]))
        (root / "clean.md").write_text("Nothing to report.\n", encoding="utf-8")
        deep = root / "newsletters-of-the-county-behavioral-health-department" / "spring-edition-for-families"
        deep.mkdir(parents=True)
        (deep / "the-longest-newsletter-name-we-could-think-of.md").write_text(
            "The program helps substance\nabusers find work.\n", encoding="utf-8")
        runner = CliRunner()
        data = json.loads(runner.invoke(lint_command, ["--no-cache", "--format", "json", "."]).stdout)
        result = runner.invoke(lint_command, ["--no-cache", "--format", "html", "-o", "report.html", "."])
        assert result.exit_code == 1, result.output
    finally:
        os.chdir(old)
    return root / "report.html", data


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_report(browser, path):
    """A page showing the report; yields it, then checks that nothing was loaded or failed."""
    pg = browser.new_page()
    problems, foreign = [], []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else foreign.append(r.url))
    pg.goto(path.as_uri())
    yield pg
    assert not foreign, f"the report loaded something from elsewhere: {foreign}"
    assert not problems, f"console errors: {problems}"
    pg.close()


@pytest.fixture(scope="module")
def page(browser, report):
    yield from open_report(browser, report[0])


def count(pg, selector) -> int:
    return int(pg.locator(selector).get_attribute("data-count"))


def test_totals_and_charts_match_the_findings(page, report):
    _, findings = report
    assert findings, "the fixture should have findings"
    assert count(page, "#total") == len(findings)
    assert count(page, "#documents") == 5  # every file linted, the clean one too
    assert count(page, "#affected") == len({f["path"] for f in findings})
    for chart, key in (("category", "category"), ("severity", "severity"), ("document", "path")):
        bars = page.locator(f'svg[data-chart="{chart}"] g.bar')
        drawn = {bars.nth(i).get_attribute("data-key"): int(bars.nth(i).get_attribute("data-count"))
                 for i in range(bars.count())}
        assert drawn == dict(Counter(f[key] for f in findings)), chart
        assert bars.first.locator("rect").bounding_box()["width"] > 0  # drawn, not only described
    assert page.locator("tr.finding").count() == len(findings)
    # the pages or files with the most findings, most first, with their counts
    most = page.locator("#most-affected tbody tr")
    rows = [(most.nth(i).get_attribute("data-path"), int(most.nth(i).locator("td").nth(1).inner_text()))
            for i in range(most.count())]
    per_path = Counter(f["path"] for f in findings)
    assert rows == sorted(per_path.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    assert page.evaluate("window.__pwned") is None  # the file's text is shown, never run
    (pdf_path,) = {f["path"] for f in findings if f["path"].endswith("brochure.pdf")}
    pdf_row = page.locator(f'tr.finding[data-path="{pdf_path}"]')
    assert "page 2, line 2:1" in pdf_row.first.inner_text()
    assert "junkies." in pdf_row.first.locator(".context").inner_text()
    assert page.locator('tr.finding a.guide').count() == len(findings)  # every rule cites its guidance


def test_filters_and_sorting(page, report):
    _, findings = report
    sev = Counter(f["severity"] for f in findings)
    cats = Counter(f["category"] for f in findings)
    warning = page.locator('input[name="severity"][value="warning"]')
    warning.uncheck()
    assert count(page, "#shown") == len(findings) - sev["warning"]
    assert page.locator("tr.finding:visible").count() == len(findings) - sev["warning"]
    warning.check()
    category = sorted(cats)[0]
    page.locator(f'input[name="category"][value="{category}"]').uncheck()
    assert page.locator("tr.finding:visible").count() == len(findings) - cats[category]
    page.locator(f'input[name="category"][value="{category}"]').check()
    page.select_option("#sort", "severity")
    ranks = [int(r) for r in page.locator("tr.finding").evaluate_all("rs => rs.map(r => r.dataset.rank)")]
    assert ranks == sorted(ranks)
    page.select_option("#sort", "location")
    paths = page.locator("tr.finding").evaluate_all("rs => rs.map(r => r.dataset.path)")
    assert paths == sorted(paths)


def test_print_shows_what_the_filters_show_and_says_so(page, report):
    _, findings = report
    sev = Counter(f["severity"] for f in findings)
    warning = page.locator('input[name="severity"][value="warning"]')
    note = page.locator("#filter-note")
    assert not note.is_visible()  # on screen the controls say it
    warning.uncheck()
    page.emulate_media(media="print")
    try:
        assert page.locator("tr.finding:visible").count() == len(findings) - sev["warning"]
        assert not page.locator(".controls").is_visible()
        assert note.is_visible()
        assert f"{len(findings) - sev['warning']} of {len(findings)} findings shown" in note.inner_text()
        assert "warning" not in note.inner_text().split("severities:")[1]
    finally:
        page.emulate_media(media="screen")
        warning.check()
    page.emulate_media(media="print")
    try:
        assert not note.is_visible()  # nothing filtered: nothing to say
        assert page.locator("tr.finding:visible").count() == len(findings)
    finally:
        page.emulate_media(media="screen")


def test_chart_labels_fit_and_multi_line_phrases_show_every_line(page, report):
    labels = page.locator("svg.chart text")
    for i in range(labels.count()):
        box = labels.nth(i).evaluate("t => { const b = t.getBBox(); return [b.x, b.x + b.width]; }")
        width = labels.nth(i).evaluate("t => t.ownerSVGElement.viewBox.baseVal.width")
        assert 0 <= box[0] and box[1] <= width, labels.nth(i).text_content()  # not cut off by the chart
    row = page.locator("tr.finding", has_text="substance-abuser").filter(has_text="longest")
    assert row.locator("mark").inner_text() == "substance\nabusers"
    assert "The program helps" in row.locator(".context").inner_text()


# -- a site audit: what could not be checked, and what was left out on purpose ----------------------

@pytest.fixture(scope="module")
def audit_page(browser, tmp_path_factory):
    from website import Page, Site

    root = tmp_path_factory.mktemp("audit")
    with Site() as site, Site() as other:
        site.routes.update({
            "/robots.txt": Page("User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
            "/": Page(f'<main><p>Three addicts came by. <a href="/gone">gone</a> <a href="/broken">broken</a> '
                      f'<a href="/private/x">private</a> <a href="{other.origin}/elsewhere">partner</a> '
                      f'<a href="/news">news</a></p></main>'),
            "/news": Page("<main><p>He committed suicide in May.</p></main>"),
            "/broken": Page("<h1>Server error</h1>", status=500),
        })
        result = CliRunner().invoke(lint_command, ["--no-cache", "--delay", "0", "--crawl", "--format", "html",
                                                   "-o", str(root / "audit.html"), site.url("/")])
        assert result.exit_code == 2, result.output
        errors = [line for line in result.stderr.splitlines() if not line.startswith("hr-lint: not linted:")]
        for pg in open_report(browser, root / "audit.html"):
            yield pg, site, other, errors


def test_the_report_says_what_could_not_be_checked(audit_page):
    pg, site, other, errors = audit_page
    assert len(errors) == 2
    assert count(pg, "#failed") == 2
    rows = pg.locator("#failures tbody tr")
    got = {rows.nth(i).locator("td").nth(0).inner_text(): rows.nth(i).locator("td").nth(1).inner_text()
           for i in range(rows.count())}
    assert got == {site.url("/gone"): "HTTP 404 Not Found", site.url("/broken"): "HTTP 500 Internal Server Error"}
    left = pg.locator("#left-out details")
    reasons = {left.nth(i).get_attribute("data-reason"): int(left.nth(i).get_attribute("data-count"))
               for i in range(left.count())}
    assert reasons == {"disallowed by robots.txt": 1, "off-site": 1}
    assert other.url("/elsewhere") in pg.locator('#left-out details[data-reason="off-site"]').inner_html()
    assert count(pg, "#total") == 2 and count(pg, "#documents") == 2  # the two pages read

