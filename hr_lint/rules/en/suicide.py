"""Suicide wording: verdicts, method detail, blame, labels for people.

The rules must stay silent on prevention work that shares their words: "completed
suicide prevention training", "a successful suicide prevention campaign", "committed to
suicide prevention", "a failed attempt to pass the levy", "shot himself in the foot",
"overdosed on fentanyl" (an overdose, not a suicide), "a cry for help" in a story about a
flooded basement.
"""
from __future__ import annotations

from ..api import Candidate, check
from .lexicon import PERSON

# Nouns after "suicide" that make it a modifier of prevention work, not a death.
PROGRAM = {
    "prevention", "preventions", "training", "trainings", "risk", "risks", "assessment",
    "assessments", "screening", "screenings", "awareness", "module", "modules", "course", "courses",
    "safety", "postvention", "education", "intervention", "interventions", "first", "gatekeeper",
    "program", "programs", "programme", "plan", "plans", "hotline", "lifeline", "crisis", "policy",
    "policies", "protocol", "protocols", "care", "coalition", "task", "research", "rates", "rate",
    "data", "statistics", "-", "response", "grant", "grants", "walk", "month", "week", "campaign",
    "campaigns", "counseling", "workshop", "workshops", "curriculum", "certification", "toolkit",
}

SUICIDE_CONTEXT = {
    "suicide", "suicides", "suicidal", "self-harm", "self", "harm", "self-injury", "cutting", "cut",
    "cuts", "overdose", "overdosed", "attempt", "attempts", "attempted", "wrists", "ideation",
    "kill", "killing", "killed", "die", "died", "dying", "death", "dead", "life", "lives",
    "threat", "threats", "threatened", "threatening", "pills", "note", "hanging", "988",
}
DEATH_CONTEXT = {"suicide", "suicides", "suicidal", "died", "death", "dead", "killed", "fatal",
                 "fatally", "body", "found", "deceased", "decedent", "decedents", "own", "life",
                 "funeral", "memorial", "mourn", "mourning", "survived", "ending"}
CHOICE_CONTEXT = {"suicide", "suicides", "suicidal", "died", "die", "dies", "death", "dead", "killed",
                  "deceased", "funeral", "memorial", "overdose", "overdosed"}
SUICIDE_STRONG = {"suicide", "suicides", "suicidal", "self-harm", "wrists", "ideation", "988"}
ATTEMPT_DEATH = {"overdose", "overdosed", "hanging", "death", "deaths", "died", "die", "dies",
                 "lethal", "kill", "killed", "killing"}
RESEARCH = {"study", "studies", "research", "researchers", "analysis", "analyses", "analyzed",
            "linguistic", "linguistics", "corpus", "sample", "coded", "dataset", "fiction", "novel",
            "character", "characters", "literature", "forensic", "archive"}


def _verdict_phrase(c, words) -> bool:
    """'attempted suicide unsuccessfully', 'tried unsuccessfully to kill', 'succeeded in killing'."""
    if "suicide" not in words:
        after = [t.lower_ for t in c.after(3)]
        if after[:1] and after[0] in ("himself", "herself", "themselves", "myself", "yourself"):
            c.end += 1  # the whole phrase: "tried unsuccessfully to kill himself"
        elif after[1:3] == ["own", "life"] or after[1:3] == ["own", "lives"]:
            c.end += 3  # "succeeded in taking her own life"
        else:
            return c.reject("'succeeded in killing' something else ('the engine')")  # "succeeded in killing the engine"
    if "succeeded" in words:
        c.alternatives = ["died by suicide", "took their own life"]
    else:
        c.alternatives = ["attempted suicide", "survived a suicide attempt"]
    return True


