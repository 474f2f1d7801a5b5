"""Choosing the language: declared in markup, configured, or detected; each part of a
bilingual document linted with its own language's rules."""
import json
import subprocess
import sys

import pytest

from hr_lint import Linter
from hr_lint import language as lang
from hr_lint.config import ConfigError

LINTER = Linter()


def rules(findings):
    return [f.rule for f in findings]


# -- detection ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Los adictos llegaron temprano a la clínica.", "es"),
    ("La prueba salió sucia otra vez.", "es"),
    ("¿Dónde está el albergue?", "es"),
    ("Three clients came by the van today.", "en"),
    ("He has been clean for two years.", "en"),
    ("Los Angeles County opened a new shelter for families.", "en"),
    ("El Paso and San Antonio share the grant with the county.", "en"),
])
def test_short_paragraphs_are_told_apart(text, expected):
    assert lang.detect(text) == expected


def test_a_paragraph_without_evidence_takes_the_default():
    assert lang.detect("988", default="es") == "es"
    assert lang.detect("Mirabel, CA") is None


def test_english_without_a_spanish_sign_is_not_even_scored():
    assert not lang.spanish_hint("We met an addict near the station. " * 500)
    assert lang.spanish_hint("Llegó una persona que usa drogas.")
    assert lang.spanish_hint("toxic&oacute;manos")


def test_unknown_language_setting_is_refused():
    with pytest.raises(ConfigError):
        Linter({"language": "fr"})
    with pytest.raises(ValueError):
        LINTER.lint_text("hola", format="text", language="fr")


# -- precedence ------------------------------------------------------------------------

def test_detected_spanish_document_gets_spanish_rules():
    found = LINTER.lint_text("Los adictos esperan afuera de la clínica desde temprano.", format="text")
    assert rules(found) == ["es-adicto"]


def test_configured_language_decides_text_without_evidence():
    assert rules(Linter({"language": "es"}).lint_text("Adictos.", format="text")) == ["es-adicto"]
    assert rules(Linter({"language": "en"}).lint_text("Los adictos esperan afuera.", format="text")) == []
    assert rules(LINTER.lint_text("Addicts welcome.", format="text", language="en")) == ["addict-noun"]


def test_markdown_front_matter_lang_wins_over_detection_and_configuration():
    text = "---\ntitle: Notas\nlang: es\n---\n\nAddicts. Adictos.\n"
    assert rules(Linter({"language": "en"}).lint_text(text, format="markdown")) == ["es-adicto"]


def test_bilingual_html_is_linted_section_by_section():
    page = """<!doctype html><html lang="es"><body>
<section lang="es"><p>Los adictos merecen respeto.</p></section>
<section lang="en"><p>Addicts deserve respect.</p>
<p lang="es">Un alcohólico pidió ayuda.</p>
<img alt="Addicts in line" src="a.png"></section>
<p>Los toxicómanos también.</p>
</body></html>"""
    found = LINTER.lint_text(page, format="html")
    by_line = [(f.line, f.rule) for f in found]
    assert (2, "es-adicto") in by_line
    assert (3, "addict-noun") in by_line
    assert (4, "es-alcoholico") in by_line
    assert (5, "addict-noun") in by_line  # alt text inside the English section
    assert (6, "es-adicto") in by_line
    assert len(found) == 5


def test_markdown_with_an_english_block_in_a_spanish_document():
    text = "---\nlang: es\n---\n\nLos adictos esperan.\n\n<div lang=\"en\">\n\nAddicts wait.\n\n</div>\n"
    found = LINTER.lint_text(text, format="markdown")
    assert [(f.line, f.rule) for f in found] == [(5, "es-adicto"), (9, "addict-noun")]


def test_mixed_document_without_markup_is_detected_paragraph_by_paragraph():
    text = ("Our outreach team met three addicts near the depot and offered them naloxone kits.\n\n"
            "El equipo de alcance habló con dos adictos cerca de la estación y les dio naloxona.\n")
    assert [(f.line, f.rule) for f in LINTER.lint_text(text, format="text")] == [(1, "addict-noun"),
                                                                                (3, "es-adicto")]


def test_a_language_without_rules_is_left_alone():
    page = '<html lang="fr"><body><p>Les addicts.</p><p lang="en">Addicts.</p></body></html>'
    assert rules(LINTER.lint_text(page, format="html")) == ["addict-noun"]


