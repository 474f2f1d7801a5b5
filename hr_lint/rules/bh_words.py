"""Shared word sets and small helpers for the behavioral-health context checks.

Not a check itself (it has no `check()`): the modules named by the treatment,
mental-health, suicide, justice, housing and sex-work rules import from it.
All words are lower case and compared with `Token.lower_`.
"""
from __future__ import annotations

# People: nouns and pronouns that show a word is said about a person.
PERSON = {
    "he", "she", "they", "him", "her", "them", "who", "whom", "someone", "somebody", "anyone",
    "anybody", "everyone", "everybody", "nobody", "you", "person", "people", "persons", "man", "men",
    "woman", "women", "guy", "guys", "lady", "ladies", "gentleman", "boy", "boys", "girl", "girls",
    "kid", "kids", "child", "children", "teen", "teens", "teenager", "teenagers", "youth", "adult",
    "adults", "client", "clients", "patient", "patients", "pt", "caller", "callers", "guest", "guests",
    "resident", "residents", "neighbor", "neighbors", "neighbour", "neighbours", "member", "members",
    "tenant", "tenants", "son", "sons", "daughter", "daughters", "mother", "mothers", "father",
    "fathers", "mom", "moms", "mum", "dad", "dads", "brother", "brothers", "sister", "sisters",
    "parent", "parents", "husband", "wife", "partner", "partners", "friend", "friends",
    "individual", "individuals", "participant", "participants", "student", "students", "veteran",
    "veterans", "stranger", "strangers", "customer", "customers", "boss", "coworker", "coworkers",
    "colleague", "colleagues", "driver", "passenger", "cousin", "uncle", "aunt", "grandmother",
    "grandfather", "boyfriend", "girlfriend", "ex", "roommate", "visitor", "visitors", "worker",
    "workers", "employee", "employees", "officer", "officers", "doctor", "nurse", "staff",
    "family", "teacher", "inmate", "inmates", "prisoner", "prisoners", "suspect", "victim",
    "consumer", "consumers", "survivor", "survivors", "loved", "ones", "one",
}

# Things, times and situations: figurative 'crazy/insane' describes these.
THING = {
    "it", "this", "that", "these", "those", "things", "thing", "traffic", "week", "weeks", "weekend",
    "day", "days", "month", "months", "year", "years", "morning", "night", "nights", "shift",
    "shifts", "schedule", "schedules", "phone", "phones", "calls", "call", "line", "lines", "queue",
    "weather", "price", "prices", "rent", "rents", "cost", "costs", "market", "economy", "world",
    "life", "time", "times", "place", "city", "town", "office", "job", "work", "workload",
    "situation", "news", "game", "games", "party", "event", "season", "hours", "waitlist", "demand",
    "numbers", "number", "budget", "idea", "ideas", "plan", "policy", "system", "process", "inbox",
    "email", "emails", "paperwork", "story", "stories", "amount", "amounts", "turnout", "response",
    "lobby", "clinic", "room", "ride", "drive", "commute", "deadline", "deadlines", "volume",
    "spring", "summer", "fall", "winter", "stuff", "everything", "which", "what",
    # results and machines ("the results were insane", "the new build is crazy fast")
    "results", "result", "performance", "speed", "speeds", "speedup", "benchmark", "benchmarks",
    "throughput", "latency", "graphics", "sales", "growth", "scores", "score", "stats", "gains",
    "improvement", "improvements", "difference", "bill", "bills", "build", "builds", "code",
    "app", "software", "computer", "laptop", "printer", "server", "servers", "internet", "website",
    "site", "feature", "features", "update", "updates", "view", "views", "photos", "video",
    "videos", "movie", "movies", "show", "ending", "plot", "song", "music", "food", "meal",
    # animals and crowds: excitement, not a mind ("my dog goes nuts", "the crowd went nuts")
    "dog", "dogs", "cat", "cats", "puppy", "puppies", "kitten", "horse", "crowd", "crowds",
    "fans", "audience", "stadium", "market", "markets", "stocks",
}

# Words that end a noun phrase or start a predicate: after "a schizophrenic" they show
# the diagnosis is used as a noun for the person.
BOUNDARY = {
    "is", "was", "are", "were", "be", "been", "who", "whom", "whose", "that", "which", "and", "or",
    "but", "so", "because", "will", "would", "can", "could", "should", "might", "may", "must",
    "has", "had", "have", "does", "did", "do", "said", "says", "named", "like", "with", "'s",
    "\u2019s", "came", "comes", "went", "got", "gets", "needs", "need", "lives", "lived", "living",
    "just", "then", "than", "as", "if", "when", "while", "here", "there", "again", "too", "also",
}

DETERMINERS = {
    "a", "an", "the", "this", "that", "every", "any", "another", "one", "each", "some", "no",
    "my", "his", "her", "their", "our", "your", "its",
}

VIOLENT = {
    "gunman", "gunmen", "shooter", "shooters", "killer", "killers", "attacker", "attackers",
    "murderer", "murderers", "assailant", "assailants", "stabber", "slasher", "rampage",
}




def prev_tokens(c, n: int = 6, cross_sentence: bool = False):
    lo = 0 if cross_sentence else c.sent.start
    return list(reversed(c.doc[max(lo, c.start - n):c.start]))


def next_tokens(c, n: int = 6, cross_sentence: bool = False):
    hi = len(c.doc) if cross_sentence else c.sent.end
    return list(c.doc[c.end:min(hi, c.end + n)])




def nearby_words(c, sentences: int = 0) -> set[str]:
    """Lower-case words of the match's sentence, and of `sentences` sentences either side."""
    if sentences <= 0:
        return c.sentence_words()
    sents = list(c.doc.sents)
    idx = next((i for i, s in enumerate(sents) if s.start <= c.start < s.end), 0)
    words: set[str] = set()
    for s in sents[max(0, idx - sentences):idx + sentences + 1]:
        words.update(t.lower_ for t in s)
    return words


def segment_words(c) -> set[str]:
    return {t.lower_ for t in c.doc}



def at_clause_start(c, i: int) -> bool:
    """Is token i the first word of its sentence or clause (after , ; : or an opener)?"""
    if i <= c.doc[i].sent.start:
        return True
    prev = c.doc[i - 1]
    return prev.is_punct or prev.text in {"\u2022", "-", "*"}
