#!/usr/bin/env python3
"""Train the sense model (hr_lint/sense_model.json) and measure it against the rules.

    python tools/sense/train.py                 # cross-validate, train on everything, write the model
    python tools/sense/train.py --cv-only       # cross-validation table only, nothing written
    python tools/sense/train.py --realtext /tmp/realtext   # also per-sense accuracy on the real-text set

Training data: the project's own annotated spans only (tools/sense/data.py): the
development corpus (../shared/corpus), the held-out fixtures (tests/fixtures/heldout*),
the rules' examples and the sentences written for the model (tools/sense/sentences/).
The real-text set is never trained on; `--realtext` only measures.

One logistic regression per sense (clean, users, abuse, capital) over binary features
(hr_lint/sense.features), fitted by Newton's method with an L2 penalty: no randomness,
so the same data give the same weights to the last digit. The penalty is chosen per sense
by grouped cross-validation (folds by document, assigned by a hash of the document's
name, so they are the same on every run). Features seen in fewer than two training
places are dropped.

Every option is measured per sense on the places where the sense decides the outcome
(the match is not dropped later as a known name, a mention or negated):

- rules: the name heuristic and the rule's check, as shipped;
- model: the model alone (p >= 0.5);
- veto: the rules, but a place they keep is dropped when p < VETO (0.5 and 0.2);
- rescue: the rules, but a place they drop is kept when p >= RESCUE (0.5 and 0.8).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import data  # noqa: E402

from hr_lint import sense  # noqa: E402

OUT = data.ROOT / "hr_lint" / "sense_model.json"
FOLDS = 5
LAMBDAS = (0.3, 1.0, 3.0, 10.0)
MIN_COUNT = 2
# What each sense's model may do in the shipped engine, decided from the measurements
# (docs/sense-model.md): "rules" keeps the model out.
POLICY = {
    "clean": sense.Policy("rescue", rescue_above=0.8),
    "users": sense.Policy("rules"),
    "abuse": sense.Policy("rescue", rescue_above=0.8),
    "capital": sense.Policy("rules"),
}
OPTIONS = [("rules", None), ("model", None), ("veto", 0.5), ("veto", 0.2), ("rescue", 0.5), ("rescue", 0.8),
           ("both", (0.2, 0.8))]


def fold_of(group: str) -> int:
    return int(hashlib.sha256(group.encode()).hexdigest(), 16) % FOLDS


# -- logistic regression ---------------------------------------------------------------------

class Logistic:
    def __init__(self, lam: float):
        self.lam = lam
        self.index: dict[str, int] = {}
        self.w = np.zeros(0)
        self.b = 0.0

    def _matrix(self, rows: list[list[str]]) -> np.ndarray:
        x = np.zeros((len(rows), len(self.index)))
        for i, feats in enumerate(rows):
            for f in set(feats):
                j = self.index.get(f)
                if j is not None:
                    x[i, j] = 1.0
        return x

    def fit(self, rows: list[list[str]], y: list[int]) -> Logistic:
        counts: dict[str, int] = {}
        for feats in rows:
            for f in set(feats):
                counts[f] = counts.get(f, 0) + 1
        self.index = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
        x = self._matrix(rows)
        x = np.hstack([x, np.ones((len(rows), 1))])  # the bias, last, not penalised
        t = np.asarray(y, dtype=float)
        d = x.shape[1]
        w = np.zeros(d)
        reg = np.full(d, self.lam)
        reg[-1] = 1e-2  # the bias: all but free
        n = x.shape[0]
        for _ in range(50):
            p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
            grad = x.T @ (p - t) + reg * w
            v = np.maximum(p * (1 - p), 1e-9)
            if d <= n:
                step = np.linalg.solve((x * v[:, None]).T @ x + np.diag(reg), grad)
            else:
                # Woodbury: (R + X'VX)^-1 g through an n x n system (far fewer places than features)
                rg = grad / reg
                xr = x / reg
                inner = np.diag(1.0 / v) + xr @ x.T
                step = rg - xr.T @ np.linalg.solve(inner, x @ rg)
            w -= step
            if np.max(np.abs(step)) < 1e-8:
                break
        self.w, self.b = w[:-1], float(w[-1])
        return self

    def predict(self, rows: list[list[str]]) -> np.ndarray:
        x = self._matrix(rows)
        return 1.0 / (1.0 + np.exp(-np.clip(x @ self.w + self.b, -30, 30)))

    def weights(self) -> dict[str, float]:
        return {f: round(float(self.w[j]), 4) for f, j in sorted(self.index.items()) if abs(self.w[j]) >= 5e-4}


# -- measuring -------------------------------------------------------------------------------

def decide(option: str, arg, rules: bool, p: float) -> bool:
    if option == "veto":
        pol = sense.Policy("veto", veto_below=arg)
    elif option == "rescue":
        pol = sense.Policy("rescue", rescue_above=arg)
    elif option == "both":
        pol = sense.Policy("both", veto_below=arg[0], rescue_above=arg[1])
    else:
        pol = sense.Policy(option)
    return sense.Sense("x", 0.0, {}, pol).verdict(p, rules)


def option_name(option: str, arg) -> str:
    if arg is None:
        return option
    if isinstance(arg, tuple):
        return f"{option} <{arg[0]}/>={arg[1]}"
    return f"{option} {'<' if option == 'veto' else '>='}{arg}"


def accuracy_table(examples, probs) -> dict[str, dict[str, tuple[int, int, int, int]]]:
    """sense -> option -> (correct, total, false keeps, false drops)."""
    table: dict[str, dict[str, tuple[int, int, int, int]]] = {}
    for s in sense.SENSES:
        idx = [i for i, e in enumerate(examples) if e.sense == s]
        row = {}
        for option, arg in OPTIONS:
            correct = fk = fd = 0
            for i in idx:
                e = examples[i]
                v = decide(option, arg, e.rules_verdict, probs[i])
                correct += v == bool(e.label)
                fk += v and not e.label
                fd += (not v) and bool(e.label)
            row[option_name(option, arg)] = (correct, len(idx), fk, fd)
        table[s] = row
    return table


def print_table(title: str, table) -> None:
    print(f"\n{title}")
    names = list(next(iter(table.values())).keys())
    print(f"{'sense':8s} " + " ".join(f"{n:>16s}" for n in names))
    for s, row in table.items():
        cells = []
        for n in names:
            c, t, fk, fd = row[n]
            cells.append(f"{c}/{t} ({fk}+{fd})" if t else "-")
        print(f"{s:8s} " + " ".join(f"{c:>16s}" for c in cells))
    print("cells: correct/places (wrongly kept + wrongly dropped)")


def usable(examples):
    return [e for e in examples if e.label is not None and e.downstream_ok]


def cross_validate(examples, lam_by_sense: dict[str, float]) -> np.ndarray:
    probs = np.zeros(len(examples))
    for s in sense.SENSES:
        idx = [i for i, e in enumerate(examples) if e.sense == s]
        for k in range(FOLDS):
            train = [i for i in idx if fold_of(examples[i].group) != k]
            test = [i for i in idx if fold_of(examples[i].group) == k]
            if not test or len({examples[i].label for i in train}) < 2:
                continue
            m = Logistic(lam_by_sense[s]).fit([examples[i].features for i in train], [examples[i].label for i in train])
            probs[test] = m.predict([examples[i].features for i in test])
    return probs


def log_loss(examples, probs, s: str) -> float:
    idx = [i for i, e in enumerate(examples) if e.sense == s]
    p = np.clip(probs[idx], 1e-6, 1 - 1e-6)
    y = np.array([examples[i].label for i in idx], dtype=float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def choose_lambdas(examples) -> dict[str, float]:
    best: dict[str, tuple[float, float]] = {}
    for lam in LAMBDAS:
        probs = cross_validate(examples, {s: lam for s in sense.SENSES})
        for s in sense.SENSES:
            loss = log_loss(examples, probs, s)
            if s not in best or loss < best[s][1] - 1e-9:
                best[s] = (lam, loss)
    return {s: lam for s, (lam, _) in best.items()}


def train_all(examples, lams) -> dict[str, Logistic]:
    models = {}
    for s in sense.SENSES:
        rows = [e for e in examples if e.sense == s]
        models[s] = Logistic(lams[s]).fit([e.features for e in rows], [e.label for e in rows])
    return models


def model_json(models: dict[str, Logistic], classes: dict, counts: dict) -> dict:
    return {
        "version": 1,
        "about": "hr-lint sense model: one logistic regression per sense over hr_lint.sense.features; "
                 "written by tools/sense/train.py from the project's own annotated spans (docs/sense-model.md)",
        "training_places": counts,
        "classes": classes,
        "senses": {s: {"bias": round(m.b, 4), "lambda": m.lam, "policy": POLICY[s].to_dict(), "weights": m.weights()}
                   for s, m in models.items()},
    }


def counts_by_sense(examples) -> dict:
    out: dict[str, dict[str, int]] = {}
    for e in examples:
        row = out.setdefault(e.sense, {})
        row[e.source] = row.get(e.source, 0) + 1
        row["positive" if e.label else "negative"] = row.get("positive" if e.label else "negative", 0) + 1
    return {s: dict(sorted(out[s].items())) for s in sense.SENSES if s in out}


def realtext_halves() -> dict[str, str]:
    """file -> half (A or B) from the real-text manifest: the two annotators' shares, used
    to choose a policy on one half and check it on the other."""
    manifest = data.ROOT / "evaluation" / "realtext" / "manifest.jsonl"
    return {r["file"]: r["half"] for r in map(json.loads, manifest.read_text(encoding="utf-8").splitlines()) if r}


def check(examples, path: Path) -> int:
    """Is the committed model what training on today's data and features gives? The data
    (the places the engine matches) and the features move with the rules and the code."""
    committed = json.loads(path.read_text(encoding="utf-8"))
    lams = {s: committed["senses"][s]["lambda"] for s in sense.SENSES}
    fresh = model_json(train_all(examples, lams), data.classes_from_lexicon(), counts_by_sense(examples))
    stale = []
    if fresh["classes"] != committed["classes"]:
        stale.append("the word classes (the lexicon changed)")
    for s in sense.SENSES:
        a, b = fresh["senses"][s], committed["senses"][s]
        if b["policy"] != POLICY[s].to_dict():
            stale.append(f"{s}: policy {b['policy']} committed, {POLICY[s].to_dict()} in train.py")
        keys = set(a["weights"]) | set(b["weights"])
        worst = max([abs(a["weights"].get(k, 0.0) - b["weights"].get(k, 0.0)) for k in keys] + [abs(a["bias"] - b["bias"])])
        if worst > 1e-3:
            stale.append(f"{s}: weights differ by up to {worst:.4f} ({fresh['training_places'].get(s)} places now, "
                         f"{committed['training_places'].get(s)} when trained)")
    if stale:
        print(f"{path} is out of date; run python tools/sense/train.py and measure again (docs/sense-model.md):")
        for line in stale:
            print("  " + line)
        return 1
    print(f"{path} is up to date")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cv-only", action="store_true", help="cross-validate only, write nothing")
    ap.add_argument("--realtext", metavar="DIR", help="also measure on the real-text set's texts in DIR")
    ap.add_argument("--out", default=str(OUT), help="where to write the model (default: %(default)s)")
    ap.add_argument("--errors", metavar="SENSE", help="print the cross-validation errors of a sense (training data)")
    ap.add_argument("--check", action="store_true",
                    help="retrain with the committed penalties and say whether the committed model is up to date "
                         "(exit 1 if not); nothing written")
    a = ap.parse_args(argv)

    examples = usable(data.collect())
    if a.check:
        return check(examples, Path(a.out))
    counts = counts_by_sense(examples)
    print("training places (usable: labelled, not dropped by a later stage)")
    for s, row in counts.items():
        print(f"  {s:8s} {row}")
    lams = choose_lambdas(examples)
    print("penalty by sense:", lams)
    probs = cross_validate(examples, lams)
    print_table(f"{FOLDS}-fold cross-validation by document, training data", accuracy_table(examples, probs))
    if a.errors:
        for i, e in enumerate(examples):
            if e.sense == a.errors and (probs[i] >= 0.5) != bool(e.label):
                print(f"  label {e.label} p={probs[i]:.2f} rules={int(e.rules_verdict)} {e.group}: {e.text!r} | "
                      + " ".join(e.context.split())[:140])
    models = train_all(examples, lams)
    if a.realtext:
        ex = data.Extractor()
        real = usable(data.realtext(ex, Path(a.realtext)))
        rp = np.zeros(len(real))
        for s, m in models.items():
            idx = [i for i, e in enumerate(real) if e.sense == s]
            if idx:
                rp[idx] = m.predict([real[i].features for i in idx])
        print_table("real-text set (evaluation only), model trained on all training data", accuracy_table(real, rp))
        halves = realtext_halves()
        for half in ("A", "B"):
            idx = [i for i, e in enumerate(real) if halves.get(e.group.split("/", 1)[1]) == half]
            print_table(f"real-text set, half {half} only", accuracy_table([real[i] for i in idx], rp[idx]))
    if not a.cv_only:
        Path(a.out).write_text(json.dumps(model_json(models, data.classes_from_lexicon(), counts), indent=1,
                                          sort_keys=False) + "\n", encoding="utf-8")
        print(f"\nwrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
