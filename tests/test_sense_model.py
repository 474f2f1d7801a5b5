"""The sense model (hr_lint/sense.py): where it may overrule the rules, and what it may not do.

The mechanics are tested with models whose weights are written here (a bias alone makes
the model sure of its answer), so these tests do not move when the shipped model is
retrained; the shipped model is tested for what the project relies on: it is complete,
it is read only when needed, and it makes no project set worse than the rules alone.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from hr_lint import Linter, sense
from hr_lint.engine import _drop_overlaps

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "tools" / "sense"))


def sure(**policies) -> sense.SenseModel:
    """A model that is sure of every answer: sense=(policy, bias), bias +10 (p ~ 1: report,
    not a name) or -10 (p ~ 0); the senses not named keep to the rules."""
    shipped = sense.SenseModel.load()
    senses = {}
    for name in sense.SENSES:
        mode, bias = policies.get(name, ("rules", 0.0))
        senses[name] = {"bias": bias, "weights": {}, "policy": {"mode": mode, "veto_below": 0.5, "rescue_above": 0.5}}
    return sense.SenseModel({"classes": {n: {"words": sorted(shipped.classes.words[n]),
                                             "prefixes": list(shipped.classes.prefixes[n])}
                                         for n in shipped.classes.names}, "senses": senses})


def lint(text, model=None, config=None, fmt="text"):
    linter = Linter(config)
    linter.engine.sense_model = model if model is not None else False
    return [(f.rule, f.text, f.fix) for f in linter.lint_text(text, format=fmt)]


def trace(text, model, config=None):
    linter = Linter(config)
    linter.engine.sense_model = model
    linter.trace_engine.sense_model = model
    return [(o.rule, o.finding.text, o.reported, o.stage, o.reason) for o in linter.trace_text(text, format="text")]


# -- the shipped model ---------------------------------------------------------------------------

def test_the_shipped_model_has_every_sense_a_policy_and_its_word_classes():
    model = sense.SenseModel.load()
    assert set(model.senses) == set(sense.SENSES)
    for s in model.senses.values():
        assert s.policy.mode in sense.MODES
        assert 0 < s.policy.veto_below <= 1 and 0 <= s.policy.rescue_above < 1
        assert s.weights, s.name
    assert {"drug", "tech", "person"} <= set(model.classes.names)
    data = json.loads(Path(sense.MODEL_FILE).read_text(encoding="utf-8"))
    assert set(data["training_places"]) == set(sense.SENSES)


def test_the_model_file_is_read_only_when_a_covered_match_is_met():
    code = ("from hr_lint import Linter, sense\n"
            "l = Linter()\n"
            "l.lint_text('Three addicts came by. It was a good day.', format='text')\n"
            "print(sense._model is None)\n"
            "l.lint_text('She has been clean for a year.', format='text')\n"
            "print(sense._model is None)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "False"]


def _score_sets():
    sets = [(d.name, d / "docs", d / "gold.jsonl") for d in sorted(FIXTURES.glob("heldout*"))]
    if (SHARED / "corpus" / "gold.jsonl").exists():
        sets.append(("corpus", SHARED / "corpus" / "docs", SHARED / "corpus" / "gold.jsonl"))
    return sets


@pytest.mark.parametrize("name,docs,gold_file", _score_sets(), ids=[s[0] for s in _score_sets()])
def test_the_shipped_model_makes_no_project_set_worse(name, docs, gold_file):
    from scoring import score

    gold = [json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    results = []
    for model in (False, True):
        linter = Linter()
        linter.engine.sense_model = model
        found = [{"file": p.name, "line": f.line, "column": f.column, "text": f.text, "rule": f.rule}
                 for p in sorted(docs.iterdir()) for f in linter.lint_file(p)]
        tp, fp, fn, _, _ = score(gold, found)
        results.append((tp, fp))
    (tp0, fp0), (tp1, fp1) = results
    assert tp1 >= tp0 and fp1 <= fp0, f"{name}: rules alone tp {tp0} fp {fp0}, with the model tp {tp1} fp {fp1}"


# -- what the policies let the model do ------------------------------------------------------

def test_rules_policy_changes_nothing():
    text = ("She has been clean for two years. Volunteers clean the kitchen. Heroin users need naloxone. "
            "App users can log in. Substance abuse is rising. Child abuse is a crime. Hooker Avenue is closed.")
    assert lint(text, sure()) == lint(text)


def test_rescue_keeps_what_the_check_dropped_but_never_fixes_it_unattended():
    text = "Volunteers clean the kitchen every Friday."
    assert lint(text) == []
    found = lint(text, sure(clean=("rescue", 10.0)))
    assert found == [("clean-substance-status", "clean", None)]  # one rule reports the place, no fix
    rows = [r for r in trace(text, sure(clean=("rescue", 10.0))) if r[2]]
    assert rows and rows[0][3] == "model" and "kept against the check 'clean-status'" in rows[0][4]


def test_a_rescue_needs_the_words_the_file_gates_need():
    # bare 'users' is only kept beside drug talk, and the gates skip paragraphs without any:
    # a rescue there would find what a gated run cannot
    assert lint("App users can book online.", sure(users=("rescue", 10.0))) == []
    assert lint("The court found an abuse of discretion.", sure(abuse=("rescue", 10.0))) == []
    assert lint("App users can book naloxone online.", sure(users=("rescue", 10.0))) == [("user-noun", "users", None)]


def test_a_rescue_leaves_a_place_to_the_rule_that_claims_it():
    # 'drug users' is drug-user-identity's: identity-first ignores that rule, and the
    # model may not report the place under user-noun instead
    model = sure(users=("rescue", 10.0))
    assert lint("Our drug users program meets on Fridays.", model, {"extends": "identity-first"}) == []
    assert lint("Our drug users program meets on Fridays.", model) == [("drug-user-identity", "drug users", None)]


def test_veto_drops_what_the_check_kept_and_the_trace_says_so():
    text = "She has been clean for two years."
    assert lint(text) == [("clean-substance-status", "clean", None)]
    model = sure(clean=("veto", -10.0))
    assert lint(text, model) == []
    rows = [r for r in trace(text, model) if r[0] == "clean-substance-status"]
    assert rows[0][2:4] == (False, "model")
    assert "dropped against the check 'clean-status'" in rows[0][4]


def test_capital_veto_reads_a_capitalised_match_as_a_name_and_leaves_lower_case_alone():
    model = sure(capital=("veto", -10.0))
    assert lint("Addicts are welcome at the drop-in.", model) == []
    assert lint("We welcome addicts at the drop-in.", model) == [("addict-noun", "addicts", None)]
    rows = trace("Addicts are welcome at the drop-in.", model)
    assert [r[3] for r in rows if r[0] == "addict-noun"] == ["model"]


def test_model_policy_decides_alone():
    assert lint("Volunteers clean the kitchen.", sure(clean=("model", 10.0))) == [
        ("clean-substance-status", "clean", None)]
    assert lint("She has been clean for two years.", sure(clean=("model", -10.0))) == []


def test_a_rescued_match_yields_to_a_match_the_rules_kept():
    linter = Linter()
    found = {f.rule: f for f in linter.lint_text("We give out clean needles.", format="text")}
    assert "clean-dirty-syringes" in found
    from hr_lint.candidate import Candidate

    doc = linter.engine.nlp("We give out clean needles.")
    rules = linter.engine.by_id
    longer = Candidate(rules["clean-dirty-syringes"], doc, 3, 5, "plural", "info")
    longer.rescued = True
    shorter = Candidate(rules["clean-substance-status"], doc, 3, 4, None, "warning")
    assert _drop_overlaps([longer, shorter]) == [shorter]


# -- the training tools ------------------------------------------------------------------------

def test_training_is_deterministic_and_learns_a_separable_sense():
    import train

    rows = [["w-1=stay", "bow=sober"], ["w-1=been", "bow=sober"], ["w+1=kitchen"], ["w+1=water", "bow=lake"]] * 3
    labels = [1, 1, 0, 0] * 3
    a = train.Logistic(1.0).fit(rows, labels)
    b = train.Logistic(1.0).fit(rows, labels)
    assert a.weights() == b.weights() and a.b == b.b
    p = a.predict([["w-1=stay"], ["w+1=kitchen"]])
    assert p[0] > 0.5 > p[1]


def test_marked_sentences_parse_to_plain_text_and_spans():
    import data

    text, spans = data.parse_marked("She got ⟦+clean⟧ and kept the kitchen ⟦-clean⟧ too.")
    assert text == "She got clean and kept the kitchen clean too."
    assert [(text[s:e], label) for s, e, label in spans] == [("clean", 1), ("clean", 0)]


def test_every_sentence_written_for_the_model_is_a_place_it_learns_from():
    import data

    unmatched = []
    examples = data.sentences(data.Extractor(data.TRAINING_SETTINGS), unmatched=unmatched)
    assert not unmatched, "marks that no place of the file's sense overlaps:\n" + "\n".join(
        f"{f}: {b}" for f, b in unmatched)
    assert {e.sense for e in examples} == set(sense.SENSES)


def test_the_shipped_model_is_what_training_on_todays_rules_gives(capsys):
    # A rule, check or lexicon change moves the places the model is trained on; a model left
    # stale decides on features the engine no longer gives. Retrain with tools/sense/train.py
    # (docs/sense-model.md) when this fails.
    import data
    import train

    status = train.check(train.usable(data.collect()), train.OUT)
    assert status == 0, capsys.readouterr().out
