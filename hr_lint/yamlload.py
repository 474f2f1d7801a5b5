"""YAML loading that remembers line numbers, so configuration errors can name them."""
from __future__ import annotations

import difflib
import os

import yaml


class ConfigError(Exception):
    """A problem in a configuration or rule file: reported as `path:line: message`."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = display_path(self.path) if self.path else "<config>"
        if self.line:
            where += f":{self.line}"
        # always one line: YAML and TOML messages can carry newlines
        return " ".join(f"{where}: {self.message}".split())


def display_path(path: str) -> str:
    """A path as the user would write it: relative when it lies under the working folder."""
    if not os.path.isabs(path):
        return path
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel


class LineDict(dict):
    """A mapping from YAML with the line of each key (`key_lines`) and its own `line`."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence from YAML with its own `line` and the line of each item (`item_lines`)."""

    line: int = 0
    item_lines: list

    def line_of_item(self, index: int) -> int:
        lines = getattr(self, "item_lines", None) or []
        return lines[index] if index < len(lines) else self.line


# libyaml's parser when PyYAML has it (the constructors below stay the same): 5x faster
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise ConfigError("a mapping key must be a plain value", line=key_node.start_mark.line + 1)
        if key in result:  # YAML would silently keep the last one
            raise ConfigError(f"duplicate key '{key}' (first on line {result.key_lines[key]})",
                              line=key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader, node):
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(text: str, path: str):
    """Parse YAML text; malformed YAML raises ConfigError with the file and line."""
    try:
        return yaml.load(text, Loader=_Loader)
    except ConfigError as exc:
        exc.path = path
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise ConfigError(f"malformed YAML: {problem}", path, line) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        raise ConfigError(f"malformed YAML: {exc.reason} (character #x{exc.character:04x})"
                          if isinstance(exc.character, int) else f"malformed YAML: {exc.reason}", path, line) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"malformed YAML: {exc}", path) from None


def load_yaml_file(path: str):
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path) from None
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", path) from None
    return load_yaml(text, path)


def did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def line_of(obj, key=None) -> int | None:
    if isinstance(obj, LineDict):
        return obj.line_of(key) if key is not None else obj.line
    return getattr(obj, "line", None)
