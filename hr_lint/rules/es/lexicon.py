"""The Spanish lexicon: the word classes every Spanish check shares, and the tests built on
them.

Checks (`hr_lint/rules/es/*.py`) import their shared vocabulary from here and nothing from
each other. Everything looks at surface words (`Token.lower_`) of spaCy's blank Spanish
pipeline (no tagger), lower case, accents written as Spanish writes them; the words are
listed in every gender and number they take. Sections:

- people: person nouns, pronouns, determiners (`PERSON_NOUNS`, `DETERMINERS`);
- verbs that link a subject to a description (`COPULAS`: es, está, sigue, lleva...);
- substances and drug talk (`SUBSTANCES`, `DRUG_WORDS`, `drug_context`, `DRUG_TALK`);
- drug tests (`TEST_WORDS`) and suicide talk (`SUICIDE_WORDS`);
- how a word is used: as a noun for people (`noun_use`), after a person noun
  (`after_person`), after a linking verb (`predicative`);
- suggestions by use and number (`person_alternatives`).
"""
from __future__ import annotations

from ..api import Needs, sentence_span

# -- people ----------------------------------------------------------------------------------

KIN = {
    "madre", "madres", "padre", "padres", "mamá", "mamás", "papá", "papás", "hijo", "hijos", "hija", "hijas",
    "hermano", "hermanos", "hermana", "hermanas", "esposo", "esposos", "esposa", "esposas", "marido", "maridos",
    "pareja", "parejas", "novio", "novia", "abuelo", "abuelos", "abuela", "abuelas", "tío", "tíos", "tía", "tías",
    "primo", "primos", "prima", "primas", "sobrino", "sobrina", "nieto", "nieta", "nietos", "cónyuge", "familiar",
    "familiares", "suegro", "suegra",
}
PERSON_NOUNS = KIN | {
    "persona", "personas", "gente", "hombre", "hombres", "mujer", "mujeres", "joven", "jóvenes", "adulto",
    "adultos", "adulta", "adultas", "niño", "niños", "niña", "niñas", "adolescente", "adolescentes", "chico",
    "chicos", "chica", "chicas", "muchacho", "muchachos", "muchacha", "muchachas", "señor", "señores", "señora",
    "señoras", "individuo", "individuos", "paciente", "pacientes", "cliente", "clientes", "participante",
    "participantes", "residente", "residentes", "vecino", "vecinos", "vecina", "vecinas", "amigo", "amigos",
    "amiga", "amigas", "compañero", "compañeros", "compañera", "compañeras", "ciudadano", "ciudadanos",
    "ciudadana", "ciudadanas", "trabajador", "trabajadores", "trabajadora", "trabajadoras", "empleado",
    "empleados", "empleada", "empleadas", "estudiante", "estudiantes", "bebé", "bebés", "embarazada",
    "embarazadas", "veterano", "veteranos", "veterana", "veteranas", "miembro", "miembros", "inquilino",
    "inquilinos", "huésped", "huéspedes", "población", "sujeto", "sujetos", "víctima", "víctimas", "tipo",
    "tipos", "alguien", "nadie", "quien", "quienes", "usuario", "usuarios", "usuaria", "usuarias",
}
PRONOUNS = {"él", "ella", "ellos", "ellas", "usted", "ustedes", "alguien", "nadie", "quien", "quienes", "tú", "yo",
            "nosotros", "nosotras", "vos"}
# Articles, demonstratives, possessives and quantifiers before a noun.
DETERMINERS = {
    "el", "la", "los", "las", "un", "una", "unos", "unas", "este", "esta", "estos", "estas", "ese", "esa", "esos",
    "esas", "aquel", "aquella", "aquellos", "aquellas", "mi", "mis", "tu", "tus", "su", "sus", "nuestro",
    "nuestra", "nuestros", "nuestras", "algún", "alguna", "algunos", "algunas", "ningún", "ninguna", "varios",
    "varias", "muchos", "muchas", "pocos", "pocas", "otros", "otras", "otro", "otra", "todos", "todas", "cada",
    "tantos", "tantas", "cuántos", "cuántas", "demasiados", "ciertos", "ciertas", "dichos", "dichas", "del", "al",
    "demás", "ambos", "ambas",
}
NUMBERS = {"dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce", "veinte",
           "treinta", "cien", "cientos", "miles", "millones", "decenas", "docenas", "centenares", "más", "menos"}
