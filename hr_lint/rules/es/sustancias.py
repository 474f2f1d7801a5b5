"""Consumo de sustancias: etiquetas para personas (adicto, alcohólico, yonqui, usuario de
drogas), 'abuso' de sustancias, 'enganchado a', 'vicio', 'víctima de las drogas' y bebés.

Los usos que separan estos checks: una persona nombrada por su consumo ('los adictos',
'madres adictas', 'es alcohólico') frente a cosas ('bebidas alcohólicas', 'sustancias
adictivas') y usos casuales ('adicto a las series'); el abuso de una sustancia frente a
cualquier otro abuso ('abuso infantil', 'abuso de poder'); el usuario de drogas frente al
usuario de un servicio.
"""
from __future__ import annotations

from ..api import Candidate, Needs, check
from .lexicon import (
    DRUG_TALK, SER, SUBSTANCES, after_person, drug_context, noun_use, plural, predicative,
    substance_after,
)

_SUD = "un trastorno por consumo de sustancias"
_AUD = "un trastorno por consumo de alcohol"
# what one can be casually 'adicto a' without drugs in view
_CASUAL = {"series", "serie", "trabajo", "café", "chocolate", "compras", "redes", "celular", "teléfono", "móvil",
           "videojuegos", "juegos", "libros", "lectura", "deporte", "ejercicio", "gimnasio", "azúcar", "dulces",
           "pantallas", "internet", "noticias", "telenovelas", "fútbol", "música", "cine", "moda", "viajes"}
_ESTAR = {"está": "tiene", "están": "tienen", "estaba": "tenía", "estaban": "tenían", "estuvo": "tuvo",
          "estuvieron": "tuvieron", "esté": "tenga", "estén": "tengan", "estar": "tener", "estado": "tenido",
          "estoy": "tengo", "estamos": "tenemos", "estás": "tienes"}


_NEWBORN = {"bebé", "bebés", "nacido", "nacidos", "nacida", "nacidas", "neonato", "neonatos", "nació", "nacen",
            "nacieron"}
_VOLVERSE = {"volvió": "desarrolló", "volvieron": "desarrollaron", "vuelve": "desarrolla", "vuelven": "desarrollan",
             "volverse": "desarrollar", "volvía": "desarrollaba"}


def _substance_phrase(c: Candidate, i: int) -> tuple[int, str] | None:
    """(end, 'heroína') for 'a la heroína' / 'de drogas' starting at token i."""
    end = substance_after(c.doc, i)
    if end is None:
        return None
    words = [t.text for t in c.doc[i + 1:end] if t.lower_ not in ("la", "las", "los", "el")]
    return end, " ".join(words)


def _label(c: Candidate, condition: str, noun_only_words=()) -> bool:
    """A label for a person by their use, suggested by how it is used: a noun ('los
    adictos'), a description after a person ('madres adictas'), or what someone is
    ('es adicto', widened over the verb)."""
    doc, i = c.doc, c.start
    if i > doc[i].sent.start and doc[i - 1].lower_ in _NEWBORN:
        return False  # 'bebés adictos': its own rule
    many = plural(doc[c.end - 1].text)
    nxt = c.word_after
    condition_here = condition
    if nxt in ("a", "al"):
        found = _substance_phrase(c, c.end)
        if found is not None:
            c.end, what = found
            condition_here = f"un trastorno por consumo de {what}"
        else:
            k = c.end + 1
            while k < len(doc) and doc[k].lower_ in ("la", "las", "los", "el", "mi", "su", "sus"):
                k += 1
            thing = doc[k].lower_ if k < len(doc) else ""
            if thing in _CASUAL or not drug_context(doc, i):
                return False  # 'adicto a las series', 'adictos al trabajo'
    if after_person(doc, i):
        person = doc[i - 1].lower_
        if person in ("persona", "personas") and nxt in ("a", "al") and condition_here != condition:
            return False  # 'persona adicta a la heroína': the person-first wording NIDA's Spanish guide gives
        if condition_here == _SUD:
            c.suggest([f"con {condition_here}", "que consumen drogas" if many else "que consume drogas"])
        else:
            c.suggest([f"con {condition_here}"])
        return True
    verb = predicative(doc, i)
    if verb in _VOLVERSE and doc[i - 1].lower_ == verb:
        c.start = i - 2 if i >= 2 and doc[i - 2].lower_ == "se" else i - 1  # 'se volvió adicta a...'
        c.suggest([f"{_VOLVERSE[verb]} {condition_here}"])
        return True
    if verb is not None:
        if doc[i - 1].lower_ == verb and (verb in SER or verb in _ESTAR):
            c.start = i - 1  # 'es adicto', 'están adictos': the verb is part of the finding
            c.suggest([f"{SER.get(verb) or _ESTAR[verb]} {condition_here}"])
        else:  # 'sigue adicto', 'es muy adicto'
            c.suggest([f"con {condition_here}"])
        return True
    if noun_use(doc, i) or doc[i].lower_ in noun_only_words or c.text[:1].isupper():
        if condition_here != condition:
            c.suggest([f"personas con {condition_here}" if many else f"persona con {condition_here}"])
        return True
    return False


