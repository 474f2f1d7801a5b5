"""The writer's page end to end: the real server under uvicorn, real headless Chromium.

Skipped (not failed) when the `playwright` package or a Chromium binary is missing.
CI installs Chromium from Debian (`apt-get install -y chromium`); `playwright install`
is not needed because the system browser is used.
"""
from __future__ import annotations

import io
import os
import shutil
import threading
import time

import pytest

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    pytest.skip("the 'playwright' Python package is not installed (pip install playwright)",
                allow_module_level=True)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
if not os.path.isfile(CHROMIUM) or not os.access(CHROMIUM, os.X_OK):
    pytest.skip("no Chromium binary (install it with: apt-get install -y chromium)", allow_module_level=True)

uvicorn = pytest.importorskip("uvicorn")

from hr_lint import server  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

# A house rule on top of the built-in ones, whose sources try to inject markup and script.
RULES_YAML = """\
rules:
  - id: house-service-refuser
    category: care
    severity: info
    message: "'Service refuser' blames the person for a service that did not fit them."
    terms: [service refuser]
    alternatives: [person who has declined services]
    sources:
      - title: "<img src=x onerror=window.__pwned=5>"
        url: "javascript:window.__pwned=6"
      - title: House style guide
        url: https://example.org/style
"""

DRAFT = "We met an addict near the station. Two addicts asked about housing."
PWN = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    rules = tmp_path_factory.mktemp("rules") / "house.yaml"
    rules.write_text(RULES_YAML, encoding="utf-8")
    app = server.create_app(settings={"rules": [str(rules)]}, allowed_hosts=list(server.LOOPBACK_NAMES))
    app.state.linters.get("default")  # load before the first page asks
    sock = server.bind_socket("127.0.0.1", 0)
    port = sock.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    pg = context.new_page()
    problems, foreign = [], []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.on("request", lambda r: None if r.url.startswith((base_url, "blob:", "data:")) else foreign.append(r.url))
    pg.goto(base_url + "/")
    expect(pg.locator("#preset option")).not_to_have_count(0)
    yield pg
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not problems, f"console errors: {problems}"
    context.close()


def total(pg) -> int:
    return int(pg.locator("#count").get_attribute("data-total"))


def paste(pg, text, fmt="markdown", expect_total=None):
    pg.select_option("#format", fmt)
    pg.fill("#editor", text)
    if expect_total is not None:
        expect(pg.locator("#count")).to_have_attribute("data-total", str(expect_total))
        expect(pg.locator("#view")).not_to_have_class("view stale")
        expect(pg.locator("#view mark.hl")).to_have_count(expect_total)


def active(pg, expression="textContent"):
    return pg.evaluate(f"document.activeElement.{expression}")


def choose_first_alternative_by_keyboard(pg, mark) -> str:
    """Focus a highlight, Enter to its alternatives, Enter on the first; returns its text."""
    mark.focus()
    pg.keyboard.press("Enter")
    assert active(pg, "closest('#details') !== null")
    alternative = active(pg)
    pg.keyboard.press("Enter")
    return alternative


def test_keyboard_only_replacement(page):
    paste(page, DRAFT, expect_total=2)
    assert page.locator("#view").inner_text() == DRAFT
    assert page.locator("#view mark.hl").all_inner_texts() == ["an addict", "addicts"]

    page.focus("#editor")
    for _ in range(10):  # Tab out of the text box, past the buttons, to the first highlight
        page.keyboard.press("Tab")
        if active(page, "classList.contains('hl')"):
            break
    else:
        pytest.fail("Tab never reached a highlight")
    assert active(page) == "an addict"
    assert active(page, "tabIndex") == 0
    described = page.evaluate(
        "document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent")
    details = page.locator("#details-body")
    expect(details).to_contain_text("Why")
    message = page.locator("#details-body h4:has-text('Why') + p").inner_text()
    assert message and message in described
    buttons = details.locator(".alternatives button").all_inner_texts()
    assert buttons and all(b in described for b in buttons)
    for href in details.locator("a").evaluate_all("links => links.map(a => a.href)"):
        assert href.startswith(("https://", "http://"))

    page.keyboard.press("Enter")  # to the alternatives
    assert active(page) == buttons[0]
    page.keyboard.press("Escape")  # and back
    assert active(page) == "an addict"
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # choose the first alternative

    expect(page.locator("#count")).to_have_attribute("data-total", "1")
    assert page.input_value("#editor") == DRAFT.replace("an addict", buttons[0])
    expect(page.locator("#view mark.hl")).to_have_text(["addicts"])
    expect(page.locator("#view mark.hl").first).to_be_focused()  # focus moves on to the next one
    expect(page.locator("#status")).to_contain_text("1 finding")