# 'hay alcohólicos', 'había adictos': there are (people)
EXISTENTIAL = {"hay", "había", "hubo", "habrá", "habría", "haya"}
PREPOSITIONS = {"a", "al", "ante", "con", "contra", "de", "del", "desde", "en", "entre", "hacia", "hasta", "para",
                "por", "según", "sin", "sobre", "tras", "durante", "mediante"}
CONJUNCTIONS = {"y", "e", "o", "u", "ni", "pero", "sino", "que", "porque", "aunque", "como", "cuando", "donde", "si"}

# Verbs that link a subject to what it is ("es adicto", "sigue limpia", "lleva dos años limpio").
COPULAS = {
    "es", "son", "era", "eran", "fue", "fueron", "sea", "sean", "ser", "sido", "siendo", "soy", "somos", "eres",
    "está", "están", "estaba", "estaban", "estuvo", "estuvieron", "esté", "estén", "estar", "estado", "estoy",
    "estamos", "estás", "estuve", "sigue", "siguen", "seguía", "seguían", "siguió", "seguir", "sigo", "seguimos",
    "continúa", "continúan", "continuaba", "permanece", "permanecen", "permaneció", "permanecer", "queda", "quedan",
    "quedó", "quedaron", "quedar", "mantiene", "mantienen", "mantuvo", "mantenerse", "mantenerte", "mantenerme",
    "manténgase", "mantente", "mantengo", "mantenemos", "lleva", "llevan", "llevaba", "llevaban", "llevo",
    "llevamos", "llevar", "llevaría", "vive", "viven", "vivir", "salió", "salieron", "sale", "salen", "salir",
    "salgo", "salí", "volvió", "vuelve", "parece", "parecen", "parecía", "anda", "andan", "andaba", "ando",
    "estuvieron", "estaría", "estarán", "estará", "será", "serán", "estés", "estemos", "seas", "fuera", "fueras",
    "fueran", "estuviera", "estuvieras", "estuvieran", "volverse", "vuelven", "volvieron", "fui", "fuiste",
    "fuimos", "éramos", "eras", "llega", "llegan", "llegue", "lleguen", "llegar", "llegó", "llegaron", "venga",
    "vengan", "venir", "vino",
}
# The forms of "ser" (what someone is), for "es adicto" -> "tiene un trastorno..."
SER = {"es": "tiene", "son": "tienen", "era": "tenía", "eran": "tenían", "fue": "tuvo", "fueron": "tuvieron",
       "sea": "tenga", "sean": "tengan", "ser": "tener", "sido": "tenido", "soy": "tengo", "somos": "tenemos",
       "eres": "tienes", "será": "tendrá", "serán": "tendrán"}

# -- substances and drug talk ----------------------------------------------------------------

