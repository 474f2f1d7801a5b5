"""--list-rules, --explain, --check-rules and --show-config."""
from __future__ import annotations

import textwrap

from .yamlload import ConfigError, did_you_mean


def list_rules(rules) -> str:
    width = max((len(r.id) for r in rules), default=10)
    cat = max((len(r.category) for r in rules), default=10)
    lines = [f"{r.id:{width}}  {r.category:{cat}}  {r.severity:7}  {'(debated) ' if r.debated else ''}{r.summary}"
             for r in sorted(rules, key=lambda r: (r.category, r.id))]
    debated = sum(1 for r in rules if r.debated)
    note = f" ({debated} debated: reported only with the setting 'debated: once' or 'report')" if debated else ""
    return "\n".join(lines) + f"\n{len(rules)} rules{note}\n"


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, width=88, initial_indent=indent, subsequent_indent=indent)


def find_rule(rules, rule_id: str):
    for rule in rules:
        if rule.id == rule_id:
            return rule
    raise ConfigError(f"unknown rule '{rule_id}'{did_you_mean(rule_id, [r.id for r in rules])}"
                      " (see hr-lint --list-rules)", "--explain")


def _paragraphs(text: str, indent: str = "  ") -> list[str]:
    """A docstring wrapped paragraph by paragraph (blank lines kept between them)."""
    out: list[str] = []
    for para in text.split("\n\n"):
        if out:
            out.append("")
        out.append(_wrap(" ".join(para.split()), indent))
    return out


def explain(rules, rule_id: str) -> str:
    r = find_rule(rules, rule_id)
    out = [f"{r.id}  ({r.category}, {r.severity}{', debated' if r.debated else ''})", "", _wrap(r.message), ""]
    if r.debated:
        out.extend([_wrap("A debated term: guides disagree on it, and mainstream writing uses it respectfully."
                          " The default policy does not report it; 'debated: once' in the configuration"
                          " reports its first use in each document, 'debated: report' (and the strict"
                          " preset) every use, and selecting the rule by id turns it on."), ""])
    out.append("Catches:")
    out.append(_wrap(", ".join(r.terms)))
    if r.check is not None:
        out.append("")
        out.append(f"Which sense counts (check '{r.check.name}'):")
        out.extend(_paragraphs(r.check.doc))
    out.append("")
    out.append("Leaves alone:")
    for key, words in sorted(r.context.items()):
        out.append(_wrap(f"{key.replace('_', ' ')}: {', '.join(sorted(words))}"))
    out.append(_wrap("names (known organisations, laws and capitalised names), words mentioned as words,"
                     " and (as info) quoted speech and first-person self-description"))
    alts = r.alternatives
    if alts:
        out.append("")
        out.append("Alternatives:")
        if isinstance(alts, dict):
            for form, items in alts.items():
                out.append(_wrap(f"{form}: " + "; ".join(items)))
        else:
            out.append(_wrap("; ".join(alts)))
        if r.fix:
            out.append(_wrap("(--fix applies the first alternative)"))
    for key, title in (("flag", "Flags"), ("pass", "Does not flag")):
        if r.examples.get(key):
            out.append("")
            out.append(f"{title}:")
            out.extend(_wrap(f"- {e}") for e in r.examples[key])
    if r.sources:
        out.append("")
        out.append("Sources:")
        for s in r.sources:
            out.append(_wrap(f"- {s['title']}" + (f" <{s['url']}>" if s.get("url") else "")))
    return "\n".join(out) + "\n"


def example_linter(linter):
    """The linter whose rules' examples `--check-rules` runs: `linter`, with debated terms
    reported whatever its `debated` policy, so their examples are checked too."""
    if linter.config.debated == "report":
        return linter
    import copy

    from .linter import Linter

    return Linter(copy.deepcopy(linter.config).with_overrides(debated="report"))


def check_rules(linter) -> list[str]:
    """Each active rule's `flag` examples must give a finding of that rule, `pass` examples
    none (judged as the rulebook judges custom rules: hr_lint/examples.py)."""
    from . import examples

    problems = examples.check(linter.rules)
    return [f"{p.rule.origin}:{p.line or p.rule.line}: {p.message}" for p in problems]


def show_config(config, path) -> str:
    def origin(key):
        return config.origins.get(key, "built-in default")

    rows = [
        ("configuration file", path or "(none)", ""),
        ("select", ", ".join(config.select) if config.select is not None else "ALL", origin("select")),
        ("extend-select", ", ".join(config.extend_select) or "-", origin("extend-select")),
        ("ignore", ", ".join(config.ignore) or "-", origin("ignore")),
        ("severity", ", ".join(f"{k}={v}" for k, v in sorted(config.severity.items())) or "-", origin("severity")),
        ("fail-on", config.fail_on, origin("fail-on")),
        ("include", ", ".join(config.include) or "-", origin("include")),
        ("exclude", ", ".join(config.exclude) or "-", origin("exclude")),
        ("respect-gitignore", str(config.respect_gitignore).lower(), origin("respect-gitignore")),
        ("allow", ", ".join(config.allow) or "-", origin("allow")),
        ("lint-attributes", str(config.lint_attributes).lower(), origin("lint-attributes")),
        ("language", config.language, origin("language")),
        ("quotes", config.quotes, origin("quotes")),
        ("first-person", config.first_person, origin("first-person")),
        ("debated", config.debated, origin("debated")),
        ("file-types", ", ".join(f"{k}={v}" for k, v in sorted(config.file_types.items())) or "-", origin("file-types")),
        ("rules", ", ".join(config.rule_files) or "-", origin("rules")),
        ("active rules", str(len(config.active_rules())), ""),
    ]
    width = max(len(r[0]) for r in rows)
    lines = []
    for key, value, where in rows:
        lines.append(f"{key:{width}}  {value}" + (f"    # {where}" if where else ""))
    return "\n".join(lines) + "\n"
