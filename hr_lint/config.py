"""Configuration: what each organisation decides hr-lint checks.

Settings come from, in rising precedence: the built-in `default` preset, presets or
files named by `extends:`, the nearest configuration file (`.hr-lint.yaml`,
`.hr-lint.yml`, `hr-lint.yaml` or `[tool.hr-lint]` in `pyproject.toml`), and the
command line. `Config.origins` remembers where each setting came from.
"""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import files, readers
from .engine import EngineOptions, VoicePolicy
from .finding import SEVERITIES
from .rulebook import Rule, check_unique, load_builtin_rules, load_wordlist
from .yamlload import (
    ConfigError, LineDict, LineList, did_you_mean, display_path, line_of, load_yaml, load_yaml_file,
)

CONFIG_NAMES = (".hr-lint.yaml", ".hr-lint.yml", "hr-lint.yaml")
PRESET_DIR = Path(__file__).parent / "presets"
PRESETS = ("default", "identity-first", "strict")
VOICE_POLICIES = ("ignore", "info", "report")
# what to do with debated terms (rules marked `debated: true`): not at all, the first
# finding of each such rule in a document, or every one
DEBATED_POLICIES = ("ignore", "once", "report")
COMMAND_LINE = "command line"

KEYS = {
    "extends", "select", "ignore", "extend-select", "severity", "fail-on", "include", "exclude",
    "respect-gitignore", "allow", "quotes", "first-person", "file-types", "rules",
    "report-unused-suppressions", "lint-attributes", "debated", "language",
}
# Settings that add to what earlier layers gave, rather than replace it.
_ADDING = {"ignore", "extend-select", "severity", "include", "exclude", "allow", "file-types", "rules"}

_builtin_cache: dict[str, list[Rule]] = {}


def builtin_rules(language: str | None = None) -> list[Rule]:
    """The built-in rules of one language (None: of every language, English first)."""
    from .rulebook import languages

    if language is None:
        return [r for lang in sorted(languages(), key=lambda x: (x != "en", x)) for r in builtin_rules(lang)]
    if language not in _builtin_cache:
        _builtin_cache[language] = load_builtin_rules(language) if language in languages() else []
    return _builtin_cache[language]


