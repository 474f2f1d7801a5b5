"""Configuration: what each organisation decides hr-lint checks.

Settings come from, in rising precedence: the built-in `default` preset, presets or
files named by `extends:`, the nearest configuration file (`.hr-lint.yaml`,
`.hr-lint.yml`, `hr-lint.yaml` or `[tool.hr-lint]` in `pyproject.toml`), and the
command line. `Config.origins` remembers where each setting came from.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import readers
from .engine import EngineOptions, VoicePolicy
from .finding import SEVERITIES
from .rulebook import Rule, check_unique, load_builtin_rules, load_wordlist
from .yamlload import ConfigError, did_you_mean, line_of, load_yaml, load_yaml_file

CONFIG_NAMES = (".hr-lint.yaml", ".hr-lint.yml", "hr-lint.yaml")
PRESET_DIR = Path(__file__).parent / "presets"
PRESETS = ("default", "identity-first", "strict")
VOICE_POLICIES = ("ignore", "info", "report")

KEYS = {
    "extends", "select", "ignore", "extend-select", "severity", "fail-on", "include", "exclude",
    "respect-gitignore", "allow", "quotes", "first-person", "file-types", "rules",
    "report-unused-suppressions",
}

_builtin_cache: list[Rule] | None = None


def builtin_rules() -> list[Rule]:
    global _builtin_cache
    if _builtin_cache is None:
        _builtin_cache = load_builtin_rules()
    return _builtin_cache


@dataclass
class Config:
    select: list[str] | None = None  # None: every rule
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "warning"
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    allow: list[str] = field(default_factory=list)
    quotes: str = "info"
    first_person: str = "info"
    file_types: dict[str, str] = field(default_factory=dict)
    rule_files: list[str] = field(default_factory=list)
    report_unused_suppressions: bool = False
    origins: dict[str, str] = field(default_factory=dict)  # setting -> where it came from
    path: str | None = None  # the configuration file, if any
    _rules: list[Rule] | None = field(default=None, repr=False)

    # -- building ---------------------------------------------------------------------------
    @classmethod
    def from_mapping(cls, data: dict, path: str | None = None) -> "Config":
        config = cls()
        config.merge(data, path or "<mapping>", base_dir=os.path.dirname(path) if path else os.getcwd())
        config.path = path
        return config

    def merge(self, data, path: str, base_dir: str, _seen: tuple = ()) -> None:
        """Apply one layer of settings (a file's mapping) over this config."""
        if data is None:
            return
        if not isinstance(data, dict):
            raise ConfigError("expected a mapping of settings", path, line_of(data) or 1)
        for key in data:
            if key not in KEYS:
                raise ConfigError(f"unknown setting '{key}'{did_you_mean(key, KEYS)}", path, line_of(data, key))
        extends = data.get("extends")
        if extends is not None:
            for target in ([extends] if isinstance(extends, str) else extends or []):
                self._extend(target, path, base_dir, data, _seen)

        def words(key):
            value = data[key]
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",") if v.strip()]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"'{key}' must be a list of strings", path, line_of(data, key))
            return list(value)

        def choice(key, allowed):
            value = data[key]
            if value not in allowed:
                raise ConfigError(f"'{key}' must be one of {', '.join(allowed)}, not '{value}'"
                                  f"{did_you_mean(value, allowed)}", path, line_of(data, key))
            return value

        where = lambda key: f"{path}:{line_of(data, key)}" if line_of(data, key) else path  # noqa: E731
        if "select" in data:
            self.select = words("select")
            self.extend_select = []
            self.origins["select"] = where("select")
        if "extend-select" in data:
            self.extend_select = self.extend_select + words("extend-select")
            self.origins["extend-select"] = where("extend-select")
        if "ignore" in data:
            self.ignore = self.ignore + words("ignore")
            self.origins["ignore"] = where("ignore")
        if "severity" in data:
            sev = data["severity"]
            if not isinstance(sev, dict):
                raise ConfigError("'severity' must map rule ids or categories to error, warning or info",
                                  path, line_of(data, "severity"))
            for key, value in sev.items():
                if value not in SEVERITIES:
                    raise ConfigError(f"severity of '{key}' must be error, warning or info, not '{value}'"
                                      f"{did_you_mean(value, SEVERITIES)}", path, line_of(sev, key))
                self.severity[str(key)] = value
            self.origins["severity"] = where("severity")
        if "fail-on" in data:
            self.fail_on = choice("fail-on", SEVERITIES)
            self.origins["fail-on"] = where("fail-on")
        for key, attr in (("include", "include"), ("exclude", "exclude"), ("allow", "allow")):
            if key in data:
                setattr(self, attr, getattr(self, attr) + words(key))
                self.origins[key] = where(key)
        if "report-unused-suppressions" in data:
            if not isinstance(data["report-unused-suppressions"], bool):
                raise ConfigError("'report-unused-suppressions' must be true or false", path,
                                  line_of(data, "report-unused-suppressions"))
            self.report_unused_suppressions = data["report-unused-suppressions"]
            self.origins["report-unused-suppressions"] = where("report-unused-suppressions")
        if "respect-gitignore" in data:
            if not isinstance(data["respect-gitignore"], bool):
                raise ConfigError("'respect-gitignore' must be true or false", path, line_of(data, "respect-gitignore"))
            self.respect_gitignore = data["respect-gitignore"]
            self.origins["respect-gitignore"] = where("respect-gitignore")
        if "quotes" in data:
            self.quotes = choice("quotes", VOICE_POLICIES)
            self.origins["quotes"] = where("quotes")
        if "first-person" in data:
            self.first_person = choice("first-person", VOICE_POLICIES)
            self.origins["first-person"] = where("first-person")
        if "file-types" in data:
            ft = data["file-types"]
            if not isinstance(ft, dict):
                raise ConfigError("'file-types' must map extensions to formats (e.g. .mdx: markdown)",
                                  path, line_of(data, "file-types"))
            for ext, fmt in ft.items():
                if fmt not in readers.FORMATS:
                    raise ConfigError(f"file type '{ext}': unknown format '{fmt}'{did_you_mean(fmt, readers.FORMATS)}"
                                      f" (expected one of {', '.join(readers.FORMATS)})", path, line_of(ft, ext))
                ext = str(ext).lower()
                self.file_types[ext if ext.startswith(".") else "." + ext] = fmt
            self.origins["file-types"] = where("file-types")
        if "rules" in data:
            for item in words("rules"):
                full = item if os.path.isabs(item) else os.path.join(base_dir, item)
                if not os.path.isfile(full):
                    raise ConfigError(f"custom rule file '{item}' not found", path, line_of(data, "rules"))
                self.rule_files.append(full)
            self.origins["rules"] = where("rules")
        self._rules = None

    def _extend(self, target, path, base_dir, data, seen) -> None:
        if not isinstance(target, str):
            raise ConfigError("'extends' must name a preset or a file", path, line_of(data, "extends"))
        if target in PRESETS:
            preset_path = str(PRESET_DIR / f"{target}.yaml")
        else:
            preset_path = target if os.path.isabs(target) else os.path.join(base_dir, target)
            if not os.path.isfile(preset_path):
                raise ConfigError(f"cannot extend '{target}': no such preset or file"
                                  f"{did_you_mean(target, PRESETS)}", path, line_of(data, "extends"))
        real = os.path.realpath(preset_path)
        if real in seen:
            raise ConfigError(f"'extends' loops back to {target}", path, line_of(data, "extends"))
        self.merge(load_yaml_file(preset_path), preset_path, os.path.dirname(preset_path), seen + (real,))

    # -- using ------------------------------------------------------------------------------
    def all_rules(self) -> list[Rule]:
        rules = list(builtin_rules())
        for rule_file in self.rule_files:
            rules.extend(load_wordlist(rule_file))
        return check_unique(rules)

    def active_rules(self) -> list[Rule]:
        if self._rules is not None:
            return self._rules
        rules = self.all_rules()
        ids = {r.id for r in rules}
        categories = {r.category for r in rules}
        names = ids | categories | {"ALL", "all"}

        def check(selectors, setting):
            for sel in selectors:
                if sel not in names:
                    where = self.origins.get(setting, "command line")
                    p, _, ln = where.rpartition(":") if where[-1:].isdigit() else (where, "", "")
                    raise ConfigError(f"unknown rule or category '{sel}' in '{setting}'"
                                      f"{did_you_mean(sel, names)}", p or where, int(ln) if ln else None)

        check(self.select or [], "select")
        check(self.ignore, "ignore")
        check(self.extend_select, "extend-select")
        check(self.severity.keys(), "severity")

        def hit(rule, selectors):
            return any(s in ("ALL", "all") or s == rule.id or s == rule.category for s in selectors)

        chosen = []
        for rule in rules:
            selected = self.select is None or hit(rule, self.select) or hit(rule, self.extend_select)
            # custom rules are on unless explicitly ignored
            if rule.origin in self.rule_files:
                selected = True
            if selected and not hit(rule, self.ignore):
                chosen.append(rule)
        self._rules = chosen
        return chosen

    def engine_options(self) -> EngineOptions:
        return EngineOptions(
            severity=dict(self.severity),
            allow=list(self.allow),
            voice=VoicePolicy(quotes=self.quotes, first_person=self.first_person),
        )

    def format_for(self, path: str) -> str | None:
        ext = os.path.splitext(path)[1].lower()
        return self.file_types.get(ext) or readers.EXTENSIONS.get(ext)

    def with_overrides(self, **overrides) -> "Config":
        """Command-line settings layered over a file's (the command line wins)."""
        data = {k: v for k, v in overrides.items() if v not in (None, [], ())}
        if data:
            self.merge(data, "command line", os.getcwd())
            for key in data:
                self.origins[key] = "command line"
        return self