@check("es-adicto-persona", rules=["es-adicto"])
def adicto(c: Candidate) -> bool:
    """'adicto', 'drogadicto', 'toxicómano' for a person: a noun ('los adictos', 'para
    adictos'), a description of a person ('madres adictas', 'hijo drogadicto') or what
    someone is ('es adicto', 'están adictos a la heroína'), the substance kept in the
    suggestion. Not casual use without drugs in view ('adicta a las series', 'adictos al
    trabajo'), not 'persona adicta a [una sustancia]' (person-first wording NIDA's Spanish
    guide offers), and not the thing ('cerebro adicto' is left alone)."""
    return _label(c, _SUD, noun_only_words=_DRUG_LABELS)


# labels that name a person by a drug whatever their use ('con familias estructuradas pero cocainómanos')
_DRUG_LABELS = {stem + end for stem in ("drogadict", "toxicóman", "heroinóman", "cocainóman", "morfinóman")
                for end in ("o", "a", "os", "as")}


@check("es-jerga-consumo", rules=["es-yonqui"])
def jerga(c: Candidate) -> bool:
    """Slang for people who use drugs ('yonqui', 'tecato', 'drogata', 'marihuano'): a
    label whatever its use, except where it describes a thing ('música tecata')."""
    doc, i = c.doc, c.start
    if i > doc[i].sent.start and doc[i - 1].lower_ in _THINGS:
        return False
    return True


_THINGS = {"música", "ropa", "estilo", "moda", "cultura", "barrio", "fiesta", "ambiente", "mundo", "jerga"}


@check("es-alcoholico-persona", rules=["es-alcoholico"])
def alcoholico(c: Candidate) -> bool:
    """'alcohólico' for a person ('los alcohólicos', 'un alcohólico', 'padre alcohólico', 'es
    alcohólica'), not for drinks or conditions ('bebidas alcohólicas', 'grado alcohólico',
    'hepatitis alcohólica', 'sin alcohol / no alcohólica') nor in names ('Alcohólicos
    Anónimos')."""
    return _label(c, _AUD)


@check("es-borracho-persona", rules=["es-borracho"])
def borracho(c: Candidate) -> bool:
    """'borracho' for a person: a noun ('los borrachos del parque', 'un borracho') or a
    description ('padre borracho'); being drunk at a moment ('estaba borracho') is given the
    plain words instead ('en estado de ebriedad'). Not 'pastel borracho' (a sweet)."""
    doc, i = c.doc, c.start
    if after_person(doc, i) or noun_use(doc, i):
        return True
    if predicative(doc, i) is not None:
        c.suggest(["en estado de ebriedad", "bajo los efectos del alcohol"])
        return True
    return False


_SUBSTANCE_COMPANIONS = Needs(frozenset(SUBSTANCES), prefixes=("droga", "sustanc", "opio", "opiá", "heroí", "cocaí",
                                                                 "metanfet", "fentan", "marihu", "alcoh"))