def _label(path: str) -> str:
    """How a layer is named in messages and --show-config."""
    if path == COMMAND_LINE or path.startswith("<"):
        return path
    preset = Path(path).resolve()
    if preset.parent == PRESET_DIR.resolve() and preset.stem in PRESETS:
        return f"preset {preset.stem}"
    return display_path(path)


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
    debated: str = "ignore"  # debated terms: ignore | once | report
    file_types: dict[str, str] = field(default_factory=dict)
    rule_files: list[str] = field(default_factory=list)
    report_unused_suppressions: bool = False
    lint_attributes: bool = True  # alt and title attribute text (and Markdown image alt text)
    language: str = "auto"  # the language of text that declares none: auto (detect), en, es
    origins: dict[str, str] = field(default_factory=dict)  # setting -> where it came from
    path: str | None = None  # the configuration file, if any
    # (setting, rule id or category) -> (where, line): unknown names are reported where written
    _where: dict = field(default_factory=dict, repr=False)
    # (setting, glob) -> folder the glob is relative to (its configuration file's)
    _glob_dirs: dict = field(default_factory=dict, repr=False)
    # custom rule files whose rules are on without being selected (until a later `select`)
    _auto_selected: list[str] = field(default_factory=list, repr=False)
    _rules: list[Rule] | None = field(default=None, repr=False)
    _by_language: dict = field(default_factory=dict, repr=False)

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
            raise ConfigError("expected a mapping of settings (key: value)", path, line_of(data) or 1)
        for key in data:
            if key not in KEYS:
                raise ConfigError(f"unknown setting '{key}'{did_you_mean(key, KEYS)}", path, line_of(data, key))
        extends = data.get("extends")
        if extends is not None:
            if not isinstance(extends, (str, list)):
                raise ConfigError("'extends' must name a preset or a file", path, line_of(data, "extends"))
            for target in ([extends] if isinstance(extends, str) else extends):
                self._extend(target, path, base_dir, data, _seen)

        label = _label(path)
        cli = path == COMMAND_LINE

        def where(key):
            return label if cli or not line_of(data, key) else f"{label}:{line_of(data, key)}"

        def note(key):
            """Record where `key` came from: adding settings list every layer that added."""
            here = where(key)
            old = self.origins.get(key)
            if key in _ADDING and old and old != here and here not in old.split(", "):
                here = f"{old}, {here}"
            self.origins[key] = here

        def words(key):
            value = data[key]
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",") if v.strip()]
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise ConfigError(f"'{key}' must be a list of strings", path, line_of(data, key))
            return [v.strip() for v in value]

        def names(key, setting):
            """Rule ids or categories, remembering where each one was written."""
            value = words(key)
            raw = data[key]
            for i, name in enumerate(value):
                if cli:
                    self._where[(setting, name)] = (f"--{key}", None)
                else:
                    line = raw.line_of_item(i) if isinstance(raw, LineList) else line_of(data, key)
                    self._where[(setting, name)] = (label, line)
            return value

        def choice(key, allowed):
            value = data[key]
            if not isinstance(value, str) or value not in allowed:
                raise ConfigError(f"'{key}' must be one of {', '.join(allowed)}, not '{value}'"
                                  f"{did_you_mean(value, allowed)}", path, line_of(data, key))
            return value

        def flag(key):
            if not isinstance(data[key], bool):
                raise ConfigError(f"'{key}' must be true or false, not '{data[key]}'", path, line_of(data, key))
            return data[key]

        if "select" in data:
            # a new selection replaces everything earlier layers switched on
            self.select = names("select", "select")
            self.extend_select = []
            self._auto_selected = []
            note("select")
        if "extend-select" in data:
            self.extend_select = self.extend_select + names("extend-select", "extend-select")
            note("extend-select")
        if "ignore" in data:
            self.ignore = self.ignore + names("ignore", "ignore")
            note("ignore")
        if "severity" in data:
            sev = data["severity"]
            if not isinstance(sev, dict):
                raise ConfigError("'severity' must map rule ids or categories to error, warning or info "
                                  "(e.g. suicide: error)", path, line_of(data, "severity"))
            for key, value in sev.items():
                if not isinstance(key, str):
                    raise ConfigError(f"severity: '{key}' is not a rule id or category", path, line_of(sev, key))
                if not isinstance(value, str) or value not in SEVERITIES:
                    raise ConfigError(f"severity of '{key}' must be error, warning or info, not '{value}'"
                                      f"{did_you_mean(value, SEVERITIES)}", path, line_of(sev, key))
                self.severity[key] = value
                self._where[("severity", key)] = ("--severity", None) if cli else (label, line_of(sev, key))
            note("severity")
        if "fail-on" in data:
            self.fail_on = choice("fail-on", SEVERITIES)
            note("fail-on")
        for key in ("include", "exclude"):
            if key in data:
                patterns = words(key)
                for pat in patterns:
                    self._glob_dirs.setdefault((key, pat), os.path.abspath(base_dir))
                setattr(self, key, getattr(self, key) + [p for p in patterns if p not in getattr(self, key)])
                note(key)
        if "allow" in data:
            self.allow = self.allow + [a for a in words("allow") if a not in self.allow]
            note("allow")
        if "report-unused-suppressions" in data:
            self.report_unused_suppressions = flag("report-unused-suppressions")
            note("report-unused-suppressions")
        if "lint-attributes" in data:
            self.lint_attributes = flag("lint-attributes")
            note("lint-attributes")
        if "language" in data:
            from .language import SETTINGS

            self.language = choice("language", SETTINGS)
            note("language")
        if "respect-gitignore" in data:
            self.respect_gitignore = flag("respect-gitignore")
            note("respect-gitignore")
        if "quotes" in data:
            self.quotes = choice("quotes", VOICE_POLICIES)
            note("quotes")
        if "first-person" in data:
            self.first_person = choice("first-person", VOICE_POLICIES)
            note("first-person")
        if "debated" in data:
            self.debated = choice("debated", DEBATED_POLICIES)
            note("debated")
        if "file-types" in data:
            ft = data["file-types"]
            if not isinstance(ft, dict):
                raise ConfigError("'file-types' must map extensions to formats (e.g. .mdx: markdown)",
                                  path, line_of(data, "file-types"))
            for ext, fmt in ft.items():
                if not isinstance(fmt, str) or fmt not in readers.FORMATS:
                    raise ConfigError(f"file type '{ext}': unknown format '{fmt}'{did_you_mean(fmt, readers.FORMATS)}"
                                      f" (expected one of {', '.join(readers.FORMATS)})", path, line_of(ft, ext))
                ext = str(ext).lower()
                self.file_types[ext if ext.startswith(".") else "." + ext] = fmt
            note("file-types")
        if "rules" in data:
            raw = data["rules"]
            for i, item in enumerate(words("rules")):
                full = os.path.abspath(item if os.path.isabs(item) else os.path.join(base_dir, item))
                if not os.path.isfile(full):
                    line = raw.line_of_item(i) if isinstance(raw, LineList) else line_of(data, "rules")
                    raise ConfigError(f"custom rule file '{item}' not found (looked in {display_path(full)})",
                                      path, line)
                if full not in self.rule_files:
                    self.rule_files.append(full)
                    self._auto_selected.append(full)
            note("rules")
        self._rules = None
        self._by_language = {}

    def _extend(self, target, path, base_dir, data, seen) -> None:
        line = line_of(data["extends"]) or line_of(data, "extends")
        if not isinstance(target, str) or not target.strip():
            raise ConfigError("'extends' must name a preset or a file", path, line)
        if target in PRESETS:
            preset_path = str(PRESET_DIR / f"{target}.yaml")
        else:
            preset_path = target if os.path.isabs(target) else os.path.join(base_dir, target)
            if not os.path.isfile(preset_path):
                raise ConfigError(f"cannot extend '{target}': no such preset ({', '.join(PRESETS)}) or file"
                                  f"{did_you_mean(target, PRESETS)}", path, line)
        real = os.path.realpath(preset_path)
        here = (os.path.realpath(path),) if os.path.isfile(path) else ()
        if real in seen + here:
            raise ConfigError(f"'extends' loops back to {target}", path, line)
        if os.path.basename(preset_path) == "pyproject.toml":
            layer = _with_lines(_pyproject_section(preset_path), preset_path)
        else:
            layer = load_yaml_file(preset_path)
        self.merge(layer, preset_path, os.path.dirname(os.path.abspath(preset_path)), seen + here + (real,))

    # -- using ------------------------------------------------------------------------------
    def all_rules(self, language: str | None = None) -> list[Rule]:
        """Built-in rules, then custom ones; a custom rule replaces a built-in rule of the
        same id. With `language`, only that language's rules."""
        custom: list[Rule] = []
        for rule_file in self.rule_files:
            custom.extend(load_wordlist(rule_file))
        check_unique(custom)
        replaced = {r.id for r in custom}
        if language is not None:
            custom = [r for r in custom if r.language == language]
        return [r for r in builtin_rules(language) if r.id not in replaced] + custom

    def active_rules(self, language: str | None = None) -> list[Rule]:
        """The rules this configuration turns on (of one language, or of all). Every rule id
        and category it names is checked against the rules of every language, so a typo is
        an error whatever is linted; the other languages' rules are only loaded when a
        name is not one of this language's."""
        if language is None:
            if self._rules is None:
                self._rules = [r for lang in self._languages() for r in self.active_rules(lang)]
            return self._rules
        if language in self._by_language:
            return self._by_language[language]
        rules = self.all_rules(language)
        self._check_names(rules)

        def hit(rule, selectors):
            return any(s in ("ALL", "all") or s == rule.id or s == rule.category for s in selectors)

        named = set(self.select or []) | set(self.extend_select)
        chosen = []
        for rule in rules:
            selected = (self.select is None or hit(rule, self.select) or hit(rule, self.extend_select)
                        or rule.origin in self._auto_selected)
            # a debated term is on when the policy reports debated terms, or when its id is
            # selected by name (a category or ALL does not name it)
            if rule.debated and self.debated == "ignore" and rule.id not in named:
                continue
            if selected and not hit(rule, self.ignore):
                chosen.append(rule)
        self._check_custom_examples([r for r in chosen if r.origin in self.rule_files])
        self._by_language[language] = chosen
        return chosen

    @staticmethod
    def _languages() -> list[str]:
        from .rulebook import languages

        return sorted(languages(), key=lambda x: (x != "en", x))

    def _check_names(self, rules: list[Rule]) -> None:
        """Every rule id and category named by select, ignore, extend-select and severity
        exists (in some language): a ConfigError naming where it was written otherwise."""
        named = [(setting, sel) for setting, sels in (("select", self.select or []), ("ignore", self.ignore),
                                                       ("extend-select", self.extend_select),
                                                       ("severity", list(self.severity)))
                 for sel in sels if sel not in ("ALL", "all") or setting == "severity"]
        if not named:
            return
        known = {r.id for r in rules} | {r.category for r in rules}
        if all(sel in known for _, sel in named):
            return
        every = self.all_rules()
        ids = {r.id for r in every}
        categories = {r.category for r in every}
        for setting, sel in named:
            allowed = ids | categories
            if sel not in allowed:
                where, line = self._where.get((setting, sel), (self.origins.get(setting, COMMAND_LINE), None))
                raise ConfigError(f"unknown rule or category '{sel}' in '{setting}'"
                                  f"{did_you_mean(sel, ids | categories)} (see hr-lint --list-rules)",
                                  where, line)

    def _check_custom_examples(self, rules: list[Rule]) -> None:
        """A custom rule must satisfy its own examples: a broken rule stops the run, naming the line."""
        if not any(r.examples for r in rules):
            return
        memo = _examples_memo(self.rule_files)
        if memo and os.path.exists(memo):
            return  # these exact rule files passed before: no need to start spaCy again
        from . import examples

        # the examples describe the rule itself, not this configuration's allow list or voice policy
        engine = examples.engine_for(rules)
        for case in examples.cases(rules):
            problem = examples.judge(engine, *case)
            if problem is not None:
                raise ConfigError(problem.message, problem.rule.origin, problem.line)
        if memo:
            try:
                os.makedirs(os.path.dirname(memo), exist_ok=True)
                open(memo, "w").close()
            except OSError:
                pass

    def engine_options(self) -> EngineOptions:
        return EngineOptions(
            severity=dict(self.severity),
            allow=list(self.allow),
            voice=VoicePolicy(quotes=self.quotes, first_person=self.first_person),
            attributes=self.lint_attributes,
        )

    def format_for(self, path: str) -> str | None:
        ext = os.path.splitext(path)[1].lower()
        return self.file_types.get(ext) or readers.EXTENSIONS.get(ext)

    def is_excluded(self, path: str) -> bool:
        """Whether an `exclude` glob matches `path` (globs are relative to their configuration file)."""
        return self._matches(path, "exclude")

    def is_included(self, path: str) -> bool:
        """Whether `path` passes `include` (no include globs: every file does)."""
        return not self.include or self._matches(path, "include")

    def _matches(self, path: str, setting: str) -> bool:
        absolute = os.path.abspath(path)
        for pat in getattr(self, setting):
            base = self._glob_dirs.get((setting, pat), os.getcwd())
            rel = os.path.relpath(absolute, base)
            # the path as written, and as seen from the folder of the file that set the glob
            candidates = [path] if rel.startswith("..") else [path, rel]
            if any(files.matches(c, [pat]) for c in candidates):
                return True
        return False

    def with_overrides(self, **overrides) -> "Config":
        """Command-line settings layered over a file's (the command line wins).

        Keys are the file's setting names with '_' or '-' (`extend_select` or `extend-select`)."""
        data = {k.replace("_", "-"): v for k, v in overrides.items() if v not in (None, [], ())}
        if data:
            self.merge(data, COMMAND_LINE, os.getcwd())
        return self


