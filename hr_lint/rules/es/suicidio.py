"""Suicidio: 'cometer suicidio', el suicidio 'exitoso' o el intento 'fallido', y 'los
suicidas'.

Los sentidos: 'cometer' enmarca el suicidio como un delito, a diferencia de 'cometer un
error' o 'cometer un delito' (otras palabras, no coinciden); 'fallido' o 'frustrado' solo
juzgan un intento de suicidio, no un intento de rescate; 'suicida' como sustantivo
('los suicidas') nombra a la persona, como adjetivo ('conducta suicida', 'ideación
suicida') no.
"""
from __future__ import annotations

from ..api import Candidate, check
from .lexicon import SUICIDE_WORDS, noun_use, plural

_MORIR = {"cometer": "morir", "cometió": "murió", "cometieron": "murieron", "comete": "muere", "cometen": "mueren",
          "cometía": "moría", "cometían": "morían", "cometido": "muerto", "cometiendo": "muriendo", "cometa": "muera",
          "cometan": "mueran", "cometiera": "muriera", "cometieran": "murieran", "cometiese": "muriese",
          "cometerá": "morirá", "cometerán": "morirán", "cometería": "moriría", "cometerían": "morirían",
          "cometí": "morí", "cometemos": "morimos", "cometes": "mueres"}
_QUITAR = {"cometer": "quitarse la vida", "cometió": "se quitó la vida", "cometieron": "se quitaron la vida",
           "comete": "se quita la vida", "cometen": "se quitan la vida", "cometía": "se quitaba la vida",
           "cometido": "quitado la vida", "cometiendo": "quitándose la vida", "cometa": "se quite la vida",
           "cometan": "se quiten la vida", "cometiera": "se quitara la vida", "cometerá": "se quitará la vida"}


@check("es-cometer-suicidio", rules=["es-cometio-suicidio"])
def cometer(c: Candidate) -> bool:
    """'cometer suicidio' in any tense ('cometió suicidio', 'ha cometido suicidio'): the
    verb of crimes. The suggestion keeps the tense ('murió por suicidio', 'ha muerto por
    suicidio')."""
    verb = c.doc[c.start].lower_
    morir = _MORIR.get(verb)
    if morir:
        alternatives = [f"{morir} por suicidio"]
        if verb in _QUITAR:
            alternatives.append(_QUITAR[verb])
        c.suggest(alternatives)
    return True


_VERDICT_SUCCESS = {"exitoso", "exitosos", "exitosa", "exitosas", "logrado", "logrados", "consumado"}


@check("es-suicidio-resultado", rules=["es-suicidio-exitoso-fallido"])
def resultado(c: Candidate) -> bool:
    """A suicide judged as a success or a failure ('suicidio exitoso', 'intento fallido',
    'intentos frustrados'), which casts death as an achievement; an attempt is an attempt.
    'Intento fallido' only counts in talk about suicide (not 'un intento fallido de
    rescate')."""
    words = {t.lower_ for t in c.tokens}
    many = any(plural(t.text) for t in c.tokens[:1])
    if "suicidio" in words or "suicidios" in words:
        if words & _VERDICT_SUCCESS:
            c.suggest(["muertes por suicidio" if many else "muerte por suicidio", "suicidios" if many else "suicidio"])
        else:
            c.suggest(["intentos de suicidio" if many else "intento de suicidio"])
        return True
    nxt = c.words_after(2)
    if nxt and nxt[0] == "de" and len(nxt) > 1 and nxt[1] not in ("suicidio", "quitarse", "suicidarse"):
        return False  # 'un intento fallido de rescate'
    near = c.nearby_words(1)
    if not (near & SUICIDE_WORDS or any(w.startswith("suicid") for w in near)):
        return False
    c.suggest(["intentos de suicidio" if many else "intento de suicidio"])
    return True


@check("es-suicida-sustantivo", rules=["es-suicida-persona"])
def suicida(c: Candidate) -> bool:
    """'suicida' naming a person ('los suicidas', 'un suicida', 'atender a suicidas'), not
    describing thoughts or behaviour ('ideación suicida', 'conducta suicida', 'pensamientos
    suicidas', 'intento suicida')."""
    doc, i = c.doc, c.start
    if not noun_use(doc, i):
        return False
    if i > doc[i].sent.start and doc[i - 1].lower_ in ("de", "en", "con") and not plural(c.text):
        return False
    many = plural(c.text)
    c.suggest(["personas con pensamientos suicidas", "personas en riesgo de suicidio"] if many
              else ["persona con pensamientos suicidas", "persona en riesgo de suicidio"])
    return True
