"""Proper names are not language to fix.

Two defences: a list of well-known names (agencies, fellowships, programs, laws),
matched as phrases, and a heuristic for capitalised names the list cannot know
("Hooker Avenue", "Judge Hooker", "the film Psycho", "Riverbend Drug Users Union").
"""
from __future__ import annotations

KNOWN_NAMES = [
    # agencies and institutes
    "National Institute on Drug Abuse", "National Institute on Alcohol Abuse and Alcoholism",
    "Substance Abuse and Mental Health Services Administration",
    "Center for Substance Abuse Treatment", "Center for Substance Abuse Prevention",
    "Substance Abuse Prevention and Treatment Block Grant", "Substance Abuse Block Grant",
    "Office of National Drug Control Policy", "Bureau of Prisons", "Drug Abuse Resistance Education",
    "Drug Abuse Warning Network", "National Survey on Drug Use and Health",
    # fellowships and organisations
    "Alcoholics Anonymous", "Narcotics Anonymous", "Cocaine Anonymous", "Crystal Meth Anonymous",
    "Marijuana Anonymous", "Heroin Anonymous", "Pills Anonymous", "Addicts Anonymous",
    "Adult Children of Alcoholics", "Al-Anon", "Nar-Anon", "Alateen", "SMART Recovery",
    "Urban Survivors Union", "Vancouver Area Network of Drug Users", "VANDU",
    "International Network of People who Use Drugs", "INPUD", "Drug Users Union",
    "National Alliance on Mental Illness", "Mental Health America",
    "American Foundation for Suicide Prevention", "988 Suicide and Crisis Lifeline",
    "Suicide and Crisis Lifeline", "National Suicide Prevention Lifeline",
    "Sex Workers Outreach Project", "Global Network of Sex Work Projects",
    # programs, laws and grants
    "Drug-Free Communities", "Drug-Free Workplace Act", "Drug Free Workplace Act", "Safe and Drug-Free Schools",
    "McKinney-Vento", "Clean Slate", "Clean Slate Act", "Relapse Prevention", "Inmate Locator",
    "Mainstreaming Addiction Treatment Act", "MAT Act", "Comprehensive Addiction and Recovery Act",
    "Anti-Drug Abuse Act", "Controlled Substances Act", "Mental Health Parity and Addiction Equity Act",
    "Drug Abuse Resistance Education", "Big Book",
]

_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "january", "february", "march", "april", "may", "june", "july", "august", "september",
             "october", "november", "december", "christmas", "then"}

# Small words that may stand inside a capitalised name ("Institute on Drug Abuse").
_CONNECTORS = {"of", "on", "and", "for", "the", "&", "-", "de", "in", "to", "at"}
_QUOTE_OPENERS = {'"', "\u201c", "\u2018", "\u00ab"}
_OPENERS = {'"', "'", "\u201c", "\u2018", "(", "[", "*", "_", "\u2022", "-", "\u2013", "\u2014", ":"}


def _capitalised(tok) -> bool:
    t = tok.text
    return t[:1].isupper() and t != "I" and not (len(t) > 1 and t.isupper())


def _initial(tok) -> bool:
    """First word of its sentence, ignoring opening punctuation and list bullets."""
    doc = tok.doc
    i = tok.i - 1
    while i >= tok.sent.start:
        prev = doc[i]
        if prev.text in _QUOTE_OPENERS:
            return True
        if prev.text not in _OPENERS and not prev.is_punct and not prev.like_num:
            return False
        if prev.text in (".", "!", "?"):
            return True
        i -= 1
    return True


def title_case_sentence(sent) -> bool:
    """Headings and titles capitalise every word, so capitals say nothing there."""
    words = [t for t in sent if t.is_alpha and t.lower_ not in _CONNECTORS and t.lower_ not in ("a", "an", "with", "from", "by", "as", "or")]
    if len(words) < 2:
        return bool(words) and all(t.text[:1].isupper() for t in words) and len(sent) <= 3
    lower = sum(1 for t in words if not t.text[:1].isupper())
    return lower == 0 or (len(words) >= 10 and lower / len(words) <= 0.1)


def capitalised_name(doc, start: int, end: int) -> bool:
    """Does the match stand in a capitalised name rather than in running prose?"""
    tokens = [t for t in doc[start:end] if t.is_alpha]
    if not tokens or not all(_capitalised(t) for t in tokens):
        return False
    sent = doc[start].sent
    # a title and its author: "Junky by William S. Burroughs", "Girl, Interrupted by Susanna Kaysen"
    if end + 1 < sent.end and doc[end].lower_ == "by" and doc[end + 1].is_alpha and _capitalised(doc[end + 1]) \
            and doc[end + 1].lower_ not in _WEEKDAYS:
        return True
    if title_case_sentence(sent):
        return False
    first = doc[start]
    # a capitalised word that is not the first of its sentence is a name or a title
    if not _initial(first):
        return True
    # sentence-initial: a name only if a capitalised word follows ("Hooker Avenue is closed")
    j = end
    while j < sent.end and doc[j].lower_ in _CONNECTORS:
        j += 1
    return j < sent.end and j > end - 1 and doc[j].is_alpha and _capitalised(doc[j]) and (j == end or doc[j - 1].lower_ in _CONNECTORS)
