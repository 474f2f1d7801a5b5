"""Tratamiento: pruebas 'reprobadas', 'terapia de sustitución' y 'recaída'.

Los sentidos: reprobar o fallar una prueba de drogas (un resultado, no un examen escolar);
la terapia 'de sustitución' o 'de reemplazo' de opioides (un tratamiento con medicamentos,
no un cambio de una droga por otra) frente a la terapia hormonal, renal o de nicotina; la
recaída en el consumo frente a la recaída de otra enfermedad.
"""
from __future__ import annotations

from ..api import Candidate, check
from .lexicon import TEST_WORDS, drug_context

_DAR = {"reprobó": "dio", "reprobar": "dar", "reprueba": "da", "reprueban": "dan", "reprobaron": "dieron",
        "reprobado": "dado", "reprobada": "dado", "repruebe": "dé", "reprueben": "den", "reprobaba": "daba",
        "falló": "dio", "fallar": "dar", "falla": "da", "fallan": "dan", "fallaron": "dieron", "fallado": "dado",
        "falle": "dé", "fallen": "den", "fallaba": "daba"}
_DRUG_TEST = {"drogas", "droga", "antidoping", "antidopaje", "toxicológica", "toxicológico", "orina", "sustancias",
              "dopaje", "detección"}


@check("es-reprobar-prueba", rules=["es-reprobo-prueba"])
def reprobar(c: Candidate) -> bool:
    """'reprobó / falló la prueba de drogas': a test result is positive or negative, not a
    pass or a fail of the person. Not a school exam or any other test ('reprobó el examen
    de matemáticas', 'falló el motor')."""
    doc = c.doc
    after = c.after(7)
    test_at = next((k for k, t in enumerate(after[:3]) if t.lower_ in TEST_WORDS), None)
    if test_at is None:
        return False
    rest = after[test_at:]
    if not any(t.lower_ in _DRUG_TEST for t in rest[:5]):
        return False
    end = rest[0].i + 1
    k = end
    while k < min(len(doc), rest[0].i + 5) and (doc[k].lower_ in _DRUG_TEST or doc[k].lower_ in ("de", "del")):
        k += 1
    while k > end and doc[k - 1].lower_ in ("de", "del"):
        k -= 1
    end = max(end, k)
    verb = doc[c.start].lower_
    phrase = doc[after[0].i:end].text
    c.end = end
    dar = _DAR.get(verb)
    if dar:
        c.suggest([f"{dar} positivo en {phrase}"])
    return True


_NOT_OPIOID = {"hormonal", "hormonas", "renal", "enzimática", "enzimático", "nicotina", "nicotínica", "cadera",
               "rodilla", "articular", "estrogénica", "tiroidea", "insulina", "hierro", "testosterona",
               "estrógenos", "plasma", "sangre", "valvular", "válvula", "electrolitos", "líquidos"}


@check("es-sustitucion-opioides", rules=["es-terapia-sustitucion"])
def sustitucion(c: Candidate) -> bool:
    """'terapia de sustitución / de reemplazo' or 'tratamiento sustitutivo' for opioid
    agonist treatment (methadone, buprenorphine), which is treatment, not one drug swapped
    for another; the opioid words after it are part of the finding ('de opioides'). Not
    other replacement therapies ('terapia de reemplazo hormonal', 'terapia de sustitución
    renal', 'de nicotina')."""
    doc = c.doc
    nxt = c.words_after(3)
    if any(w in _NOT_OPIOID for w in nxt):
        return False
    if nxt[:1] == ["de"] and len(nxt) > 1 and nxt[1] in ("opioides", "opiáceos", "opiaceos", "heroína",
                                                                        "metadona", "buprenorfina"):
        c.end += 2
        return True
    return drug_context(doc, c.start, around=1, skip=(c.start, c.end))


@check("es-recaida-consumo", rules=["es-recaida"])
def recaida(c: Candidate) -> bool:
    """'recaída' / 'recayó' in talk about drug or alcohol use (a return to use, part of many
    recoveries), not the relapse of another illness ('recaída del cáncer') or a market."""
    return drug_context(c.doc, c.start, around=1, skip=(c.start, c.end))
