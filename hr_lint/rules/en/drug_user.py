"""'user(s)': a person who uses drugs, or a user of software, services, roads, libraries...

One check per rule: bare 'users' (user-bare), 'drug users' (user-substance), phrases such
as 'casual users' (user-phrase) and 'former users' (user-former).
"""
from __future__ import annotations

from ..api import Candidate, Needs, capitalised_name, check
from .lexicon import (
    DRUG_TALK, FUNCTION_WORDS, SUBSTANCE_NAMES, TECH_WORDS, drug_context, is_substance,
    named_substance_use, person_alternatives, sentence_span, substance_words, tech_context,
)

_USER = {"user", "users"}
# modifiers that make 'user' a user of something other than drugs
_OTHER_USERS = {
    "end", "power", "service", "wheelchair", "library", "road", "app", "site", "web", "portal",
    "admin", "super", "guest", "registered", "active", "anonymous", "logged", "test",
    "beta", "internet", "computer", "mobile", "desktop", "phone", "email", "social", "media",
    "platform", "system", "database", "account", "frequent", "heavy-duty", "shelter",
    "transit", "bus", "trail", "park", "pool", "gym", "facility", "program", "hearing", "insulin",
    "cpap", "pump", "device", "cane", "walker", "crutch", "mobility", "screen", "reader",
    "keyboard", "mouse", "linux", "windows", "mac", "android", "iphone", "ios", "python", "django",
    "github", "twitter", "facebook", "instagram", "tiktok", "reddit", "youtube", "zoom", "slack",
    "telehealth", "patient", "client", "staff", "library's", "tool", "product", "customer",
    "premium", "paid", "free", "trial", "demo", "root", "sudo", "local", "remote", "external",
    "internal", "domain", "ldap", "sso", "owner", "default",
    "unique", "monthly", "casual", "former", "prospective", "target", "experimental",
    "non", "non-", "power-", "authenticated", "advanced", "novice", "expert",
    "unauthenticated", "space", "space-", "water", "energy", "electricity", "land", "forest",
    "beach", "river", "lake", "boat", "snowmobile", "atv", "hunting", "fishing", "recreational",
    "dashboard", "api", "library", "card", "ebook", "kindle", "vr", "ai", "chatbot", "wiki",
    "forum", "bike", "trail", "ski", "skate", "car", "vehicle", "road-", "lens", "hearing-aid",
}
# adjectives that fit a user of anything: 'experienced users' of a drug or of an editor. They
# decide nothing; the sentence does (drug talk and no technology or service)
_ANY_USERS = {"experienced", "typical", "average", "existing", "potential", "individual", "other",
              "multiple", "new", "first-time", "longtime", "long-time", "seasoned", "inexperienced"}
# verbs of what a body or a mind goes through: 'Users experience euphoria', 'users feel
# restless'; with 'users' as their subject in a passage about a drug, the users are people
# who take it
_EXPERIENCE_VERBS = {"experience", "feel", "report", "become", "develop", "describe", "suffer",
                     "crave", "notice", "lose", "gain", "risk"}
# words after 'users experience' that make 'users experience' a noun (the UX sense) rather
# than a subject and its verb
_UX_AFTER = {"is", "are", "was", "were", "has", "have", "had", "will", "can", "should", "must",
             "design", "designer", "designers", "team", "teams", "research", "researcher",
             "researchers", "matters", "and", "of", "in", "on", "for", "with", "to", ".", ",", ";", ":"}
