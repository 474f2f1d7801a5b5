"""Marcos generales: la adicción como falta de voluntad o de moral, y la condena de por
vida ('una vez adicto, siempre adicto').

El sentido: esas frases dichas del consumo de sustancias, no de cualquier cosa ('falta de
voluntad política').
"""
from __future__ import annotations

from ..api import Candidate, check
from .lexicon import DRUG_TALK, drug_context

_NOT_ABOUT_USE = {"política", "políticas", "político", "gobierno", "partido", "partidos", "institucional",
                  "empresa", "empresas"}


@check("es-voluntad-consumo", rules=["es-falta-de-voluntad"], needs=DRUG_TALK)
def voluntad(c: Candidate) -> bool:
    """'falta de voluntad', 'debilidad moral', 'fracaso moral' said of addiction or drug use,
    not of politics ('falta de voluntad política'); the rule leaves a refuted frame alone ('no
    es por falta de voluntad')."""
    nxt = c.words_after(1)
    if nxt and nxt[0] in _NOT_ABOUT_USE:
        return False
    return drug_context(c.doc, c.start, around=1)
