"""'abuse' of a substance versus every other abuse, and 'abuser' for a person who uses drugs.

The underline of 'abuse' is the word itself, or the substance with it: 'use' replaces
it one for one ('opioid abuse' -> 'opioid use').
"""
from __future__ import annotations

from ..api import Candidate, capitalised_name, check, sentence_span
from .lexicon import (
    PERSON_WORDS, SUBSTANCE_NAMES, drug_context, is_substance, person_alternatives, quoted_title, substance_words,
)

_ABUSE_NOUN = {"abuse", "abuses"}
_ABUSER = {"abuser", "abusers"}
_SKIP_OBJ = {"a", "an", "the", "his", "her", "their", "its", "my", "your", "our", "some", "any",
             "both", "other", "illicit", "illegal", "prescribed", "prescription", "street",
             "various", "multiple", "several", "different", "legal", "recreational", "hard",
             "many", "more", "all", "such", "these", "those", "over-the-counter", "otc",
             "painkilling", "synthetic", "cheap", "stronger", "strong", "powerful", "opioid",
             "opiate", "narcotic", "-", "and", "or", ",", "either", "even", "also", "still",
             "heavily", "regularly", "routinely", "daily"}
_NOT_SUBSTANCE_MOD = {"pain"}
# words that stand right before the verb 'abuse'/'abuses' (subjects, auxiliaries, adverbs);
# an adjective there makes it the noun ('sexual abuse', 'child abuse')
_ABUSE_SUBJECT = {"who", "that", "to", "not", "n't", "never", "also", "often", "still", "may",
                  "might", "can", "could", "will", "would", "should", "did", "do", "does", "and",
                  "or", "sometimes", "regularly", "heavily", "routinely", "occasionally",
                  "openly", "continue", "continues", "i", "you", "he", "she", "we", "they",
                  "already", "actively", "frequently", "commonly", "which"}
_VERB_OBJ_SKIP = {"prescription", "prescribed", "illicit", "illegal", "street", "other",
                  "their", "his", "her", "my", "your", "our", "the", "opioid", "opiate",
                  "narcotic", "over-the-counter", "otc", "synthetic", "both", "some"}
# words that are substances as modifiers but not as objects ('abuse of the prescription system')
_NOT_OBJECT = {"prescription", "prescriptions", "pain", "chemical", "iv", "injection",
               "injecting", "intravenous", "speed", "pot", "smack", "substance", "drug"}
_REGULATORY_AFTER = {"deterrent", "deterrence", "potential", "liability", "resistant",
                     "resistance", "warning", "proof", "-"}
_DV = {"domestic", "partner", "spouse", "spousal", "child", "children", "sexual", "sexually",
       "victim", "victims", "violence", "survivor", "survivors", "wife", "husband", "boyfriend",
       "girlfriend", "ex", "ex-partner", "restraining", "protective", "assault", "rape", "abused",
       "elder", "animal", "dv", "batterer", "batterers", "perpetrator", "perpetrators", "her",
       "kids", "emotional", "verbal", "physical", "intimate", "dating", "stalking", "advocate"}
_DSM_HISTORY = {"dsm", "dsm-iv", "iv", "merged", "replaced", "formerly", "former", "previously",
                "retired", "dropped", "older", "earlier", "superseded", "combined"}


def _substance_mod(doc, k: int, lo: int) -> int | None:
    """Start of a substance modifier ending at token k (skipping '-', '/', 'and', 'or')."""
    start = None
    while k >= lo:
        w = doc[k].lower_
        if w in {"-", "/"} and start is None:
            k -= 1
            continue
        if is_substance(w) and w not in _NOT_SUBSTANCE_MOD:
            start = k
            k -= 1
            continue
        if start is not None and w in {"-", "/", "and", "or", ",", "&"} and k - 1 >= lo and is_substance(doc[k - 1].lower_):
            k -= 1
            continue
        break
    return start


