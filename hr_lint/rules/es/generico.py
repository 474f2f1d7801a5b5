"""Checks genéricos: deciden sin mirar a qué regla sirven, así que cualquier regla en
español puede nombrarlos, también las reglas propias de una organización
(`check: es-contexto-drogas`)."""
from __future__ import annotations

from ..api import Candidate, check
from .lexicon import DRUG_TALK, drug_context


@check("es-contexto-drogas", generic=True, needs=DRUG_TALK)
def contexto_drogas(c: Candidate) -> bool:
    """Keeps a match only in a sentence about drug or alcohol use ('los usuarios que se
    inyectan'), not elsewhere ('los usuarios de la aplicación')."""
    return drug_context(c.doc, c.start)
