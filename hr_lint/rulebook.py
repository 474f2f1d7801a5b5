"""Rules as data: load and validate wordlists (built-in and custom) into `Rule`s."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .finding import SEVERITIES
from .inflect import noun_forms, noun_forms_es, unaccented, verb_forms
from .rules import registry
from .rules.registry import Check, Needs
from .yamlload import ConfigError, did_you_mean, line_of, load_yaml_file

WORDLIST_DIR = Path(__file__).parent / "wordlists"
LANGUAGE = "en"  # the language of a rule whose wordlist names none

RULE_KEYS = {
    "id", "category", "severity", "message", "terms", "inflect", "case_sensitive",
    "alternatives", "fix", "context", "check", "person_label", "skip_negated",
    "sources", "examples", "note", "summary", "debated",
}
CONTEXT_KEYS = {"not_before", "not_after", "before", "after", "near", "not_near"}
ALTERNATIVE_FORMS = {"singular", "plural", "base", "s", "ed", "ing", "possessive"}
INFLECTIONS = {"noun", "verb", "none"}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class Rule:
    id: str
    category: str
    severity: str
    message: str
    terms: list[str]
    inflect: str = "noun"
    case_sensitive: bool = False
    alternatives: dict[str, list[str]] | list[str] = field(default_factory=list)
    fix: bool = False
    context: dict[str, set[str]] = field(default_factory=dict)
    check: Check | None = None  # the registered check bound to this rule id (hr_lint/rules)
    person_label: bool = False
    skip_negated: bool = False
    # guides disagree on the term and mainstream writing uses it respectfully (rehab,
    # alcoholism, relapse...): reported only as the `debated` setting says
    debated: bool = False
    sources: list[dict] = field(default_factory=list)
    examples: dict[str, list[str]] = field(default_factory=dict)
    summary: str = ""
    origin: str = ""  # the file the rule came from
    line: int | None = None
    language: str = LANGUAGE  # the language of its terms (hr_lint/language.py)

    @property
    def url(self) -> str | None:
        return self.sources[0]["url"] if self.sources else None

    def forms(self) -> list[tuple[str, str | None]]:
        """Every surface form to match, tagged with its grammatical form."""
        out: list[tuple[str, str | None]] = []
        spanish = self.language == "es"
        for term in self.terms:
            if self.inflect == "noun":
                out.extend(noun_forms_es(term) if spanish else noun_forms(term))
            elif self.inflect == "verb":
                out.extend(verb_forms(term))
            else:
                out.append((term, None))
        if spanish:  # written without accents too, as hurried posts and old systems do
            seen = {form for form, _ in out}
            for form, tag in list(out):
                if any(w[-1:] in "áéíóú" for w in form.split(" ")):
                    continue  # 'abusó' without its accent is 'abuso', another word
                bare = unaccented(form)
                if bare not in seen:
                    seen.add(bare)
                    out.append((bare, tag))
        return out

    def needs(self, form: str) -> Needs | None:
        """What a paragraph must hold for a match of `form` to be kept (None: nothing)."""
        if "near" in self.context:
            return Needs(frozenset(self.context["near"]))
        if self.check is not None:
            return self.check.needs_for(form)
        return None

    def alternatives_for(self, form: str | None) -> list[str]:
        alts = self.alternatives
        if isinstance(alts, list):
            return list(alts)
        if form and form in alts:
            return list(alts[form])
        if form == "plural" and "plural" not in alts:
            return list(alts.get("singular", []))
        # verb forms without their own list fall back to the base form's list
        for key in ("singular", "base", "plural"):
            if key in alts:
                return list(alts[key])
        return []


def _fail(msg, path, obj=None, key=None):
    raise ConfigError(msg, path, line_of(obj, key) if obj is not None else None)


def _word_set(value, path, obj, key) -> set[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        _fail(f"'{key}' must be a list of words", path, obj, key)
    return {v.lower() for v in value}


def _bind_check(rid: str, name, path: str, obj, language: str = LANGUAGE) -> Check:
    """The registered check `name`, which must be bound to rule `rid` (or be generic)."""
    if not isinstance(name, str) or not name:
        _fail(f"rule '{rid}': 'check' must name a check (e.g. drug-context)", path, obj, "check")
    try:
        return registry.bind(rid, name, language)
    except LookupError as exc:
        _fail(str(exc.args[0]), path, obj, "check")


def parse_rule(data, path: str, default_category: str | None = None, language: str = LANGUAGE) -> Rule:
    if not isinstance(data, dict):
        _fail("a rule must be a mapping with id, terms, message, severity", path, data)
    for key in data:
        if key not in RULE_KEYS:
            _fail(f"unknown key '{key}' in rule{did_you_mean(key, RULE_KEYS)}", path, data, key)
    rid = data.get("id")
    if not isinstance(rid, str) or not _ID.match(rid):
        _fail("a rule needs an 'id' in kebab-case (e.g. 'frequent-flyer')", path, data, "id")
    category = data.get("category", default_category)
    if not isinstance(category, str) or not category:
        _fail(f"rule '{rid}' needs a 'category'", path, data)
    severity = data.get("severity", "warning")
    if severity not in SEVERITIES:
        _fail(f"rule '{rid}': severity must be error, warning or info, not '{severity}'"
              f"{did_you_mean(severity, SEVERITIES)}", path, data, "severity")
    message = data.get("message")
    if not isinstance(message, str) or not message.strip():
        _fail(f"rule '{rid}' needs a 'message' saying why", path, data)
    terms = data.get("terms")
    if not isinstance(terms, list) or not terms:
        _fail(f"rule '{rid}' needs a non-empty 'terms' list", path, data, "terms" if "terms" in data else None)
    for term in terms:
        if not isinstance(term, str) or not term.strip():
            _fail(f"rule '{rid}': every term must be a non-empty string", path, terms)
    inflect = data.get("inflect", "noun")
    if inflect not in INFLECTIONS:
        _fail(f"rule '{rid}': inflect must be noun, verb or none{did_you_mean(inflect, INFLECTIONS)}",
              path, data, "inflect")
    alternatives = data.get("alternatives", [])
    if isinstance(alternatives, dict):
        for form, alts in alternatives.items():
            if form not in ALTERNATIVE_FORMS:
                _fail(f"rule '{rid}': unknown alternatives form '{form}'"
                      f"{did_you_mean(form, ALTERNATIVE_FORMS)}", path, alternatives, form)
            if not isinstance(alts, list) or not all(isinstance(a, str) for a in alts):
                _fail(f"rule '{rid}': alternatives.{form} must be a list of strings", path, alternatives, form)
        alternatives = {k: list(v) for k, v in alternatives.items()}
    elif not isinstance(alternatives, list) or not all(isinstance(a, str) for a in alternatives):
        _fail(f"rule '{rid}': alternatives must be a list of strings or a mapping of forms",
              path, data, "alternatives")
    else:
        alternatives = list(alternatives)
    context = {}
    raw_context = data.get("context") or {}
    if not isinstance(raw_context, dict):
        _fail(f"rule '{rid}': context must be a mapping", path, data, "context")
    for key, value in raw_context.items():
        if key not in CONTEXT_KEYS:
            _fail(f"rule '{rid}': unknown context key '{key}'{did_you_mean(key, CONTEXT_KEYS)}",
                  path, raw_context, key)
        context[key] = _word_set(value, path, raw_context, key)
    check = _bind_check(rid, data["check"], path, data, language) if "check" in data else None
    sources = data.get("sources") or []
    if not isinstance(sources, list):
        _fail(f"rule '{rid}': sources must be a list of {{title, url}}", path, data, "sources")
    for src in sources:
        if not isinstance(src, dict) or not isinstance(src.get("title"), str):
            _fail(f"rule '{rid}': each source needs a 'title' (and a 'url')", path, src if isinstance(src, dict) else sources)
        for key in src:
            if key not in ("title", "url"):
                _fail(f"rule '{rid}': unknown source key '{key}'{did_you_mean(key, ('title', 'url'))}",
                      path, src, key)
    examples = data.get("examples") or {}
    if not isinstance(examples, dict):
        _fail(f"rule '{rid}': examples must be a mapping with 'flag' and 'pass' lists", path, data, "examples")
    for key, value in examples.items():
        if key not in ("flag", "pass"):
            _fail(f"rule '{rid}': unknown examples key '{key}'{did_you_mean(key, ('flag', 'pass'))}",
                  path, examples, key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            _fail(f"rule '{rid}': examples.{key} must be a list of sentences", path, examples, key)
    for flag in ("fix", "case_sensitive", "person_label", "skip_negated", "debated"):
        if flag in data and not isinstance(data[flag], bool):
            _fail(f"rule '{rid}': '{flag}' must be true or false", path, data, flag)
    summary = data.get("summary") or message.strip().split(". ")[0].rstrip(".") + "."
    return Rule(
        id=rid,
        category=category,
        severity=severity,
        message=" ".join(message.split()),
        terms=[" ".join(t.split()) for t in terms],
        inflect=inflect,
        case_sensitive=bool(data.get("case_sensitive", False)),
        alternatives=alternatives,
        fix=bool(data.get("fix", False)),
        context=context,
        check=check,
        person_label=bool(data.get("person_label", False)),
        skip_negated=bool(data.get("skip_negated", False)),
        debated=bool(data.get("debated", False)),
        sources=[{"title": s["title"], "url": s.get("url")} for s in sources],
        examples={k: list(v) for k, v in examples.items()},
        summary=summary,
        origin=path,
        line=line_of(data),
        language=language,
    )


def load_wordlist(path: str, language: str = LANGUAGE) -> list[Rule]:
    """The rules of one wordlist; `language` unless the file names its own (`language: es`)."""
    data = load_yaml_file(path)
    if data is None:
        raise ConfigError("empty rule file: expected 'rules:' with a list of rules", path)
    if isinstance(data, list):
        rules_data, category = data, None
    elif isinstance(data, dict):
        top = ("category", "language", "rules")
        for key in data:
            if key not in top:
                _fail(f"unknown top-level key '{key}'{did_you_mean(key, top)}", path, data, key)
        rules_data, category = data.get("rules"), data.get("category")
        if not isinstance(rules_data, list) or not rules_data:
            _fail("expected 'rules:' with a non-empty list of rules", path, data)
        if "language" in data:
            language = data["language"]
            if language not in languages():
                _fail(f"'language' must be one of {', '.join(languages())}, not '{language}'"
                      f"{did_you_mean(str(language), languages())}", path, data, "language")
    else:
        raise ConfigError("expected a mapping with 'rules:'", path, 1)
    return [parse_rule(item, path, category, language) for item in rules_data]


def languages() -> list[str]:
    """The languages with built-in rules: the folders of hr_lint/wordlists."""
    return sorted(p.name for p in WORDLIST_DIR.iterdir() if p.is_dir() and any(p.glob("*.yaml")))


def load_builtin_rules(language: str | None = None) -> list[Rule]:
    """The built-in rules of one language (None: of every language), and the proof that
    they and that language's checks agree: every rule id a check is bound to exists and
    names that check, and so does every rule the sense model covers (English: so a rule
    renamed without its check is an error here, never a silent change in what is found)."""
    rules: list[Rule] = []
    for lang in [language] if language else languages():
        folder = WORDLIST_DIR / lang
        found: list[Rule] = []
        for path in sorted(folder.glob("*.yaml")):
            found.extend(load_wordlist(str(path), lang))
        try:
            registry.validate(found, lang)
            if lang == "en":
                from . import sense  # its tables only: the model's weights are read when first needed

                sense.validate(found)
        except LookupError as exc:
            raise ConfigError(str(exc.args[0]), str(folder)) from None
        rules.extend(found)
    check_unique(rules)
    return rules


def check_unique(rules: list[Rule]) -> list[Rule]:
    seen: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in seen:
            raise ConfigError(f"rule id '{rule.id}' is defined twice (also in {seen[rule.id].origin})",
                              rule.origin, rule.line)
        seen[rule.id] = rule
    return rules