# substances that name drugs outright: after one or two unknown words they still make the
# object ('abuses psychoactive drugs', 'abusing her mother's alprazolam')
_STRONG_OBJECT = {"drugs", "substances", "pills", "medications", "opioids", "opiates", "narcotics",
                  "stimulants", "sedatives", "painkillers", "alcohol", "benzodiazepines", "benzos",
                  "amphetamines", "tranquilizers", "barbiturates", "inhalants", "hallucinogens"}


def _object_substance(doc, k: int, hi: int) -> int | None:
    """Index of a substance named as the object after token k (within 6 tokens); up to two
    words the lexicon does not know ('psychoactive', a possessor such as "her mother's")
    may stand before a word that can only be a drug."""
    j = k + 1
    steps = 0
    unknown = 0
    while j < hi and steps < 6:
        w = doc[j].lower_
        if is_substance(w) and w not in _NOT_OBJECT and (
                not unknown or w in _STRONG_OBJECT or (is_substance(w, strict=True) and w not in ("drug", "substance"))):
            return j
        if unknown and w in {"and", "or", ",", "-"}:
            return None  # 'abused her mother and stole pills': the object ended
        if w in _SKIP_OBJ or w in ("'s", "\u2019s"):
            j += 1
            steps += 1
            continue
        if doc[j].is_alpha and unknown < 2 and w not in _DV:
            unknown += 1
            j += 1
            steps += 1
            continue
        return None
    return None


# nouns 'abuse' may be coordinated with, sharing their substance: 'drug use and abuse',
# 'substance dependence/abuse', 'compulsive drug-seeking and abuse'
_COORDINATED = {"use", "misuse", "dependence", "dependency", "addiction", "seeking", "overuse"}
# 'abuse' set against abstinence or plain use: 'from severe abuse to total abstinence',
# 'the line between use and abuse' (a sentence about drugs)
_CONTINUUM = {"abstinence", "abstinent", "sobriety", "moderation"}
_ABUSE_ADJ = {"severe", "heavy", "chronic", "serious", "active", "problematic", "occasional", "mild",
              "moderate", "ongoing", "continued", "escalating"}


# another abuse named outright: the modifier ('child abuse', 'elder abuse'), the abused
# ('abused children'), or what is abused ('abuse of power', 'abused her position')
_OTHER_MODIFIERS = {"child", "children's", "sexual", "sexually", "domestic", "elder", "emotional",
                    "physical", "physically", "verbal", "verbally", "spousal", "partner", "animal",
                    "dating", "psychological", "financial", "institutional", "clergy", "parental",
                    "narcissistic", "ritual", "racial", "online", "workplace"}
_ABUSED_ONES = {"children", "child", "kids", "kid", "women", "woman", "girls", "boys", "wives", "wife",
                "spouses", "animals", "animal", "dogs", "dog", "cats", "horses", "elders", "seniors",
                "partners", "partner", "youth", "teens", "infants", "toddlers", "victims", "survivors"}
_ABUSED_THINGS = {"power", "powers", "authority", "discretion", "trust", "process", "office", "position",
                  "privilege", "privileges", "system", "rights", "role", "status", "access", "credit",
                  "freedom", "hospitality", "generosity", "kindness", "goodwill", "name", "title"}


def _other_abuse(doc, i: int, lo: int, hi: int) -> str | None:
    """Why the 'abuse' at i is named outright as another abuse, or None."""
    w = doc[i].lower_
    prev = doc[i - 1].lower_ if i - 1 >= lo else ""
    if w in _ABUSE_NOUN and prev in _OTHER_MODIFIERS:
        return f"'{prev} abuse': another abuse"
    if w == "abused" and i + 1 < hi and doc[i + 1].lower_ in _ABUSED_ONES:
        return f"'abused {doc[i + 1].lower_}': the abused are people or animals"
    j = i + 1
    while j < hi and j <= i + 3 and doc[j].lower_ in {"of", "his", "her", "their", "its", "my", "our", "your",
                                                      "the", "a", "an", "this", "that", "public", "police"}:
        j += 1
    if j < hi and j > i + 1 and doc[j].lower_ in _ABUSED_THINGS:
        return f"abuse of {doc[j].lower_}: power, trust or position"
    return None


