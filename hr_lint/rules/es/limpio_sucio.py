"""'Limpio' y 'sucio': estado de consumo, pruebas de drogas y material de inyección.

Los sentidos: una persona 'limpia' o 'sucia' por su consumo ('lleva dos años limpio',
'limpios y sobrios') y el resultado de una prueba ('salió sucio en la prueba', 'orina
limpia'), frente a todo lo demás que se limpia o se ensucia: 'agua limpia', 'energía
limpia', 'juego limpio', 'ropa sucia', 'datos sucios', 'limpio la cocina' (el verbo).
"""
from __future__ import annotations

from ..api import Candidate, check
from .lexicon import TEST_WORDS, drug_context, gender, plural, predicative, substance_after

_TIME = {"día", "días", "semana", "semanas", "mes", "meses", "año", "años", "hora", "horas", "tiempo"}
_STATUS_VERBS = {"está", "están", "estaba", "estaban", "estar", "estoy", "estamos", "estás", "estuvo", "estuve",
                 "sigue", "siguen", "seguir", "sigo", "seguimos", "seguía", "permanece", "permanecen", "permanecer",
                 "mantiene", "mantienen", "mantenerse", "mantenerte", "mantenerme", "mantengo", "mantenemos",
                 "mantuvo", "manténgase", "mantente", "lleva", "llevan", "llevaba", "llevo", "llevamos", "llevar",
                 "vive", "viven", "vivir", "quedó", "queda", "quedan", "continúa", "continúan", "anda", "andan",
                 "esté", "estén", "estaría", "estará", "llega", "llegan", "llegue", "lleguen", "llegar", "llegó",
                 "llegaron", "venga", "vengan", "venir", "vino"}
_RESULT_VERBS = {"salió", "salieron", "sale", "salen", "salga", "salgan", "salir", "dio", "dieron", "da", "dan",
                 "dé", "den", "dar", "resultó", "resultaron", "resulta", "resultan", "salí", "di", "arrojó", "arroja"}
# nouns a test result is not ('análisis de datos sucios', 'ropa sucia')
_THINGS = {"datos", "dato", "ropa", "trastes", "platos", "agua", "aire", "energía", "manos", "casa", "cocina",
           "baño", "código", "instalación", "juego", "calle", "calles", "historial", "expediente", "registro",
           "registros", "piso", "suelo", "mesa", "vaso", "vasos", "archivo", "archivos", "base", "tabla", "copia"}


def _test_nearby(c: Candidate, before: int = 5, after: int = 5) -> bool:
    words = c.words_before(before) + c.words_after(after)
    return any(w in TEST_WORDS for w in words)


# words that may stand between a test and its result ('prueba de orina del 07/05 sucia',
# 'marca la prueba como limpia o sucia', 'si sale sucia otra vez')
_BETWEEN = {"de", "del", "la", "el", "los", "las", "su", "sus", "como", "o", "y", "es", "fue", "era", "salió", "sale",
            "resultó", "dio", "da", "salga", "orina", "drogas", "toxicológica", "toxicológico", "limpia", "limpio",
            "sucia", "sucio", "limpias", "sucias", "negativa", "positiva", "negativo", "positivo", ":", ",", "si",
            "hoy", "ayer", "lunes", "martes", "miércoles", "jueves", "viernes", "semana", "pasada", "anterior",
            "última", "primera", "segunda", "marca", "marcó", "reporta", "reportó", "registra", "registró"}
_FOR_DRUG = {"thc", "cannabis", "marihuana", "cocaína", "opioides", "opiáceos", "fentanilo", "metanfetamina",
             "anfetaminas", "benzodiacepinas", "alcohol", "drogas", "heroína", "cristal", "metadona"}