# nouns after 'user(s)' that make it a compound noun ('user account', 'users table')
_COMPOUND_AFTER = {
    "account", "accounts", "interface", "interfaces", "experience", "experiences", "name",
    "names", "id", "ids", "group", "groups", "guide", "guides", "manual", "manuals", "list",
    "lists", "table", "tables", "profile", "profiles", "fee", "fees", "base", "data", "agent",
    "agents", "story", "stories", "research", "testing", "test", "tests", "input", "inputs",
    "settings", "preferences", "role", "roles", "permission", "permissions", "model", "models",
    "object", "objects", "session", "sessions", "record", "records", "count", "counts",
    "feedback", "satisfaction", "survey", "surveys", "support", "forum", "forums", "union",
    "unions", "network", "networks", "organization", "organizations", "organisation", "group's",
    "community", "communities", "panel", "panels", "council", "councils", "committee",
    "committees", "representative", "representatives", "involvement", "engagement", "led",
    "-led", "-", "journey", "journeys", "needs", "requirements", "acceptance", "manual",
    "directory", "class", "type", "types", "level", "levels", "space", "mode", "agreement",
    "agreements", "license", "licence", "rights", "privileges", "activity", "activities",
}
_ROUTE = {"iv", "injection", "injecting", "intravenous", "needle", "drug", "drugs", "substance"}
_NOT_DRUG_CONTEXT = {
    "service", "services", "portal", "app", "apps", "account", "accounts", "wheelchair",
    "wheelchairs", "library", "libraries", "login", "logins", "password", "interface", "website",
    "site", "online", "software", "dashboard", "database", "admin", "download", "platform",
}


def _modifier_start(doc, i: int) -> int | None:
    """Start of the substance/route modifier chain before token i ('IV drug', 'heroin',
    'injection drug'), or None when the word before is not such a modifier."""
    lo = doc[i].sent.start
    k = i - 1
    if k >= lo and doc[k].text == "-":
        k -= 1
    start = None
    while k >= lo:
        w = doc[k].lower_
        if is_substance(w) and w not in {"prescription", "medication", "medications", "pain", "chemical"} or w in _ROUTE:
            start = k
            k -= 1
            if k >= lo and doc[k].text in {"-", "/"}:
                k -= 1
            continue
        if start is not None and w in {"and", "or", ","} and k - 1 >= lo and (
                is_substance(doc[k - 1].lower_) or doc[k - 1].lower_ in _ROUTE):
            k -= 1
            continue
        break
    return start


def _user_token(c) -> int | None:
    for k in range(c.end - 1, c.start - 1, -1):
        if c.doc[k].lower_ in _USER:
            return k
    return None


def _compound(doc, k: int, generic: bool = True) -> bool:
    """'user account', 'users table', "users' union": user(s) modifies a following noun."""
    hi = doc[k].sent.end
    if k + 1 >= hi:
        return False
    nxt = doc[k + 1].lower_
    if nxt in {"'", "\u2019"} and k + 2 < hi:
        nxt = doc[k + 2].lower_
    if nxt in _COMPOUND_AFTER:
        if doc[k].lower_ == "users" and nxt in _EXPERIENCE_VERBS and k + 2 < hi and \
                doc[k + 2].lower_ not in _UX_AFTER and not doc[k + 2].is_punct:
            return False  # 'Users experience powerful cravings': a subject and its verb
        return True
    if doc[k].lower_ == "user" and generic:
        # singular 'user' + a noun is nearly always a compound ('user fee', 'user name')
        t = doc[k + 1]
        return not (t.is_punct or t.like_num or t.lower_ in FUNCTION_WORDS or t.lower_ in {"like", "who"})
    return False


_SERVICE_OBJECTS = {
    "service", "services", "program", "programs", "programme", "app", "apps", "site", "sites",
    "website", "portal", "library", "libraries", "park", "parks", "trail", "trails", "system",
    "systems", "platform", "clinic", "clinics", "shelter", "shelters", "facility", "facilities",
    "tool", "tools", "product", "products", "road", "roads", "transit", "bus", "buses", "network",
    "internet", "software", "device", "devices", "phone", "phones", "data", "database", "center",
    "centers", "centre", "pool", "gym", "line", "hotline", "helpline", "dashboard", "feature",
    "features", "interface", "account", "accounts", "wheelchair", "wheelchairs", "computer",
    "computers", "space", "spaces", "room", "rooms", "building", "buildings", "facility's",
}
_OF_SKIP = {"the", "a", "an", "our", "your", "their", "its", "this", "that", "these", "those",
            "county", "county's", "new", "old", "public", "online", "mobile", "local", "free"}


