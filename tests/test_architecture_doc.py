"""docs/architecture.md stays true module for module: its module table names every module
of the package, and every path of the package it names exists."""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def _table_names() -> list[str]:
    rows = [line for line in DOC.splitlines() if line.startswith("| `")]
    return [name for row in rows for name in re.findall(r"`([^`]+)`", row.split("|")[1])]


def _documented(module: str, names: list[str]) -> bool:
    for name in names:
        if name.endswith("/*.py") and module.startswith(name[:-4]) and "/" not in module[len(name) - 4:]:
            return True
        if name.endswith("/") and module.startswith(name):
            return True
        # a row may name a second module by its folder-relative path ('lsp/server.py', '__main__.py')
        if module == name or module.endswith("/" + name):
            return True
    return False


def _defines_something(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign))
               for node in tree.body)


def test_every_module_is_in_the_module_table():
    names = _table_names()
    missing = []
    for path in sorted((ROOT / "hr_lint").rglob("*.py")):
        module = path.relative_to(ROOT).as_posix()
        if path.name == "__init__.py" and not _defines_something(path):
            continue  # a bare package marker
        if not _documented(module, names):
            missing.append(module)
    assert not missing, f"docs/architecture.md's module table does not name: {missing}"


def test_every_path_the_document_names_exists():
    named = set(re.findall(r"`(hr_lint/[\w/.*<>-]+\.(?:py|json|yaml))`", DOC))
    assert named
    for name in sorted(named):
        if "<" in name:  # a pattern such as hr_lint/rules/<lang>/lexicon.py
            continue
        matches = list(ROOT.glob(name)) if "*" in name else [ROOT / name]
        assert matches and all(m.exists() for m in matches), f"docs/architecture.md names {name}, which does not exist"
