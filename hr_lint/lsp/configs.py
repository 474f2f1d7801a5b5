"""The language server's settings, and the linter for each document.

Each document gets the configuration the command line would give it: the nearest
`.hr-lint.yaml` / `.hr-lint.yml` / `hr-lint.yaml` / `[tool.hr-lint]` in `pyproject.toml`
from its folder up to the repository root (`config.find_config_file`). The editor's
settings add two things: a `preset`, the base layer under that file (the built-in
`default` unless set), and a `minimumSeverity` below which findings are not shown.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from ..config import PRESETS, find_config_file, load_config
from ..finding import SEVERITIES
from ..yamlload import ConfigError

DEFAULT_DEBOUNCE_MS = 150
# settings an editor's own client uses (VS Code's hr-lint.pythonPath, hr-lint.trace.server):
# sent along with the server's, not the server's business
CLIENT_SIDE = {"pythonpath", "trace"}


@dataclass(frozen=True)
class Settings:
    preset: str = "default"
    minimum_severity: str = "info"
    debounce_ms: int = DEFAULT_DEBOUNCE_MS

    def updated(self, data) -> tuple["Settings", list[str]]:
        """These settings with those in `data` (initializationOptions or a configuration
        section: {"preset": ..., "minimumSeverity": ..., "debounce": ms}, possibly under an
        "hr-lint" key); unknown keys and bad values are named in the problems and ignored."""
        if not isinstance(data, dict):
            return self, ([] if data is None else ["hr-lint settings must be an object"])
        for key in ("hr-lint", "hrLint", "hr_lint"):
            if isinstance(data.get(key), dict):
                data = data[key]
                break
        problems = []
        preset, floor, debounce = self.preset, self.minimum_severity, self.debounce_ms
        for key, value in data.items():
            name = key.replace("_", "").replace("-", "").lower()
            if name == "preset":
                if value in PRESETS:
                    preset = value
                elif value is not None:
                    problems.append(f"unknown preset {value!r} (expected one of {', '.join(PRESETS)})")
            elif name in ("minimumseverity", "severityfloor", "severity"):
                if value in SEVERITIES:
                    floor = value
                elif value is not None:
                    problems.append(f"unknown minimumSeverity {value!r} (expected one of {', '.join(SEVERITIES)})")
            elif name == "debounce":
                if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 10_000:
                    debounce = int(value)
                elif value is not None:
                    problems.append(f"debounce must be a number of milliseconds, not {value!r}")
            elif name not in CLIENT_SIDE:
                problems.append(f"unknown setting {key!r} (hr-lint knows preset, minimumSeverity and debounce)")
        return Settings(preset, floor, debounce), problems


class Linters:
    """One `Linter` per configuration file (and preset), built when first needed. A
    configuration that cannot be loaded is remembered as its `ConfigError`. Each is kept
    with the modification times of the files it was read from, so an edit to them is seen
    at the next lint even where the editor does not report file changes."""

    def __init__(self) -> None:
        self.preset = "default"
        self._linters: dict[tuple[str | None, str], tuple[object, tuple]] = {}
        self.generation = 0  # counts the times every linter was dropped

    def clear(self) -> None:
        self._linters.clear()
        self.generation += 1

    def config_file_for(self, path: str | None, fallback_dir: str | None = None) -> str | None:
        """The configuration file the CLI would use for a file at `path` (a document that
        is not a file uses the folder `fallback_dir`). Looked up each time: a few `stat`
        calls, and a file created since is found."""
        folder = os.path.dirname(os.path.abspath(path)) if path else fallback_dir
        if folder is None:
            return None
        return find_config_file(folder)

    def linter_for(self, path: str | None, fallback_dir: str | None = None):
        """The linter for a document; raises `ConfigError` when its configuration is broken."""
        from ..linter import Linter

        config_file = self.config_file_for(path, fallback_dir)
        key = (config_file, self.preset)
        entry = self._linters.get(key)
        if entry is not None and _stamp(_sources(config_file, entry[0])) != entry[1]:
            self.clear()  # one of its files changed: every linter may depend on it
            entry = None
        if entry is None:
            try:
                found = Linter(load_config(config_file, preset=self.preset))
            except ConfigError as exc:
                found = exc
            except OSError as exc:  # the file went away between finding and reading it
                found = ConfigError(f"cannot read: {exc.strerror}", config_file)
            entry = (found, _stamp(_sources(config_file, found)))
            self._linters[key] = entry
        if isinstance(entry[0], ConfigError):
            raise entry[0]
        return entry[0]

    def dependencies(self) -> set[str]:
        """Files whose change can change a linter: configuration and custom rule files."""
        out: set[str] = set()
        for (config_file, _), (found, _stamp_) in list(self._linters.items()):
            out.update(_sources(config_file, found))
        return out


def _sources(config_file: str | None, found) -> list[str]:
    """The files a linter (or a configuration error) was read from."""
    out = [os.path.abspath(config_file)] if config_file else []
    config = getattr(found, "config", None)
    if config is not None:
        out.extend(os.path.abspath(p) for p in config.rule_files)
    elif isinstance(found, ConfigError) and found.path and os.path.isabs(found.path):
        out.append(found.path)
    return out


def _stamp(paths: list[str]) -> tuple:
    out = []
    for path in sorted(set(paths)):
        try:
            st = os.stat(path)
            out.append((path, st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((path, None, None))
    return tuple(out)