def _users_of_service(doc, k: int) -> bool:
    """'users of our services', 'users of the new portal'."""
    hi = doc[k].sent.end
    if k + 1 >= hi or doc[k + 1].lower_ != "of":
        return False
    j = k + 2
    steps = 0
    while j < hi and doc[j].lower_ in _OF_SKIP and steps < 3:
        j += 1
        steps += 1
    while j < hi and steps < 5 and doc[j].is_alpha and doc[j].lower_ not in _SERVICE_OBJECTS and (
            j + 1 < hi and doc[j + 1].lower_ in _SERVICE_OBJECTS):
        j += 1  # 'users of the crisis line', 'users of the Riverbend app'
        steps += 1
    return j < hi and doc[j].lower_ in _SERVICE_OBJECTS


def _bare_user(c, k: int) -> bool:
    """Is bare 'user(s)' at k a person who uses drugs?"""
    doc = c.doc
    lo = doc[k].sent.start
    prev = doc[k - 1].lower_ if k - 1 >= lo else ""
    if prev == "-" and k - 2 >= lo:
        prev = doc[k - 2].lower_
    if prev in _OTHER_USERS:
        return c.reject(f"'{prev} user': a user of something other than drugs")
    if _compound(doc, k) or _users_of_service(doc, k):
        return c.reject("a compound noun or a user of a service ('user account', 'users of the portal')")
    if prev in _ANY_USERS and not any(is_substance(t.lower_) for t in doc[lo:doc[k].sent.end]):
        return c.reject(f"'{prev} user': a user of anything, and its sentence names no drug")
    if not drug_context(doc, k) and _effects_of_a_drug(doc, k):
        return c.keep("'users' who go through something ('Users experience euphoria') in a passage "
                      "about a drug, with no product or service in sight")
    use = named_substance_use(doc, k)  # 'users reclined on bunks and smoked opium'
    if not drug_context(doc, k) and not use:
        # 'Free naloxone kits at the clinic. If you know users who won't come in, ...': people
        # (a relative 'who') right after a sentence about drugs, with no product in sight
        nxt = doc[k + 1].lower_ if k + 1 < doc[k].sent.end else ""
        if (doc[k].lower_ == "users" and nxt == "who" and drug_context(doc, k, 1)
                and not tech_context(doc, k, 1, extra=_NOT_DRUG_CONTEXT)):
            return c.keep("'users who' right after a sentence about drugs")
        return c.reject("its sentence is not about drug use")
    if _tech_sentence(doc, k, use):
        return c.reject("its sentence is about technology or services (app, account, login, portal...)")
    if _tobacco_only(doc, k):
        return c.reject("users of tobacco or nicotine ('teen users smoke fewer cigarettes'), public-health wording")
    return c.keep("a sentence about drug use, with no product or service in sight")


# technology words that also name things in the physical world ('bamboo platforms', 'the
# site of the den', 'a branch of the family'): in a sentence where a named drug is smoked,
# injected or taken, they say nothing of software
_PHYSICAL_TOO = {"platform", "platforms", "site", "sites", "branch", "build", "builds", "module",
                 "modules", "code", "script", "scripts", "cache", "query", "queries", "install",
                 "installation", "commit", "merge"}
_TECH_STRONG = frozenset((TECH_WORDS | _NOT_DRUG_CONTEXT) - _PHYSICAL_TOO)


def _tech_sentence(doc, k: int, use: bool) -> bool:
    """Is the sentence of token k about technology or services? Where a named drug is taken
    in it (`use`), only words that can only be technology or a service count."""
    if not use:
        return tech_context(doc, k, extra=_NOT_DRUG_CONTEXT)
    lo, hi = sentence_span(doc, k, 0)
    return any(t.lower_ in _TECH_STRONG for t in doc[lo:hi])


