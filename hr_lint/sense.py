"""The sense model: a small learned classifier for the senses hand rules find hardest.

Four senses are covered, each by its own logistic regression over surface features of
the blank pipeline's tokens (no tagger, no vectors):

- `clean`: 'clean' / 'dirty' about drug use, a drug test or injection equipment, against
  hygiene, code, water, 'come clean' (rules clean-substance-status, clean-time,
  clean-drug-test, dirty-test, clean-dirty-syringes, dirty-syringes);
- `users`: people who use drugs against people who use an app, a library, a wheelchair
  (user-noun, drug-user-identity);
- `abuse`: substance abuse against child, sexual or power abuse (substance-abuse,
  substance-abuser);
- `capital`: a capitalised match of any rule, a name or title ("Hooker Avenue") against a
  word capitalised by a heading or a line start ("Users Share Their Stories").

The weights, the word classes the features use and the policy for each sense live in
`sense_model.json`, written by `tools/sense/train.py` from the project's own annotated
spans (see docs/sense-model.md). A sense's policy says what the model may do there:

- `rules`: nothing; the rules decide (the model is not even consulted);
- `model`: the model decides alone;
- `veto`: the rules decide, but a match they keep is dropped when the model's
  probability is below `veto_below`;
- `rescue`: the rules decide, but a match they drop is kept when the model's probability
  is at least `rescue_above` (and the words its check needs stand in the segment, so the
  file gates stay a superset of what is found);
- `both`: veto and rescue.

The engine consults the model in one place (`Engine._sense_ok`, which calls `decide`),
after the rule's word conditions and before its voice tests. The file is read the first
time a covered match is decided, so a run that never meets one never reads it.
"""
from __future__ import annotations

import copy
import json
import math
import os
from itertools import repeat

from . import names

MODEL_FILE = os.path.join(os.path.dirname(__file__), "sense_model.json")
MODES = ("rules", "model", "veto", "rescue", "both")
SENSES = ("clean", "users", "abuse", "capital")

# The rules whose matches each sense covers, with the check each rule names; a rule
# that names another check (a custom rule that replaced the built-in one) is not covered.
RULES = {
    "clean": {"clean-substance-status": "clean-status", "clean-time": "clean-time",
              "clean-drug-test": "test-result-clean", "dirty-test": "test-result-dirty",
              "clean-dirty-syringes": "clean-equipment", "dirty-syringes": "clean-equipment"},
    "users": {"user-noun": "user-bare", "drug-user-identity": "user-substance"},
    "abuse": {"substance-abuse": "abuse-of-substance", "substance-abuser": "abuser-of-substance"},
}
_COVERED = {rule_id for rules in RULES.values() for rule_id in rules}
# ... and only the matches that hold one of these words ('fail a drug test' is dirty-test's
# too, but not a clean/dirty word)
_SENSE_WORDS = {"clean": ("clean", "dirt"), "users": ("user", "idu", "ivdu"), "abuse": ("abus", "ivda")}

_OPENERS = {'"', "'", "\u201c", "\u2018", "(", "[", "*", "_", "\u2022", "-", "\u2013", "\u2014", ":"}
_QUOTE_OPENERS = {'"', "\u201c", "\u2018", "\u00ab"}
_LINE_OPENERS = _OPENERS | {"\u2022", ">", "#"}
_SMALL_WORDS = {"of", "on", "and", "for", "the", "&", "-", "de", "in", "to", "at", "a", "an", "with", "from", "by",
                "as", "or"}
_SKIP_AFTER = {"of", "a", "an", "the", "her", "his", "their", "my", "your", "our", "its", "and", "or", "on", "for",
               "with", "'s"}
_SKIP_BEFORE = {"a", "an", "the", "-", "of"}
_NEGATIONS = {"not", "n't", "never", "no", "nor", "without"}
_PREPOSITIONS = {"of", "to", "for", "with", "from", "among", "by", "about", "on", "in", "at", "against",
                 "between", "into", "than", "like"}


