"""Moderation on Dask: `hr_lint.dask.moderate(ddf)` screens a Dask DataFrame of records on
any Dask cluster (a `distributed.LocalCluster`, or hundreds of machines), unchanged.

    pip install "hr-lint[dask]"

    import dask.dataframe as dd
    import hr_lint.dask

    posts = dd.read_parquet("s3://archive/posts/")            # or read_json(..., lines=True), read_csv
    results = hr_lint.dask.moderate(posts, text="body", id="post_id", config="policy.yaml")
    results[results.flagged].to_parquet("flagged/")

Each partition is a pandas DataFrame that `hr_lint.moderate.moderate_frame` checks row by
row with the same code as `hr-lint moderate`, so the results are the same. The linter is
built once per worker process (`hr_lint.moderate.linter_for`, keyed by the configuration)
and kept there: a task carries only the configuration, never a linter, and no row is
pickled on its own.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .moderate import moderate_frame


def moderate(ddf, text: str = "text", id: str = "id", config: Any = None, format: str | None = "format",
             markup: str = "text", fix: bool = False, fail_on: str | None = None, keep: Iterable[str] = ()):
    """A Dask DataFrame of results, one row per row of `ddf`, with the same index and
    partitions: the `id` column, then `flagged` (bool), `findings` (JSON text: the list of
    findings of `hr-lint moderate`, with `path` the id), `error` (null, or why the row could
    not be checked) and, with `fix`, `fixed_text`. `keep` names columns of `ddf` to carry
    along. A row whose text is missing or not a string gets an `error`; nothing is dropped.

    `config` is None (the built-in default policy), a mapping of settings as in
    .hr-lint.yaml (`{"ignore": ["relapse"], "fail-on": "error"}`), the path of a
    configuration file (readable on every worker, with any custom rule files it names), or
    a `hr_lint.config.Config`. It is checked here, before any task runs. `format` names an
    optional column with each row's markup (markdown, html, rst, text); `markup` is the
    markup of rows without one."""
    import pandas as pd

    keep = list(keep)
    missing = [name for name in [id, text, *keep] if name not in ddf.columns]
    if missing:
        raise ValueError(f"no column {', '.join(repr(m) for m in missing)} in the DataFrame "
                         f"(columns: {', '.join(map(str, ddf.columns))})")
    for name in ("flagged", "findings", "error", "fixed_text"):
        if name in keep:
            raise ValueError(f"'{name}' is a result column; rename the input column to keep it")
    _check_config(config, fail_on)
    meta_columns: dict[str, Any] = {id: ddf._meta[id]}
    for name in keep:
        meta_columns[name] = ddf._meta[name]
    meta_columns["flagged"] = pd.Series([], dtype=bool)
    meta_columns["findings"] = pd.Series([], dtype="string")
    meta_columns["error"] = pd.Series([], dtype="string")
    if fix:
        meta_columns["fixed_text"] = pd.Series([], dtype="string")
    meta = pd.DataFrame(meta_columns, index=ddf._meta.index)
    columns = list(dict.fromkeys([id, text, *keep] + ([format] if format and format in ddf.columns else [])))
    return ddf[columns].map_partitions(
        moderate_frame, text=text, id=id, format=format if format in columns else None, markup=markup,
        config=config, fix=fix, fail_on=fail_on, keep=tuple(keep), meta=meta, align_dataframes=False)


def _check_config(config: Any, fail_on: str | None) -> None:
    """Load the configuration and its rules (not spaCy) here, so that a mistake is one
    error now rather than one per task on the workers."""
    from collections.abc import Mapping

    from .config import Config, load_config
    from .finding import SEVERITIES

    if fail_on is not None and fail_on not in SEVERITIES:
        raise ValueError(f"fail_on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")
    if config is None or isinstance(config, Config):
        built = config
    elif isinstance(config, Mapping):
        built = load_config(None)
        built.merge(dict(config), "<config>", ".")
    else:
        built = load_config(str(config))
    if built is not None:
        built.active_rules()
