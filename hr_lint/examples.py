"""Every rule's own examples: each `flag` sentence must give a finding of the rule, each
`pass` sentence none. One runner serves the loading of custom rules (a broken rule stops
the run), `hr-lint --check-rules` and the tests (tests/test_rule_examples.py).

Examples describe the rule itself, not a configuration: they are judged by an engine
holding the rules being checked together (so a longer match of another rule takes its
place as it would in a run) with the default options: no allow list, quoted speech and
first person at info, attribute text linted.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import readers
from .engine import Engine, EngineOptions
from .rulebook import Rule

KINDS = ("flag", "pass")


@dataclass(frozen=True)
class ExampleProblem:
    """An example its rule does not satisfy."""

    rule: Rule
    kind: str  # "flag" or "pass"
    index: int  # the example's place in its list
    sentence: str
    found: str | None = None  # for a pass example: the words that were flagged

    @property
    def message(self) -> str:
        if self.kind == "flag":
            return f"rule '{self.rule.id}': expected the flag example to be flagged, but it is not: {self.sentence!r}"
        return (f"rule '{self.rule.id}': expected the pass example not to be flagged, but "
                f"'{self.found}' is: {self.sentence!r}")

    @property
    def line(self) -> int | None:
        """The example's line in its rule file (the rule's own line if it cannot be found)."""
        from .yamlload import ConfigError, LineList, line_of, load_yaml_file

        try:
            data = load_yaml_file(self.rule.origin)
        except ConfigError:
            return self.rule.line
        items = data.get("rules") if isinstance(data, dict) else data
        for item in items or []:
            if isinstance(item, dict) and item.get("id") == self.rule.id:
                examples = item.get("examples")
                if isinstance(examples, dict) and isinstance(examples.get(self.kind), LineList):
                    return examples[self.kind].line_of_item(self.index)
                return line_of(examples) or self.rule.line
        return self.rule.line


def engine_for(rules: list[Rule]) -> dict[str, Engine]:
    """The engines examples are judged by, one per language (an example is in its rule's
    language): these rules together, default options."""
    return {lang: Engine([r for r in rules if r.language == lang], EngineOptions(), language=lang)
            for lang in sorted({r.language for r in rules})}


def judge(engine: Engine | dict[str, Engine], rule: Rule, kind: str, index: int,
          sentence: str) -> ExampleProblem | None:
    """The problem with one example of `rule`, or None when it is satisfied."""
    if isinstance(engine, dict):
        engine = engine[rule.language]
    hits = [f for f in engine.lint(readers.parse(sentence, "text"), "<example>") if f.rule == rule.id]
    if kind == "flag" and not hits:
        return ExampleProblem(rule, kind, index, sentence)
    if kind == "pass" and hits:
        return ExampleProblem(rule, kind, index, sentence, hits[0].text)
    return None


def cases(rules: list[Rule]):
    """(rule, kind, index, sentence) for every example of every rule."""
    for rule in rules:
        for kind in KINDS:
            for index, sentence in enumerate(rule.examples.get(kind, [])):
                yield rule, kind, index, sentence


def check(rules: list[Rule], engine: Engine | dict[str, Engine] | None = None,
          only: list[Rule] | None = None) -> list[ExampleProblem]:
    """Every problem with the examples of `only` (default: all of `rules`), judged by an
    engine holding `rules`."""
    engine = engine or engine_for(rules)
    return [p for case in cases(only if only is not None else rules) if (p := judge(engine, *case)) is not None]