def validate(rules) -> None:
    """The built-in rules the model covers (`RULES`) and the rules it reports rescues with
    (`RESCUER`) exist, and each covered rule names the check the model expects, so renaming
    a rule or giving it another check is a load error, never a silent end to the model's say
    over it. `LookupError` naming the rule otherwise."""
    by_id = {r.id: r for r in rules}
    expected = {rule_id: check for covered in RULES.values() for rule_id, check in covered.items()}
    for rule_id in sorted(set(expected) | set(RESCUER.values())):
        rule = by_id.get(rule_id)
        if rule is None:
            raise LookupError(f"the sense model (hr_lint/sense.py) covers rule '{rule_id}', which does not exist")
        named = rule.check.name if rule.check is not None else None
        if rule_id in expected and named != expected[rule_id]:
            raise LookupError(f"rule '{rule_id}': the sense model covers it as deciding with check "
                              f"'{expected[rule_id]}', but the rule names "
                              + (f"check '{named}'" if named else "no check"))


def sense_of(rule_id: str, check_name: str | None, text: str) -> str | None:
    """The sense (clean, users, abuse) a match of `rule_id` with this matched text belongs
    to, or None."""
    low = text.lower()
    for sense, rules in RULES.items():
        if rules.get(rule_id) == check_name and check_name is not None:
            return sense if any(w in low for w in _SENSE_WORDS[sense]) else None
    return None


def is_capitalised(doc, start: int, end: int) -> bool:
    """The match as the name heuristic sees a candidate name: every word capitalised."""
    first = doc[start]
    if first.is_alpha and not first.text[:1].isupper():
        return False  # the first word is lower case (the common case: no list to build)
    tokens = [t for t in doc[start:end] if t.is_alpha]
    return bool(tokens) and all(names._capitalised(t) for t in tokens)


# -- features ------------------------------------------------------------------------------------

def _shape(text: str, punct: bool, num: bool) -> str:
    if punct or not any(ch.isalnum() for ch in text):
        return "P"
    if num:
        return "D"
    if text.isupper() and len(text) > 1:
        return "U"
    if text[:1].isupper():
        return "C"
    return "x"


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2" if n == 2 else "3+"


class Classes:
    """Word classes the features use, stored with the weights (a copy of the lexicon's
    at training time, so a later change to the rules' lexicon cannot change what a trained
    weight means)."""

    def __init__(self, data: dict):
        self.words = {name: frozenset(spec.get("words", ())) for name, spec in data.items()}
        self.prefixes = {name: tuple(spec.get("prefixes", ())) for name, spec in data.items()}
        self.names = sorted(data)
        self._cache: dict[str, tuple[str, ...]] = {}

    def of(self, word: str) -> tuple[str, ...]:
        found = self._cache.get(word)
        if found is None:
            found = tuple(n for n in self.names
                          if word in self.words[n] or (self.prefixes[n] and word.startswith(self.prefixes[n])))
            if len(self._cache) < 100_000:
                self._cache[word] = found
        return found



# What the features read of a word (a lexeme: the same wherever the word stands), by
# language and spaCy's hash of the word: (text, lower case, alpha, punctuation, like a number)
_WORDS: dict[str, dict[int, tuple[str, str, bool, bool, bool]]] = {}


def _word(vocab, words: dict, orth: int) -> tuple[str, str, bool, bool, bool]:
    lex = vocab[orth]
    found = (lex.orth_, lex.lower_, lex.is_alpha, lex.is_punct, lex.like_num)
    if len(words) < 50_000:  # bounded (at most a few MB): a stream of novel words must not grow it for ever
        words[orth] = found
    return found


