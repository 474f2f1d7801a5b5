"""`hr_lint.dask.moderate` on a two-worker `distributed.LocalCluster` (processes): the same
results as `hr-lint moderate` on the same records, the linter built once per worker."""
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

import hr_lint.dask  # noqa: E402

HR_LINT = str(Path(sys.executable).with_name("hr-lint"))

TEXTS = [
    "Our outreach team met two addicts near the station last night.",
    "Please clean the kitchen before the potluck on Friday.",
    "He committed suicide last spring; the family asks for privacy.",
    "App users can book a visit from their phone.",
    "A quiet day at the drop-in center, with soup and bread.",
    "She has been clean for two years and now runs the Tuesday group.",
    "The shelter turns away the mentally ill, and we think that is wrong.",
    "Drug users and people who inject drugs are welcome at the syringe service.",
]


def records():
    out = []
    for i in range(60):
        record = {"id": f"r{i:03d}", "text": TEXTS[i % len(TEXTS)] + f" (post {i})"}
        if i % 5 == 2:
            record["format"] = "markdown"
            record["text"] = "## Update\n\n" + record["text"]
        out.append(record)
    out[7] = {"id": "r007"}  # no text
    out[13]["text"] = None  # null text
    out[21]["format"] = "docx"  # a format that is not markup
    out[33] = {"id": "r033", "text": "<p>An <b>addict</b> &amp; a friend.</p>", "format": "html"}
    return out


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                       silence_logs=40)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def posts(tmp_path_factory):
    path = tmp_path_factory.mktemp("dask") / "posts.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records()), encoding="utf-8")
    return path


def cli_results(path, *args):
    proc = subprocess.run([HR_LINT, "moderate", *(args or ["--isolated"]), str(path)], capture_output=True, text=True)
    return [json.loads(line) for line in proc.stdout.splitlines()]


def plain(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA else value


def as_rows(frame):
    return [{"id": plain(row["id"]), "flagged": bool(row["flagged"]), "findings": json.loads(row["findings"]),
             "error": plain(row["error"])} for _, row in frame.iterrows()]


def test_results_are_identical_to_the_command_line(client, posts):
    ddf = dd.read_json(str(posts), lines=True, blocksize=1500)
    assert ddf.npartitions >= 4
    result = hr_lint.dask.moderate(ddf, text="text", id="id")
    assert list(result.columns) == ["id", "flagged", "findings", "error"]
    rows = as_rows(result.compute())
    cli = cli_results(posts)
    assert len(rows) == len(cli) == 60
    assert rows == cli
    assert sum(r["flagged"] for r in rows) >= 15 and sum(r["error"] is not None for r in rows) == 3


def test_a_configuration_file_applies_on_the_workers(client, posts, tmp_path):
    policy = tmp_path / "policy.yaml"
    policy.write_text("ignore: [addict-noun]\nfail-on: error\nseverity: {suicide: error}\n", encoding="utf-8")
    ddf = dd.read_json(str(posts), lines=True, blocksize=1500)
    rows = as_rows(hr_lint.dask.moderate(ddf, config=str(policy)).compute())
    assert rows == cli_results(posts, "--config", str(policy))
    assert not any(f["rule"] == "addict-noun" for r in rows for f in r["findings"])
    assert [r["id"] for r in rows if r["flagged"]] == [r["id"] for r in rows
                                                        if any(f["severity"] == "error" for f in r["findings"])]
    # a mapping of settings, as in .hr-lint.yaml
    mapped = as_rows(hr_lint.dask.moderate(ddf, config={"ignore": ["addict-noun"], "fail-on": "error",
                                                         "severity": {"suicide": "error"}}).compute())
    assert mapped == rows


def test_linter_is_built_once_per_worker(client, posts):
    def built():
        return client.run(lambda: __import__("hr_lint.moderate").moderate.LINTERS_BUILT)

    config = {"ignore": ["relapse"]}  # a policy no other test uses: its linter is new everywhere
    before = built()
    ddf = dd.read_json(str(posts), lines=True, blocksize=600)
    assert ddf.npartitions >= 8
    hr_lint.dask.moderate(ddf, config=config).compute()
    hr_lint.dask.moderate(ddf, config=config).compute()
    after = built()
    assert set(after) == set(before) and len(after) == 2
    new = {worker: after[worker] - before[worker] for worker in after}
    assert all(n <= 1 for n in new.values()) and sum(new.values()) >= 1, new  # 16 partitions, at most 2 linters


def test_fix_and_kept_columns(client):
    frame = pd.DataFrame({"post_id": [1, 2, 3], "body": ["He committed suicide.", "A quiet day.", "Three addicts."],
                          "author": ["a", "b", "c"]})
    ddf = dd.from_pandas(frame, npartitions=2)
    out = hr_lint.dask.moderate(ddf, text="body", id="post_id", fix=True, keep=["author"]).compute()
    assert list(out.columns) == ["post_id", "author", "flagged", "findings", "error", "fixed_text"]
    assert list(out["post_id"]) == [1, 2, 3] and list(out["author"]) == ["a", "b", "c"]
    assert list(out["flagged"]) == [True, False, True]
    assert list(out["fixed_text"]) == ["He died by suicide.", "A quiet day.", "Three addicts."]
    assert json.loads(out["findings"].iloc[0])[0]["path"] == 1


def test_results_can_be_written_to_parquet(client, posts, tmp_path):
    ddf = dd.read_json(str(posts), lines=True, blocksize=1500)
    hr_lint.dask.moderate(ddf).to_parquet(str(tmp_path / "out"), write_index=False)
    back = dd.read_parquet(str(tmp_path / "out")).compute()
    assert as_rows(back) == cli_results(posts)


def test_mistakes_are_reported_before_any_task_runs():
    frame = dd.from_pandas(pd.DataFrame({"id": [1], "body": ["x"]}), npartitions=1)
    with pytest.raises(ValueError, match="no column 'text'"):
        hr_lint.dask.moderate(frame)
    from hr_lint.yamlload import ConfigError

    with pytest.raises(ConfigError, match="unknown setting"):
        hr_lint.dask.moderate(frame, text="body", config={"ignroe": ["x"]})