@check("es-usuario-sustancia", rules=["es-usuario-drogas"], needs=_SUBSTANCE_COMPANIONS)
def usuario(c: Candidate) -> bool:
    """'usuario(s) de drogas / heroína / crack' and 'consumidores de drogas' as a label for
    people, the substance kept ('personas que usan heroína'); injection named as such
    ('usuarios de drogas inyectables' -> 'personas que se inyectan drogas'). Not the users
    of a service or an app ('usuarios del portal'), and not the person-first 'personas
    usuarias de drogas' that harm-reduction networks use for themselves."""
    doc = c.doc
    found = _substance_phrase(c, c.end)
    if found is None:
        return False
    if c.start > doc[c.start].sent.start and doc[c.start - 1].lower_ in ("persona", "personas"):
        return False
    c.end, what = found
    many = plural(c.text.split(" ")[0])
    verb = "usan" if many else "usa"
    if "inyectables" in what or "intravenosas" in what:
        c.suggest(["personas que se inyectan drogas" if many else "persona que se inyecta drogas"])
    else:
        c.suggest([f"personas que {verb} {what}" if many else f"persona que {verb} {what}",
                   f"personas que consumen {what}" if many else f"persona que consume {what}"])
    return True


@check("es-abusador-sustancia", rules=["es-abusador"], needs=_SUBSTANCE_COMPANIONS)
def abusador(c: Candidate) -> bool:
    """'abusador de sustancias / drogas / alcohol' for a person, not the abuser in
    violence ('abusador sexual', 'el abusador fue detenido')."""
    found = _substance_phrase(c, c.end)
    if found is None:
        return False
    c.end, what = found
    many = plural(c.text.split(" ")[0])
    c.suggest([f"personas con un trastorno por consumo de {what}" if many
               else f"persona con un trastorno por consumo de {what}"])
    return True


_PRESCRIPTION = {"medicamentos", "fármacos", "analgésicos", "pastillas", "recetados", "recetadas", "benzodiacepinas",
                 "benzodiazepinas", "opioides", "psicofármacos", "sedantes", "tranquilizantes", "calmantes"}


@check("es-abuso-sustancia", rules=["es-abuso-de-sustancias"], needs=_SUBSTANCE_COMPANIONS)
def abuso(c: Candidate) -> bool:
    """'abuso de sustancias / drogas / alcohol / opioides', the substance kept ('consumo de
    alcohol'; medicines: 'uso indebido de medicamentos'). Every other abuse is left alone:
    'abuso infantil', 'abuso sexual', 'abuso de poder', 'abuso de confianza', 'abuso de la
    API', and names ('Instituto Nacional sobre el Abuso de Drogas')."""
    doc = c.doc
    end = substance_after(doc, c.end)
    if end is None:
        return False
    original = doc[c.end:end].text  # 'de drogas', 'del alcohol'
    c.end = end
    words = {t.lower_ for t in doc[c.start:end]}
    many = plural(doc[c.start].text)
    head = "consumos" if many else "consumo"
    if words & _PRESCRIPTION:
        c.suggest([f"uso indebido {original}", f"{head} {original}"])
    else:
        c.suggest([f"{head} {original}", f"uso {original}"])
    return True


_CONSUMIR = {"abusar": "consumir", "abusa": "consume", "abusan": "consumen", "abusó": "consumió",
             "abusaron": "consumieron", "abusaba": "consumía", "abusaban": "consumían", "abusando": "consumiendo",
             "abusado": "consumido", "abuse": "consuma", "abusen": "consuman", "abusará": "consumirá",
             "abusarán": "consumirán", "abusaría": "consumiría", "abusé": "consumí", "abuso": "consumo",
             "abusamos": "consumimos"}


@check("es-abusar-sustancia", rules=["es-abusar-de"], needs=_SUBSTANCE_COMPANIONS)
def abusar(c: Candidate) -> bool:
    """'abusar de' a substance ('abusa del alcohol', 'abusaron de los opioides'), not of
    anything else ('abusar de la confianza', 'abusó de su poder', 'abusaron de ella')."""
    doc = c.doc
    end = substance_after(doc, c.end)
    if end is None:
        return False
    verb = doc[c.start].lower_
    what = " ".join(t.text for t in doc[c.end + 1:end] if t.lower_ not in ("la", "las", "los", "el"))
    c.end = end
    consume = _CONSUMIR.get(verb)
    if consume:
        c.suggest([f"{consume} {what}", f"{consume} {what} de forma problemática"])
    return True


