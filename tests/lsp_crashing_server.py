"""`hr-lint lsp` with a fault planted for tests: linting a text that holds CRASH-HERE raises."""
from hr_lint.lsp import incremental

_lint = incremental.IncrementalLinter.lint


def _crashing(self, linter, text, fmt, path, **kw):
    if "CRASH-HERE" in text:
        raise RuntimeError("a planted fault")
    return _lint(self, linter, text, fmt, path, **kw)


incremental.IncrementalLinter.lint = _crashing

if __name__ == "__main__":
    from hr_lint.lsp import main

    main([])
