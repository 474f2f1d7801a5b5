"""Every rule carries sentences it must flag and sentences it must leave alone, judged by the
runner that also checks custom rules and `hr-lint --check-rules` (hr_lint/examples.py)."""
import pytest

from hr_lint import Linter, examples
from hr_lint.config import builtin_rules

RULES = builtin_rules()
ENGINE = examples.engine_for(RULES)
CASES = list(examples.cases(RULES))


def test_every_rule_has_examples_both_ways():
    thin = [r.id for r in RULES if len(r.examples.get("flag", [])) < 2 or len(r.examples.get("pass", [])) < 2]
    assert not thin, f"rules with fewer than two flag or pass examples: {thin}"


@pytest.mark.parametrize("rule,kind,index,sentence", CASES,
                         ids=[f"{r.id}-{k}-{i}" for r, k, i, _ in CASES])
def test_rule_example(rule, kind, index, sentence):
    problem = examples.judge(ENGINE, rule, kind, index, sentence)
    assert problem is None, problem.message


def test_the_runner_judges_as_linting_does():
    """The examples' engine (every rule, default options, no gates) and a default Linter
    (gates, suppression) agree on every example."""
    linter = Linter({"debated": "report"})  # every rule, debated terms included, as the examples
    for rule, kind, _, sentence in CASES[::7]:  # each in its rule's language
        expected = [(f.rule, f.text) for f in linter.lint_text(sentence, format="text", language=rule.language)]
        engine = ENGINE[rule.language]
        assert [(f.rule, f.text) for f in engine.lint(examples.readers.parse(sentence, "text"), "<t>")] == expected


def test_a_broken_example_is_reported_with_its_line(tmp_path):
    rules = tmp_path / "org.yaml"
    rules.write_text("""\
rules:
  - id: super-utilizer
    category: our-policy
    message: Describe the need instead.
    terms: [super utilizer]
    examples:
      flag:
        - He is a super utilizer.
        - Nothing here.
      pass: [The super utilizer program pays rent.]
""", encoding="utf-8")
    from hr_lint.rulebook import load_wordlist

    custom = load_wordlist(str(rules))
    problems = examples.check(custom)
    assert [(p.rule.id, p.kind, p.index, p.line) for p in problems] == [
        ("super-utilizer", "flag", 1, 9), ("super-utilizer", "pass", 0, 10)]
    assert problems[1].message == ("rule 'super-utilizer': expected the pass example not to be flagged, "
                                   "but 'super utilizer' is: 'The super utilizer program pays rent.'")
