"""Salud mental: 'loco', un diagnóstico como sustantivo ('los esquizofrénicos') y
'manicomio'.

Los sentidos: 'loco' dicho de una persona ('el loco del barrio', 'no está loca') frente a
las frases hechas ('un precio de locos', 'trabaja como loco', 'loco por el fútbol', 'ni
loco') y las cosas ('una idea loca'); un diagnóstico que nombra a la persona ('los
esquizofrénicos', 'un bipolar') frente al adjetivo de un síntoma o un trastorno
('síntomas psicóticos', 'trastorno bipolar', 'episodio depresivo').
"""
from __future__ import annotations

from ..api import Candidate, check
from .lexicon import after_person, noun_use, plural, predicative

_IDIOM_AFTER = {"por", "de"}  # 'loco por el fútbol', 'loco de contento'
_IDIOM_BEFORE = {"como", "ni", "lo", "hace", "hacer", "hacerse", "hizo", "hacen", "haciendo", "hago", "hacía",
                 "vuelve", "vuelvo", "volver", "volverse", "volvió", "volverme", "volverte", "volvían", "vuelven",
                 "volvía"}
_FEELINGS = {"contento", "contenta", "contentos", "alegría", "amor", "remate", "atar", "celos", "ganas"}


@check("es-loco-persona", rules=["es-loco"])
def loco(c: Candidate) -> bool:
    """'loco' / 'loca' about a person's mind: a noun ('el loco del barrio', 'los locos'), a
    person described ('vecino loco') or what someone is ('está loca', also negated: 'no
    está loco'). Not idioms ('un precio de locos', 'trabaja como loco', 'ni loco', 'a lo
    loco', 'hacerse el loco', 'volverse loco', 'loco por el fútbol', 'loco de contento'),
    nor things ('una idea loca', 'una noche loca')."""
    doc, i = c.doc, c.start
    before = c.words_before(2)
    if before and (before[0] in _IDIOM_BEFORE or (before[0] in ("el", "la", "un", "una") and len(before) > 1
                                                    and before[1] in _IDIOM_BEFORE)):
        return False
    if before and before[0] == "de" and plural(c.text):
        return False  # 'un precio de locos', 'una semana de locos'
    nxt = c.words_after(2)
    if nxt and nxt[0] in _IDIOM_AFTER and len(nxt) > 1 and (nxt[1] in _FEELINGS or nxt[0] == "por"):
        return False
    if after_person(doc, i):
        c.suggest(["con un problema de salud mental"])
        return True
    verb = predicative(doc, i)
    if verb is not None:
        c.suggest(["en crisis", "con un problema de salud mental"])
        return True
    return noun_use(doc, i)


_AS_PERSON = {
    "esquizofrénic": "esquizofrenia", "bipolar": "trastorno bipolar", "depresiv": "depresión",
    "anoréxic": "anorexia", "bulímic": "bulimia", "psicótic": "un trastorno psicótico", "dement": "demencia",
    "paranoic": "un trastorno paranoide",
}


@check("es-diagnostico-sustantivo", rules=["es-diagnostico-identidad"])
def diagnostico(c: Candidate) -> bool:
    """A diagnosis naming a person ('los esquizofrénicos', 'un bipolar', 'para
    depresivos'), not describing a symptom, an illness or an episode ('síntomas
    psicóticos', 'trastorno bipolar', 'episodio depresivo') nor what someone is ('mi hijo es
    esquizofrénico', left to the writer)."""
    doc, i = c.doc, c.start
    if not noun_use(doc, i):
        return False
    if i > doc[i].sent.start and doc[i - 1].lower_ in ("de", "del", "con", "en", "y") and not plural(c.text):
        return False  # 'un brote de tipo psicótico'
    word = doc[i].lower_
    for stem, condition in _AS_PERSON.items():
        if word.startswith(stem):
            many = plural(word) and not word == "bipolar"
            c.suggest([f"personas con {condition}" if many else f"persona con {condition}"])
            break
    return True