def _examples_memo(rule_files: list[str]) -> str | None:
    """A marker file whose existence says these rule files' examples all passed (keyed on
    the files and on hr-lint's own sources, the engine that judged them)."""
    from .cache import default_dir
    from .fingerprint import files_digest, package_digest

    digest = files_digest(rule_files, package_digest())
    return None if digest is None else os.path.join(default_dir(), "examples-ok", digest[:32])


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


_TOML_AT = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$")


def _pyproject_section(path: str):
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path) from None
    if b"hr-lint" not in raw:
        return None  # no [tool.hr-lint] table: not worth parsing
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        message = str(exc)
        at = _TOML_AT.search(message)
        line = int(at.group(1)) if at else raw.count(b"\n") + 1  # "(at end of document)"
        raise ConfigError(f"malformed TOML: {_TOML_AT.sub('', message)}", path, line) from None
    tool = data.get("tool")
    section = tool.get("hr-lint") if isinstance(tool, dict) else None
    if section is not None and not isinstance(section, dict):
        raise ConfigError("'tool.hr-lint' must be a table of settings", path)
    return section


def load_config(path: str | None, isolated: bool = False, preset: str = "default") -> Config:
    """A built-in preset (the `default` one unless a front end such as an editor chose
    another), then the given configuration file (if any)."""
    if preset not in PRESETS:
        raise ConfigError(f"unknown preset '{preset}'{did_you_mean(preset, PRESETS)} "
                          f"(expected one of {', '.join(PRESETS)})", "preset")
    config = Config()
    base = str(PRESET_DIR / f"{preset}.yaml")
    config.merge(load_yaml_file(base), base, str(PRESET_DIR))
    if isolated or path is None:
        return config
    if os.path.basename(path) == "pyproject.toml":
        section = _pyproject_section(path)
        if section is None:
            raise ConfigError("no [tool.hr-lint] table", path)
        data = _with_lines(section, path)
    else:
        data = load_yaml_file(path)
    config.merge(data, path, os.path.dirname(os.path.abspath(path)))
    config.path = path
    return config