def _effects_of_a_drug(doc, k: int) -> bool:
    """'Users experience X', 'users feel X' (the subject of a verb of experience) where the
    sentences around are about a drug and none of them about technology or services: a
    drug's effects, listed item by item under its name."""
    hi = doc[k].sent.end
    if doc[k].lower_ != "users" or k + 1 >= hi:
        return False
    j = k + 1
    if doc[j].lower_ in {"may", "can", "often", "usually", "typically", "commonly", "also", "then", "will",
                         "quickly", "soon", "sometimes", "might"} and j + 1 < hi:
        j += 1
    if doc[j].lower_.rstrip("s") not in _EXPERIENCE_VERBS and doc[j].lower_ not in _EXPERIENCE_VERBS:
        return False
    return drug_context(doc, k, 2) and not tech_context(doc, k, 2, extra=_NOT_DRUG_CONTEXT)


_TOBACCO = {"tobacco", "nicotine", "cigarette", "cigarettes", "smoker", "smokers", "smoking", "smoke",
            "vape", "vapes", "vaping", "vaper", "vapers", "e-cigarette", "e-cigarettes", "cigar", "cigars",
            "hookah", "snus", "juul", "menthol", "smokeless"}


def _tobacco_only(doc, k: int) -> bool:
    """The sentence is about tobacco or nicotine and names no other substance."""
    lo, hi = doc[k].sent.start, doc[k].sent.end
    words = {t.lower_ for t in doc[lo:hi]}
    if not words & _TOBACCO:
        return False
    return not any(is_substance(w) and w not in _TOBACCO for w in words)


def _unnamed_user(form: str) -> bool:
    """A surface form ending in 'user(s)' that does not name its substance ('former user',
    'users'; not 'former drug user', 'IDU', 'ex-user')."""
    words = form.lower().split()
    return words[-1] in _USER and not any(is_substance(w) or w in _ROUTE for w in words[:-1])


def _needs_drug_talk(form: str) -> Needs | None:
    return DRUG_TALK if _unnamed_user(form) else None


def _needs_substance(form: str) -> Needs | None:
    return SUBSTANCE_NAMES | Needs(frozenset(_ROUTE)) if _unnamed_user(form) else None


@check("user-substance", rules=["drug-user-identity"], needs=_needs_substance)
def substance_user(c: Candidate) -> bool:
    """'user(s)' right after a substance or a route of use ('drug users', 'IV drug user',
    'heroin users', 'injection drug users'); the underline grows to the whole modifier chain
    and the suggestion names the substance. Acronyms (IDU, IVDU) pass as they are. Not a
    compound noun ('drug user survey'), not part of a capitalised name."""
    if capitalised_name(c.doc, c.end - 1, c.end):
        return c.reject("part of a capitalised name")  # part of a capitalised name; checked before the underline grows
    doc = c.doc
    k = _user_token(c)
    if k is None:
        return True  # IDU, IVDU: nothing to decide here
    start = _modifier_start(doc, k)
    if start is None or _compound(doc, k, generic=False):
        return c.reject("no substance or route of use right before 'user(s)', or a compound noun ('drug user survey')")
    c.start = min(c.start, start)
    c.suggest(person_alternatives(substance_words(doc, start, k), c.form == "plural"))
    return c.keep("after a substance or a route of use, which joins the underline")


