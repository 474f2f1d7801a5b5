"""Candidates for the sense model, with their labels, from the project's annotated texts.

A candidate is one match of a covered rule (see `hr_lint/sense.py`) that passes the rule's
word conditions, in a segment the file gates let through, exactly as the engine sees it.
Each candidate is recorded with the rules' verdicts on it (the name heuristic, the rule's
check), whether a later stage drops it anyway (a known name, negation, a word mentioned as
a word, quoted speech under `quotes: ignore`), its features for each sense it belongs to,
and its label:

- in an annotated document (the development corpus, the held-out fixtures, the real-text
  set for evaluation only): 1 when it overlaps a `flag` span, 0 when it overlaps only `ok`
  spans or none (score.py counts such a finding as a false alarm), None (left out) when it
  overlaps an `optional` span and no `flag` one; matching is score.py's (line, column
  overlap, text containment);
- in a rule's example: 1 for the rule's own match in a `flag` sentence (when it has
  exactly one), 0 for the rule's matches in a `pass` sentence, None for other rules';
- in the sentences written for the model (`sentences/*.txt`): the label of the marked
  span it overlaps (⟦+words⟧ report, ⟦-words⟧ do not), None when it overlaps none.

`collect(sources)` returns a list of `Example`s; `SOURCES` names the training sources.
"""
from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from hr_lint import Linter, names, sense, voice
from hr_lint.candidate import Candidate
from hr_lint.config import builtin_rules
from hr_lint.engine import _MAX_SEGMENT, cap_sentences, match_form

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SENTENCES = Path(__file__).parent / "sentences"
EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".rst": "rst",
              ".txt": "text"}


@dataclass
class Example:
    source: str  # corpus, heldout, examples, sentences, realtext
    group: str  # the document (cross-validation keeps a group together)
    rules: list[str]  # the rules that matched at this place
    sense: str  # clean, users, abuse, capital
    text: str  # the matched words
    line: int
    column: int
    label: int | None
    rules_verdict: bool  # the rules' answer to this sense's question
    downstream_ok: bool  # no later stage (known name, negation, mention, overlap-free) drops it anyway
    features: list[str] = field(default_factory=list)
    context: str = ""  # the sentence, for reading errors (never written for the real-text set)


def _label_from_gold(gold: list[dict], line: int, column: int, text: str) -> int | None:
    """score.py's matching: 1 on a flag span, None on an optional one, else 0."""
    best = 0
    for g in gold:
        if g["line"] != line:
            continue
        a, b = (" ".join(x.lower().split()) for x in (text, g["text"]))
        if not (a and b and (a in b or b in a)):
            continue
        gs = int(g["column"])
        if not (column < gs + len(g["text"]) and gs < column + max(len(text), 1)):
            continue
        if g["label"] == "flag":
            return 1
        if g["label"] == "optional":
            best = None
    return best