def _in_test(c: Candidate) -> bool:
    """The word describes a drug test or its result: 'prueba sucia', 'orina limpia',
    'salió limpio en la prueba', 'prueba de orina del lunes sucia para THC', 'marca la
    prueba como limpia o sucia'."""
    prev = c.word_before
    if prev in _THINGS:
        return False
    nxt = c.words_after(2)
    if nxt[:1] == ["para"] and nxt[1:] and nxt[1] in _FOR_DRUG:
        return True  # 'sucia para THC'
    for tok in c.before(7):
        low = tok.lower_
        if low in TEST_WORDS:
            return True
        if low in _BETWEEN or tok.like_num or any(ch.isdigit() for ch in low):
            continue
        break
    if prev in _RESULT_VERBS and _test_nearby(c, 10, 6):
        return True
    # 'una muestra de orina limpia', 'el resultado fue limpio'
    verb = predicative(c.doc, c.start)
    return verb is not None and any(w in ("prueba", "pruebas", "muestra", "muestras", "resultado", "resultados",
                                          "examen", "análisis", "antidoping", "orina")
                                    for w in c.words_before(5))


@check("es-limpio-estado", rules=["es-limpio-consumo"])
def limpio_estado(c: Candidate) -> bool:
    """'limpio' for a person who does not use drugs now ('lleva dos años limpio', 'se
    mantiene limpia', 'limpios y sobrios', 'limpio de drogas'), which makes people who use
    drugs 'dirty'. Not a test result (its own rule), not things ('agua limpia', 'energía
    limpia', 'juego limpio', 'un historial limpio') and not the verb ('limpio la cocina')."""
    doc, i = c.doc, c.start
    if _in_test(c):
        return False
    nxt = c.words_after(2)
    many = plural(c.text)
    if nxt and nxt[0] in ("y", "e") and len(nxt) > 1 and nxt[1].startswith("sobri"):
        c.end += 2  # 'limpios y sobrios'
        c.suggest(["en recuperación"])
        return True
    before = c.words_before(2)
    if before and before[0] in ("y", "e") and len(before) > 1 and before[1].startswith("sobri"):
        c.start -= 2  # 'sobrio y limpio'
        c.suggest(["en recuperación"])
        return True
    found = substance_after(doc, c.end)
    if found is not None and doc[c.end].lower_ in ("de", "del"):
        what = " ".join(t.text for t in doc[c.end + 1:found] if t.lower_ not in ("la", "las", "los", "el"))
        c.end = found
        c.suggest([f"sin consumir {what}", "en recuperación"])
        return True
    verb = predicative(doc, i)
    words_before = c.words_before(4)
    timed = any(w in _TIME for w in words_before) and any(w in _STATUS_VERBS for w in c.words_before(6))
    if timed:  # 'lleva cuatro años limpio': a span of time without use
        c.suggest(["en recuperación", "sin consumir"])
        return True
    if (verb in _STATUS_VERBS or (words_before and words_before[0] in _TIME)) \
            and drug_context(doc, i, around=1):
        c.suggest(["en recuperación", "sin consumir"] if not many else ["en recuperación", "sin consumir"])
        return True
    if nxt and nxt[0] in ("desde", "hace") and verb is not None and drug_context(doc, i, around=1):
        c.suggest(["en recuperación", "sin consumir"])
        return True
    return False


@check("es-sucio-estado", rules=["es-sucio-consumo"])
def sucio_estado(c: Candidate) -> bool:
    """'sucio' for a person who uses drugs ('estaba sucio otra vez', 'volvió a andar
    sucia') in talk about drugs; not a test (its own rule) nor dirt ('ropa sucia', 'juego
    sucio', 'datos sucios')."""
    if _in_test(c):
        return False
    verb = predicative(c.doc, c.start)
    if verb in _STATUS_VERBS and drug_context(c.doc, c.start, around=1):
        c.suggest(["consumiendo", "con consumo activo"])
        return True
    return False


_RESULT = {("limpio", "m"): "negativo", ("limpio", "f"): "negativa", ("sucio", "m"): "positivo",
           ("sucio", "f"): "positiva"}


@check("es-resultado-prueba", rules=["es-prueba-limpia-sucia"])
def resultado(c: Candidate) -> bool:
    """'limpio' / 'sucio' for a drug test or its result ('salió sucio en la prueba', 'una
    muestra de orina limpia', 'prueba sucia'): the result is negative or positive. Not
    dirty or clean things near a test word ('análisis de datos sucios')."""
    if not _in_test(c):
        return False
    word = c.doc[c.start].lower_
    base = "limpio" if word.startswith("limpi") else "sucio"
    result = _RESULT[(base, gender(word) or "m")]
    c.suggest([result + ("s" if plural(word) else "")])
    return True