SUBSTANCES = {
    "droga", "drogas", "sustancia", "sustancias", "alcohol", "opioide", "opioides", "opiáceo", "opiáceos",
    "opiaceos", "heroína", "heroina", "cocaína", "cocaina", "crack", "metanfetamina", "metanfetaminas", "meta",
    "cristal", "fentanilo", "fentanil", "marihuana", "mariguana", "cannabis", "pastillas", "píldoras",
    "medicamentos", "fármacos", "analgésicos", "benzodiacepinas", "benzodiazepinas", "tabaco", "nicotina",
    "inhalantes", "estupefacientes", "narcóticos", "psicofármacos", "éxtasis", "anfetaminas", "anfetamina",
    "morfina", "oxicodona", "ketamina", "bazuco", "paco", "piedra", "tusi", "xilacina", "psicoactivas",
    "psicoactivos", "estimulantes", "sedantes", "tranquilizantes", "calmantes", "codeína", "hachís", "lsd",
    "inyectables", "ilícitas", "ilegales", "recetados", "recetadas", "spice", "k2", "mdma", "benzos", "chemo",
}
DRUG_WORDS = SUBSTANCES | {
    "consumo", "consumos", "consumir", "consume", "consumen", "consumía", "consumían", "consumió", "consumiendo",
    "sobredosis", "naloxona", "narcan", "inyectar", "inyecta", "inyectan", "inyectarse", "jeringa", "jeringas",
    "aguja", "agujas", "abstinencia", "recaída", "recaídas", "recuperación", "rehabilitación", "sobrio", "sobria",
    "sobrios", "sobrias", "sobriedad", "adicción", "adicciones", "trastorno", "metadona", "buprenorfina",
    "suboxone", "antidoping", "antidopaje", "toxicológica", "toxicológico", "narcóticos", "aa", "na", "anónimos",
    "desintoxicación", "detox", "dependencia", "drogadicción", "alcoholismo", "borrachera", "tragos", "beber",
    "bebe", "beben", "bebía", "bebiendo", "emborracharse", "drogarse", "drogaba", "drogas", "colocarse",
    "reducción", "daños", "tratamiento", "tratamientos", "programa", "centro", "clínica", "dosis", "fumar", "fuma",
    "fumaba", "pasta", "base", "bebida", "tomar", "emborrachar", "ebriedad", "cruda", "resaca",
}
# Words that make a paragraph worth a check's look (the gate's companions, `needs`).
DRUG_TALK = Needs(frozenset(DRUG_WORDS - {"programa", "centro", "clínica", "tratamiento", "tratamientos", "base",
                                          "pasta", "dosis"}),
                  prefixes=("droga", "consum", "adic", "sobri", "recaí", "alcoh", "opio", "opiá", "heroí", "coca",
                            "metanfet", "fentan", "marihu", "inyect", "rehab", "desintox", "toxicol", "estupef",
                            "narcó", "jering", "abstin", "recupera"))

TEST_WORDS = {
    "prueba", "pruebas", "examen", "exámenes", "análisis", "test", "tests", "antidoping", "antidopaje", "orina",
    "muestra", "muestras", "resultado", "resultados", "tamizaje", "toxicológica", "toxicológico", "toxicológicas",
    "toxicológicos", "urianálisis", "detección", "screening", "control", "controles",
}
SUICIDE_WORDS = {"suicidio", "suicidios", "suicida", "suicidas", "suicidarse", "suicidó", "suicidaron",
                 "autolesión", "autolesiones", "quitarse", "vida", "muerte", "muertes", "autoeliminación"}


def is_substance(word: str) -> bool:
    """A drug, alcohol or medicine named by one word (lower case)."""
    return word in SUBSTANCES


def drug_context(doc, i: int, around: int = 0, skip: tuple[int, int] | None = None) -> bool:
    """Is the sentence holding token i (and `around` sentences either side) about drugs or
    alcohol? Tokens in `skip` (the match itself) do not count."""
    lo, hi = sentence_span(doc, i, around)
    for t in doc[lo:hi]:
        if skip is not None and skip[0] <= t.i < skip[1]:
            continue
        low = t.lower_
        if low in DRUG_WORDS or low.startswith(("droga", "adicci", "alcoh", "opioi", "heroí", "metanfet", "fentan",
                                                 "sobri", "consum", "toxicol")):
            return True
    return False


def substance_after(doc, i: int, limit: int = 4) -> int | None:
    """The index after "de/a [la|las|los|el] SUBSTANCE [...]" starting at token i, or None:
    'de drogas', 'del alcohol', 'a la heroína', 'de sustancias psicoactivas'."""
    n = len(doc)
    if i >= n or doc[i].lower_ not in ("de", "del", "a", "al"):
        return None
    k = i + 1
    if k < n and doc[k].lower_ in ("la", "las", "los", "el", "estas", "estos", "otras", "otros", "esas", "diversas",
                                   "distintas", "varias", "muchas", "ciertas"):
        k += 1
    if k < n and doc[k].lower_ in ("drogas", "droga", "sustancias", "sustancia") and k + 1 < n \
            and doc[k + 1].lower_ in ("inyectables", "ilícitas", "ilegales", "psicoactivas", "duras"):
        return k + 2
    if k < n and is_substance(doc[k].lower_):
        end = k + 1
        # "de opioides recetados", "de metanfetamina y alcohol"
        if end + 1 < n and doc[end].lower_ in ("y", "o", "u", "e") and is_substance(doc[end + 1].lower_):
            end += 2
        return end
    if k + 1 < n and doc[k].lower_ in ("medicamentos", "analgésicos", "pastillas") \
            and doc[k + 1].lower_ in ("recetados", "opioides", "controlados"):
        return k + 2
    return None