@check("suicide-verdict", rules=["successful-failed-suicide"])
def successful_failed(c: Candidate) -> bool:
    """'successful/failed/unsuccessful suicide (attempt)' and 'tried unsuccessfully to kill
    himself': a verdict on a death or an attempt. Not prevention work ('a successful suicide
    prevention campaign'), and a bare 'failed attempt' only where the passage is about suicide
    ('a failed attempt to pass the levy' is not). The form picks the suggestion (a death or an
    attempt)."""
    words = [t.lower_ for t in c.tokens]
    if "unsuccessfully" in words or "succeeded" in words:
        return _verdict_phrase(c, words)
    after = [t.lower_ for t in c.after(2)]
    nxt = after[0] if after else None
    if nxt in PROGRAM:
        return c.reject("before prevention work ('a successful suicide prevention campaign')")  # "a successful suicide prevention campaign"
    if "suicide" not in words and "suicides" not in words:
        # "failed attempt", "successful attempt": only when the passage is about suicide
        if nxt in ("to", "at", "on", "by"):
            return c.reject("'a failed attempt to ...': an attempt at something else")  # "a failed attempt to pass the levy"
        # the topic may be set a sentence or two away ("...has tried before. A failed attempt
        # is the strongest predictor of a later death"): the strong words anywhere in the
        # paragraph, or death and lethality words in the sentences around the match
        if not (c.segment_words() & SUICIDE_STRONG or c.nearby_words(1) & ATTEMPT_DEATH):
            return c.reject("'failed attempt' with nothing about suicide or death nearby")
    if words[0] == "suicide" and words[-1] in ("unsuccessful", "failed", "successful"):
        # the verdict as a predicate: "her suicide attempt was unsuccessful", not "the suicide
        # attempt failed to make the news"
        if nxt == "to":
            return c.reject("'the suicide attempt failed to ...': not a verdict on the attempt")
        if words[-1] == "successful":
            c.alternatives = ["died by suicide"]
        else:
            c.alternatives = ["survived a suicide attempt", "the suicide attempt was not fatal"]
        return True
    plural = words[-1].endswith("s")
    if words[0] == "successful":
        c.form = "s" if plural else "base"  # a death, not an attempt
    else:
        c.form = "plural" if plural else "singular"
    return True


@check("suicide-completed", rules=["completed-suicide"])
def completed(c: Candidate) -> bool:
    """'completed suicide', 'suicide completer(s)': not 'completed suicide prevention training';
    a bare 'completers' only in a sentence about suicide (not program completers)."""
    words = [t.lower_ for t in c.tokens]
    after = [t.lower_ for t in c.after(1)]
    nxt = after[0] if after else None
    if nxt in PROGRAM:
        return c.reject("before prevention work ('completed suicide prevention training')")
    if words in (["completers"], ["completer"]):
        if not c.nearby_words() & {"suicide", "suicides", "suicidal"}:
            return c.reject("'completers' with no suicide talk (program completers)")
        c.form = "plural" if words[0] == "completers" else "singular"
        return True
    if words[-1] in ("completer", "completers"):
        c.form = "plural" if words[-1] == "completers" else "singular"
        return True
    before = [t.lower_ for t in c.before(1)]
    prv = before[0] if before else None
    if words[-1] == "suicides" or prv in ("a", "the", "of", "and", "or", "among", "number", "rate",
                                            "rates", "attempted", "versus", "vs", "vs.", "between"):
        # a noun: "rates of completed suicide", "attempted and completed suicides"
        c.form = "plural" if words[-1] == "suicides" else "singular"
        return True
    c.form = {"complete": "base", "completes": "s", "completed": "ed", "completing": "ing"}.get(words[0], c.form)
    return True


@check("suicide-method", rules=["suicide-method-detail"])
def method(c: Candidate) -> bool:
    """Method detail ('hanged himself', 'shot herself', 'jumped from', 'overdosed on'): 'hanged'
    and 'slit' always; 'shot' only beside death words (not 'shot himself in the foot'); 'jumped
    from', 'overdosed on' only in a passage about a suicide."""
    words = [t.lower_ for t in c.tokens]
    after = [t.lower_ for t in c.after(3)]
    if words[0] in ("hanged", "hung", "slit"):
        return True
    if words[0] == "shot":
        if after[:3] == ["in", "the", "foot"]:
            return c.reject("'shot himself in the foot': the idiom")
        return bool(c.nearby_words(1) & DEATH_CONTEXT)
    # jumped from / jumped off / overdosed on: only in a passage about a suicide
    return bool(c.nearby_words(1) & {"suicide", "suicides", "suicidal", "own"})


@check("suicide-note", rules=["suicide-note"])
def note(c: Candidate) -> bool:
    """'suicide note', and 'left a note saying/explaining' beside death words; not in research
    or fiction about notes (studies, corpora, novels)."""
    near = c.nearby_words(1)
    if near & RESEARCH:
        return c.reject("research or fiction about notes")
    words = [t.lower_ for t in c.tokens]
    if "suicide" in words:
        return True
    return bool(near & DEATH_CONTEXT)


@check("suicide-gesture", rules=["suicide-gesture-attention"])
def gesture(c: Candidate) -> bool:
    """'suicidal gesture', 'attention-seeking', 'a cry for help': the phrases naming suicide
    always, the others only beside self-harm or suicide words ('a cry for help' in a story about
    a flooded basement is not)."""
    words = [t.lower_ for t in c.tokens]
    if "suicidal" in words or "suicide" in words:
        return True
    words_near = c.nearby_words(1) - set(words)
    return bool(words_near & SUICIDE_CONTEXT)


