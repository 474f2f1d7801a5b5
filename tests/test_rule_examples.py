"""Every rule carries sentences it must flag and sentences it must leave alone."""
import pytest

from hr_lint import Linter
from hr_lint.config import builtin_rules

# every rule, debated terms included (the default policy does not report those)
LINTER = Linter({"debated": "report"})
CASES = [
    (rule.id, kind, sentence)
    for rule in builtin_rules()
    for kind in ("flag", "pass")
    for sentence in rule.examples.get(kind, [])
]


def test_every_rule_has_examples_both_ways():
    thin = [r.id for r in builtin_rules() if len(r.examples.get("flag", [])) < 2 or len(r.examples.get("pass", [])) < 2]
    assert not thin, f"rules with fewer than two flag or pass examples: {thin}"


@pytest.mark.parametrize("rule_id,kind,sentence", CASES, ids=[f"{r}-{k}-{i}" for i, (r, k, _) in enumerate(CASES)])
def test_rule_example(rule_id, kind, sentence):
    hits = [f for f in LINTER.lint_text(sentence, format="text") if f.rule == rule_id]
    if kind == "flag":
        assert hits, f"{rule_id} should flag: {sentence}"
    else:
        assert not hits, f"{rule_id} should not flag {hits[0].text!r} in: {sentence}"