def test_declarations_survive_nesting_of_the_same_element():
    source = '<div lang="en"><div>a</div><p>b</p></div><p>c</p>'
    document, spans = lang.declarations(source, "html")
    assert document is None
    (start, end, code), = spans
    assert code == "en" and source[start:end] == '<div lang="en"><div>a</div><p>b</p></div>'


def test_html_entities_for_accents_are_read():
    page = '<html lang="es"><body><p>Los toxic&oacute;manos esperan.</p></body></html>'
    found = LINTER.lint_text(page, format="html")
    assert [(f.rule, f.text) for f in found] == [("es-adicto", "Los toxic&oacute;manos")]


# -- the command line --------------------------------------------------------------------

def run(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "hr_lint", "--no-cache", *args], input=stdin, capture_output=True,
                          text=True, cwd=cwd)


def test_language_option(tmp_path):
    out = run("-", "--stdin-filename", "a.txt", "--format", "json", "--language", "es", stdin="Adictos.\n")
    assert [f["rule"] for f in json.loads(out.stdout)] == ["es-adicto"]
    bad = run("-", "--stdin-filename", "a.txt", "--language", "fr", stdin="x\n")
    assert bad.returncode == 2


def test_language_setting_in_the_configuration_file(tmp_path):
    (tmp_path / ".hr-lint.yaml").write_text("language: es\n")
    (tmp_path / "a.txt").write_text("Adictos.\n")
    out = run("--format", "json", "a.txt", cwd=tmp_path)
    assert [f["rule"] for f in json.loads(out.stdout)] == ["es-adicto"]
    (tmp_path / ".hr-lint.yaml").write_text("language: klingon\n")
    bad = run("a.txt", cwd=tmp_path)
    assert bad.returncode == 2 and ".hr-lint.yaml:1" in bad.stderr and "language" in bad.stderr


def test_custom_rules_in_spanish(tmp_path):
    (tmp_path / "reglas.yaml").write_text(
        "language: es\ncategory: general\nrules:\n- id: es-pastelito\n  message: Evite 'pastelito'.\n"
        "  terms: [pastelito]\n  check: es-contexto-drogas\n"
        "  examples:\n    flag: ['Vendía pastelitos de marihuana con drogas.']\n    pass: ['Comimos un pastelito.']\n")
    linter = Linter({"rules": [str(tmp_path / "reglas.yaml")]})
    assert rules(linter.lint_text("Vendía pastelitos con drogas en la esquina.", format="text")) == ["es-pastelito"]
    assert rules(linter.lint_text("Vendía pastelitos en la esquina de la plaza.", format="text")) == []
    assert rules(linter.lint_text("He sold pastelitos and drugs.", format="text", language="en")) == []
    (tmp_path / "mal.yaml").write_text("language: fr\nrules:\n- id: x\n  message: m\n  terms: [x]\n")
    with pytest.raises(ConfigError) as err:
        Linter({"rules": [str(tmp_path / "mal.yaml")]})
    assert "mal.yaml:1" in str(err.value)


def test_select_names_a_spanish_rule_without_error():
    linter = Linter({"select": ["es-loco"]})
    assert rules(linter.lint_text("El loco del barrio y las adictas.", format="text", language="es")) == ["es-loco"]
    with pytest.raises(ConfigError):
        Linter({"select": ["es-lokito"]}).lint_text("x", format="text")


def test_an_english_page_that_names_a_cafe_is_not_mixed():
    text = ("The café on Main Street hosts the support group. " * 40 + "\n\n"
            + "We thank José and the staff of La Esperanza for the coffee. " * 5)
    assert lang.plan(text, "text").languages == ("en",)


def test_one_spanish_paragraph_in_a_long_english_page_is_found():
    text = "Our outreach program serves the whole county and its people. " * 200 + (
        "\n\nEl equipo de alcance habló con dos adictos cerca de la estación y les dio naloxona.\n")
    plan = lang.plan(text, "text")
    assert plan.languages == ("en", "es") and plan.per_paragraph
    assert [f.rule for f in LINTER.lint_text(text, format="text")] == ["es-adicto"]


def test_a_heading_takes_the_language_of_the_section_it_opens():
    text = ("# Addicts\n\nOur outreach team met people near the depot and offered them naloxone kits.\n\n"
            "# Adictos\n\nEl equipo de alcance habló con personas cerca de la estación y les dio naloxona.\n")
    assert [(f.line, f.rule) for f in LINTER.lint_text(text, format="markdown")] == [(1, "addict-noun"),
                                                                                    (5, "es-adicto")]
