"""Housing status: "the homeless" as a collective noun, labels such as "vagrant" and
"bum", and "illegal camping".

Without a tagger the collective noun is told from the adjective by the next word: a noun
the phrase commonly modifies makes the adjective ("the homeless shelter"); punctuation, a
function word, a verb or an adverb makes the noun ("the homeless are", "services for the
homeless."). In a title-case heading capitals say nothing and the phrase is reported.
"""
from __future__ import annotations

from ..api import Candidate, check, title_case_sentence
from .lexicon import BOUNDARY, COLLECTIVE_NEXT, DETERMINERS, ING_NOUNS

# nouns that "homeless" commonly modifies, including plurals ending in -s
KNOWN_NOUNS = {"services", "shelters", "programs", "counts", "liaisons", "providers", "agencies",
               "advocates", "students", "veterans", "families", "individuals", "systems", "camps",
               "encampments", "councils", "coalitions", "outreach", "numbers", "rates", "statistics",
               "figures", "populations", "funds", "dollars", "grants", "beds", "sweeps", "deaths",
               "youths", "adults", "kids", "children", "residents", "clients", "patients", "persons",
               "issues", "needs", "rights", "laws", "ordinances", "policies", "initiatives", "missions",
               # people: "140 homeless vets the county counted" is the adjective, not the noun
               "vets", "teens", "mothers", "fathers", "parents", "seniors", "elders", "folks", "couples",
               "moms", "dads", "girls", "boys", "guys", "neighbors", "neighbours", "tenants"}
VERBISH_NEXT = {"to", "that", "a", "an", "the", "in", "on", "at", "for", "with", "up", "out", "down",
                "more", "less", "most", "many", "much", "some", "no", "across", "into"}


PROPERTY = {"building", "buildings", "vessel", "vessels", "vehicle", "vehicles", "property",
            "properties", "boat", "boats", "car", "cars", "house", "houses", "lot", "lots", "site",
            "sites", "structure", "structures", "land", "mine", "mines", "factory", "warehouse", "ship",
            "ships", "barge", "barges", "home", "homes", "hotel", "mill", "mall", "railway", "track",
            "tracks", "pier", "dock", "in", "of", "cells", "cell", "bird", "birds"}
PEOPLE_NEXT = {"camp", "camps", "population", "populations", "man", "men", "woman", "women",
               "people", "person", "persons", "youth", "problem", "encampment", "encampments"}
BUM_NOT_NEXT = {"a", "an", "some", "money", "cigarette", "cigarettes", "smoke", "smokes", "ride",
                "rides", "lift", "cash", "knee", "knees", "leg", "legs", "ankle", "ankles", "shoulder",
                "hip", "back", "rap", "deal", "steer", "bag", "bags", "note", "notes", "around",
                "off", "change"}
BUM_NOT_BEFORE = {"my", "his", "her", "your", "their", "our", "its", "on", "to", "'ll", "can", "could",
                  "to", "will", "would", "i", "you", "we", "they", "he", "she", "bare", "sore", "wet"}


# Words around "transients" in engineering, physics and astronomy text.
TECHNICAL = {"voltage", "voltages", "electrical", "electric", "power", "signal", "signals", "thermal",
             "current", "currents", "surge", "surges", "spike", "spikes", "circuit", "circuits",
             "pressure", "hydraulic", "acoustic", "audio", "waveform", "waveforms", "suppression",
             "suppressor", "load", "fault", "faults", "switching", "grid", "sensor", "sensors",
             "oscillation", "oscillations", "simulation", "simulations", "startup", "frequency",
             "amplitude", "capacitor", "capacitors", "inductive", "diode", "diodes", "ecg", "eeg",
             "optical", "radio", "telescope", "telescopes", "survey", "surveys", "supernova",
             "supernovae", "galaxy", "galaxies", "x-ray", "gamma", "astronomical", "astronomers",
             "sky", "flux", "microseconds", "milliseconds", "ms", "hz", "khz", "mhz", "solver",
             "numerical", "model", "models", "flow", "flows", "fluid", "reactor", "valve", "valves"}
TRANSIENT_NOUN_NEXT = {"sleeping", "living", "camped", "camping", "staying", "loitering", "passing",
                       "named", "found", "arrested", "seen", "spotted", "panhandling", "begging",
                       "wandering", "drifting", "traveling", "travelling"}


