"""hr-lint: find stigmatizing language about drug use, mental health, suicide,
incarceration, homelessness and sex work, and suggest person-first alternatives."""
from .finding import Finding
from .linter import Linter

__version__ = "0.1.0"
__all__ = ["Linter", "Finding", "__version__"]
