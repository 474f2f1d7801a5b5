"""The matching engine: prose segments in, findings out.

Cheap first: a compiled regex of every rule's trigger words finds candidate
segments; only those are tokenized by spaCy (blank English + sentencizer, no
model). A PhraseMatcher holds every inflected form of every term. Each match
then passes the rule's word conditions, its check module, the name filter and
the voice tests before it becomes a Finding.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import agreement, layout, memory, names, suggest, voice
from .candidate import Candidate
from .document import Document, Segment, visible
from .finding import Finding, severity_rank
from .rulebook import Rule
from .gate import Gate, Hits, _phrase_key, _trie_regex, lowered, match_form
from .rules.registry import Needs

# Segments longer than this are cut into windows of whole sentences around candidates
# before tokenizing, so a long paragraph costs time and memory in proportion to its candidates.
_MAX_SEGMENT = 2_000
_WINDOW = 1_000
_MAX_WINDOW = 50 * _WINDOW  # windows merged around nearby terms stop growing here (spaCy takes 1M at most)
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

    def severity_for(self, rule) -> str:
        """The severity a rule reports at: set for its id, else for its category, else its own."""
        sev = self.severity
        return sev.get(rule.id, sev.get(rule.category, rule.severity)) if sev else rule.severity


_nlps: dict = {}


def get_nlp(language: str = "en"):
    """The shared blank pipeline of a language (tokenizer + sentencizer), loaded once per
    process: `spacy.blank("en")`, `spacy.blank("es")`; loaded afresh once hr_lint/memory.py
    retired it (after a million words freed by its memory zones)."""
    _nlp = _nlps.get(language)
    if _nlp is None or memory.retired(_nlp):  # (renewed: hr_lint/memory.py)
        _nlps[language] = _nlp = new_nlp(language)
    return _nlp


def new_nlp(language: str = "en"):
    """A blank pipeline of a language of its own: for an engine used by one thread while others
    run (spaCy's tokenizer caches and the vocabulary's strings are not made for sharing)."""
    import gc

    # loading creates objects by the hundred thousand and frees almost none: the
    # cyclic collector would only scan them again and again
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        spacy = _import_spacy()
        nlp = spacy.blank(language)
        nlp.add_pipe("sentencizer")
        return nlp
    finally:
        if paused:
            gc.enable()


# Checks look around a match within its sentence; a "sentence" of thousands of words (a
# list without full stops, a pasted log) would make every match's look cost as much as
# the text. Longer sentences are cut, at a comma, semicolon, colon or dash when one is near.
MAX_SENTENCE_TOKENS = 200
_SOFT_CUTS = {",", ";", ":", "-", "\u2013", "\u2014", "|"}


def cap_sentences(doc, limit: int = MAX_SENTENCE_TOKENS) -> None:
    """No sentence of `doc` longer than `limit` tokens (linear in the length of doc)."""
    if len(doc) <= limit:
        return
    cuts = []
    start = 0
    n = len(doc)
    for i in range(1, n + 1):
        if i == n or doc[i].is_sent_start:
            while i - start > limit:  # cut this long sentence
                end = start + limit
                k = end
                while k > start + limit * 3 // 4 and doc[k - 1].text not in _SOFT_CUTS:
                    k -= 1
                cut = k if k > start + limit * 3 // 4 else end
                cuts.append(cut)
                start = cut
            start = i
    for i in cuts:
        doc[i].is_sent_start = True


_SENTENCE_KINDS_MAX = 50_000  # words whose kind a pipeline keeps (a stream of novel words must not grow it for ever)


def split_sentences(doc, sentencizer, kinds: dict[int, int]) -> None:
    """`sentencizer(doc)` (spaCy's `Sentencizer`), its guesses made from one array of the
    words' ids rather than a `Token` object per word: a sentence starts at the first word
    that is neither punctuation nor one of its `punct_chars` after one of its `punct_chars`
    (`Sentencizer.predict`); spaCy's own `set_annotations` writes them. `kinds` keeps, per
    word id, 0 for a word, 1 for other punctuation, 2 for one of `punct_chars`."""
    from spacy.attrs import ORTH

    if not len(doc):
        sentencizer(doc)
        return
    guesses = [False] * len(doc)
    guesses[0] = True
    seen = False
    vocab = doc.vocab
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        kind = kinds.get(orth)
        if kind is None:
            lex = vocab[orth]
            kind = 2 if lex.orth_ in sentencizer.punct_chars else 1 if lex.is_punct else 0
            if len(kinds) < _SENTENCE_KINDS_MAX:
                kinds[orth] = kind
        if kind == 2:
            seen = True
        elif seen and kind == 0:
            guesses[i] = True
            seen = False
    sentencizer.set_annotations([doc], [guesses])


def cache_sentences(doc) -> None:
    """`doc[i].sent` from a table built once: spaCy's own finds the sentence by walking the
    tokens from i both ways (after checking every token's annotation) at each call, and the
    checks ask for it at almost every step. Sentences must not change after this."""
    table: list = [None] * len(doc)
    for sent in doc.sents:
        table[sent.start:sent.end] = [sent] * (sent.end - sent.start)
    doc.user_token_hooks["sent"] = lambda token: table[token.i]


def _import_spacy():
    """`import spacy`, without its command line.

    spaCy's package imports `spacy.cli` (typer, requests, weasel, and a YAML template read
    at import) only to export `spacy.info`: a fifth of the import, on the critical path of
    every run that tokenizes anything. A placeholder stands in for it during the import and
    is removed after, so a later `import spacy.cli` gets the real one; should a spaCy
    release need more of its command line at import, the import is done again in full."""
    import sys
    import types

    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package, so that "spacy.cli.info" can stand under it
    info = types.ModuleType("spacy.cli.info")
    info.info = None
    cli.info = info
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, info
    try:
        import spacy
    except Exception:
        for name in [n for n in sys.modules if n == "spacy" or n.startswith("spacy.")]:
            del sys.modules[name]
        import spacy
    finally:
        for name, placeholder in (("spacy.cli", cli), ("spacy.cli.info", info)):
            if sys.modules.get(name) is placeholder:
                del sys.modules[name]
    return spacy


class Engine:
    private_pipeline = False  # True: a spaCy pipeline of its own (see `new_nlp`)

    def __init__(self, rules: list[Rule], options: EngineOptions | None = None, screens: bool = True,
                 sense_model=True, language: str = "en"):
        self.rules = rules
        self.language = language  # its rules' language: the spaCy pipeline, names and voice
        self.by_id = {r.id: r for r in rules}
        self.options = options or EngineOptions()
        self._built = False
        self._allow_words = [a for a in self.options.allow if a.strip()]
        # every form of every term, with what its check needs around it (`screens=False`
        # ignores that, for tests that prove the screens change no finding)
        entries: dict[str, set[Needs | None]] = {}
        for rule in rules:
            for form, _ in rule.forms():
                key = _phrase_key(form)
                if key:
                    entries.setdefault(key, set()).add(rule.needs(form) if screens else None)
        # the prefilter finds candidates in a segment, so a segment without one is never
        # tokenized; the PhraseMatcher then confirms on real tokens
        self._keys = set(entries)
        self._prefilter = None
        self._entries = entries
        self._segment_gate: Gate | None = None
        self._file_gate: Gate | None = None
        # the sense model (hr_lint/sense.py): True the shipped one, read when a match it
        # covers is first decided; False none; or a `sense.SenseModel` (tools, tests)
        # the sense model is trained on English text: Spanish matches are the rules' alone
        self.sense_model = sense_model if language == "en" else False

    @property
    def file_gate(self) -> Gate:
        """Terms in a file's raw text, where markup or a line break may split a phrase:
        files without one are not parsed."""
        if self._file_gate is None:
            self._file_gate = Gate.build(self._entries, raw=True)
        return self._file_gate

    @property
    def segment_gate(self) -> Gate:
        """Terms in a segment's prose (and their companions)."""
        if self._segment_gate is None:
            self._segment_gate = Gate.build(self._entries, raw=False)
        return self._segment_gate

    @property
    def prefilter(self) -> re.Pattern | None:
        """Every form of every term, for finding candidates in a long segment."""
        if self._prefilter is None and self._keys:
            self._prefilter = _trie_regex(self._keys)
        return self._prefilter

    def _build(self) -> None:
        nlp = new_nlp(self.language) if self.private_pipeline else get_nlp(self.language)  # first: it imports spaCy (see _import_spacy)
        from spacy.matcher import PhraseMatcher

        self.nlp = nlp
        # bounded memory (hr_lint/memory.py): every piece is tokenized under the pipeline's
        # guard; the patterns are kept for good, so they are never made inside a zone
        self.guard = memory.guard(nlp)
        with self.guard.outside():
            self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
            self.exact_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
            self.keys: dict[int, tuple[Rule, str | None]] = {}
            for rule in self.rules:
                matcher = self.exact_matcher if rule.case_sensitive else self.matcher
                for form, tag in rule.forms():
                    key = f"{rule.id}|{tag}"
                    matcher.add(key, [nlp.make_doc(form)])
                    self.keys[nlp.vocab.strings[key]] = (rule, tag)
            self._exact = len(self.exact_matcher) > 0
            self.sentencizer = nlp.get_pipe("sentencizer")
            self._sentence_kinds: dict[int, int] = {}  # word id -> its kind, for split_sentences
            self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
            self.names.add("name", [nlp.make_doc(n) for n in names.known_names(self.language)])
            if self._allow_words:
                self.names.add("allow", [nlp.make_doc(a) for a in self._allow_words])
        self._built = True

    # -- public -------------------------------------------------------------------------
    def prepare(self) -> None:
        """Compile what workers use (before forking them, so they share it): the file gate,
        and the companions the segments are checked for."""
        self.file_gate.compile()
        self.segment_gate.compile(terms=False)

    def warm(self) -> None:
        """Load spaCy and build the matchers now (before forking workers, who then share them)."""
        self.prepare()
        if not self._built:
            self._build()

    def lint(self, document: Document, path: str, hits: Hits | None = None) -> list[Finding]:
        """Findings in a document (see `candidates` for `hits`)."""
        return self.lint_segments(Document(document.source, self.candidates(document, hits), document.format), path)

    def candidates(self, document: Document, hits: Hits | None = None) -> list[Segment]:
        """The segments worth tokenizing. `hits` are the raw-text places of terms the file
        gate found (`gate.screen`): then only segments that hold one (with a
        companion in the segment, if it needs one) are; without them, those that pass the
        segment gate."""
        if not self._keys:
            return []
        kept = []
        for seg in document.segments:
            if not self.options.attributes and seg.kind in ("alt", "title"):
                continue
            text = seg.text
            if hits is None:
                if not self.segment_gate.search(lowered(text)):
                    continue
            else:
                kinds = hits.kinds_in(seg.start_of(0), seg.end_of(len(text) - 1))
                if kinds is not None and not self.segment_gate.companions(lowered(text), kinds):
                    continue
            kept.append(seg)
        return kept

    def lint_segments(self, document: Document, path: str, trace=None) -> list[Finding]:
        """Findings in every segment of `document` (loads spaCy if it is not loaded). With a
        `trace.Tracer`, every match is also recorded with the stage that decided it."""
        findings: list[Finding] = []
        for seg in document.segments:
            text = seg.text
            if trace is not None:
                trace.segment_note = trace.skip_segment(seg.kind) if trace.skip_segment else None
            if len(text) <= _MAX_SEGMENT:
                findings.extend(self._guarded_piece(seg, 0, len(text), document, path, trace))
            else:
                for lo, hi in self._windows(text):
                    findings.extend(self._guarded_piece(seg, lo, hi, document, path, trace))
        findings.sort(key=Finding.sort_key)
        return findings

    def _guarded_piece(self, seg: Segment, lo: int, hi: int, document: Document, path: str,
                       trace=None) -> list[Finding]:
        """`_lint_piece` under the pipeline's memory guard (hr_lint/memory.py): past the
        budget, the strings and lexemes the piece adds are freed when it is done. The Doc
        and all read from it stay inside; findings and trace entries are plain data."""
        if not self._built or self.guard.retired:
            self._build()  # (on a fresh pipeline, when this one was retired)
        with self.guard:
            return self._lint_piece(seg, lo, hi, document, path, trace)

    def _windows(self, text: str):
        """Merged windows of whole sentences around the candidates in a long segment."""
        low = lowered(text)
        spans: list[list[int]] = []
        for m in self.prefilter.finditer(low):
            if spans and m.start() < spans[-1][1]:
                continue
            lo = max(0, m.start() - _WINDOW)
            ends = [e.end() for e in _SENTENCE_END.finditer(text, lo, m.start())]
            if ends:
                lo = ends[-1]
            elif lo:  # back to a space, within another window's length
                lo = text.rfind(" ", max(0, lo - _WINDOW), lo) + 1 or lo
            nxt = _SENTENCE_END.search(text, m.end(), min(len(text), m.end() + _WINDOW))
            if nxt:
                hi = nxt.end()
            else:  # on to a space, within another window's length
                start = min(len(text), m.end() + _WINDOW)
                sp = text.find(" ", start, start + _WINDOW)
                hi = min(len(text), start + _WINDOW) if sp == -1 else sp
            if spans and lo <= spans[-1][1]:
                if hi - spans[-1][0] <= _MAX_WINDOW:
                    spans[-1][1] = max(spans[-1][1], hi)
                else:  # terms in every sentence: the next window starts where this one ends
                    spans.append([spans[-1][1], hi])
            else:
                spans.append([lo, hi])
        return [tuple(s) for s in spans]

    # -- matching -------------------------------------------------------------------------
    def _lint_piece(self, seg: Segment, lo: int, hi: int, document: Document, path: str,
                    trace=None) -> list[Finding]:
        if not self._built:
            self._build()
        text = seg.text[lo:hi]
        # the tokenizer sees unified apostrophes and hyphens (one character for one, so
        # offsets hold); quotes are found in the text as written. The pipeline's steps are
        # called one by one (Language.__call__ costs as much as the sentencizer), and
        # sentences are only cut in a piece that holds a match (matching reads tokens only)
        doc = self.nlp.make_doc(match_form(text))
        matches = self.matcher(doc)
        if self._exact:
            matches += self.exact_matcher(doc)
        if not matches:
            return []
        split_sentences(doc, self.sentencizer, self._sentence_kinds)
        cap_sentences(doc)
        cache_sentences(doc)
        blocked = [(s, e) for _, s, e in self.names(doc)]
        for ts, te in seg.titles:  # titles of works (<cite>) in this piece of the segment
            span = doc.char_span(max(0, ts - lo), min(len(text), te - lo), alignment_mode="expand")
            if span is not None and te > lo and ts < hi:
                blocked.append((span.start, span.end))
        quotes = voice.quote_spans(text, self.language)
        # one name per paragraph: words the piece uses as a name ('Joseph Hooker') are that
        # name wherever they stand capitalised in it ('Hooker received three promotions')
        named = self.named(doc, matches)
        # with a trace, each dropped match is recorded with its stage and reason
        drop = None if trace is None else _Dropped(self, trace, doc, seg, lo, document, path)
        candidates: list[Candidate] = []
        for match_id, start, end in matches:
            rule, form = self.keys[match_id]
            cand = Candidate(rule, doc, start, end, form, self.options.severity_for(rule), kind=seg.kind)
            if end - start > 1 and self._across_cells(doc, start, end, seg, lo, document.source):
                if drop:
                    drop(cand, start, end, "layout", "the phrase runs across a line break into another cell, "
                         "row or list item (a capitalised word starts the next line)")
                continue
            if not self._context_ok(cand):
                if drop:
                    drop(cand, start, end, "context", _context_reason(cand))
                continue
            stage = self._sense(cand, named)
            if stage is not None:
                if drop:
                    drop(cand, start, end, stage, self._sense_reason(cand, stage, named))
                continue
            if any(s < cand.end and cand.start < e for s, e in blocked):
                if drop:
                    drop(cand, start, end, *self._blocked_reason(doc, seg, lo, cand))
                continue
            if rule.skip_negated and voice.is_negated(doc, cand.start):
                if drop:
                    drop(cand, start, end, "negation", "a negated or refuted statement ('not', 'never', "
                         "'no longer'...), which this rule leaves alone")
                continue
            if not self._voice(cand, text, quotes):
                if drop:
                    drop(cand, start, end, "voice", cand.reason)
                continue
            if drop and rule.id not in trace.active:
                # traced to the end, but not in the competition for overlaps: a rule that is
                # not selected takes no place from one that is
                trace.add(self._finding(cand, seg, lo, document, path), True, "match", "")
                continue
            candidates.append(cand)
        kept = _drop_overlaps(candidates)
        if drop:
            for c in candidates:
                if not any(c is k for k in kept):
                    winner = next(k for k in kept if k.start < c.end and c.start < k.end)
                    drop(c, c.start, c.end, "overlap", f"'{winner.text}' ({winner.rule.id}) is reported "
                         "at this place instead: one underline per phrase")
        findings = [self._finding(c, seg, lo, document, path) for c in kept]
        if drop:
            for c, f in zip(kept, findings):
                stage, reason = self._reported_reason(c)
                if f.fix:
                    reason += f"; --fix writes '{f.fix}' (the rule's fix policy)"
                elif c.rule.fix:
                    reason += f"; --fix leaves it: {c.fix_note}"
                trace.add(f, True, stage, reason)
        return findings

    def _blocked_reason(self, doc, seg, lo, c: Candidate) -> tuple[str, str]:
        """Why a match inside a known name, a cited title or an allowed phrase is dropped."""
        for key, s, e in self.names(doc):
            if s < c.end and c.start < e:
                label = self.nlp.vocab.strings[key]
                if label == "allow":
                    return "allow", f"'{doc[s:e].text}' is in the allow list of the configuration"
                return "name", f"part of the name '{doc[s:e].text}'"
        return "name", "in the title of a work (<cite>)"

    def _reported_reason(self, c: Candidate) -> tuple[str, str]:
        rule = c.rule
        if c.model_note:
            return "model", c.model_note + (f"; {_VOICE_WORDS[c.voice]}: reported at info" if c.voice else "")
        if c.voice:
            return "voice", f"{_VOICE_WORDS[c.voice]}: reported at info ({_VOICE_SETTING[c.voice]}: info)"
        default = rule.severity
        configured = self.options.severity_for(rule)
        if configured != default:
            key = rule.id if rule.id in self.options.severity else rule.category
            return "severity", f"reported at {configured}, not {default}: the configuration's severity for '{key}'"
        if rule.check is not None:
            reason = f"check '{rule.check.name}': " + (c.reason or "the sense this rule is about")
            if severity_rank(c.severity) < severity_rank(configured):
                reason += f"; the check lowered it to {c.severity}"
            return "check", reason
        if rule.context:
            return "context", "the rule's word conditions hold (" + ", ".join(sorted(rule.context)) + ")"
        return "match", "a term of the rule; nothing in the text speaks against it"

    @staticmethod
    def _across_cells(doc, start: int, end: int, seg: Segment, lo: int, source: str) -> bool:
        """Does the phrase doc[start:end] run across a line break that ends a cell, row or
        list item of the source (`layout.cell_break`)?"""
        for i in range(start, end - 1):
            t, u = doc[i], doc[i + 1]
            if not t.whitespace_:
                continue
            a = seg.end_of(lo + t.idx + len(t) - 1)
            b = seg.start_of(lo + u.idx)
            if layout.cell_break(source, a, b, doc[start:i + 1], u):
                return True
        return False

    @staticmethod
    def named(doc, matches) -> dict[str, str]:
        """One name per paragraph: the matched words the piece uses as a name ('Joseph
        Hooker'), so they are that name wherever they stand capitalised in it, and the plural
        of a word that starts a name with a plural head ('Convict Cichlids': 'Convicts');
        each form (lower case) with the name it comes from, for the trace."""
        named: dict[str, str] = {}
        for _, s, e in matches:
            if doc[s].text[:1].isupper() and names.capitalised_name(doc, s, e):
                for form, name in names.name_forms(doc, s, e).items():
                    named.setdefault(form, name)
        return named

    def _sense(self, c: Candidate, named: dict[str, str]) -> str | None:
        """Is the match the sense its rule is about, and not part of a name? None when it
        is; else the stage that dropped it: `name` (the name heuristic, judged on the words
        matched before a check widens the span, or a name the paragraph uses elsewhere),
        `check` (the rule's check) or `model`. For the senses the sense model covers, its
        policy may let the model overrule the first two (`sense.decide`): this is the one
        place the model is consulted."""
        first = c.doc[c.start]
        # a match whose first word is not capitalised is no name (both tests start there)
        name = (not first.is_alpha or first.text[:1].isupper()) and (
            names.capitalised_name(c.doc, c.start, c.end) or names.named_elsewhere(c.doc, c.start, c.end, named))
        if self.sense_model is not False:
            from . import sense

            return sense.decide(c, name, None if self.sense_model is True else self.sense_model)
        if name:
            return "name"
        return "check" if c.rule.check is not None and not c.rule.check(c) else None

    @staticmethod
    def _sense_reason(c: Candidate, stage: str, named: dict[str, str]) -> str:
        """Why `_sense` dropped a match, for the trace."""
        if stage == "model":
            return c.model_note or "the sense model"
        if stage == "name":
            if not names.capitalised_name(c.doc, c.start, c.end):
                text = c.doc[c.start:c.end].text
                name = named.get(text.lower(), text)
                if name.lower() != text.lower():
                    return f"'{text}' stands for the name '{name}', which the paragraph uses elsewhere"
                return f"the paragraph uses '{text}' as a name elsewhere"
            return "part of a capitalised name ('" + _name_around(c.doc, c.start, c.end) + "')"
        return f"check '{c.rule.check.name}': " + (c.reason or "not the sense this rule is about")

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
        if quote is not None and voice.is_mention(text, quote, cs, ce) and voice.is_scare_quote(doc, quote, c.start):
            quote = None  # 'he is a "frequent flyer"': the writer's own label in scare quotes
        if quote is not None and voice.is_mention(text, quote, cs, ce):
            c.reason = "the word mentioned as a word, in quotation marks"
            return False
        if voice.is_mention_cue(doc, c.start):
            c.reason = "the word mentioned as a word ('instead of', 'the term', 'avoid'...)"
            return False
        if voice.is_headword(doc, c.start, c.end):
            c.reason = "a glossary or dictionary headword (or a form listed with it): the word as a word"
            return False
        if voice.is_attributed(doc, c.start):
            c.reason = "an official category ('classified as') or, in a history, the view of its time ('seen as')"
            return False
        policy = kind = None
        if quote is not None:
            policy, kind = self.options.voice.quotes, "quote"
        elif c.rule.person_label and voice.is_first_person(doc, c.start):
            policy, kind = self.options.voice.first_person, "first-person"
        if policy == "ignore":
            c.reason = f"{_VOICE_WORDS[kind]}, which this policy leaves alone ({_VOICE_SETTING[kind]}: ignore)"
            return False
        if policy == "info":
            c.severity = "info"
            c.own_voice = False
            c.voice = kind
        return True

    def _finding(self, c: Candidate, seg: Segment, lo: int, document: Document, path: str) -> Finding:
        doc, rule = c.doc, c.rule
        start = c.start
        article = None
        alternatives = c.alternatives if c.alternatives is not None else rule.alternatives_for(c.form)
        safe = True
        if self.language == "es":
            # determiners and adjectives before the word agree with the alternative's noun
            start, alternatives, safe = agreement.fit(doc, start, c.end, alternatives)
        elif c.form in ("singular", None) and rule.person_label and suggest.article_before(doc, start):
            # fold "a"/"an" into the finding only when the replacement needs the other one
            if suggest.article_changes(doc[start - 1].text, alternatives):
                article = doc[start - 1].text
                start -= 1
        end = c.end
        if self.language == "en" and rule.person_label and c.form in ("singular", "plural") and end < len(doc) \
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
        prose = doc[start:end].text  # (doc.text would join every token of the piece, per finding)
        suggestions = suggest.fit(alternatives, prose, article)
        line, col = document.position(s_off)
        end_line, end_col = document.position(e_off)
        fix = None
        if rule.fix:
            c.fix_note = _fix_withheld(c, seg, document, s_off, e_off, matched, prose, suggestions)
            if c.fix_note is None and not safe:
                # Spanish: a word outside the finding would no longer agree (hr_lint/agreement.py)
                c.fix_note = "a word outside the finding would no longer agree in gender or number"
            if c.fix_note is None:
                fix = suggestions[0]
        return Finding(
            path=path, line=line, column=col, end_line=end_line, end_column=end_col,
            rule=rule.id, category=rule.category, severity=c.severity, message=rule.message,
            text=matched, suggestions=suggestions, source=rule.url, fix=fix,
            offset=s_off, end_offset=e_off, voice=c.voice,
        )


def _fix_withheld(c: Candidate, seg: Segment, document: Document, s_off: int, e_off: int, matched: str, prose: str,
                  suggestions: list[str]) -> str | None:
    """Why `--fix` leaves this match of a rule with `fix: true` alone, or None when it
    rewrites it with the first suggestion. A phrase mentioned as a phrase, a match the sense
    model alone kept, and a guide's "instead of" column (a table cell) are never rewritten
    unattended."""
    if not suggestions:
        return "no suggestion fits the sentence"
    if not c.own_voice:
        return f"{_VOICE_WORDS[c.voice]} is not rewritten" if c.voice else "not the writer's own words"
    if c.rescued:
        return "kept by the sense model alone"
    if visible(matched) != prose:  # markup inside (invisible characters aside)
        return "the words run across markup or a line break in the source"
    if seg.kind == "cell":
        return "in a table cell (a guide's 'instead of' column is a mention)"
    doc = c.doc
    if voice.is_talked_about(doc, c.start) or voice.is_marked_as_word(document.source, s_off, e_off, doc, c.start):
        return "the phrase is mentioned as a phrase"
    return None


def _drop_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Of overlapping matches keep the longest (then the most severe): one underline per phrase.
    A match the sense model rescued yields to any the rules kept."""
    cands.sort(key=lambda c: (c.rescued, -(c.end - c.start), -severity_rank(c.severity), c.start, c.rule.id))
    kept: list[Candidate] = []  # in order of start; they never overlap
    starts: list[int] = []
    for c in cands:
        k = bisect.bisect_left(starts, c.end)  # kept[k - 1] is the last one starting before c ends
        if k and kept[k - 1].end > c.start:
            continue
        kept.insert(k, c)
        starts.insert(k, c.start)
    return kept


# -- the trace (only with `lint_segments(..., trace=...)`) ------------------------------------

_VOICE_WORDS = {"quote": "quoted speech", "first-person": "first-person self-description"}
_VOICE_SETTING = {"quote": "quotes", "first-person": "first-person"}


class _Dropped:
    """Records a dropped match, at the place of the words matched."""

    def __init__(self, engine: Engine, trace, doc, seg: Segment, lo: int, document: Document, path: str):
        self.engine, self.trace, self.doc = engine, trace, doc
        self.seg, self.lo, self.document, self.path = seg, lo, document, path

    def __call__(self, c: Candidate, start: int, end: int, stage: str, reason: str) -> None:
        doc, seg = self.doc, self.seg
        cs, ce = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        s_off, e_off = seg.source_span(self.lo + cs, self.lo + ce)
        line, col = self.document.position(s_off)
        end_line, end_col = self.document.position(e_off)
        rule = c.rule
        self.trace.add(Finding(
            path=self.path, line=line, column=col, end_line=end_line, end_column=end_col,
            rule=rule.id, category=rule.category, severity=c.severity, message=rule.message,
            text=self.document.source[s_off:e_off], source=rule.url, offset=s_off, end_offset=e_off,
        ), False, stage, reason)


def _context_reason(c: Candidate) -> str:
    """Which of the rule's word conditions the match fails."""
    ctx = c.rule.context
    after, before = c.word_after, c.word_before
    if "not_before" in ctx and after in ctx["not_before"]:
        return f"the next word, '{after}', is one the rule excludes (not_before)"
    if "not_after" in ctx and before in ctx["not_after"]:
        return f"the word before, '{before}', is one the rule excludes (not_after)"
    if "before" in ctx and after not in ctx["before"]:
        return f"the next word, '{after or ''}', is not one the rule needs (before)"
    if "after" in ctx and before not in ctx["after"]:
        return f"the word before, '{before or ''}', is not one the rule needs (after)"
    words = c.sentence_words()
    if "near" in ctx and not (words & ctx["near"]):
        return "none of the words the rule needs stands in the sentence (near)"
    hit = sorted(words & ctx.get("not_near", set()))
    return f"the sentence holds '{hit[0]}', which the rule excludes (not_near)" if hit else "the rule's word conditions"


def _name_around(doc, start: int, end: int) -> str:
    """The capitalised words around a match (the name it is part of), for the trace."""
    lo, hi = start, end
    sent = doc[start].sent
    while lo > sent.start and doc[lo - 1].text[:1].isupper():
        lo -= 1
    while hi < sent.end and (doc[hi].text[:1].isupper() or doc[hi].lower_ in ("of", "for", "and", "on")
                             and hi + 1 < sent.end and doc[hi + 1].text[:1].isupper()):
        hi += 1
    return doc[lo:hi].text