def _dsm_history(doc, i: int) -> bool:
    lo, hi = sentence_span(doc, i)
    words = {t.lower_ for t in doc[lo:hi]}
    return ("dsm" in words or "dsm-iv" in words or any(w.startswith("dsm") for w in words)) and bool(words & _DSM_HISTORY)


def _abuse(c) -> bool:
    doc = c.doc
    i = c.start
    lo, hi = doc[i].sent.start, doc[i].sent.end
    w = doc[i].lower_
    nxt = doc[i + 1].lower_ if i + 1 < hi else ""
    other = _other_abuse(doc, i, lo, hi)
    if other is not None and _substance_mod(doc, i - 1, lo) is None:
        return c.reject(other, certain=True)
    if _dsm_history(doc, i):
        return c.reject("DSM-IV history ('substance abuse' as the old diagnosis's name)")
    if w == "abusing" and i - 2 >= lo and doc[i - 1].text == "-":
        # 'drug-abusing parents', 'substance-abusing defendants', 'alcohol-abusing'
        start = _substance_mod(doc, i - 1, lo)
        if start is not None:
            c.start = start
            prefix = doc[start:i].text_with_ws  # 'drug-', 'substance-' (doc.text[...] would join every token)
            c.suggest([prefix + "using"])
            return c.keep("'<substance>-abusing' before people")
    if w in _ABUSE_NOUN or w == "abused":
        # '<substance> abuse', 'substance-abuse', 'drug/alcohol abuse'
        start = _substance_mod(doc, i - 1, lo) if i - 1 >= lo else None
        if start is not None:
            nxt2 = doc[i + 2].lower_ if i + 2 < hi else ""
            if nxt in _REGULATORY_AFTER and (nxt != "-" or nxt2 in _REGULATORY_AFTER) and not (
                    nxt == "warning" and nxt2 in {"signs", "sign"}):  # 'substance abuse warning signs'
                return c.reject("a regulatory term ('abuse-deterrent', 'abuse potential')")
            if w in _ABUSE_NOUN:
                # underline 'substance abuse', 'prescription drug abuse'; the suggestion keeps
                # the writer's own modifier: 'opioid abuse' -> 'opioid use'
                prefix = doc[start:i].text_with_ws
                c.start = start
                words = substance_words(doc, start, i)
                if words and words[0] == "prescription":
                    c.suggest([prefix + "misuse", prefix + "use"])
                else:
                    c.suggest([prefix + "use", prefix + "use disorder", prefix + "misuse"])
            return c.keep("a substance right before 'abuse'")
    if w in _ABUSE_NOUN and i - 2 >= lo and doc[i - 1].lower_ in {"and", "&", "/", "or"} \
            and doc[i - 2].lower_ in _COORDINATED:
        if i - 3 >= lo and _substance_mod(doc, i - 3, lo) is not None:
            c.suggest(["misuse"])
            return c.keep("coordinated with a substance's use ('drug use and abuse', 'substance dependence/abuse')")
    if w in _ABUSE_NOUN and nxt != "of" and _continuum(doc, i, lo, hi):
        return c.keep("set against abstinence or use in a sentence about drugs ('from severe abuse to abstinence')")
    if w == "abused" and _participle_of_drug(doc, i, lo, hi):
        return c.keep("'(commonly) abused' said of a drug ('the most widely abused drug', 'X is the most commonly abused')")
    if w in _ABUSE_NOUN:
        if nxt == "of":
            return _object_substance(doc, i + 1, hi) is not None
        # the verb 'abuse(s)' with a substance object: 'people who abuse opioids', 'if you
        # abuse benzodiazepines', 'he abuses alcohol'; not a noun ('domestic abuse, drugs')
        prev = doc[i - 1].lower_ if i - 1 >= lo else ""
        if (prev in _ABUSE_SUBJECT or prev in PERSON_WORDS) and prev not in _DV:
            j = i + 1
            while j < hi and doc[j].lower_ in _VERB_OBJ_SKIP:
                j += 1
            if j < hi and is_substance(doc[j].lower_) and doc[j].lower_ not in _NOT_OBJECT:
                return c.keep("the verb with a substance as its object ('abuse opioids')")
            if _object_substance(doc, i, hi) is not None:
                return c.keep("the verb with a substance as its object ('abuses psychoactive drugs')")
        return c.reject("the noun 'abuse' with no substance ('domestic abuse, drugs'), or the verb without a substance object")
    # verb forms: abuse/abuses/abused/abusing + substance object
    if w in {"abuse", "abusing", "abused", "abuses"}:
        if _object_substance(doc, i, hi) is not None:
            return c.keep("the verb with a substance as its object ('abusing pills')")
    return c.reject("no substance before 'abuse' or after it: another abuse (child, sexual, domestic, of power...)")


def _continuum(doc, i: int, lo: int, hi: int) -> bool:
    """Bare 'abuse' (perhaps 'severe abuse') set against abstinence or plain use, in a
    sentence about drugs and not about violence: 'a spectrum from severe abuse to total
    abstinence', 'the line between use and abuse'."""
    k = i - 1
    while k >= lo and doc[k].lower_ in _ABUSE_ADJ:
        k -= 1
    prev = doc[k].lower_ if k >= lo else ""
    if prev not in {"from", "to", "and", "or", "between", "into", "toward", "towards", ","}:
        return False
    words = {t.lower_ for t in doc[lo:hi]}
    if words & _DV or not drug_context(doc, i) or not any(is_substance(w) for w in words):
        return False  # (a substance named, as the check's companion words require)
    return bool(words & _CONTINUUM) or (prev in {"and", "or", "to"} and k - 1 >= lo and doc[k - 1].lower_ == "use")


_MOSTLY = {"commonly", "widely", "frequently", "often", "most", "heavily", "more", "easily", "mostly"}
_DRUG_NOUNS = {"drug", "drugs", "substance", "substances", "medication", "medications", "pill", "pills",
               "prescription", "prescriptions"}
_BE = {"is", "are", "was", "were", "be", "being", "been", "'s", "\u2019s", "remains", "remain"}


def _participle_of_drug(doc, i: int, lo: int, hi: int) -> bool:
    """'abused' said of a drug: before a drug noun ('the most widely abused drug', 'commonly
    abused medications'), or standing for it after an adverb when a substance is the subject
    ('Methadone is the most commonly abused.', 'Which pills are most often abused?')."""
    j = i + 1
    if j < hi and doc[j].lower_ in _DRUG_NOUNS:
        return True
    prev = doc[i - 1].lower_ if i - 1 >= lo else ""
    if prev not in _MOSTLY or (j < hi and doc[j].is_alpha):
        return False
    for k in range(lo, i):
        if doc[k].lower_ in _BE:
            return any(is_substance(t.lower_, strict=True) or t.lower_ in _DRUG_NOUNS for t in doc[lo:k])
    return False


def _abuser(c) -> bool:
    doc = c.doc
    k = c.end - 1
    lo, hi = doc[k].sent.start, doc[k].sent.end
    if doc[k].lower_ not in _ABUSER:
        return True  # IVDA
    plural = doc[k].lower_ == "abusers"
    start = _substance_mod(doc, k - 1, lo) if k - 1 >= lo else None
    if start is not None:
        c.start = min(c.start, start)
        c.suggest(person_alternatives(substance_words(doc, start, k), plural))
        return c.keep("a substance right before 'abuser'")
    if k + 1 < hi and doc[k + 1].lower_ == "of":
        j = _object_substance(doc, k + 1, hi)
        if j is not None:
            c.end = j + 1
            c.suggest(person_alternatives(substance_words(doc, k + 2, j + 1), plural))
            return c.keep("'abuser of <substance>'")
        return c.reject("'abuser of' something that is not a substance")
    lo1, hi1 = sentence_span(doc, k)
    words = {t.lower_ for t in doc[lo1:hi1]}
    if words & _DV:
        return c.reject("in a passage about domestic, sexual or child abuse: the perpetrator")
    return (drug_context(doc, k)) or c.reject("bare 'abuser' in a sentence that is not about drugs")


