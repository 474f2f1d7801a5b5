"""Trabajo sexual: 'prostituta', 'prostituto', 'meretriz', 'ramera' como etiquetas.

El sentido: la persona nombrada por su trabajo ('las prostitutas', 'un prostituto',
'mujeres prostitutas'); la sugerencia guarda el género de la palabra ('trabajadora
sexual', 'trabajador sexual'). 'Prostitución' (el delito) es otra palabra.
"""
from __future__ import annotations

from ..api import Candidate, check
from .lexicon import plural


@check("es-trabajo-sexual", rules=["es-prostituta"])
def prostituta(c: Candidate) -> bool:
    """A person named by sex work ('las prostitutas', 'un prostituto', 'meretrices'); the
    suggestion agrees with the word's gender ('trabajadora sexual' / 'trabajador
    sexual')."""
    word = c.doc[c.end - 1].lower_
    many = plural(word) and not word.endswith("iz")
    masculine = word in ("prostituto", "prostitutos")
    if masculine:
        c.suggest(["trabajadores sexuales" if many else "trabajador sexual",
                   "personas que ejercen el trabajo sexual" if many else "persona que ejerce el trabajo sexual"])
    else:
        c.suggest(["trabajadoras sexuales" if many else "trabajadora sexual",
                   "personas que ejercen el trabajo sexual" if many else "persona que ejerce el trabajo sexual"])
    return True