@check("suicide-choice", rules=["suicide-choice-blame"])
def choice(c: Candidate) -> bool:
    """'chose to end his life', 'chose suicide', 'a selfish act': the phrases naming suicide or
    a life always, 'selfish act' only beside death or suicide words."""
    words = [t.lower_ for t in c.tokens]
    if "suicide" in words or "life" in words or "lives" in words:
        return True
    return bool(c.nearby_words(1) & CHOICE_CONTEXT) or c.reject("no death or suicide words nearby")


@check("suicide-attempter", rules=["suicide-attempter-ideator"])
def attempter(c: Candidate) -> bool:
    """'suicide attempter', 'ideator': a person reduced to an attempt; a bare 'attempter' only in
    a sentence about suicide attempts or ideation."""
    words = [t.lower_ for t in c.tokens]
    if "suicide" in words or words[-1].startswith("ideator"):
        return True
    return bool(c.nearby_words() & {"suicide", "suicides", "suicidal", "attempt", "attempts", "ideation"})


@check("suicide-epidemic", rules=["suicide-epidemic"])
def epidemic(c: Candidate) -> bool:
    """'suicide epidemic', 'wave of suicides'; 'skyrocketing' and its forms only in a sentence
    about suicides (the form picks the suggestion)."""
    words = [t.lower_ for t in c.tokens]
    if len(words) == 1:
        # "skyrocketing", "soaring": only when the sentence is about suicide numbers
        c.form = {"skyrocketing": "ing", "skyrocketed": "ed", "skyrocket": "base", "skyrockets": "s"}.get(words[0])
        return bool(c.sentence_words() & {"suicide", "suicides"})
    return True


# Software that "commits suicide": a worker process that exits on purpose.
MACHINE = {"process", "processes", "worker", "workers", "thread", "threads", "daemon", "daemons",
           "server", "servers", "node", "nodes", "pod", "pods", "container", "containers", "job",
           "jobs", "task", "tasks", "program", "programs", "app", "apps", "application", "instance",
           "instances", "service", "services", "bot", "bots", "actor", "actors", "goroutine",
           "coroutine", "subprocess", "kernel", "vm", "replica", "replicas", "it", "supervisor",
           "master", "listener", "handler", "plugin", "script", "robot", "robots"}
STOP_BACK = {".", ";", ":", "!", "?", "who", "that", "which"}


@check("suicide-commit", rules=["committed-suicide"])
def commit(c: Candidate) -> bool:
    """'commit(ted) suicide' is always reported; said of software ('the worker process commits
    suicide': a programmer's idiom for a process that exits on purpose) it is lowered to info."""
    for tok in c.before(12):
        low = tok.lower_
        if low in STOP_BACK:
            break
        if low in MACHINE:
            c.severity = "info"
            break
        if low in PERSON:
            break
    return True


# "jumper" for a person: only beside a height or suicide words, never clothing, cables,
# sport or electronics ("jumper cables", "the ski jumper", "set the jumper on pins 2-3").
JUMP_PLACE = {"bridge", "bridges", "ledge", "ledges", "rail", "railing", "railings", "roof", "rooftop",
              "overpass", "viaduct", "parapet", "balcony", "span", "suicide", "suicides", "suicidal",
              "988", "barrier", "barriers", "crisis"}
JUMP_SPORT = {"ski", "skiing", "show", "showjumping", "long", "high", "triple", "base", "bungee",
              "cliff", "puddle", "star", "horse", "horses", "equestrian", "olympic", "olympics",
              "medal", "athlete", "athletes", "competition", "hurdles", "track", "wool", "woollen",
              "woolen", "knitted", "knit", "sweater", "cardigan", "wore", "wearing", "dress", "pinafore",
              "cable", "cables", "battery", "car", "pin", "pins", "header", "headers", "board",
              "motherboard", "circuit", "wire", "wires", "solder", "connector", "bios", "club", "clubs",
              "team", "teams", "game", "games", "cards", "tournament", "coach", "season", "league"}


@check("suicide-jumper", rules=["suicide-jumper"])
def jumper(c: Candidate) -> bool:
    """'jumper' for a person who died by suicide: 'suicide jumper', 'bridge jumper', or a bare
    'jumper' beside a height or suicide words; never clothing, jumper cables, sport (ski jumper,
    show jumping) or electronics (a jumper on pins 2-3), and not a capitalised name."""
    words = [t.lower_ for t in c.tokens]
    if "suicide" in words or "bridge" in words:
        return True
    before = [t.lower_ for t in c.before(2)]
    after = [t.lower_ for t in c.after(1)]
    if set(before + after) & JUMP_SPORT or c.tokens[-1].text[:1].isupper() and c.tokens[-1].i != c.sent.start:
        return c.reject("clothing, sport, electronics, or a capitalised name ('jumper cables', 'ski jumper')")
    near = c.sentence_words()
    if near & JUMP_SPORT:
        return c.reject("in a passage about sport or clothing")
    return bool(c.nearby_words(1) & JUMP_PLACE)
