"""Justicia: 'reo', 'recluso', 'presidiario', 'convicto', 'exconvicto', 'delincuente'
como etiquetas de personas.

Los sentidos: la persona nombrada por su condena ('los reclusos', 'un exconvicto', 'para
delincuentes') frente a la frase jurídica ('convicto y confeso') y al lugar ('centro de
reclusión', otra palabra).
"""
from __future__ import annotations

from ..api import Candidate, check
from .lexicon import after_person, noun_use, plural, predicative


@check("es-privado-libertad", rules=["es-reo-recluso"])
def recluso(c: Candidate) -> bool:
    """A person named by imprisonment ('los reos', 'una reclusa', 'exconvictos'); former
    prisoners get their own suggestion ('persona que estuvo en prisión'). Not the legal
    phrase 'convicto y confeso'."""
    doc, i = c.doc, c.start
    if c.word_after == "y" and c.words_after(2)[-1:] in (["confeso"], ["confesa"]):
        return False
    if not (noun_use(doc, i) or after_person(doc, i) or predicative(doc, i) or c.text[:1].isupper()):
        return False
    many = plural(c.doc[c.end - 1].text)
    former = c.text.lower().startswith("ex")
    if former:
        c.suggest(["personas que estuvieron en prisión", "personas con antecedentes penales"] if many
                  else ["persona que estuvo en prisión", "persona con antecedentes penales"])
    return True


@check("es-delincuente-etiqueta", rules=["es-delincuente"])
def delincuente(c: Candidate) -> bool:
    """'delincuente(s)' as a name for people ('los delincuentes que atendemos', 'ex
    delincuentes'), not 'delincuencia' (the phenomenon, another word) nor an adjective of a
    thing ('conducta delincuente')."""
    doc, i = c.doc, c.start
    return noun_use(doc, i) or after_person(doc, i) or predicative(doc, i) is not None
