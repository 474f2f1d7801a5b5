"""The candidate API: everything a check module may use besides its language's lexicon.

A check module (`hr_lint/rules/<lang>/*.py`) imports from here and from `.lexicon` only,
never from another check module or the engine (`tests/test_registry.py` holds it to that):

    from ..api import Candidate, Needs, check
    from .lexicon import PERSON, drug_context

- `check`: the decorator that registers a check and binds it to its rule ids (see
  `hr_lint/rules/registry.py`); `Needs`: the companion words a check's terms need.
- `Candidate`: the match being decided, with the neighbourhood of the match
  (`c.before(n)`, `c.after(n)`, `c.words_before(n)`, `c.nearby_words(k)`, ...).
- token-index functions for looking around any token: `sentence_span`, `words_around`,
  `tokens_before`, `tokens_after`, `prev_token`, `next_token`, `word_at`,
  `at_clause_start`, `capitalised_mid_sentence`; `holds_any` (does any token have one of
  these texts: a search that can only fail is skipped).
- `capitalised_name` and `title_case_sentence` (names), `is_negated` (negation),
  `historical` (a passage set in the past: a period word or a year before 1960).
"""
from __future__ import annotations

from ..candidate import (
    Candidate, at_clause_start, capitalised_mid_sentence, holds_any, next_token, prev_token, sentence_span,
    tokens_after, tokens_before, word_at, words_around,
)
from ..names import capitalised_name, title_case_sentence
from ..voice import historical, is_negated
from .registry import Needs, check

__all__ = [
    "Candidate", "Needs", "at_clause_start", "capitalised_mid_sentence", "capitalised_name", "check",
    "historical", "holds_any", "is_negated", "next_token", "prev_token", "sentence_span", "title_case_sentence", "tokens_after",
    "tokens_before", "word_at", "words_around",
]