@check("user-bare", rules=["user-noun"], needs=_needs_drug_talk)
def bare_user(c: Candidate) -> bool:
    """Bare 'user(s)' as a person who uses drugs: kept only when its own sentence is clearly
    about drugs (drug, inject, needle, overdose, naloxone, treatment...) and says nothing of
    technology or services (app, account, login, portal, wheelchair, library...), or as
    'users who' right after a sentence about drugs. 'drug users' and 'IV users' are left to
    user-substance; 'end user', 'power users', 'service users', 'users of the portal' and
    'user account' are dropped."""
    if capitalised_name(c.doc, c.end - 1, c.end):
        return c.reject("part of a capitalised name")
    doc = c.doc
    k = _user_token(c)
    if k is None:
        return True
    if _modifier_start(doc, k) is not None:
        return c.reject("'drug users', 'IV users': a substance is named, and drug-user-identity reports it")  # 'drug users', 'IV users': drug-user-identity's
    return _bare_user(c, k)


def _user_phrase(c: Candidate, k: int) -> bool | None:
    """Phrases ending in 'user(s)' ('former user', 'casual users'): True or False when the
    words decide, None when they leave it open."""
    doc = c.doc
    if any(is_substance(doc[j].lower_) or doc[j].lower_ in _ROUTE for j in range(c.start, k)):
        if _compound(doc, k):
            return c.reject("a compound noun ('drug user survey')")
        return c.keep("the phrase names the substance ('former drug user')")
    if _compound(doc, k) or _users_of_service(doc, k):
        return c.reject("a compound noun or a user of a service ('user account', 'users of the portal')")
    if tech_context(doc, k, extra=_NOT_DRUG_CONTEXT):
        return c.reject("in a sentence about technology or services (app, account, login, portal...)")
    if drug_context(doc, k, 1):
        return c.keep("drug talk in its sentence or the ones beside it")
    c.reason = "no drug talk in its sentence or the ones beside it"
    return None


@check("user-phrase", rules=["recreational-user"], needs=_needs_drug_talk)
def user_phrase(c: Candidate) -> bool:
    """'recreational user', 'casual users', 'experimental user': about drugs only with drug
    talk in the sentence or the ones beside it, or a substance named inside the phrase
    ('casual drug user'); not a user of a product or service ('casual users of the app',
    'recreational users of the trail')."""
    if capitalised_name(c.doc, c.end - 1, c.end):
        return c.reject("part of a capitalised name")
    k = _user_token(c)
    if k is None:
        return True
    return bool(_user_phrase(c, k))


@check("user-former", rules=["former-addict"])
def former_user(c: Candidate) -> bool:
    """'former addict', 'recovering alcoholic', 'ex-junkie' are always reported; the phrases
    ending in 'user(s)' ('former users', 'ex-users') as for user-phrase, and also where a
    person is said to be one with nothing naming a product ('many of them are former
    users', 'ex-users who answered the phone'), but not 'former users of version 2'."""
    if capitalised_name(c.doc, c.end - 1, c.end):
        return c.reject("part of a capitalised name")
    k = _user_token(c)
    if k is None:
        return True  # 'former addict', 'used to be an addict': nothing to decide here
    decided = _user_phrase(c, k)
    return _former_user_person(c, k) if decided is None else decided


_COPULA = {"is", "are", "was", "were", "am", "'m", "\u2019m", "'re", "\u2019re", "be", "been",
           "being", "as", "'s", "\u2019s"}
_BEFORE_SKIP = {"a", "an", "all", "many", "both", "also", "mostly", "often", "themselves",
                "ourselves", "myself", "himself", "herself", "not", "never", "of", "them", "us",
                "most", "some"}


def _former_user_person(c, k: int) -> bool:
    """'ex-users who answered the phone', 'many of them are former users': a person said
    to be a former user, where nothing says it is a former user of a product."""
    doc = c.doc
    lo, hi = doc[k].sent.start, doc[k].sent.end
    nxt = doc[k + 1].lower_ if k + 1 < hi else ""
    if nxt == "of":
        return c.reject("'former users of ...': users of a product or version")  # 'former users of version 2'
    if nxt in {"who", "themselves", "himself", "herself", "myself", "ourselves"}:
        return True
    j = c.start - 1
    while j >= lo and doc[j].lower_ in _BEFORE_SKIP:
        j -= 1
    return j >= lo and doc[j].lower_ in _COPULA