def _transient(c, prv, nxt, after) -> bool:
    word = c.tokens[-1].lower_
    if c.nearby_words(1) & TECHNICAL:
        return c.reject("engineering or astronomy 'transients' (voltage, signals, telescopes)")
    if word == "transients":
        # "transients from out of town", "transients sleeping in the doorway"
        return (not (after and after[0].text in ("-", "\u2010", "\u2011"))) or c.reject("'transients-' in a compound")
    # singular: a noun only after a determiner and before a word that ends the noun phrase
    if prv not in DETERMINERS | {"homeless", "local", "drunken", "drunk", "old", "young"}:
        return c.reject("the adjective 'transient' ('transient housing'), not a noun after a determiner")
    if not after or not after[0].is_alpha:
        return (not (after and after[0].text in ("-", "\u2010", "\u2011"))) or c.reject("'transient-' in a compound")
    return (nxt in BOUNDARY or nxt in TRANSIENT_NOUN_NEXT or nxt in (
        "in", "on", "at", "from", "outside", "behind", "near", "under", "by")) or c.reject("the adjective 'transient' before a noun")


def _street_people(c) -> bool:
    before = c.before(1)
    first = c.tokens[0]
    if first.text[:1].isupper() and before and before[0].is_alpha and before[0].text[:1].isupper() \
            and c.tokens[-1].text[:1].islower():
        return c.reject("'the Main Street people': a street's name")  # "the Main Street people": a street's name, then "people"
    return True


# Words around Vagrant, the software that builds virtual machines for developers.
VIRTUAL_MACHINES = {"virtual", "vm", "vms", "virtualbox", "vmware", "hyper-v", "docker", "provision",
                    "provisions", "provisioned", "provisioner", "provisioning", "vagrantfile",
                    "vagrantfiles", "hashicorp", "ssh", "cli", "plugin", "plugins", "software", "linux",
                    "git", "repo", "repository", "install", "installed", "installation", "config",
                    "configuration", "hypervisor", "devops", "localhost", "kubernetes", "ansible"}
# verbs after the noun 'vagrant' ('a vagrant slept in the doorway'), as against a noun the
# adjective modifies ('vagrant thoughts'); nouns that end in -ed are not verbs
_VERBS_AFTER = {"slept", "sleeps", "sat", "sits", "stood", "stands", "lay", "lies", "ran", "runs",
                "told", "tells", "asked", "asks", "said", "says", "left", "leaves", "kept", "keeps",
                "begs", "wanders", "drifts", "shouts", "yells", "broke", "breaks", "stole", "steals"}
_ED_NOUNS = {"speed", "breed", "creed", "greed", "steed", "tweed", "seed", "need", "feed", "weed",
             "shed", "sled", "bed", "bred", "reed"}


def _verb(word: str | None) -> bool:
    return bool(word) and (word in _VERBS_AFTER or (word.endswith("ed") and word not in _ED_NOUNS))


@check("vagrant-person", rules=["vagrant-derelict-bum"])
def vagrant(c: Candidate) -> bool:
    """'vagrant', 'derelict', 'bum', 'hobo', 'transient', 'drifter', 'street person' as labels
    for people; not 'a derelict building', 'derelict in his duty', 'bum a ride', 'a bum knee',
    'a vagrant warbler' (birding), Vagrant the virtual-machine tool ('vagrant up boots the
    virtual machine'), 'hobo bag', the adjective 'transient' ('transient housing',
    'a transient ischemic attack'), engineering and astronomy 'transients', 'the Main Street
    people', drift racing or herring drifters."""
    word = c.tokens[-1].lower_
    after = c.after(1)
    nxt = after[0].lower_ if after else None
    before = c.before(1)
    prv = before[0].lower_ if before else None
    if word.startswith("transient"):
        return _transient(c, prv, nxt, after)
    if c.tokens[0].lower_ == "street":
        return _street_people(c)
    if word == "drifter" and after and after[0].is_alpha and nxt not in BOUNDARY \
            and nxt not in TRANSIENT_NOUN_NEXT and nxt not in ("in", "on", "at", "from", "who", "named"):
        return c.reject("an adjective before a noun ('a drifter look')")  # "a drifter look", "the drifter lifestyle": an adjective
    if word.startswith("drifter"):
        # drift racing and herring boats are "drifters" too
        return (not c.nearby_words(1) & {"car", "cars", "racing", "race", "races", "drift", "drifting",
                                         "motorsport", "track", "tires", "tyres", "boat", "boats",
                                         "fishing", "herring", "nets", "fleet", "harbour", "harbor",
                                         "snow", "band", "song", "album", "continental"}) or c.reject("drift racing, herring drifters, or music")
    if word.startswith("derelict"):
        if nxt in PROPERTY:
            return c.reject("'derelict' property ('a derelict building', 'derelict in his duty')")
        if after and after[0].is_alpha and word == "derelict" and nxt not in BOUNDARY and nxt not in PEOPLE_NEXT:
            return c.reject("an adjective before a noun that is not people")
        return True
    if word.startswith("vagrant"):
        if c.nearby_words(1) & {"bird", "birds", "birders", "birding", "warbler", "species", "range",
                                 "sighting", "cells", "cell", "ebird"}:
            return c.reject("a vagrant bird (birding)")
        if c.nearby_words(1) & VIRTUAL_MACHINES:
            return c.reject("Vagrant, the tool that builds virtual machines")
        if word == "vagrant" and after and after[0].is_alpha and nxt not in BOUNDARY and not _verb(nxt):
            return nxt in PEOPLE_NEXT or c.reject("an adjective before a noun that is not people")
        return True
    if word in ("bum", "bums"):
        if nxt in BUM_NOT_NEXT or prv in BUM_NOT_BEFORE:
            return c.reject("'bum a ride', 'a bum knee', 'my bum': another sense")
        if word == "bum" and prv not in DETERMINERS | {"town", "old", "lazy", "like", "drunken", "homeless"}:
            return c.reject("'bum' not after a determiner: not a noun for a person")
        return True
    if word.startswith("hobo"):
        return (nxt not in ("bag", "bags", "purse", "purses", "style", "chic", "stew")) or c.reject("'hobo bag', 'hobo style': fashion")
    return True


