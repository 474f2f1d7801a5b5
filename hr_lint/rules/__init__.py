"""The rule layer's Python side: the check registry (`registry.py`), the candidate API every
check uses (`api.py`), and one folder per language (`en/`) with its lexicon and checks.

The words themselves live in `hr_lint/wordlists/<lang>/*.yaml`; see docs/writing-rules.md.
"""