class Extractor:
    """Runs the engine's matching on a text and records every covered candidate."""

    def __init__(self, settings: dict | None = None):
        """`settings`: the configuration whose rules match (training uses every rule,
        debated ones included: the name question is the same whatever the rule)."""
        self.linter = Linter(settings)
        self.engine = self.linter.engine
        self.engine.warm()
        from hr_lint.sense import Classes

        self.classes = Classes(classes_from_lexicon())

    def candidates(self, text: str, fmt: str, source: str, group: str, labeller,
                   names_only: bool = False) -> list[Example]:
        """The covered places in `text`. A capitalised match is a `capital` place when its
        rule's check keeps it (the name question only matters then), or always with
        `names_only`, for text whose marks say only whether a word is a name."""
        prepared = self.linter._prepare_source(text, fmt, group)
        if prepared.document is None:
            return []
        document = prepared.document
        engine = self.engine
        out: list[Example] = []
        places: dict = {}
        for seg in document.segments:
            pieces = [(0, len(seg.text))] if len(seg.text) <= _MAX_SEGMENT else engine._windows(seg.text)
            for lo, hi in pieces:
                piece = seg.text[lo:hi]
                # as Engine._lint_piece reads a piece (keep the two in step)
                doc = engine.nlp(match_form(piece))
                matches = engine.matcher(doc) + engine.exact_matcher(doc)
                if not matches:
                    continue
                cap_sentences(doc)
                blocked = [(s, e) for _, s, e in engine.names(doc)]
                quotes = voice.quote_spans(piece)
                named = engine.named(doc, matches)
                for match_id, start, end in matches:
                    rule, form = engine.keys[match_id]
                    cand = Candidate(rule, doc, start, end, form, engine.options.severity_for(rule), kind=seg.kind)
                    if not engine._context_ok(cand):
                        continue
                    check_name = rule.check.name if rule.check is not None else None
                    which = sense.sense_of(rule.id, check_name, cand.text)
                    capital = sense.is_capitalised(doc, start, end)
                    if which is None and not capital:
                        continue
                    is_name = names.capitalised_name(doc, start, end) or names.named_elsewhere(doc, start, end, named)
                    checked = copy.copy(cand)
                    check_ok = rule.check(checked) if rule.check is not None else True
                    s2, e2 = (checked.start, checked.end) if check_ok else (start, end)
                    downstream = not any(s < e2 and s2 < e for s, e in blocked)
                    if downstream and rule.skip_negated and voice.is_negated(doc, start):
                        downstream = False
                    if downstream:
                        v = copy.copy(checked if check_ok else cand)
                        downstream = engine._voice(v, piece, quotes)
                    units = []
                    if which is not None and not is_name:
                        t = sense.sense_token(doc, start, end, which)
                        units.append((which, t, t + 1, check_ok))
                    if capital and (check_ok or names_only):
                        # the capital question is asked of a match whose sense is right: is it a name?
                        units.append(("capital", start, end, not is_name))
                    for unit, us, ue, verdict in units:
                        key = (id(seg), lo, unit, us, ue)
                        if key in places:
                            e = places[key]
                            e.rules_verdict |= verdict
                            e.downstream_ok |= downstream
                            e.rules.append(rule.id)
                            continue
                        cs, ce = doc[us].idx, doc[ue - 1].idx + len(doc[ue - 1])
                        s_off, e_off = seg.source_span(lo + cs, lo + ce)
                        line, col = document.position(s_off)
                        matched = document.source[s_off:e_off]
                        label = labeller(line, col, matched, rule.id, (s_off, e_off))
                        e = Example(source, group, [rule.id], unit, matched, line, col, label, verdict, downstream,
                                    sense.features(doc, us, ue, seg.kind, self.classes, unit), doc[us].sent.text)
                        places[key] = e
                        out.append(e)
        return out


def classes_from_lexicon() -> dict:
    """The word classes the features use, copied from the English lexicon (stored with the
    weights, so the model means the same whatever later happens to the lexicon)."""
    from hr_lint.rules.en import lexicon as lx

    def spec(words, prefixes=()):
        return {"words": sorted(words), "prefixes": sorted(prefixes)}

    prepositions = {"of", "to", "for", "with", "from", "among", "by", "about", "on", "in", "at", "against",
                    "between", "into", "than", "like", "over", "under", "after", "before", "during"}
    return {
        "drug": spec(lx.SUBSTANCES | lx.DRUG_WORDS, lx.DRUG_PREFIXES),
        "tech": spec(lx.TECH_WORDS),
        "person": spec(lx.PERSON | lx.PLURAL_PEOPLE | lx.FIRST_PERSON),
        "time": spec(lx.TIME_UNITS),
        "thing": spec(lx.THING),
        "det": spec(lx.DETERMINERS),
        "prep": spec(prepositions),
        "violent": spec(lx.VIOLENT),
        "function": spec(lx.FUNCTION_WORDS),
        "linking": spec({"be", "is", "was", "were", "been", "being", "am", "are", "'s", "'m", "'re", "stay", "stays",
                         "stayed", "staying", "get", "gets", "got", "getting", "gotten", "remain", "remains",
                         "remained", "remaining", "keep", "keeps", "kept", "became", "become", "becomes", "feel",
                         "feels", "felt", "seem", "seems", "seemed", "come", "comes", "came", "went", "go"}),
    }


# -- sources -----------------------------------------------------------------------------------

