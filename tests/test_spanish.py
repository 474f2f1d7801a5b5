"""The Spanish pack: senses, names, voice, and suggestions that agree in gender and number."""
import pytest

from hr_lint import Linter

LINTER = Linter({"language": "es"})


def lint(text, fmt="text"):
    return LINTER.lint_text(text, format=fmt)


def one(text, rule=None):
    found = [f for f in lint(text) if rule is None or f.rule == rule]
    assert len(found) == 1, [(f.rule, f.text) for f in found]
    return found[0]


# -- senses ------------------------------------------------------------------------------

FLAG = [
    ("Lleva dos años limpio y ahora acompaña a otros en su recuperación.", "es-limpio-consumo", "limpio"),
    ("Salió sucio en la prueba de orina del martes.", "es-prueba-limpia-sucia", "sucio"),
    ("Un alcohólico pidió un café en la recepción.", "es-alcoholico", "Un alcohólico"),
    ("El abuso de sustancias empieza a veces en la escuela.", "es-abuso-de-sustancias", "abuso de sustancias"),
    ("Su tío cometió suicidio hace diez años.", "es-cometio-suicidio", "cometió suicidio"),
    ("Los indigentes duermen en el parque.", "es-indigente", "Los indigentes"),
    ("Las prostitutas del barrio piden más iluminación.", "es-prostituta", "prostitutas"),
    ("Los reclusos tienen clases de lectura.", "es-reo-recluso", "Los reclusos"),
    ("No está loca: está pasando por una crisis.", "es-loco", "loca"),
    ("Los enfermos mentales no son violentos.", "es-enfermo-mental", "Los enfermos mentales"),
    ("Repartimos jeringas limpias en la unidad móvil.", "es-jeringas-limpias", "jeringas limpias"),
    ("Vecinos con empleo pero heroinómanos, según la nota.", "es-adicto", "heroinómanos"),
    ("Conoció la heroína a los veinte. Estuvo enganchada casi una década.", "es-enganchado", "Estuvo enganchada"),
]

PASS = [
    "Vamos a limpiar la cocina antes de la reunión.",
    "Todas las familias merecen agua limpia.",
    "El condado compra energía limpia para sus oficinas.",
    "Fue un juego sucio y el árbitro lo vio.",
    "No se venden bebidas alcohólicas en el evento.",
    "La escuela tiene un protocolo contra el abuso infantil.",
    "El supervisor cometió un abuso de poder.",
    "Alcohólicos Anónimos se reúne los lunes.",
    "Narcóticos Anónimos tiene un grupo en español.",
    "El Instituto Nacional sobre el Abuso de Drogas publicó el informe.",
    "Cometió un error al llenar el formulario.",
    "La conducta suicida se puede prevenir.",
    "Los usuarios de la aplicación pueden pedir una cita.",
    "El perro vagabundo sigue a los voluntarios.",
    "La terapia de reemplazo hormonal requiere controles.",
    "Tengo la convicción de que todos merecen otra oportunidad.",
    "Los precios están a un precio de locos.",
    "Limpio la casa todos los sábados.",
    "El remolque estuvo enganchado toda la noche.",
]


@pytest.mark.parametrize("text,rule,span", FLAG, ids=[f[1] for f in FLAG])
def test_stigmatizing_senses_are_flagged(text, rule, span):
    f = one(text, rule)
    assert f.text == span


@pytest.mark.parametrize("text", PASS)
def test_benign_senses_and_names_are_left_alone(text):
    assert lint(text) == [], [(f.rule, f.text) for f in lint(text)]


# -- agreement -----------------------------------------------------------------------------

def test_plural_article_follows_the_feminine_alternative():
    f = one("Los adictos esperan afuera.")
    assert f.text == "Los adictos"
    assert f.suggestions[0] == "Las personas con un trastorno por consumo de sustancias"


def test_feminine_article_needs_no_change():
    f = one("Atendimos a una adicta ayer.")
    assert f.text == "adicta"  # 'una' already agrees with 'persona'
    assert f.suggestions[0] == "persona con un trastorno por consumo de sustancias"
    f = one("Atendimos a un adicto ayer.")
    assert f.text == "un adicto"
    assert f.suggestions[0] == "una persona con un trastorno por consumo de sustancias"


def test_contraction_is_undone():
    f = one("La familia del adicto pidió ayuda.")
    assert f.text == "del adicto"
    assert f.suggestions[0] == "de la persona con un trastorno por consumo de sustancias"


def test_quantifier_and_adjective_before_the_noun_agree():
    f = one("Todos los adictos reciben comida.")
    assert f.suggestions[0].startswith("Todas las personas")
    f = one("Estos pocos alcohólicos llegaron tarde.")
    assert f.text == "Estos pocos alcohólicos"
    assert f.suggestions[0] == "Estas pocas personas con un trastorno por consumo de alcohol"