def test_mouse_replacement_and_counts(page):
    paste(page, DRAFT + "\n\nHer brother committed suicide.", expect_total=3)
    expect(page.locator("#by-category li")).to_have_text(["substance-use: 2", "suicide: 1"])
    severities = page.locator("#by-severity li").all_inner_texts()
    assert sum(int(s.split()[0]) for s in severities) == 3

    mark = page.locator("#view mark.hl", has_text="committed suicide")
    mark.hover()
    expect(page.locator("#details-body")).to_contain_text("Flagged: “committed suicide”")
    alternative = page.locator("#details-body .alternatives button").first
    chosen = alternative.inner_text()
    alternative.click()
    expect(page.locator("#count")).to_have_attribute("data-total", "2")
    assert page.input_value("#editor").endswith(f"Her brother {chosen}.")
    expect(page.locator("#by-category li")).to_have_text(["substance-use: 2"])


def test_hostile_rule_sources_are_text_not_links(page):
    paste(page, "She is a service refuser.", expect_total=1)
    mark = page.locator("#view mark.hl")
    expect(mark).to_have_class("hl sev-info")
    mark.focus()
    details = page.locator("#details-body")
    expect(details).to_contain_text("<img src=x onerror=window.__pwned=5>")
    expect(details.locator("a")).to_have_text(["House style guide"])  # the javascript: URL is no link
    assert page.locator("img").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert choose_first_alternative_by_keyboard(page, mark) == "person who has declined services"
    expect(page.locator("#count")).to_have_attribute("data-total", "0")
    assert page.input_value("#editor") == "She is a person who has declined services."


def test_markup_in_a_draft_is_shown_as_text(page):
    for fmt in ("html", "markdown", "text", "rst"):
        draft = f"{PWN}\n\nWe met an addict ({fmt})."
        paste(page, draft, fmt=fmt)
        expect(page.locator("#status")).to_contain_text("finding")
        expect(page.locator("#view")).to_have_text(draft)
        assert page.locator("#view img, #view script, #details img, #descriptions img").count() == 0
        page.locator("#view mark.hl").last.focus()
        page.wait_for_timeout(100)
        assert page.evaluate("window.__pwned") is None, fmt


def test_uploaded_markup_and_file_name_are_shown_as_text(page):
    name = "<img src=x onerror=window.__pwned=3>.html"  # (browsers percent-encode quotes in names)
    content = f"<p>We met an addict.</p>{PWN}"
    page.set_input_files("#file", files=[{"name": name, "mimeType": "text/html", "buffer": content.encode()}])
    expect(page.locator("#origin")).to_have_text(f"Opened {name}.")
    expect(page.locator("#count")).to_have_attribute("data-total", "1")
    assert page.input_value("#editor") == content
    assert page.input_value("#format") == "html"
    expect(page.locator("#view")).to_have_text(content)
    assert page.locator("img").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_astral_characters_before_a_finding(page):
    draft = "😀🧪 notes: 😀 we met an addict 🙂 and two addicts."
    paste(page, draft, expect_total=2)
    assert page.locator("#view mark.hl").all_inner_texts() == ["an addict", "addicts"]
    chosen = choose_first_alternative_by_keyboard(page, page.locator("#view mark.hl").first)
    expect(page.locator("#count")).to_have_attribute("data-total", "1")
    assert page.input_value("#editor") == draft.replace("an addict", chosen)
    assert page.locator("#view mark.hl").all_inner_texts() == ["addicts"]