@check("es-enganchado-sustancia", rules=["es-enganchado"])
def enganchado(c: Candidate) -> bool:
    """'enganchado a' a substance or to drugs ('enganchada a la heroína'), or 'estar
    enganchado' with drugs named in the sentence or the one before ('probó las drogas a los
    15 y estuvo enganchado diez años'); not a hitch or a hook ('el remolque quedó
    enganchado al camión', 'enganchado al evento', 'el remolque estuvo enganchado')."""
    doc = c.doc
    if c.word_after not in ("a", "al"):
        # 'estuvo enganchado durante años' with drugs named in the sentence or the one before
        i = c.start
        verb = doc[i - 1].lower_ if i > doc[i].sent.start else ""
        if verb in _ESTAR and drug_context(doc, i, around=1, skip=(c.start, c.end)):
            c.start = i - 1
            c.suggest([f"{_ESTAR[verb]} un trastorno por consumo de sustancias"])
            return True
        return False
    found = _substance_phrase(c, c.end)
    if found is None:
        return False
    c.end, what = found
    c.suggest([f"con un trastorno por consumo de {what}", f"que consume {what}"])
    return True


_NOT_DRUGS = {"ocultos", "oculto", "redhibitorios", "redhibitorio", "forma", "consentimiento", "procedimiento",
              "nulidad", "construcción", "fabricación", "origen"}


@check("es-vicio-consumo", rules=["es-vicio"], needs=DRUG_TALK)
def vicio(c: Candidate) -> bool:
    """'vicio' for drug or alcohol use ('cayó en el vicio de las drogas', 'su vicio del
    alcohol'), a moral word for a health condition; not a building's or a contract's
    defects ('vicios ocultos', 'vicio de forma', 'vicio del consentimiento') nor a habit
    without drugs in view."""
    doc = c.doc
    nxt = c.words_after(2)
    if nxt and (nxt[0] in _NOT_DRUGS or (len(nxt) > 1 and nxt[0] in ("de", "del") and nxt[1] in _NOT_DRUGS)):
        return False
    found = substance_after(doc, c.end)
    if found is not None:
        rest = doc[c.end:found].text  # 'de las drogas', 'del alcohol'
        c.end = found
        c.suggest([f"consumo {rest}"])
        return True
    return drug_context(doc, c.start, skip=(c.start, c.end))


@check("es-bebe-expuesto", rules=["es-bebe-adicto"])
def bebe(c: Candidate) -> bool:
    """'bebés adictos', 'nació adicto': newborns exposed to substances before birth are not
    addicted (they may have neonatal withdrawal), whatever words follow."""
    first = c.doc[c.start].lower_
    if first.startswith("nac"):  # 'nació adicta' -> 'nació con síndrome de abstinencia neonatal'
        label = c.doc[c.end - 1].lower_
        exposed = "expuesta" if label.endswith("a") else "expuestas" if label.endswith("as") else \
            "expuestos" if label.endswith("os") else "expuesto"
        c.suggest([f"{c.doc[c.start].text} con síndrome de abstinencia neonatal",
                   f"{c.doc[c.start].text} {exposed} a sustancias"])
        return True
    many = plural(c.doc[c.start].text)
    found = _substance_phrase(c, c.end)
    if found is not None:  # 'bebés adictos a los opioides'
        c.end, what = found
        c.suggest(["bebés expuestos a " + what if many else "bebé expuesto a " + what,
                   "bebés con síndrome de abstinencia neonatal" if many else "bebé con síndrome de abstinencia neonatal"])
        return True
    c.suggest(["bebés con síndrome de abstinencia neonatal", "recién nacidos expuestos a sustancias"] if many
              else ["bebé con síndrome de abstinencia neonatal", "recién nacido expuesto a sustancias"])
    return True


def _equipment(c: Candidate, adjectives: tuple[str, str]) -> bool:
    """The syringe or needle kept, the adjective replaced, in the match's number."""
    noun = c.doc[c.start].text
    many = plural(noun)
    c.suggest([f"{noun} {a}{'s' if many else ''}".replace("éril" + "s", "ériles") for a in adjectives])
    return True


@check("es-jeringas-esteriles", rules=["es-jeringas-limpias"])
def jeringas_limpias(c: Candidate) -> bool:
    """'jeringas limpias' at syringe services: say sterile or new ('jeringas estériles'),
    the noun and its number kept."""
    return _equipment(c, ("estéril", "nueva"))


@check("es-jeringas-usadas", rules=["es-jeringas-sucias"])
def jeringas_sucias(c: Candidate) -> bool:
    """'jeringas sucias': say used or shared ('jeringas usadas'), the noun and its number
    kept."""
    return _equipment(c, ("usada", "compartida"))