def test_a_label_after_ser_and_an_article_is_a_noun():
    # 'es un drogadicto' -> 'es una persona con...', never 'es un con un trastorno...'
    f = one("Mi hermano es un drogadicto.")
    assert f.text == "un drogadicto"
    assert f.suggestions[0] == "una persona con un trastorno por consumo de sustancias"
    f = one("El vecino dice que es un loco.")
    assert f.text == "un loco" and f.suggestions[0].startswith("una persona con")
    f = one("Está un poco loco.")  # 'un poco' is an adverb: the label stays an adjective
    assert f.text == "loco" and not f.suggestions[0].startswith("persona")


def test_a_quantifier_without_an_article_agrees():
    f = one("Hay muchos indigentes en el centro.")
    assert f.text == "muchos indigentes" and f.suggestions[0] == "muchas personas sin hogar"
    f = one("Vinieron pocos adictos.")
    assert f.text == "pocos adictos"
    assert f.suggestions[0] == "pocas personas con un trastorno por consumo de sustancias"


def test_masculine_alternative_changes_a_feminine_article():
    f = one("La terapia de sustitución con metadona funciona en personas con consumo de opioides.")
    assert f.suggestions[0].startswith("El tratamiento con agonistas opioides")


def test_gender_of_the_word_is_kept_where_the_alternative_has_both():
    assert one("Un prostituto denunció la agresión.").suggestions[0] == "Un trabajador sexual"
    assert one("Una prostituta denunció la agresión.").suggestions[0] == "trabajadora sexual"


def test_verb_tense_is_kept_and_fixed_when_safe():
    f = one("Su hermano cometió suicidio en 2019.")
    assert f.fix == "murió por suicidio"
    f = one("Nadie sabía que había cometido suicidio.")
    assert f.fix == "muerto por suicidio"
    f = one("El abuso de alcohol aumentó mucho.")
    assert f.fix == "consumo de alcohol"


def test_no_fix_when_an_adjective_after_the_noun_would_not_agree():
    f = one("Repartimos agujas sucias usadas por otros.", "es-jeringas-sucias")
    assert f.fix is None and f.suggestions
    assert one("Repartimos agujas sucias en la calle.", "es-jeringas-sucias").fix == "agujas usadas"


def test_the_trace_says_why_an_agreeing_word_blocks_the_fix():
    [occurrence] = [o for o in LINTER.trace_text("Repartimos agujas sucias usadas por otros.", format="text")
                    if o.reported]
    assert occurrence.rule == "es-jeringas-sucias" and "no longer agree" in occurrence.reason


def test_what_someone_is_becomes_what_they_have():
    f = one("Su padre era alcohólico.")
    assert f.text == "era alcohólico"
    assert f.suggestions == ["tenía un trastorno por consumo de alcohol"]


# -- voice ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Soy adicto y lo voy a ser toda la vida.",
    "Yo era un drogadicto antes de entrar al programa.",
    "Fui vagabundo durante tres años.",
])
def test_first_person_is_reported_at_info(text):
    found = lint(text)
    assert found and all(f.severity == "info" for f in found)


@pytest.mark.parametrize("text", [
    "«Los adictos no cambian», dijo el vecino en la reunión.",
    "“Los adictos no cambian”, dijo el vecino en la reunión.",
    "—Los adictos no cambian —dijo el vecino—. Eso cree mucha gente.",
])
def test_quotations_and_dialogue_are_reported_at_info(text):
    found = lint(text)
    assert [f.severity for f in found] == ["info"]


def test_narration_around_dialogue_is_the_writer_s_voice():
    found = lint("—Tengo miedo —dijo la vecina, y señaló a los adictos de la esquina.")
    assert [f.severity for f in found] == ["warning"]


def test_quoted_speech_can_be_ignored_by_policy():
    linter = Linter({"language": "es", "quotes": "ignore"})
    assert linter.lint_text("«Los adictos no cambian», dijo.", format="text") == []


def test_a_word_mentioned_as_a_word_is_not_reported():
    assert lint("En lugar de adicto, diga persona con un trastorno por consumo.") == []
    assert lint("Evite la palabra «alcohólico» en los folletos.") == []


def test_a_phrase_talked_about_is_reported_but_not_fixed():
    f = one("Cometió suicidio es una expresión que culpa a quien murió.")
    assert f.fix is None


# -- the pack ------------------------------------------------------------------------------

def test_every_spanish_rule_is_cited_and_written_in_spanish():
    from pathlib import PurePath

    from hr_lint.config import builtin_rules
    from hr_lint.language import detect

    rules = [r for r in builtin_rules() if r.language == "es"]
    assert len(rules) >= 30
    for rule in rules:
        assert PurePath(rule.origin).parent.parts[-2:] == ("wordlists", "es"), rule.id
        assert rule.sources and all(s["title"] and (s.get("url") or "").startswith(("https://", "http://"))
                                    for s in rule.sources), rule.id
        assert detect(rule.message) == "es", (rule.id, rule.message)