def noun_use(doc, i: int) -> bool:
    """Is token i a noun for people here: after a determiner or a preposition ('los
    adictos', 'para adictos'), or starting its clause in the plural ('Adictos y familias
    ...'), not after another noun it describes?"""
    sent_start = doc[i].sent.start
    k = i - 1
    while k >= sent_start and doc[k].lower_ in ("pocos", "muchos", "demás", "supuestos", "llamados", "pobres",
                                                "jóvenes", "viejos", "ex", "antiguos", "antiguas", "pocas",
                                                "muchas", "supuestas", "llamadas", "viejas", "nuevos", "nuevas",
                                                "propios", "propias", "otros", "otras", "mismos", "mismas"):
        k -= 1
    if k < i - 1 and doc[i - 1].lower_ in DETERMINERS:
        return True  # 'vinieron pocos adictos', 'hay muchos alcohólicos': a quantifier right before
    if k < sent_start:
        return doc[i].lower_.endswith("s")
    prev = doc[k].lower_
    if prev in DETERMINERS or prev in PREPOSITIONS or prev in ("y", "e", "o", "u", "ni", "como", "entre") \
            or prev in NUMBERS or prev in EXISTENTIAL or doc[k].like_num:
        return True
    return doc[k].is_punct and doc[i].lower_.endswith("s")


def after_person(doc, i: int) -> bool:
    """Does token i describe a person noun right before it ('madres adictas', 'hijo
    alcohólico', 'persona adicta')?"""
    k = i - 1
    if k < doc[i].sent.start:
        return False
    return doc[k].lower_ in PERSON_NOUNS


def predicative(doc, i: int) -> str | None:
    """The linking verb before token i ('es adicto', 'están locos', 'sigue limpia',
    'se mantiene limpio'), lower case, or None. Adverbs may stand between ('está muy loco')."""
    k = i - 1
    sent_start = doc[i].sent.start
    while k >= sent_start and (doc[k].lower_ in ("muy", "tan", "bien", "ya", "todavía", "aún", "completamente",
                                                 "totalmente", "algo", "medio", "poco", "no", "nunca",
                                                 "siempre", "realmente", "como")
                               or doc[k].lower_ == "un" and doc[k + 1].lower_ == "poco"):
        k -= 1  # 'un' only in 'un poco loco': 'es un drogadicto' is a noun after an article
    if k >= sent_start and doc[k].lower_ in COPULAS:
        return doc[k].lower_
    return None


def gender(word: str) -> str | None:
    """'f' or 'm' from a word's ending ('adicta', 'limpios'), or None ('indigente')."""
    low = word.lower()
    if low.endswith(("a", "as")):
        return "f"
    if low.endswith(("o", "os")):
        return "m"
    return None


def plural(word: str) -> bool:
    return word.lower().endswith("s")


# -- suggestions ------------------------------------------------------------------------------

def person_alternatives(condition: str, plural_form: bool, use: str) -> list[str]:
    """Person-first alternatives for a label by how it is used: 'noun' ('los adictos' ->
    'personas con un trastorno por consumo de sustancias'), 'adjective' after a person noun
    ('madres adictas' -> 'madres con un trastorno...'), 'predicate' after ser ('es adicto'
    -> 'tiene un trastorno...', the verb included in the finding by the check).

    `condition` is the phrase after 'con' ('un trastorno por consumo de sustancias')."""
    if use == "adjective":
        return [f"con {condition}"]
    if use == "predicate":
        return [condition]
    return [f"personas con {_plural_condition(condition)}" if plural_form else f"persona con {condition}"]


def _plural_condition(condition: str) -> str:
    """'un trastorno por consumo...' stays singular after 'personas con' only for the
    indefinite article: 'personas con trastornos por consumo...' reads better."""
    if condition.startswith("un trastorno"):
        return "un trastorno" + condition[len("un trastorno"):]
    return condition
