"""The matching engine: prose segments in, findings out.

Cheap first: a compiled regex of every rule's trigger words finds candidate
segments; only those are tokenized by spaCy (blank English + sentencizer, no
model). A PhraseMatcher holds every inflected form of every term. Each match
then passes the rule's word conditions, its check module, the name filter and
the voice tests before it becomes a Finding.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import names, suggest, voice
from .candidate import Candidate
from .document import Document, Segment
from .finding import Finding, severity_rank
from .rulebook import Rule

# Segments longer than this are cut into windows of whole sentences around candidates
# before tokenizing, so a long paragraph costs time and memory in proportion to its candidates.
_MAX_SEGMENT = 2_000
_WINDOW = 1_000
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019')\]]*\s")


@dataclass
class VoicePolicy:
    """What to do with quoted speech and first-person self-identification."""

    quotes: str = "info"  # "ignore" | "info" | "report"
    first_person: str = "info"


@dataclass
class EngineOptions:
    severity: dict[str, str] = field(default_factory=dict)  # rule id or category -> severity
    allow: list[str] = field(default_factory=list)  # words, phrases and names never reported
    voice: VoicePolicy = field(default_factory=VoicePolicy)
    attributes: bool = True  # lint alt/title attribute text (segments of kind "alt" and "title")


_nlp = None


def get_nlp():
    """The shared blank English pipeline (tokenizer + sentencizer), loaded once per process."""
    global _nlp
    if _nlp is None:
        import spacy

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        _nlp = nlp
    return _nlp


# curly apostrophes and Unicode hyphens read as their ASCII forms when matching
MATCH_FORM = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2011": "-"})
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]|_")
_SEP = "\0"  # stands for "a space or nothing" between two tokens of a phrase


def _phrase_key(phrase: str) -> str:
    """A phrase as the prefilter sees it: lower-case tokens, apostrophes unified."""
    tokens = _TOKEN.findall(phrase.lower().translate(MATCH_FORM))
    return _SEP.join(tokens)


def _trie_regex(keys: set[str]) -> re.Pattern:
    """One regex for every phrase, factored as a trie so it runs at tens of MB/s."""
    trie: dict = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            head = " ?" if ch == _SEP else ("['\u2019\u2018]" if ch == "'" else re.escape(ch))
            branches.append(head + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return re.compile(r"(?<![^\W_])" + emit(trie) + r"(?![^\W_])")


class Engine:
    def __init__(self, rules: list[Rule], options: EngineOptions | None = None):
        self.rules = rules
        self.by_id = {r.id: r for r in rules}
        self.options = options or EngineOptions()
        self._built = False
        # the prefilter holds every form of every term, so a segment without one is
        # never tokenized; the PhraseMatcher then confirms on real tokens
        keys = {_phrase_key(form) for rule in rules for form, _ in rule.forms()}
        keys.discard("")
        self._allow_words = [a for a in self.options.allow if a.strip()]
        self.prefilter = _trie_regex(keys) if keys else None
        # a file's raw text may split a phrase with markup or a line break, but the longest
        # word of each phrase still stands whole in it: files without one are not parsed
        words = {max(k.split(_SEP), key=len) for k in keys}
        self.file_prefilter = _trie_regex(words) if words else None

    def _build(self) -> None:
        from spacy.matcher import PhraseMatcher

        nlp = get_nlp()
        self.nlp = nlp
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.keys: dict[int, tuple[Rule, str | None]] = {}
        for rule in self.rules:
            matcher = self.exact_matcher if rule.case_sensitive else self.matcher
            for form, tag in rule.forms():
                key = f"{rule.id}|{tag}"
                matcher.add(key, [nlp.make_doc(form)])
                self.keys[nlp.vocab.strings[key]] = (rule, tag)
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.names.add("name", [nlp.make_doc(n) for n in names.KNOWN_NAMES])
        if self._allow_words:
            self.names.add("allow", [nlp.make_doc(a) for a in self._allow_words])
        self._built = True

    # -- public -------------------------------------------------------------------------
    def warm(self) -> None:
        """Load spaCy and build the matchers now (before forking workers, who then share them)."""
        if not self._built:
            self._build()

    def lint(self, document: Document, path: str) -> list[Finding]:
        findings: list[Finding] = []
        if self.prefilter is None:
            return findings
        search = self.prefilter.search
        for seg in document.segments:
            if not self.options.attributes and seg.kind in ("alt", "title"):
                continue
            text = seg.text
            if len(text) <= _MAX_SEGMENT:
                if search(text.lower().translate(MATCH_FORM)):
                    findings.extend(self._lint_piece(seg, 0, len(text), document, path))
            else:
                for lo, hi in self._windows(text):
                    findings.extend(self._lint_piece(seg, lo, hi, document, path))
        findings.sort(key=Finding.sort_key)
        return findings

    def _windows(self, text: str):
        """Merged windows of whole sentences around the candidates in a long segment."""
        low = text.lower().translate(MATCH_FORM)
        spans: list[list[int]] = []
        for m in self.prefilter.finditer(low):
            if spans and m.start() < spans[-1][1]:
                continue
            lo = max(0, m.start() - _WINDOW)
            ends = [e.end() for e in _SENTENCE_END.finditer(text, lo, m.start())]
            if ends:
                lo = ends[-1]
            elif lo:
                lo = text.rfind(" ", 0, lo) + 1
            nxt = _SENTENCE_END.search(text, m.end(), min(len(text), m.end() + _WINDOW))
            if nxt:
                hi = nxt.end()
            else:
                sp = text.find(" ", min(len(text), m.end() + _WINDOW))
                hi = len(text) if sp == -1 else sp
            if spans and lo <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], hi)
            else:
                spans.append([lo, hi])
        return [tuple(s) for s in spans]

    # -- matching -------------------------------------------------------------------------
    def _lint_piece(self, seg: Segment, lo: int, hi: int, document: Document, path: str) -> list[Finding]:
        if not self._built:
            self._build()
        text = seg.text[lo:hi]
        # the tokenizer sees unified apostrophes and hyphens (one character for one, so
        # offsets hold); quotes are found in the text as written
        doc = self.nlp(text.translate(MATCH_FORM))
        matches = self.matcher(doc) + self.exact_matcher(doc)
        if not matches:
            return []
        blocked = [(s, e) for _, s, e in self.names(doc)]
        for ts, te in seg.titles:  # titles of works (<cite>) in this piece of the segment
            span = doc.char_span(max(0, ts - lo), min(len(text), te - lo), alignment_mode="expand")
            if span is not None and te > lo and ts < hi:
                blocked.append((span.start, span.end))
        quotes = voice.quote_spans(text)
        candidates: list[Candidate] = []
        for match_id, start, end in matches:
            rule, form = self.keys[match_id]
            cand = Candidate(rule, doc, start, end, form, self.options.severity.get(
                rule.id, self.options.severity.get(rule.category, rule.severity)), kind=seg.kind)
            if not self._context_ok(cand):
                continue
            # names are judged on the words matched, before a check widens the span
            if names.capitalised_name(doc, cand.start, cand.end):
                continue
            if rule.check is not None and not rule.check(cand):
                continue
            if any(s < cand.end and cand.start < e for s, e in blocked):
                continue
            if rule.skip_negated and voice.is_negated(doc, cand.start):
                continue
            if not self._voice(cand, text, quotes):
                continue
            candidates.append(cand)
        return [self._finding(c, seg, lo, document, path) for c in _drop_overlaps(candidates)]

    @staticmethod
    def _context_ok(c: Candidate) -> bool:
        ctx = c.rule.context
        if not ctx:
            return True
        after, before = c.word_after, c.word_before
        if "not_before" in ctx and after in ctx["not_before"]:
            return False
        if "not_after" in ctx and before in ctx["not_after"]:
            return False
        if "before" in ctx and after not in ctx["before"]:
            return False
        if "after" in ctx and before not in ctx["after"]:
            return False
        if "near" in ctx or "not_near" in ctx:
            words = c.sentence_words()
            if "near" in ctx and not (words & ctx["near"]):
                return False
            if "not_near" in ctx and words & ctx["not_near"]:
                return False
        return True

    def _voice(self, c: Candidate, text: str, quotes) -> bool:
        """Drop words mentioned as words; apply the policy for quotes and first person."""
        doc = c.doc
        cs, ce = doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])
        quote = voice.enclosing_quote(quotes, cs, ce)
        if quote is not None and voice.is_mention(text, quote, cs, ce):
            return False
        if voice.is_mention_cue(doc, c.start):
            return False
        policy = None
        if quote is not None:
            policy = self.options.voice.quotes
        elif c.rule.person_label and voice.is_first_person(doc, c.start):
            policy = self.options.voice.first_person
        if policy == "ignore":
            return False
        if policy == "info":
            c.severity = "info"
            c.own_voice = False
        return True

    def _finding(self, c: Candidate, seg: Segment, lo: int, document: Document, path: str) -> Finding:
        doc, rule = c.doc, c.rule
        start = c.start
        article = None
        alternatives = c.alternatives if c.alternatives is not None else rule.alternatives_for(c.form)
        if c.form in ("singular", None) and rule.person_label and suggest.article_before(doc, start):
            # fold "a"/"an" into the finding only when the replacement needs the other one
            if suggest.article_changes(doc[start - 1].text, alternatives):
                article = doc[start - 1].text
                start -= 1
        end = c.end
        if rule.person_label and c.form in ("singular", "plural") and end < len(doc) \
                and doc[end].lower_ in ("'s", "'") and doc[end].idx == doc[end - 1].idx + len(doc[end - 1]):
            # "the addict's family": a long phrase does not take "'s" well, so the
            # possessive is part of the finding and the suggestion ("the person's family")
            alternatives = rule.alternatives_for("possessive") if "possessive" in (
                rule.alternatives if isinstance(rule.alternatives, dict) else {}) else (
                ["person's"] if c.form == "singular" else ["people's"])
            end += 1
        cs = doc[start].idx
        last = doc[end - 1]
        ce = last.idx + len(last)
        s_off, e_off = seg.source_span(lo + cs, lo + ce)
        matched = document.source[s_off:e_off]
        prose = doc.text[cs:ce]
        suggestions = suggest.fit(alternatives, prose, article)
        line, col = document.position(s_off)
        end_line, end_col = document.position(e_off)
        fix = None
        # no unattended fix in table cells: a language guide's "instead of" column is a mention
        if rule.fix and suggestions and c.own_voice and matched == prose and seg.kind != "cell":
            fix = suggestions[0]
        return Finding(
            path=path, line=line, column=col, end_line=end_line, end_column=end_col,
            rule=rule.id, category=rule.category, severity=c.severity, message=rule.message,
            text=matched, suggestions=suggestions, source=rule.url, fix=fix,
            offset=s_off, end_offset=e_off,
        )


def _drop_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Of overlapping matches keep the longest (then the most severe): one underline per phrase."""
    cands.sort(key=lambda c: (-(c.end - c.start), -severity_rank(c.severity), c.start, c.rule.id))
    kept: list[Candidate] = []
    for c in cands:
        if any(k.start < c.end and c.start < k.end for k in kept):
            continue
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept
