"""The check registry and the rule layer's shape: every check is documented and bound to the
rules it serves, rules and checks agree both ways, no check reads a rule id, and check
modules import only their language's lexicon and the candidate API."""
import ast
import dataclasses
from pathlib import Path

import pytest

from hr_lint import Linter
from hr_lint.config import builtin_rules
from hr_lint.engine import get_nlp
from hr_lint.rules import registry
from hr_lint.rules.api import Candidate, check
from hr_lint.rules.registry import RegistryError

RULES_DIR = Path(registry.__file__).parent
CHECK_MODULES = sorted(p for lang in registry.languages() for p in (RULES_DIR / lang).glob("*.py")
                       if p.stem not in ("__init__", registry.LEXICON))
LEXICONS = [RULES_DIR / lang / f"{registry.LEXICON}.py" for lang in registry.languages()]
STDLIB = {"__future__", "re"}


def test_every_check_is_documented_and_bound_or_generic():
    checks = registry.checks()
    assert len(checks) > 60
    for c in checks:
        assert len(c.doc.split()) >= 10, f"{c.name}: its docstring should say which senses it separates"
        assert bool(c.rules) != c.generic, c.name
        assert c.topic, f"{c.name}: its module needs a docstring"


def test_every_built_in_rule_names_a_check_bound_to_it():
    named = [r for r in builtin_rules() if r.check is not None]
    assert len(named) >= 70
    for rule in named:
        assert rule.id in rule.check.rules, (rule.id, rule.check.name)
    bound = {rule_id for c in registry.checks() for rule_id in c.rules}
    assert bound == {r.id for r in named}


def test_renaming_a_rule_without_its_check_is_a_load_error():
    rules = [dataclasses.replace(r, id="clean-status-of-a-person") if r.id == "clean-substance-status" else r
             for r in builtin_rules()]
    with pytest.raises(LookupError, match="check 'clean-status' is bound to rule 'clean-substance-status', "
                                          "which does not exist"):
        registry.validate(rules)


def test_a_rule_that_drops_its_check_is_a_load_error():
    rules = [dataclasses.replace(r, check=None) if r.id == "clean-time" else r for r in builtin_rules()]
    with pytest.raises(LookupError, match="rule 'clean-time': check 'clean-time' is bound to it, but the rule "
                                          "names no check"):
        registry.validate(rules)


def test_the_sense_model_covers_rules_by_id_and_renaming_one_is_a_load_error():
    from hr_lint import sense

    sense.validate(builtin_rules())
    renamed = [dataclasses.replace(r, id="user-bare-noun") if r.id == "user-noun" else r for r in builtin_rules()]
    with pytest.raises(LookupError, match="the sense model .* covers rule 'user-noun', which does not exist"):
        sense.validate(renamed)
    other = registry.get("drug-context")
    swapped = [dataclasses.replace(r, check=other) if r.id == "clean-time" else r for r in builtin_rules()]
    with pytest.raises(LookupError, match="rule 'clean-time': the sense model covers it as deciding with check "
                                          "'clean-time', but the rule names check 'drug-context'"):
        sense.validate(swapped)


def test_bind_names_the_rule():
    with pytest.raises(LookupError, match=r"rule 'x': unknown check 'clean-staus' \(did you mean 'clean-status'\?\)"):
        registry.bind("x", "clean-staus")
    with pytest.raises(LookupError, match="rule 'x': check 'user-bare' is bound to rule 'user-noun', not to this rule"):
        registry.bind("x", "user-bare")
    assert registry.bind("x", "drug-context").generic
    assert registry.bind("user-noun", "user-bare").name == "user-bare"


def test_custom_rules_may_name_a_generic_check(tmp_path):
    rules = tmp_path / "org.yaml"
    rules.write_text("""\
category: our-policy
rules:
  - id: party-favors
    message: "Say what the drugs are."
    terms: [party favor]
    check: drug-context
    examples:
      flag: ["He brought party favors, mostly pills and coke, to the rave."]
      pass: ["The kids took party favors home from the birthday."]
""", encoding="utf-8")
    linter = Linter({"rules": [str(rules)], "select": ["party-favors"]})
    assert [f.text for f in linter.lint_text("He brought party favors, mostly pills and coke.", "text")] == [
        "party favors"]
    assert linter.lint_text("The kids took party favors home from the birthday.", "text") == []


def test_declaring_a_check_wrongly_is_refused():
    def undocumented(c):
        return True

    def documented(c):
        """Decides nothing at all, for this test: it is never registered."""
        return True

    with pytest.raises(RegistryError, match="needs a docstring"):
        check("test-undocumented", rules=["x"])(undocumented)
    with pytest.raises(RegistryError, match="already registered"):
        check("clean-status", rules=["clean-substance-status"])(documented)
    with pytest.raises(RegistryError, match="bound to rule ids, or be generic"):
        check("test-unbound")(documented)
    with pytest.raises(RegistryError, match="not kebab-case"):
        check("Test_Check", rules=["x"])(documented)
    assert registry.get("test-undocumented") is None and registry.get("test-unbound") is None


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, 0
        elif isinstance(node, ast.ImportFrom):
            yield node.module or "", node.level


@pytest.mark.parametrize("path", CHECK_MODULES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_check_modules_import_only_their_lexicon_and_the_candidate_api(path):
    for module, level in _imports(path):
        assert (module, level) in (("lexicon", 1), ("api", 2)) or (level == 0 and module in STDLIB), \
            f"{path.name} imports {'.' * level}{module}: checks use .lexicon and ..api only"


@pytest.mark.parametrize("path", LEXICONS, ids=lambda p: p.parent.name)
def test_the_lexicon_imports_only_the_candidate_api(path):
    for module, level in _imports(path):
        assert (module, level) == ("api", 2) or (level == 0 and module in STDLIB), (path, module)


@pytest.mark.parametrize("path", CHECK_MODULES + LEXICONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_check_reads_the_rule(path):
    """A check decides by the words, never by which rule it serves (`c.rule`, a rule id)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "rule":
            pytest.fail(f"{path.name}:{node.lineno} reads .rule")
        if isinstance(node, ast.arg) and node.arg in ("rule", "rule_id", "rid"):
            pytest.fail(f"{path.name}:{node.lineno} takes a rule id")


def test_person_nouns_are_one_class_in_the_lexicon():
    """A check that keeps only some nouns for people draws them from the lexicon's class
    (a new person noun goes there, where every check sees it), and no check module defines a
    word class under a lexicon name."""
    from hr_lint.rules.en import addict, alcoholic, diagnosis, lexicon

    people = lexicon.PERSON_NOUNS | lexicon.PLURAL_PEOPLE
    for name, selection in [("addict._PERSON_NOUNS", addict._PERSON_NOUNS),
                            ("alcoholic._PERSON_NOUNS", alcoholic._PERSON_NOUNS),
                            ("diagnosis._TAKEN_NOUNS", diagnosis._TAKEN_NOUNS)]:
        assert selection <= people, (name, sorted(selection - people))
    shared = {n for n in vars(lexicon) if n.isupper()}
    for path in CHECK_MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                if isinstance(target, ast.Name):
                    assert target.id not in shared, f"{path.name} defines {target.id}, a lexicon class"


def test_plural_person():
    from hr_lint.rules.en.lexicon import plural_person

    assert [w for w in ("clients", "people", "families", "boss", "man", "youth", "mother") if plural_person(w)] == [
        "clients", "people", "families", "youth"]


@pytest.fixture(scope="module")
def doc():
    return get_nlp()("Nobody came. Three clients who use drugs came by the van today. It rained.")


def test_the_neighbourhood_api_agrees_for_a_match_and_a_token(doc):
    rule = builtin_rules()[0]
    start = [t.text for t in doc].index("who")
    c = Candidate(rule, doc, start, start + 3, None, "warning")  # 'who use drugs'
    assert c.words_before(3) == ["clients", "three"]  # nearest first, not across the sentence
    assert c.words_before(3, cross_sentence=True) == ["clients", "three", "."]
    assert c.words_after(2) == ["came", "by"]
    assert [t.text for t in c.before(2)] == ["clients", "Three"]
    assert c.word_before == "clients" and c.word_after == "came"
    from hr_lint.rules.api import sentence_span, tokens_after, tokens_before, words_around

    assert [t.text for t in tokens_before(doc, start, 2)] == ["clients", "Three"]
    assert [t.text for t in tokens_after(doc, start + 2, 2)] == ["came", "by"]
    assert "nobody" not in c.nearby_words() and {"nobody", "rained"} <= c.nearby_words(1)
    assert c.nearby_words(1) == words_around(doc, start, 1)
    lo, hi = sentence_span(doc, start)
    assert doc[lo].text == "Three" and doc[hi - 1].text == "."
    c.suggest(["  people who use   drugs ", ""])
    assert c.alternatives == ["people who use drugs"]