def _gold(path: Path) -> dict[str, list[dict]]:
    by_file: dict[str, list[dict]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            by_file.setdefault(g["file"], []).append(g)
    return by_file


def annotated_set(ex: Extractor, docs: Path, gold_file: Path, source: str, prefix: str) -> list[Example]:
    gold = _gold(gold_file)
    out: list[Example] = []
    for path in sorted(docs.iterdir()):
        fmt = EXTENSIONS.get(path.suffix.lower())
        if fmt is None:
            continue
        text = path.read_text(encoding="utf-8")
        fmt = ex.linter._sniffed(fmt, str(path), text)
        spans = gold.get(path.name, [])
        out += ex.candidates(text, fmt, source, f"{prefix}/{path.name}",
                             lambda line, col, matched, rule, offs, spans=spans: _label_from_gold(spans, line, col, matched))
    return out


def corpus(ex: Extractor) -> list[Example]:
    return annotated_set(ex, SHARED / "corpus" / "docs", SHARED / "corpus" / "gold.jsonl", "corpus", "corpus")


def heldout(ex: Extractor) -> list[Example]:
    out: list[Example] = []
    for d in sorted((ROOT / "tests" / "fixtures").glob("heldout*")):
        out += annotated_set(ex, d / "docs", d / "gold.jsonl", "heldout", d.name)
    return out


def examples(ex: Extractor) -> list[Example]:
    out: list[Example] = []
    for rule in builtin_rules():
        for kind in ("flag", "pass"):
            for i, sentence in enumerate(rule.examples.get(kind, [])):
                found = ex.candidates(sentence, "text", "examples", f"examples/{rule.id}/{kind}/{i}",
                                      lambda *a: None)
                own = [e for e in found if rule.id in e.rules]
                spots = {(e.line, e.column) for e in own}
                for e in own:
                    e.label = 0 if kind == "pass" else (1 if len(spots) == 1 else None)
                out += [e for e in own if e.label is not None]
    return out


_MARK = re.compile(r"⟦([+-])(.*?)⟧", re.S)


def parse_marked(block: str) -> tuple[str, list[tuple[int, int, int]]]:
    """A block of marked text: (the plain text, [(start, end, label)])."""
    out, spans, pos = [], [], 0
    length = 0
    for m in _MARK.finditer(block):
        out.append(block[pos:m.start()])
        length += m.start() - pos
        words = m.group(2)
        spans.append((length, length + len(words), 1 if m.group(1) == "+" else 0))
        out.append(words)
        length += len(words)
        pos = m.end()
    out.append(block[pos:])
    return "".join(out), spans


def sentence_blocks(path: Path):
    """The blocks of a sentences file: items separated by blank lines. A block whose first
    line is '@markdown' is Markdown (its '#' lines are headings); in the others, plain
    text, lines that start with '#' are comments."""
    blocks = re.split(r"\n[ \t]*\n", path.read_text(encoding="utf-8"))
    for i, block in enumerate(blocks):
        lines = block.strip("\n").split("\n")
        fmt = "text"
        if lines[0].strip() == "@markdown":
            fmt, lines = "markdown", lines[1:]  # '#' starts a heading here, not a comment
        else:
            lines = [ln for ln in lines if not ln.startswith("#")]
        if any(ln.strip() for ln in lines):
            yield i, fmt, "\n".join(lines)


def sentences(ex: Extractor, folder: Path = SENTENCES, unmatched: list | None = None) -> list[Example]:
    """The sentences written for the model. Marks that no place of the file's sense
    overlaps (a word no rule matches there, or a segment the gates skip) are dead data:
    they are appended to `unmatched` as (file, block) when it is given."""
    out: list[Example] = []
    for path in sorted(folder.glob("*.txt")):
        for i, fmt, block in sentence_blocks(path):
            text, spans = parse_marked(block)
            hit_spans: set[int] = set()

            def labeller(line, col, matched, rule, offs, spans=spans, hit_spans=hit_spans):
                hit = None
                for n, (s, e, label) in enumerate(spans):
                    if s < offs[1] and offs[0] < e:
                        hit = label if hit is None else max(hit, label)
                        hit_spans.add(n)
                return hit

            found = ex.candidates(text, fmt, "sentences", f"sentences/{path.stem}/{i}", labeller,
                                  names_only=path.stem == "capital")
            if path.stem == "capital":
                found = [e for e in found if e.sense == "capital"]
            found = [e for e in found if e.label is not None]
            if unmatched is not None and (len(hit_spans) < len(spans) or not any(e.sense == path.stem for e in found)):
                unmatched.append((path.name, block))
            out += found
    return out


def realtext(ex: Extractor, texts: Path) -> list[Example]:
    """The real-text set's candidates, labelled by its gold: for evaluation only."""
    here = ROOT / "evaluation" / "realtext"
    gold = _gold(here / "gold.jsonl")
    out: list[Example] = []
    for path in sorted(texts.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        fmt = ex.linter._sniffed("text", str(path), text)
        spans = gold.get(path.name, [])
        found = ex.candidates(text, fmt, "realtext", f"realtext/{path.name}",
                              lambda line, col, matched, rule, offs, spans=spans: _label_from_gold(spans, line, col, matched))
        for e in found:
            e.context = ""  # third-party text stays out of anything written
        out += found
    return out


SOURCES = {"corpus": corpus, "heldout": heldout, "examples": examples, "sentences": sentences}


TRAINING_SETTINGS = {"debated": "report"}


def collect(names_: list[str] | None = None) -> list[Example]:
    ex = Extractor(TRAINING_SETTINGS)
    out: list[Example] = []
    for name in names_ or list(SOURCES):
        out += SOURCES[name](ex)
    return out
