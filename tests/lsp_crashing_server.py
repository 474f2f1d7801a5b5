"""`hr-lint lsp` with faults planted for tests: linting a text that holds CRASH-HERE
raises; one that holds HANG-HERE never ends."""
import time

from hr_lint.lsp import incremental

_lint = incremental.IncrementalLinter.lint


def _crashing(self, linter, text, fmt, path, **kw):
    if "CRASH-HERE" in text:
        raise RuntimeError("a planted fault")
    if "HANG-HERE" in text:
        time.sleep(3600)
    return _lint(self, linter, text, fmt, path, **kw)


incremental.IncrementalLinter.lint = _crashing

if __name__ == "__main__":
    from hr_lint.lsp import main

    main([])
