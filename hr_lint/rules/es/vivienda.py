"""Vivienda: 'indigente', 'vagabundo', 'pordiosero', 'mendigo' y 'los sin techo'.

Los sentidos: la persona nombrada por no tener hogar ('los indigentes', 'un vagabundo',
'los sin techo') frente a un animal o una cosa ('perro vagabundo', 'alma vagabunda') y a
la situación ('quedarse sin techo', 'personas sin hogar', que es la forma recomendada).
"""
from __future__ import annotations

from ..api import Candidate, check
from .lexicon import DETERMINERS, after_person, noun_use, predicative

_ANIMALS_THINGS = {"perro", "perros", "perra", "perras", "gato", "gatos", "gata", "gatas", "animal", "animales",
                   "alma", "almas", "espíritu", "mirada", "vida", "nube", "nubes", "corazón", "pensamiento"}


@check("es-sin-hogar-persona", rules=["es-indigente"])
def indigente(c: Candidate) -> bool:
    """A person named by homelessness ('los indigentes', 'un vagabundo', 'familias
    indigentes'); 'sin techo' / 'sin hogar' only as a noun after a determiner ('los sin
    techo'), never 'personas sin hogar' or 'quedarse sin techo'. Not animals or things
    ('perro vagabundo')."""
    doc, i = c.doc, c.start
    first = doc[i].lower_
    if first == "sin" or first.startswith("sinte") or first.startswith("sinho"):
        if not (i > doc[i].sent.start and doc[i - 1].lower_ in DETERMINERS):
            return False
        if doc[i - 1].lower_.endswith("s"):  # 'los sin techo': the number is the determiner's
            c.form = "plural"
        return True
    if i > doc[i].sent.start and doc[i - 1].lower_ in _ANIMALS_THINGS:
        return False
    return noun_use(doc, i) or after_person(doc, i) or predicative(doc, i) is not None or c.text[:1].isupper()