def test_docx_upload_downloads_as_txt(page):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Intake notes")
    document.add_paragraph("The client is an addict.")
    buf = io.BytesIO()
    document.save(buf)
    page.set_input_files("#file", files=[{
        "name": "report.docx",
        "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "buffer": buf.getvalue()}])
    expect(page.locator("#count")).to_have_attribute("data-total", "1")
    expect(page.locator("#origin")).to_contain_text("report.docx (Word)")
    expect(page.locator("#download-note")).to_be_visible()
    expect(page.locator("#download-note")).to_contain_text(".txt")
    assert "The client is an addict." in page.input_value("#editor")

    chosen = choose_first_alternative_by_keyboard(page, page.locator("#view mark.hl").first)
    expect(page.locator("#count")).to_have_attribute("data-total", "0")
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename == "report.txt"
    with open(download.path(), encoding="utf-8") as fh:
        saved = fh.read()
    assert saved == page.input_value("#editor")
    assert f"The client is {chosen}." in saved


def test_pdf_upload_shows_its_pages_text_and_downloads_as_txt(page):
    from pdfmaker import lines_page, make_pdf

    data = make_pdf([lines_page(["Handout for clients", "Nothing here."]),
                     lines_page(["Our peers were once called", "junkies by the press."])])
    page.set_input_files("#file", files=[{"name": "handout.pdf", "mimeType": "application/pdf", "buffer": data}])
    expect(page.locator("#count")).to_have_attribute("data-total", "1")
    expect(page.locator("#origin")).to_contain_text("handout.pdf (PDF)")
    expect(page.locator("#view mark.hl")).to_have_text(["junkies"])  # the mark sits on the word itself
    text = page.input_value("#editor")
    assert "Handout for clients" in text and "junkies by the press." in text
    expect(page.locator("#download-note")).to_contain_text(".txt")
    with page.expect_download() as info:
        page.click("#download")
    assert info.value.suggested_filename == "handout.txt"


def test_download_keeps_the_text_format(page):
    paste(page, "# Notes\n\nWe met an addict.\n", expect_total=1)
    with page.expect_download() as info:
        page.click("#download")
    assert info.value.suggested_filename == "draft.md"
    paste(page, "Plain words.", fmt="rst")
    with page.expect_download() as info:
        page.click("#download")
    assert info.value.suggested_filename == "draft.rst"


def test_copy_corrected_text(page):
    paste(page, DRAFT, expect_total=2)
    page.click("#copy")
    expect(page.locator("#status")).to_contain_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == DRAFT


def test_policy_picker_lists_installed_presets(page):
    options = page.locator("#preset option").all_inner_texts()
    assert options == server.available_presets()
    assert page.input_value("#preset") == "default"
    paste(page, DRAFT, expect_total=2)
    for name in options[1:]:
        page.select_option("#preset", name)
        expect(page.locator("#status")).to_contain_text(f"the {name} policy")


def select_in_editor(pg, phrase, nth=0):
    """Select a phrase in the text box with the keyboard, as a writer would: Ctrl+Home, arrows
    to its start, Shift+arrows over it."""
    text = pg.input_value("#editor")
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    pg.focus("#editor")
    pg.keyboard.press("Control+Home")
    for _ in range(len(text[:start])):
        pg.keyboard.press("ArrowRight")
    for _ in range(len(phrase)):
        pg.keyboard.press("Shift+ArrowRight")
    assert pg.evaluate("(() => { const e = document.getElementById('editor');"
                       " return e.value.slice(e.selectionStart, e.selectionEnd); })()") == phrase


def test_why_is_this_not_flagged(page):
    draft = "😀 Volunteers clean the kitchen. Three addicts came by. We bought a kitchen table."
    paste(page, draft, fmt="text", expect_total=1)
    details = page.locator("#details-body")

    select_in_editor(page, "clean")
    page.keyboard.press("Tab")  # out of the text box, through the buttons, to the question
    for _ in range(6):
        if active(page, "id") == "why":
            break
        page.keyboard.press("Tab")
    assert active(page, "id") == "why"
    page.keyboard.press("Enter")
    expect(details).to_contain_text("Why “clean” is or is not flagged")
    items = details.locator(".trace-item")
    expect(items).to_have_count(3)  # the status, drug-test and equipment rules all looked at it
    expect(details.locator(".not-reported .verdict")).to_have_text(
        ["Not flagged: another sense of the word."] * 3)
    expect(details).to_contain_text("clean the kitchen")
    expect(page.locator("#details")).to_be_focused()
    expect(page.locator("#status")).to_contain_text("3 decisions about “clean”: 0 flagged, 3 not.")

    select_in_editor(page, "addicts")
    page.click("#why")
    expect(details.locator(".is-reported .verdict")).to_have_text(["Flagged (warning)."])

    select_in_editor(page, "kitchen", nth=1)
    page.click("#why")
    expect(details).to_contain_text("No rule has a term in this selection")

    page.select_option("#preset", "identity-first")
    paste(page, "Drug users met at noon.", fmt="text", expect_total=0)
    select_in_editor(page, "Drug users")
    page.click("#why")
    expect(details.locator(".verdict").first).to_have_text("Not flagged: this policy does not check this rule.")
    expect(details).to_contain_text("identity-first")

    page.evaluate("document.getElementById('editor').setSelectionRange(0, 0)")
    page.click("#why")
    expect(page.locator("#status")).to_contain_text("Select a word or phrase in the text box first")


# -- the page in Spanish ------------------------------------------------------------------------

@pytest.fixture
def spanish_page(browser, base_url):
    context = browser.new_context(locale="es-MX")  # navigator.languages: ["es-MX"]
    pg = context.new_page()
    problems, foreign = [], []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.on("request", lambda r: None if r.url.startswith((base_url, "blob:", "data:")) else foreign.append(r.url))
    pg.goto(base_url + "/")
    expect(pg.locator("#preset option")).not_to_have_count(0)
    yield pg
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not problems, f"console errors: {problems}"
    context.close()


def test_page_speaks_the_browser_s_language(spanish_page):
    pg = spanish_page
    assert pg.evaluate("document.documentElement.lang") == "es"
    expect(pg.locator("#check")).to_have_text("Revisar el texto")
    expect(pg.locator("label[for=language]")).to_have_text("Idioma del texto")
    assert pg.get_attribute("#editor", "placeholder") == "Pegue o escriba aquí su borrador."
    paste(pg, "Los adictos esperan afuera de la clínica.", expect_total=1)
    expect(pg.locator("#status")).to_contain_text("1 hallazgo")
    expect(pg.locator("#by-category li")).to_have_text(["consumo de sustancias: 1"])
    mark = pg.locator("#view mark.hl")
    expect(mark).to_have_text("Los adictos")
    mark.hover()
    details = pg.locator("#details-body")
    expect(details).to_contain_text("Por qué")
    expect(details).to_contain_text("Marcado: “Los adictos”")
    first = details.locator(".alternatives button").first
    expect(first).to_have_text("Las personas con un trastorno por consumo de sustancias")
    first.click()
    expect(pg.locator("#count")).to_have_attribute("data-total", "0")
    assert pg.input_value("#editor") == "Las personas con un trastorno por consumo de sustancias esperan afuera de la clínica."


def test_page_language_menu_switches_and_is_remembered(spanish_page):
    pg = spanish_page
    paste(pg, "Los adictos esperan afuera de la clínica.", expect_total=1)
    pg.select_option("#ui-language", "en")
    expect(pg.locator("#check")).to_have_text("Check text")
    assert pg.evaluate("document.documentElement.lang") == "en"
    expect(pg.locator("#status")).to_contain_text("1 finding")
    pg.reload()
    expect(pg.locator("#check")).to_have_text("Check text")
    pg.select_option("#ui-language", "es")
    expect(pg.locator("#check")).to_have_text("Revisar el texto")


def test_language_of_the_text_menu(page):
    paste(page, "Adictos.", "text")
    expect(page.locator("#count")).to_have_attribute("data-total", "0")  # too short to tell: English
    page.select_option("#language", "es")
    expect(page.locator("#count")).to_have_attribute("data-total", "1")
    expect(page.locator("#view mark.hl")).to_have_text(["Adictos"])