# heads of organisation names: 'Lakeview County Substance Abuse Prevention Council'
_ORG_HEADS = {"council", "councils", "coalition", "commission", "committee", "board", "bureau",
              "agency", "authority", "administration", "institute", "association", "alliance",
              "partnership", "foundation", "network", "consortium", "act", "division",
              "department", "office", "taskforce", "force", "collaborative", "society",
              "federation"}


def org_name(doc, k: int) -> bool:
    """Capitalised 'Abuse'/'Abuser' at k heads into an organisation's name, even in a line
    where every word is capitalised (a list of partners, a heading): 'Substance Abuse
    Prevention Council', 'Drug Abuse Task Force'."""
    t = doc[k]
    if not t.text[:1].isupper() or t.text.isupper():
        return False
    hi = t.sent.end
    j = k + 1
    steps = 0
    while j < hi and steps < 5:
        tok = doc[j]
        w = tok.lower_
        if w in _ORG_HEADS and tok.text[:1].isupper():
            return True
        if tok.is_alpha and tok.text[:1].isupper() or w in {"and", "&", "of", "-"}:
            j += 1
            steps += 1
            continue
        break
    return False


def _part_of_name(c) -> bool:
    """'Office of Alcohol and Substance Abuse Services': a capitalised name, even though the
    widened underline would take in lower-case 'and'."""
    return capitalised_name(c.doc, c.end - 1, c.end) or org_name(c.doc, c.end - 1) or quoted_title(c.doc, c.end - 1)


@check("abuse-of-substance", rules=["substance-abuse"], needs=SUBSTANCE_NAMES)
def abuse(c: Candidate) -> bool:
    """'abuse' of a substance, not every other abuse. Kept with a substance right before the
    noun ('substance abuse', 'opioid abuse', 'prescription drug abuse', 'drug and alcohol
    abuse'), coordinated with a substance's use ('drug use and abuse', 'substance
    dependence/abuse'), set against abstinence in a sentence about drugs ('from severe abuse
    to total abstinence'), with 'abuse of <substance>', for the verb with a substance object
    ('abusing pills', 'abuses psychoactive drugs', "abusing her mother's alprazolam"), and
    for 'abused' said of a drug ('the most widely abused drug', 'X is the most commonly
    abused'). Dropped: child,
    sexual, domestic, elder, emotional abuse; abuse of power or of a code; 'abuse-deterrent',
    'abuse potential'; DSM-IV history; organisation names ('Substance Abuse Prevention
    Council'). The underline takes in the substance and the suggestion keeps it ('opioid
    abuse' -> 'opioid use')."""
    if _part_of_name(c):
        return c.reject("part of a name or a quoted title ('Substance Abuse Prevention Council')")
    return _abuse(c)


@check("abuser-of-substance", rules=["substance-abuser"])
def abuser(c: Candidate) -> bool:
    """'abuser' for a person who uses drugs: after a substance ('drug abusers', 'IV drug
    abuser'; the underline grows to the modifier) or before 'of <substance>'; bare
    'abuser(s)' only in a sentence about drugs with no sign of domestic, sexual or child
    abuse ('her abuser' in a note about violence is the perpetrator). IVDA passes as it is."""
    if _part_of_name(c):
        return c.reject("part of a name or a quoted title")
    if any(c.doc[k].lower_ in _ABUSER for k in range(c.start, c.end)) or c.doc[c.start].lower_ == "ivda":
        return _abuser(c)
    return _abuse(c)  # 'IVDAs': read as the noun 'abuse' would be, which drops it