def find_config_file(start: str) -> str | None:
    """The nearest configuration file from `start` up to the repository root."""
    here = os.path.abspath(start)
    if not os.path.isdir(here):
        here = os.path.dirname(here)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(here, name)
            if os.path.isfile(candidate):
                return candidate
        pyproject = os.path.join(here, "pyproject.toml")
        if os.path.isfile(pyproject) and _pyproject_section(pyproject) is not None:
            return pyproject
        if os.path.exists(os.path.join(here, ".git")):
            return None
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def _pyproject_section(path: str):
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"malformed TOML: {exc}", path, getattr(exc, "lineno", None)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path) from None
    return data.get("tool", {}).get("hr-lint")


def load_config(path: str | None, isolated: bool = False) -> Config:
    """The built-in default preset, then the given configuration file (if any)."""
    config = Config()
    config.merge(load_yaml_file(str(PRESET_DIR / "default.yaml")), "preset default", str(PRESET_DIR))
    config.origins = {k: "preset default" for k in config.origins}
    if isolated or path is None:
        return config
    if os.path.basename(path) == "pyproject.toml":
        section = _pyproject_section(path)
        data = _with_lines(section, path)
    else:
        data = load_yaml_file(path)
    config.merge(data, path, os.path.dirname(os.path.abspath(path)))
    config.path = path
    return config


def _with_lines(section, path):
    """pyproject.toml sections carry no line numbers; find each key's line by text."""
    if section is None:
        return None
    from .yamlload import LineDict

    out = LineDict(section)
    out.key_lines = {}
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        lines = []
    start = next((i for i, l in enumerate(lines) if l.strip() in ('[tool.hr-lint]', '[tool."hr-lint"]')), 0)
    out.line = start + 1
    for key in section:
        for i in range(start, len(lines)):
            if lines[i].split("=")[0].strip().strip('"') == key:
                out.key_lines[key] = i + 1
                break
    return out


def parse_config_text(text: str, path: str) -> Config:
    config = Config()
    config.merge(load_yaml(text, path), path, os.path.dirname(path))
    return config
