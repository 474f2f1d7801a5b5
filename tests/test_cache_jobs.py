"""The cache and parallel jobs never change what is reported."""
import json

import pytest
from click.testing import CliRunner

from hr_lint.cli import lint_command

TEXTS = [
    "Three addicts came by.\n\nShe has been clean for two years.\n",
    "<p>The homeless need shelter. Clean the kitchen.</p>\n",
    "He committed suicide.\n\n```\naddicts = []\n```\n",
    "Nothing to see here.\n",
]


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for i in range(12):
        ext = (".md", ".html", ".md", ".txt")[i % 4]
        (tmp_path / f"doc{i:02d}{ext}").write_text(TEXTS[i % 4])
    return tmp_path


def findings(*args):
    result = CliRunner().invoke(lint_command, ["--format", "json", *args, "."])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_same_findings_with_and_without_cache_and_jobs(tree):
    cache = str(tree / ".cache")
    plain = findings("--no-cache", "--jobs", "1")
    assert plain
    assert findings("--no-cache", "--jobs", "2") == plain
    assert findings("--cache-dir", cache) == plain  # cold
    assert findings("--cache-dir", cache) == plain  # warm
    assert findings("--cache-dir", cache, "--jobs", "2") == plain
    assert (tree / ".cache" / "findings.sqlite3").is_file()


def test_cache_is_not_stale_after_a_config_or_content_change(tree):
    cache = str(tree / ".cache")
    before = findings("--cache-dir", cache)
    assert any(f["rule"] == "addict-noun" for f in before)
    (tree / ".hr-lint.yaml").write_text("ignore: [addict-noun]\n")
    after = findings("--cache-dir", cache)
    assert not any(f["rule"] == "addict-noun" for f in after)
    (tree / ".hr-lint.yaml").unlink()
    (tree / "doc00.md").write_text("Nothing here.\n")
    again = findings("--cache-dir", cache)
    assert not any(f["path"].endswith("doc00.md") for f in again)


def test_workers_report_bad_files_like_a_single_process(tree):
    (tree / "broken.md").write_bytes(b"\x00\x01\x02 not text \xff\xfe")
    (tree / "latin.txt").write_bytes("Caf\xe9 addicts".encode("latin-1"))
    runs = {}
    for jobs in ("1", "2"):
        result = CliRunner().invoke(lint_command, ["--no-cache", "--format", "json", "--jobs", jobs, "."])
        assert result.exit_code == 2
        errors = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(errors) == 2 and all(e.startswith("hr-lint: ") for e in errors), errors
        assert any("broken.md" in e for e in errors) and any("latin.txt" in e for e in errors)
        runs[jobs] = (json.loads(result.stdout), sorted(errors))
    assert runs["1"] == runs["2"]
    assert runs["1"][0]  # the good files are still reported


def test_voice_is_reported_and_survives_the_cache(tree):
    """`voice` says why a finding is information (quoted speech, self-description): it is
    in --format json, and a warm cache gives it back."""
    (tree / "voice.md").write_text('She said "we were all junkies then." I am an addict. Junkies are people.\n')
    cache = str(tree / ".cache")
    for args in (("--no-cache",), ("--cache-dir", cache), ("--cache-dir", cache)):
        got = [(f["text"], f["severity"], f["voice"]) for f in findings(*args) if f["path"].endswith("voice.md")]
        assert got == [("junkies", "info", "quote"), ("an addict", "info", "first-person"),
                       ("Junkies", "error", None)], args


def test_a_file_is_read_once_with_or_without_the_cache(tree, monkeypatch):
    """Its bytes are read for the cache key and those same bytes are linted."""
    import builtins

    reads = []
    real_open = builtins.open

    def counting_open(file, mode="r", *args, **kwargs):
        if "b" in mode and "r" in mode and str(file).endswith((".md", ".html", ".txt")):
            reads.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    cache = str(tree / ".cache")
    for args in (["--cache-dir", cache], ["--cache-dir", cache], ["--no-cache"]):  # cold, warm, no cache
        reads.clear()
        assert findings(*args, "--jobs", "1")
        assert sorted(reads) == sorted(set(reads)) and len(reads) == 12, (args, reads)


def test_a_file_over_the_limit_is_refused_without_being_read(tree, monkeypatch):
    import hr_lint.linter

    monkeypatch.setattr(hr_lint.linter, "MAX_FILE_BYTES", 30)
    result = CliRunner().invoke(lint_command, ["--cache-dir", str(tree / ".cache"), "--format", "json", "."])
    assert result.exit_code == 2
    assert "doc00.md: file is 0 MB, over the 0 MB limit" in result.stderr


def test_the_fingerprint_covers_code_wordlists_and_the_sense_model(tmp_path, monkeypatch):
    """A retrained sense model (sense_model.json) changes findings, so it must change the
    fingerprint the caches are keyed on, as code and wordlists do; the web page's files do not."""
    from hr_lint import fingerprint

    package = tmp_path / "hr_lint"
    (package / "static").mkdir(parents=True)
    files = {"engine.py": "x = 1\n", "wordlists/en/a.yaml": "rules: []\n", "sense_model.json": "{}",
             "static/app.css": "body {}"}
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(fingerprint, "PACKAGE", package)

    def digest():
        monkeypatch.setattr(fingerprint, "_digest", None)
        return fingerprint.package_digest()

    seen = {digest()}
    for name in ("engine.py", "wordlists/en/a.yaml", "sense_model.json"):
        (package / name).write_text(files[name] + " ", encoding="utf-8")
        seen.add(digest())
    assert len(seen) == 4
    (package / "static/app.css").write_text("body { margin: 0 }", encoding="utf-8")
    assert digest() in seen
