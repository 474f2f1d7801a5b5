"""The check registry: every check, the rule ids it is bound to, and the words it needs.

A check is a function that decides whether one match of a rule's term is the sense the
rule is about. It is registered with the `check` decorator, which names it and binds it to
the rules it serves:

    @check("clean-time", rules=["clean-time"])
    def clean_time(c: Candidate) -> bool:
        '''NA's 'clean time' / 'clean date' ... (the senses it separates)'''

A rule names its check in its wordlist (`check: clean-time`); the rulebook asks `bind()`
for it, which fails, naming the rule, when the check does not exist or is not bound to
that rule id. `validate()` checks the other direction for the built-in rules: every rule
id a check is bound to exists and names that check, so renaming a rule without its check
is a load error, never a silent change in what is found. A `generic` check (such as
`drug-context`) decides without regard to which rule it serves, and any rule, custom rules
included, may name it.

Checks live in one folder per language, `hr_lint/rules/<lang>/`, beside that language's
`lexicon.py`; every module there except the lexicon is imported when the registry is first
asked, so a new check module needs no list to be added to.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

RULES_DIR = Path(__file__).parent
LEXICON = "lexicon"
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class RegistryError(Exception):
    """A check is declared wrongly (a programming error in hr_lint/rules, not a user's)."""


@dataclass(frozen=True)
class Needs:
    """Words one of which a paragraph must hold for a term's match to pass its check.

    The engine skips paragraphs (and files) where no such word stands, before any
    tokenizing: a check states these (`@check(..., needs=...)`) for the terms it only keeps
    with a companion word ('users' needs drug talk nearby). A word with a space is a phrase;
    a prefix matches the start of a word, a suffix its end. Must be a superset of what the
    check accepts: tests/test_screens.py compares findings with and without.
    """

    words: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()  # a word that ends so ('-osis', '-ia')

    def __or__(self, other: Needs) -> Needs:
        return Needs(self.words | other.words, tuple(sorted(set(self.prefixes) | set(other.prefixes))),
                     tuple(sorted(set(self.suffixes) | set(other.suffixes))))


NeedsSpec = Needs | Callable[[str], "Needs | None"] | None


@dataclass(frozen=True)
class Check:
    """One registered check."""

    name: str
    function: Callable = field(repr=False)
    rules: frozenset[str]  # the rule ids it is bound to (empty for a generic check)
    generic: bool
    language: str
    needs: NeedsSpec = field(default=None, repr=False, compare=False)

    def __call__(self, candidate) -> bool:
        return self.function(candidate)

    def needs_for(self, form: str) -> Needs | None:
        """What a paragraph must hold for a match of the surface form `form` to be kept."""
        if self.needs is None or isinstance(self.needs, Needs):
            return self.needs
        return self.needs(form)

    @property
    def doc(self) -> str:
        """The senses the check separates: its docstring, as written."""
        return inspect.cleandoc(self.function.__doc__ or "")

    @property
    def topic(self) -> str:
        """The first paragraph of its module's docstring: what the module's checks are about."""
        module = inspect.getmodule(self.function)
        text = inspect.cleandoc(module.__doc__ or "") if module else ""
        return text.split("\n\n")[0]


_checks: dict[str, Check] = {}
_loaded: set[str] = set()


def check(name: str, *, rules: Iterable[str] = (), generic: bool = False, needs: NeedsSpec = None):
    """Register the decorated function as the check `name`, bound to the rule ids `rules`
    (or, with `generic=True`, usable by any rule). `needs` is a `Needs`, or a function of
    the matched surface form returning one (or None), for terms the check keeps only beside
    a companion word. The function's docstring documents the senses it separates."""
    rules = frozenset(rules)

    def register(function: Callable) -> Callable:
        where = f"{function.__module__}.{function.__qualname__}"
        if not _NAME.match(name):
            raise RegistryError(f"{where}: check name '{name}' is not kebab-case")
        if name in _checks and _checks[name].function is not function:
            raise RegistryError(f"{where}: check '{name}' is already registered by "
                                f"{_checks[name].function.__module__}")
        if not (function.__doc__ or "").strip():
            raise RegistryError(f"{where}: check '{name}' needs a docstring saying which senses it separates")
        if generic == bool(rules):
            raise RegistryError(f"{where}: check '{name}' must be bound to rule ids, or be generic (not both)")
        parts = function.__module__.split(".")
        language = parts[parts.index("rules") + 1] if "rules" in parts[:-1] else "en"
        _checks[name] = Check(name, function, rules, generic, language, needs)
        return function

    return register


def languages() -> list[str]:
    """The language folders under hr_lint/rules (each holds a lexicon and its checks)."""
    return sorted(p.name for p in RULES_DIR.iterdir() if p.is_dir() and (p / f"{LEXICON}.py").exists())


def load(language: str | None = None) -> None:
    """Import every check module of one language (None: of every language) once,
    registering their checks. A run that lints only English never imports the others."""
    for lang in [language] if language else languages():
        if lang in _loaded or not (RULES_DIR / lang / f"{LEXICON}.py").exists():
            continue
        package = f"{__package__}.{lang}"
        for info in pkgutil.iter_modules([str(RULES_DIR / lang)]):
            if info.name != LEXICON and not info.name.startswith("_"):
                importlib.import_module(f"{package}.{info.name}")
        _loaded.add(lang)


def checks(language: str | None = None) -> list[Check]:
    """Every registered check (of one language)."""
    load(language)
    return sorted((c for c in _checks.values() if language in (None, c.language)), key=lambda c: c.name)


def get(name: str, language: str | None = None) -> Check | None:
    """The check `name`, looked for first among `language`'s checks, then among all."""
    if language:
        load(language)
        if name in _checks:
            return _checks[name]
    load()
    return _checks.get(name)


def bind(rule_id: str, name: str, language: str | None = None) -> Check:
    """The check `name` for rule `rule_id` (a rule of `language`); `LookupError` with a
    message for the user when there is no such check or it is not bound to that rule."""
    found = get(name, language)
    if found is None:
        from ..yamlload import did_you_mean

        generic = ", ".join(c.name for c in checks() if c.generic)
        raise LookupError(f"rule '{rule_id}': unknown check '{name}'{did_you_mean(name, list(_checks))}"
                          f" (checks any rule may name: {generic})")
    if not found.generic and rule_id not in found.rules:
        generic = ", ".join(c.name for c in checks() if c.generic)
        raise LookupError(f"rule '{rule_id}': check '{name}' is bound to {_ids(found.rules)}, not to this rule"
                          f" (a check decides the senses of the rules it is bound to; any rule may name a"
                          f" generic check: {generic})")
    return found


def validate(rules, language: str | None = None) -> None:
    """Every rule id a check (of `language`) is bound to exists among `rules` and names
    that check. `LookupError` naming the rule otherwise (for the built-in rules)."""
    by_id = {r.id: r for r in rules}
    for c in checks(language):
        for rule_id in sorted(c.rules):
            rule = by_id.get(rule_id)
            if rule is None:
                raise LookupError(f"check '{c.name}' is bound to rule '{rule_id}', which does not exist")
            named = rule.check.name if rule.check is not None else None
            if named != c.name:
                raise LookupError(f"rule '{rule_id}': check '{c.name}' is bound to it, but the rule names "
                                  + (f"check '{named}'" if named else "no check"))


def _ids(ids) -> str:
    ids = sorted(ids)
    return ("rule " if len(ids) == 1 else "rules ") + ", ".join(f"'{i}'" for i in ids)
