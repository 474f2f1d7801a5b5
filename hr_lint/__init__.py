"""hr-lint: find stigmatizing language about drug use, mental health, suicide,
incarceration, homelessness and sex work, and suggest person-first alternatives."""
from .finding import Finding
from .linter import Linter

__version__ = "0.1.0"
__all__ = ["Linter", "Finding", "moderate_texts", "__version__"]


def __getattr__(name):
    # imported on first use: the command line's start-up does not pay for it
    if name == "moderate_texts":
        from .moderate import moderate_texts

        return moderate_texts
    raise AttributeError(f"module 'hr_lint' has no attribute {name!r}")