class _View:
    """What the features read of a segment, taken from spaCy's tokens once per segment
    (spaCy builds a Token object at every access, so features read plain lists)."""

    def __init__(self, doc, classes: Classes):
        from spacy.attrs import IDX, ORTH, SENT_START, SPACY

        rows = doc.to_array([ORTH, IDX, SENT_START, SPACY]).tolist()
        vocab = doc.vocab
        words = _WORDS.setdefault(vocab.lang, {})
        get = words.get
        lexemes = [get(r[0]) or _word(vocab, words, r[0]) for r in rows]
        self.sent_of: list[int] = []  # token -> index of its sentence
        self.sents: list[tuple[int, int]] = []  # (start, end) of each sentence
        if rows:
            self.text, self.low, self.alpha, self.punct, self.num = (list(c) for c in zip(*lexemes))
            _, idx, sent_start, spaces = zip(*rows)
            self.idx = list(idx)
            self.space = [sp == 1 for sp in spaces]  # a space follows the token
            bounds = [k for k, st in enumerate(sent_start) if k == 0 or st == 1] + [len(rows)]
            self.sents = list(zip(bounds, bounds[1:]))
            for n, (lo, hi) in enumerate(self.sents):
                self.sent_of += [n] * (hi - lo)
        else:
            self.text, self.low, self.alpha, self.punct, self.num, self.idx, self.space = [], [], [], [], [], [], []
        # the doc's text as spaCy's doc.text gives it (each token and its space), without
        # the Token object spaCy builds for every token there
        self.doc_text = "".join([t + " " if sp else t for t, sp in zip(self.text, self.space)])
        known = classes._cache.get  # classes.of, without a call for a word it has seen
        seg_classes: set[str] = set()
        for w in set(self.low):
            found = known(w)
            seg_classes.update(classes.of(w) if found is None else found)
        self.seg_classes = frozenset(seg_classes)
        self._lower_forms: frozenset[str] | None = None
        self.features: dict[tuple, list[str]] = {}  # (start, end, kind, sense) -> features

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text`."""
        return "".join([self.text[k] + " " if self.space[k] and k < end - 1 else self.text[k]
                        for k in range(start, end)])

    def shape(self, k: int) -> str:
        return _shape(self.text[k], self.punct[k], self.num[k])

    @property
    def lower_forms(self) -> frozenset[str]:
        """The segment's words that stand in lower case somewhere."""
        if self._lower_forms is None:
            self._lower_forms = frozenset(w for w, t in zip(self.low, self.text) if not t[:1].isupper())
        return self._lower_forms

    @classmethod
    def of(cls, doc, classes: Classes) -> _View:
        key = "hr_lint.sense"
        view = doc.user_data.get(key)
        if view is None or view[0] is not classes:
            view = (classes, cls(doc, classes))
            doc.user_data[key] = view
        return view[1]

    def initial(self, i: int, lo: int) -> bool:
        """First word of its sentence, opening punctuation, bullets and numbers aside (as
        `names._initial`)."""
        k = i - 1
        while k >= lo:
            t = self.text[k]
            if t in _QUOTE_OPENERS:
                return True
            if t not in _OPENERS and not self.punct[k] and not self.num[k]:
                return False
            if t in (".", "!", "?"):
                return True
            k -= 1
        return True

    def title_case(self, lo: int, hi: int) -> bool:
        """Every word capitalised, as in a heading (as `names.title_case_sentence`)."""
        words = [k for k in range(lo, hi) if self.alpha[k] and self.low[k] not in _SMALL_WORDS]
        if len(words) < 2:
            return bool(words) and all(self.text[k][:1].isupper() for k in words) and hi - lo <= 3
        lower = sum(1 for k in words if not self.text[k][:1].isupper())
        return lower == 0 or (len(words) >= 10 and lower / len(words) <= 0.1)

    def line_start(self, i: int) -> bool:
        """Token i starts a line of the segment (only openers and bullets before it)."""
        k = i - 1
        while k >= 0 and self.text[k] in _LINE_OPENERS:
            k -= 1
        if k < 0:
            return True
        return "\n" in self.doc_text[self.idx[k] + len(self.text[k]):self.idx[i]]


def sense_token(doc, start: int, end: int, sense: str) -> int:
    """The token of a match that holds the sense's word ('users' in 'heroin users', 'clean'
    in 'clean needles'): the model decides a place, whichever rules matched there."""
    for k in range(start, end):
        if any(w in doc[k].lower_ for w in _SENSE_WORDS[sense]):
            return k
    return start


def features(doc, start: int, end: int, kind: str, classes: Classes, sense: str) -> list[str]:
    """Feature names of a place (tokens start..end of `doc`, a segment) for `sense`: the
    sense's word for clean, users and abuse, the capitalised match for capital."""
    v = _View.of(doc, classes)
    key = (start, end, kind, sense)
    found = v.features.get(key)
    if found is None:  # two rules at one place (clean-status and clean-drug-test) ask alike
        found = v.features[key] = _features(v, start, end, kind, classes, sense)
    return list(found)


def _features(v: _View, start: int, end: int, kind: str, classes: Classes, sense: str) -> list[str]:
    low_, text_ = v.low, v.text
    n_sent = v.sent_of[start]
    lo, hi = v.sents[n_sent]
    head = low_[end - 1]
    out = [f"term={v.span_text(start, end).lower()}", f"head={head}", f"kind={kind}"]

    def word(k: int) -> str:
        if k < lo:
            return "<s>"
        if k >= hi:
            return "</s>"
        return low_[k]

    w1, w2, a1, a2 = word(start - 1), word(start - 2), word(end), word(end + 1)
    out += [f"w-1={w1}", f"w-2={w2}", f"w+1={a1}", f"w+2={a2}", f"w-2,-1={w2}_{w1}", f"w+1,+2={a1}_{a2}",
            f"w-1,+1={w1}_{a1}"]
    for k, tag in ((start - 1, "-1"), (end, "+1"), (start - 2, "-2"), (end + 1, "+2")):
        if lo <= k < hi:
            out.append(f"shape{tag}={v.shape(k)}")
            out += [f"class{tag}={c}" for c in classes.of(low_[k])]
        else:
            out.append(f"shape{tag}=edge")
    # the neighbours' classes together ('is clean for': linking + function word)
    c_1 = "|".join(classes.of(w1)) or ("P" if not w1.isalpha() else "w")
    c1 = "|".join(classes.of(a1)) or ("P" if not a1.isalpha() else "w")
    out += [f"c-1,c+1={c_1}_{c1}", f"w-1,c+1={w1}_{c1}", f"c-1,w+1={c_1}_{a1}"]
    # the first content word after the match (an object: 'abuse of alcohol', 'abusing pills')
    # and before it (a modifier or subject: 'opioid abuse', 'wheelchair users')
    k = end
    while k < hi and (low_[k] in _SKIP_AFTER or v.punct[k]):
        k += 1
    if k < hi and k < end + 5:
        out.append(f"obj={low_[k]}")
        out += [f"obj_class={c}" for c in classes.of(low_[k])]
    k = start - 1
    while k >= lo and (low_[k] in _SKIP_BEFORE or v.punct[k]):
        k -= 1
    if k >= lo and k > start - 4:
        out.append(f"mod={low_[k]}")
        out += [f"mod_class={c}" for c in classes.of(low_[k])]
    # words of the sentence, and the word classes of the sentence, its neighbours and the segment
    sentence = {low_[k] for k in range(lo, hi) if v.alpha[k]} - set(low_[start:end])
    out += [f"bow={w}" for w in sorted(sentence)]
    counts: dict[str, int] = {}
    for w in sentence:
        for c in classes.of(w):
            counts[c] = counts.get(c, 0) + 1
    out += [f"sent_{c}={_bucket(counts.get(c, 0))}" for c in classes.names]
    nlo = v.sents[n_sent - 1][0] if n_sent > 0 else lo
    nhi = v.sents[n_sent + 1][1] if n_sent + 1 < len(v.sents) else hi
    around = set(low_[nlo:lo]) | set(low_[hi:nhi])
    out += sorted({f"near_{c}" for w in around for c in classes.of(w)})
    out += [f"seg_{c}" for c in sorted(v.seg_classes)]
    # place, capitals, questions, negation
    initial = v.initial(start, lo)
    title = v.title_case(lo, hi)
    out.append(f"initial={initial}")
    out.append(f"title_sentence={title}")
    out.append(f"line_start={v.line_start(start)}")
    first = text_[start]
    cap = "U" if first.isupper() and len(first) > 1 else ("C" if first[:1].isupper() else "x")
    out.append(f"cap={cap}")
    out.append(f"cap,initial={cap}_{initial}")
    out.append(f"cap,title={cap}_{title}")
    words = [k for k in range(lo, hi) if v.alpha[k]]
    upper = sum(1 for k in words if text_[k][:1].isupper())
    out.append(f"sent_len={_bucket(len(words) // 4)}")
    out.append(f"sent_caps={_bucket((4 * upper) // max(1, len(words)))}")
    out.append(f"question={text_[hi - 1] == '?'}")
    if any(low_[k] in _NEGATIONS for k in range(max(lo, start - 4), start)):
        out.append("negated")
    if w1 in _PREPOSITIONS:
        out.append("after_preposition")
    if sense == "capital":
        out.append(f"next_cap={v.shape(end) if end < hi else 'edge'}")
        out.append(f"prev_cap={v.shape(start - 1) if start - 1 >= lo else 'edge'}")
        out.append(f"lower_elsewhere={head in v.lower_forms}")
        if end < hi and low_[end] == "by" and end + 1 < hi and text_[end + 1][:1].isupper():
            out.append("by_capitalised")
    return out


# -- the model -------------------------------------------------------------------------------------

class Policy:
    """What the model may do for one sense (see the module's docstring)."""

    __slots__ = ("mode", "veto_below", "rescue_above")

    def __init__(self, mode: str = "rules", veto_below: float = 0.5, rescue_above: float = 0.5):
        self.mode, self.veto_below, self.rescue_above = mode, veto_below, rescue_above

    def to_dict(self) -> dict:
        return {"mode": self.mode, "veto_below": self.veto_below, "rescue_above": self.rescue_above}

    def __repr__(self) -> str:
        return f"Policy({self.mode!r}, veto_below={self.veto_below}, rescue_above={self.rescue_above})"


class Sense:
    """One sense's logistic regression: a bias and a weight per feature name."""

    def __init__(self, name: str, bias: float, weights: dict[str, float], policy: Policy | None = None):
        self.name, self.bias, self.weights = name, bias, weights
        self.policy = policy if policy is not None else Policy()

    def probability(self, feats: list[str]) -> float:
        z = self.bias + sum(map(self.weights.get, set(feats), repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def verdict(self, p: float, rules: bool) -> bool:
        """The decision under this sense's policy, given the rules' verdict and the model's
        probability that the match is the stigmatizing sense (or, for `capital`, not a name)."""
        mode = self.policy.mode
        if mode == "model":
            return p >= 0.5
        if rules and mode in ("veto", "both") and p < self.policy.veto_below:
            return False
        if not rules and mode in ("rescue", "both") and p >= self.policy.rescue_above:
            return True
        return rules


class SenseModel:
    """The trained senses, their word classes and their policies."""

    def __init__(self, data: dict):
        self.version = data.get("version", 1)
        self.classes = Classes(data["classes"])
        self.senses: dict[str, Sense] = {}
        for name, spec in data["senses"].items():
            pol = spec.get("policy") or {}
            self.senses[name] = Sense(name, float(spec["bias"]), {k: float(v) for k, v in spec["weights"].items()},
                                      Policy(pol.get("mode", "rules"), float(pol.get("veto_below", 0.5)),
                                             float(pol.get("rescue_above", 0.5))))

    @classmethod
    def load(cls, path: str = MODEL_FILE) -> SenseModel:
        with open(path, encoding="utf-8") as fh:
            return cls(json.load(fh))

    def active(self, sense: str) -> Sense | None:
        s = self.senses.get(sense)
        return s if s is not None and s.policy.mode != "rules" else None

    def probability(self, sense: str, cand, start: int | None = None, end: int | None = None) -> float:
        """The probability that the match (tokens start..end, by default the candidate's)
        is reported: the stigmatizing sense, or for `capital` not a name."""
        start = cand.start if start is None else start
        end = cand.end if end is None else end
        if sense != "capital":
            start = sense_token(cand.doc, start, end, sense)
            end = start + 1
        feats = features(cand.doc, start, end, cand.kind, self.classes, sense)
        return self.senses[sense].probability(feats)


_model: SenseModel | None | bool = None


def model() -> SenseModel | None:
    """The shipped model, read once per process (None when the file is missing)."""
    global _model
    if _model is None:
        try:
            _model = SenseModel.load()
        except (OSError, ValueError, KeyError):
            _model = False
    return _model or None


def decide(c, name: bool, override: SenseModel | None = None) -> str | None:
    """The sense stage of the engine for one match `c`, given the name heuristic's verdict:
    None when the match is the sense its rule is about and not part of a name, else the
    stage that dropped it: "name", "check" or "model".

    The rules decide (not a name, then the rule's check), except where the sense model's
    policy for the match's sense gives the model a say (see the module's docstring); then
    `c.model_note` says what the model did, and a match kept against the rules is marked
    `c.rescued` (it yields to matches the rules kept and is never fixed unattended). The
    model is read only when a match of a covered sense, or a capitalised match, is met.
    """
    doc, rule = c.doc, c.rule
    check = rule.check
    which = sense_of(rule.id, check.name if check is not None else None, c.text) if rule.id in _COVERED else None
    capital = is_capitalised(doc, c.start, c.end)
    m = None
    if which is not None or capital:
        m = override if override is not None else model()
    vetoed = False
    if m is not None and capital and m.active("capital") is not None:
        p = m.probability("capital", c)
        kept = m.senses["capital"].verdict(p, not name)
        if kept == name:
            c.model_note = f"sense model (capital): p={p:.2f} that it is not part of a name; " + (
                "kept against the name heuristic" if kept else "dropped against the name heuristic")
            c.rescued = kept
            vetoed = not kept
        name = not kept
    if name:
        return "model" if vetoed else "name"
    if check is None:
        return None
    if m is None or which is None or m.active(which) is None:
        return None if check(c) else "check"
    start, end, severity, alternatives = c.start, c.end, c.severity, c.alternatives
    kept = check(c)
    if not kept and c.certain:
        return "check"  # the check named another sense outright: the model may not overrule it
    mode = m.senses[which].policy.mode
    if kept and mode == "rescue" or not kept and mode == "veto":
        return None if kept else "check"  # the policy leaves this verdict to the rules
    if not kept and end - start == 1 and RESCUER.get(doc[start].lower_) != rule.id:
        return "check"  # only the word's rescuer may keep it (see _may_rescue)
    p = m.probability(which, c, start, end)
    verdict = m.senses[which].verdict(p, kept)
    if verdict and not kept:
        if not _may_rescue(c, which, start, end):
            return "check"
        c.start, c.end, c.severity, c.alternatives = start, end, severity, alternatives
        c.rescued = True
    if verdict != kept:
        c.model_note = f"sense model ({which}): p={p:.2f} that it is the {DESCRIPTION[which]}; " + (
            "kept against" if verdict else "dropped against") + f" the check '{check.name}'"
        return None if verdict else "model"
    return None if kept else "check"


# What the model's probability is about, per sense (for the trace).
DESCRIPTION = {"clean": "sense about drug use", "users": "sense of people who use drugs",
               "abuse": "sense of substance use"}


# The rule that reports a place the model rescues, by the word matched (so 'clean' is
# reported once, as a status, not also as a drug-test result); a match of more than one
# word ('clean needles', 'clean time') is its own rule's.
RESCUER = {"clean": "clean-substance-status", "dirty": "dirty-test", "user": "user-noun", "users": "user-noun",
           "idu": "drug-user-identity", "idus": "drug-user-identity", "ivdu": "drug-user-identity",
           "ivdus": "drug-user-identity", "abuse": "substance-abuse", "abused": "substance-abuse",
           "abuses": "substance-abuse", "abusing": "substance-abuse", "abuser": "substance-abuser",
           "abusers": "substance-abuser", "ivda": "substance-abuser"}


def _may_rescue(c, which: str, start: int, end: int) -> bool:
    """May the model keep this match its check dropped? Only as the word's rescuer, only
    where no other rule of the sense claims the place (its check keeps it: 'drug users' is
    drug-user-identity's, and a policy that ignores that rule stays silent there), and only
    where the file gates would have let it through."""
    doc = c.doc
    if end - start == 1 and RESCUER.get(doc[start].lower_) != c.rule.id:
        return False
    from .rules import registry

    for rule_id, check_name in RULES[which].items():
        other = registry.get(check_name) if rule_id != c.rule.id else None
        if other is not None:
            probe = copy.copy(c)
            probe.start, probe.end = start, end
            if other(probe):
                return False
    # the file gates skip a paragraph without the words the check needs: a rescue there
    # would find what the gated run cannot (tests/test_screens.py holds the two equal)
    needs = c.rule.needs(doc[start:end].text.lower())
    return needs is None or companion_present(needs, doc)


def companion_present(needs, doc) -> bool:
    """Does the segment hold a word `needs` asks for (a word, a phrase, a prefix or a
    suffix)? A rescue is only allowed where the file gates would have let the match through."""
    words = {t.lower_ for t in doc}
    if words & needs.words:
        return True
    text = " " + " ".join(t.lower_ for t in doc) + " "
    if any(" " in w and f" {w} " in text for w in needs.words):
        return True
    return any(w.startswith(needs.prefixes) for w in words if needs.prefixes) or \
        any(w.endswith(needs.suffixes) for w in words if needs.suffixes)