_TOML_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_TOML_KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*=""")


def _with_lines(section, path):
    """tomllib gives no line numbers: find those of [tool.hr-lint] keys, sub-tables and
    list items in the text, so errors in pyproject.toml name their line too."""
    if section is None:
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    key_lines: dict[tuple, int] = {}  # (key,) or (key, subkey) -> line
    table: tuple | None = None
    top = None
    for i, text in enumerate(lines, 1):
        header = _TOML_HEADER.match(text)
        if header:
            parts = tuple(p.strip().strip("\"'") for p in header.group(1).split("."))
            table = parts[2:] if parts[:2] == ("tool", "hr-lint") else None
            if table == ():
                top = top or i
            elif table and (table[0],) not in key_lines:
                key_lines[(table[0],)] = i
            continue
        key = _TOML_KEY.match(text)
        if key is not None and table is not None:
            name = next(g for g in key.groups() if g)
            key_lines.setdefault(table[:1] + (name,), i)

    def convert(value, prefix, line):
        if isinstance(value, dict):
            out = LineDict(value)
            out.line = line or 0
            out.key_lines = {}
            for k, v in value.items():
                kl = key_lines.get(prefix + (k,)) if len(prefix) < 2 else None
                out.key_lines[k] = kl or line or 0
                out[k] = convert(v, prefix + (k,), out.key_lines[k])
            return out
        if isinstance(value, list):
            out = LineList(value)
            out.line = line or 0
            # each string item on the first line at or after the key that holds it
            out.item_lines = []
            start = (line or 1) - 1
            for item in value:
                found = next((n + 1 for n in range(start, len(lines))
                              if isinstance(item, str) and (f'"{item}"' in lines[n] or f"'{item}'" in lines[n])),
                             line or 0)
                out.item_lines.append(found)
            return out
        return value

    return convert(section, (), top)


def parse_config_text(text: str, path: str) -> Config:
    config = Config()
    config.merge(load_yaml(text, path), path, os.path.dirname(path))
    return config
