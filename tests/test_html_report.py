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
        runner = CliRunner()
        data = json.loads(runner.invoke(lint_command, ["--no-cache", "--format", "json", "."]).stdout)
        result = runner.invoke(lint_command, ["--no-cache", "--format", "html", "-o", "report.html", "."])
        assert result.exit_code == 1, result.output
    finally:
        os.chdir(old)
    return root / "report.html", data


@pytest.fixture(scope="module")
def page(report):
    path, _ = report
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page()
        problems, foreign = [], []
        pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: problems.append(str(e)))
        pg.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else foreign.append(r.url))
        pg.goto(path.as_uri())
        yield pg
        assert not foreign, f"the report loaded something from elsewhere: {foreign}"
        assert not problems, f"console errors: {problems}"
        browser.close()


def count(pg, selector) -> int:
    return int(pg.locator(selector).get_attribute("data-count"))


def test_totals_and_charts_match_the_findings(page, report):
    _, findings = report
    assert findings, "the fixture should have findings"
    assert count(page, "#total") == len(findings)
    assert count(page, "#documents") == 4  # every file linted, the clean one too
    assert count(page, "#affected") == len({f["path"] for f in findings})
    for chart, key in (("category", "category"), ("severity", "severity"), ("document", "path")):
        bars = page.locator(f'svg[data-chart="{chart}"] g.bar')
        drawn = {bars.nth(i).get_attribute("data-key"): int(bars.nth(i).get_attribute("data-count"))
                 for i in range(bars.count())}
        assert drawn == dict(Counter(f[key] for f in findings)), chart
        assert bars.first.locator("rect").bounding_box()["width"] > 0  # drawn, not only described
    assert page.locator("tr.finding").count() == len(findings)
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


def test_print_shows_every_finding(page, report):
    _, findings = report
    page.locator('input[name="severity"][value="warning"]').uncheck()
    page.emulate_media(media="print")
    assert page.locator("tr.finding:visible").count() == len(findings)
    assert not page.locator(".controls").is_visible()
    page.emulate_media(media="screen")
    page.locator('input[name="severity"][value="warning"]').check()
