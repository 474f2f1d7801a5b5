"""The PySpark recipe of README.md (mapInPandas), run as written on a local Spark: the same
results as `hr-lint moderate`. Needs Java and pyspark; skipped without them."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

if not shutil.which("java"):
    pytest.skip("PySpark needs Java (a JRE 17 or newer on PATH)", allow_module_level=True)
pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")

HR_LINT = str(Path(sys.executable).with_name("hr-lint"))

RECORDS = [
    {"id": "s1", "text": "Our outreach team met two addicts near the station."},
    {"id": "s2", "text": "Please clean the kitchen before the potluck."},
    {"id": "s3", "text": "## News\n\nHe committed suicide last spring.", "format": "markdown"},
    {"id": "s4"},
    {"id": "s5", "text": "She has been clean for two years and runs the Tuesday group."},
    {"id": "s6", "text": "A quiet day at the drop-in center.", "format": "docx"},
    {"id": "s7", "text": "<p>An <b>addict</b> &amp; a friend.</p>", "format": "html"},
    {"id": "s8", "text": "App users can book a visit online."},
]


def test_the_readme_recipe_gives_the_command_line_results(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # as the README says: Spark starts its Python workers with PYSPARK_PYTHON (else `python3`
    # on PATH, which in a virtual environment that is not activated has no hr-lint)
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    assert "export PYSPARK_PYTHON=" in (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    Path("posts.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    Path("policy.yaml").write_text("severity: {suicide: error}\n", encoding="utf-8")
    recipe = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    code = recipe.split("<!-- spark-recipe -->\n```python\n", 1)[1].split("```", 1)[0]
    code = code.replace('SparkSession.builder.getOrCreate()',
                        'SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false")'
                        '.config("spark.sql.shuffle.partitions", "2").getOrCreate()')
    code = code.replace('results.filter("flagged").write.parquet("flagged/")',
                        'rows = sorted((r.asDict() for r in results.collect()), key=lambda r: r["id"])')
    scope: dict = {}
    try:
        exec(compile(code, "README.md (PySpark recipe)", "exec"), scope)
    finally:
        if "spark" in scope:
            scope["spark"].stop()
    rows = [dict(r, findings=json.loads(r["findings"])) for r in scope["rows"]]
    cli = subprocess.run([HR_LINT, "moderate", "--config", "policy.yaml", "posts.jsonl"], capture_output=True, text=True)
    expected = sorted((json.loads(line) for line in cli.stdout.splitlines()), key=lambda r: r["id"])
    assert rows == expected
    assert [r["id"] for r in rows if r["flagged"]] == ["s1", "s3", "s5", "s7"]
    assert [r["id"] for r in rows if r["error"]] == ["s4", "s6"]
