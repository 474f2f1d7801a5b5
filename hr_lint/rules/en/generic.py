"""Generic checks: they decide without regard to which rule they serve, so any rule may name
them, custom rules included (`check: drug-context` in an organisation's own wordlist)."""
from __future__ import annotations

from ..api import Candidate, check
from .lexicon import DRUG_TALK, drug_context, tech_context


@check("drug-context", generic=True, needs=DRUG_TALK)
def drug_context_only(c: Candidate) -> bool:
    """Keeps a match only in a sentence about drug or alcohol use that is not about
    technology or services ('users who inject alone', not 'users of the app')."""
    return (drug_context(c.doc, c.start) and not tech_context(c.doc, c.start)) or c.reject("not a sentence about drug or alcohol use, or one about technology")