@check("illegal-camping-word", rules=["illegal-camping"])
def illegal(c: Candidate) -> bool:
    """'illegal camper/camping/encampment': always reported, with the underline narrowed to
    'illegal', so 'unsanctioned' replaces it one for one."""
    c.end = c.start + 1  # underline "illegal": the word that labels people and places
    return True


QUANTIFIERS = {"of", "many", "more", "fewer", "hundreds", "thousands", "dozens", "millions",
               "several", "numerous", "countless", "how", "most", "all", "number", "count", "share",
               "percent", "proportion", "percentage", "majority"}


def _quantified(c) -> bool:
    """'hundreds of homeless', '400 homeless', 'many homeless': a noun for people."""
    before = c.before(2)
    if not before:
        return False
    prv = before[0]
    if prv.like_num and not prv.text.endswith("%"):
        return True
    if prv.lower_ == "of":
        return len(before) > 1 and (before[1].like_num or before[1].lower_ in QUANTIFIERS)
    return prv.lower_ in QUANTIFIERS


@check("homeless-collective", rules=["the-homeless"])
def collective(c: Candidate) -> bool:
    """'the homeless' (and 'the unhoused', 'the chronically homeless') as a collective noun for
    people ('the homeless are...', 'services for the homeless.', 'the homeless camped along the
    river'), not the adjective before a noun ('the homeless shelter', 'the homeless services
    system', 'the homeless count'), decided on the next word: punctuation, a function word, a
    verb or an adverb makes the noun; an unknown word counts as a noun it modifies, which
    keeps the rule quiet when in doubt. Bare 'homeless' counts only after a number or a
    quantifier ('400 homeless', 'hundreds of homeless'). A capitalised 'Homeless' inside
    ordinary prose ends an organisation's name ('the Riverbend Coalition for the Homeless')."""
    if len(c.tokens) == 1 and not _quantified(c):
        return c.reject("bare 'homeless' is a noun for people only after a number or a quantifier")  # bare "homeless" counts only as a noun after a number or quantifier
    last = c.tokens[-1]
    if last.text[:1].isupper() and not title_case_sentence(c.sent) and c.start != c.sent.start:
        if c.tokens[0].text[:1].islower():
            return c.reject("the end of an organisation's name ('the Coalition for the Homeless')")  # "the Riverbend Coalition for the Homeless"
    after = c.after(2)
    if not after:
        return True
    nxt = after[0]
    low = nxt.lower_
    if nxt.is_punct or not nxt.is_alpha:
        if nxt.text in ("-", "\u2010", "\u2011") or nxt.text in ("'", "\u2019", "'s", "\u2019s"):
            return c.reject("a compound or a possessive ('the homeless-services hub')")  # "the homeless-services hub", "the homeless' ..." (rare) - stay quiet
        return True
    if low in COLLECTIVE_NEXT:
        return True
    if low == "fall" and len(after) > 1 and after[1].lower_ in {"into", "through", "under", "behind", "between",
                                                                "ill", "asleep", "outside", "within"}:
        return True  # 'most homeless fall into several groups' (not 'the homeless fall count')
    if low.endswith("ly") and len(low) > 4:
        return True  # an adverb: "the homeless frequently..."
    if low.endswith("ed") and len(low) > 4:
        return True  # a verb: "the homeless camped along the river"
    if low.endswith("s") and low not in KNOWN_NOUNS and len(after) > 1 and after[1].lower_ in VERBISH_NEXT:
        return True  # a verb: "funding for the homeless continues to lag"
    if low.endswith("ing") and low not in ING_NOUNS:
        nxt2 = after[1].lower_ if len(after) > 1 else None
        return nxt2 not in ("ban", "bans", "ordinance", "ordinances", "program", "programs", "site", "sites")
    return c.reject("followed by a noun it modifies: the adjective ('the homeless shelter', 'the homeless count')")
