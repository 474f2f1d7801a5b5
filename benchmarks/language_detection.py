#!/usr/bin/env python3
"""How well, how fast and at what cost do language detectors tell English from Spanish
paragraphs? The measurement behind docs/language-detection.md.

    python benchmarks/language_detection.py [--libraries]

Paragraphs are the prose segments hr-lint's readers make of documents whose language is
known: English from tests/fixtures/heldout* (and ../shared/corpus/docs and a folder of
real-text excerpts given with --en-texts, when present), Spanish from
evaluation/es-corpus/docs (its two bilingual documents left out) and a folder given with
--es-texts. Each paragraph is labelled with its document's language and bucketed by
length in words. A paragraph counts as right when the detector names its document's
language; hr-lint's detector abstains when a paragraph holds no evidence (a name, a
number, a one-word heading), which counts as not right here, and the `wrong` column counts
only answers that name the other language. hr-lint's own detector (hr_lint/language.py) is always measured; with
--libraries, each of langdetect, py3langid, pycld2 and Lingua that is installed is too,
restricted to English and Spanish where the library allows it. Start-up is the time of a
fresh process that imports the detector and classifies one sentence, less that of a bare
interpreter; size is the installed files of the package and its own dependencies.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BUCKETS = [(1, 3), (4, 8), (9, 20), (21, 10_000)]


def paragraphs(folders: list[Path], label: str) -> list[tuple[str, str]]:
    from hr_lint import readers

    out = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            fmt = readers.format_for_path(str(path))
            if fmt not in ("markdown", "html", "rst", "text") or "bilingue" in path.name:
                continue
            doc = readers.parse(path.read_text(encoding="utf-8", errors="replace"), fmt)
            for seg in doc.segments:
                words = seg.text.split()
                if sum(any(ch.isalpha() for ch in w) for w in words) >= 1:
                    out.append((seg.text, label))
    return out


def hr_lint_detector():
    from hr_lint import language

    return lambda text: language.detect(text)  # None: no evidence (hr-lint then uses the document's language)


def langdetect_detector():
    from langdetect import DetectorFactory, detect_langs

    DetectorFactory.seed = 0

    def detect(text):
        try:
            probs = {p.lang: p.prob for p in detect_langs(text)}
        except Exception:
            return "en"
        return "es" if probs.get("es", 0) > probs.get("en", 0) else "en"
    return detect


def py3langid_detector():
    from py3langid import langid

    langid.set_languages(["en", "es"])
    return lambda text: langid.classify(text)[0]


def pycld2_detector():
    import pycld2

    def detect(text):
        try:
            _, _, details = pycld2.detect(text)
        except Exception:
            return "en"
        scores = {code: pct for _, code, pct, _ in details}
        return "es" if scores.get("es", 0) > scores.get("en", 0) else "en"
    return detect


def lingua_detector():
    from lingua import Language, LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.SPANISH).build()

    def detect(text):
        found = detector.detect_language_of(text)
        return "es" if found == Language.SPANISH else "en"
    return detect


DETECTORS = {
    # the module alone, as `Linter` has it loaded anyway: what detection adds to a start
    "hr-lint (function words)": (hr_lint_detector, None,
                                 "import importlib.util as u; s = u.spec_from_file_location('l', 'hr_lint/language.py'); "
                                 "m = u.module_from_spec(s); import sys; sys.modules['l'] = m; s.loader.exec_module(m); m.detect('{s}')"),
    "langdetect 1.0.9": (langdetect_detector, "langdetect",
                         "from langdetect import detect; detect('{s}')"),
    "py3langid": (py3langid_detector, "py3langid",
                  "import py3langid; py3langid.classify('{s}')"),
    "pycld2": (pycld2_detector, "pycld2", "import pycld2; pycld2.detect('{s}')"),
    "Lingua (en+es)": (lingua_detector, "lingua",
                       "from lingua import Language, LanguageDetectorBuilder as B; "
                       "B.from_languages(Language.ENGLISH, Language.SPANISH).build().detect_language_of('{s}')"),
}
PACKAGES = {"langdetect": ["langdetect", "six"], "py3langid": ["py3langid", "numpy"], "pycld2": ["pycld2"],
            "lingua": ["lingua"]}


def startup(code: str) -> float:
    sentence = "Los adictos esperan afuera de la clínica."
    cmd = [sys.executable, "-c", code.format(s=sentence)]
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT)
        runs.append(time.perf_counter() - t)
    base = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        base.append(time.perf_counter() - t)
    return statistics.median(runs) - statistics.median(base)


def size_mb(module: str | None) -> float:
    if module is None:
        return (ROOT / "hr_lint" / "language.py").stat().st_size / 1e6
    total = 0
    for name in PACKAGES[module]:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.origin:
            continue
        base = Path(spec.origin).parent if spec.submodule_search_locations else Path(spec.origin)
        files = [base] if base.is_file() else [p for p in base.rglob("*") if p.is_file()]
        total += sum(p.stat().st_size for p in files)
    return total / 1e6


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--libraries", action="store_true")
    ap.add_argument("--en-texts", type=Path)
    ap.add_argument("--es-texts", type=Path)
    a = ap.parse_args()
    en_folders = sorted((ROOT / "tests" / "fixtures").glob("heldout*/docs")) + [ROOT.parent / "shared" / "corpus" / "docs"]
    es_folders = [ROOT / "evaluation" / "es-corpus" / "docs"]
    if a.en_texts:
        en_folders.append(a.en_texts)
    if a.es_texts:
        es_folders.append(a.es_texts)
    data = paragraphs(en_folders, "en") + paragraphs(es_folders, "es")
    n_en = sum(1 for _, label in data if label == "en")
    print(f"{len(data)} paragraphs: {n_en} English, {len(data) - n_en} Spanish")
    header = "detector".ljust(26) + "".join(f"{f'{lo}-{hi if hi < 10000 else chr(8734)} words':>13}" for lo, hi in BUCKETS)
    print(header + f"{'all':>9}{'en':>7}{'es':>7}{'wrong':>7}{'µs/para':>9}{'start-up':>10}{'size':>9}")
    for name, (factory, module, code) in DETECTORS.items():
        if module is not None and (not a.libraries or importlib.util.find_spec(module) is None):
            continue
        detect = factory()
        right = {b: [0, 0] for b in BUCKETS}
        t0 = time.perf_counter()
        guesses = [detect(text) for text, _ in data]
        per = (time.perf_counter() - t0) / len(data) * 1e6
        for (text, label), guess in zip(data, guesses):
            words = len(text.split())
            bucket = next(b for b in BUCKETS if b[0] <= words <= b[1])
            right[bucket][0] += guess == label
            right[bucket][1] += 1
        cells = "".join(f"{right[b][0] / right[b][1]:>8.3f} ({right[b][1]:>3})" if right[b][1] else f"{'-':>13}"
                        for b in BUCKETS)
        total = sum(g == label for (_, label), g in zip(data, guesses)) / len(data)
        by = {lab: [g == label for (_, label), g in zip(data, guesses) if label == lab] for lab in ("en", "es")}
        en, es = (sum(by[x]) / len(by[x]) for x in ("en", "es"))
        # a wrong answer, as against none: hr-lint abstains without evidence (a heading, a name)
        wrong = sum(g is not None and g != label for (_, label), g in zip(data, guesses)) / len(data)
        print(f"{name:26s}{cells}{total:>9.3f}{en:>7.3f}{es:>7.3f}{wrong:>7.3f}{per:>9.0f}"
              f"{startup(code) * 1000:>8.0f}ms{size_mb(module):>7.1f}MB")


if __name__ == "__main__":
    main()
