"""Adding a phrase to `allow` in a configuration file, as a text edit that keeps the rest
of the file (comments, order, quoting) as it is.

`.hr-lint.yaml` (or `.yml`, `hr-lint.yaml`): a new item in a block list, or in a flow list
(`allow: [a, b]`), or a new `allow:` list at the end; a comma-separated string on one line
(`allow: a, b`) becomes a flow list of the same phrases and the new one. `pyproject.toml`:
a new item in the `allow` array of `[tool.hr-lint]` (a one-line string becomes an array
likewise), or a new `allow = [...]` line under the table header. Every edit is checked by
reading the edited file back: `allow` must have gained exactly the phrase and nothing else
may have changed; otherwise no edit is offered, and `why_not` says why.
"""
from __future__ import annotations

import json
import os
import re
import tomllib

from ..yamlload import ConfigError, LineList, load_yaml
from .actions import Edit, apply_edits

NEW_FILE = ".hr-lint.yaml"


def quoted(phrase: str) -> str:
    """A double-quoted string, valid in YAML and TOML alike."""
    return json.dumps(phrase, ensure_ascii=False)


def new_file_text(phrase: str) -> str:
    return f"# hr-lint settings (see the hr-lint README)\nallow:\n  - {quoted(phrase)}\n"


def add_allow(path: str, text: str, phrase: str) -> list[Edit] | None:
    """Edits to `text` (the file at `path`) that add `phrase` to `allow`, or None."""
    if os.path.basename(path) == "pyproject.toml":
        edits = _toml(text, phrase)
        check = _toml_allow
    else:
        edits = _yaml(text, path, phrase)
        check = lambda t: _yaml_allow(t, path)  # noqa: E731
    if not edits:
        return None
    try:
        before_rest, before_allow = check(text)
        after_rest, after_allow = check(apply_edits(text, edits))
    except (ConfigError, ValueError, TypeError, tomllib.TOMLDecodeError):
        return None
    if after_rest != before_rest or after_allow != before_allow + [phrase]:
        return None
    return edits


def why_not(path: str, text: str, phrase: str) -> str:
    """Why `add_allow` has no edit for this file, for the writer."""
    name = os.path.basename(path)
    by_hand = f"add {quoted(phrase)} to 'allow' by hand"
    if name == "pyproject.toml":
        if _HEADER.search(text) is None:
            return (f"{name} has no [tool.hr-lint] table header (hr-lint does not edit dotted keys or an "
                    f"inline table); {by_hand}")
        return f"hr-lint cannot add to the 'allow' of [tool.hr-lint] in {name} as it is written; {by_hand}"
    return f"hr-lint cannot add to 'allow' in {name} as it is written; {by_hand}"


def _words(value) -> list:
    """`allow` as the configuration reads it: a string is a comma-separated list."""
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return value


def _flow_list(words: list[str], phrase: str) -> str:
    return "[" + ", ".join(quoted(w) for w in [*words, phrase]) + "]"


# -- YAML --------------------------------------------------------------------------------------

def _yaml_allow(text: str, path: str):
    data = load_yaml(text, path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ValueError("not a mapping")
    rest = {k: v for k, v in data.items() if k != "allow"}
    allow = _words(data.get("allow"))
    if allow is None:
        allow = []
    if not isinstance(allow, list):
        raise ValueError("allow is not a list")
    return _plain(rest), [a.strip() if isinstance(a, str) else a for a in allow]


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _yaml(text: str, path: str, phrase: str) -> list[Edit] | None:
    try:
        data = load_yaml(text, path)
    except ConfigError:
        return None
    eol = "\r\n" if "\r\n" in text else "\n"
    item = quoted(phrase)
    if data is None or (isinstance(data, dict) and "allow" not in data):
        at = len(text)
        lead = "" if not text or text.endswith(("\n", "\r")) else eol
        return [Edit(at, at, f"{lead}allow:{eol}  - {item}{eol}")]
    if not isinstance(data, dict):
        return None
    allow = data["allow"]
    key_line = data.line_of("allow") if hasattr(data, "line_of") else 0
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    if not key_line or key_line > len(lines):
        return None
    key_text = lines[key_line - 1]
    after_key = key_text.split(":", 1)[1] if ":" in key_text else ""
    if allow is None or (isinstance(allow, list) and not allow and after_key.strip() == ""):
        # "allow:" with nothing after it
        at = offsets[key_line - 1] + len(key_text.rstrip("\r\n"))
        return [Edit(at, at, f"{eol}  - {item}")]
    if isinstance(allow, str):
        # "allow: a, b" on the key's line: the same phrases and the new one as a flow list
        content = key_text.rstrip("\r\n")
        colon = content.index(":") + 1
        value = _strip_yaml_comment(content[colon:])
        if not value.strip():
            return None  # the string starts on a later line
        at = offsets[key_line - 1] + colon + (len(value) - len(value.lstrip()))
        return [Edit(at, offsets[key_line - 1] + colon + len(value.rstrip()), _flow_list(_words(allow), phrase))]
    if not isinstance(allow, LineList):
        return None
    if after_key.strip().startswith("["):
        # a flow list: before its closing bracket
        start = offsets[key_line - 1] + key_text.index("[")
        close = _closing_bracket(text, start)
        if close is None:
            return None
        inner = text[start + 1:close]
        if not inner.strip():
            return [Edit(close, close, item)]
        sep = " " if inner.rstrip().endswith(",") else ", "
        at = start + 1 + len(inner.rstrip())
        return [Edit(at, at, f"{sep}{item}")]
    # a block list: a line after its last item, written like that item
    last = allow.line_of_item(len(allow) - 1) if allow else 0
    if not last or last > len(lines):
        return None
    # the last item may go on over more lines (deeper indented)
    item_line = lines[last - 1]
    dash = re.match(r"(\s*-\s+)", item_line)
    if not dash:
        return None
    indent = len(dash.group(1)) - len(dash.group(1).lstrip())
    end_line = last
    while end_line < len(lines):
        nxt = lines[end_line]
        if nxt.strip() and len(nxt) - len(nxt.lstrip()) > indent and not nxt.lstrip().startswith("-"):
            end_line += 1
        else:
            break
    at = offsets[end_line]
    prev = lines[end_line - 1]
    lead = "" if prev.endswith(("\n", "\r")) else eol
    return [Edit(at, at, f"{lead}{dash.group(1)}{item}{eol}")]


def _strip_yaml_comment(value: str) -> str:
    """A YAML line's value without a trailing comment (a "#" after a blank, outside quotes)."""
    quote = None
    for i, ch in enumerate(value):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'" and (i == 0 or not value[:i].strip()):
            quote = ch
        elif ch == "#" and (i == 0 or value[i - 1] in " \t"):
            return value[:i]
    return value


def _closing_bracket(text: str, start: int) -> int | None:
    """Offset of the "]" that closes the "[" at `start` (quotes and nesting respected)."""
    depth, i, n = 0, start, len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'":
            quote = ch
            i += 1
            while i < n and text[i] != quote:
                i += 2 if text[i] == "\\" and quote == '"' else 1
        elif ch == "#" and (i == 0 or text[i - 1] in " \t\n"):
            nl = text.find("\n", i)
            i = n if nl == -1 else nl
            continue
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


# -- TOML --------------------------------------------------------------------------------------

# the table's header line, up to its line break ("\n" or "\r\n")
_HEADER = re.compile(r"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*(?:\"hr-lint\"|'hr-lint'|hr-lint)[ \t]*\][ \t]*(?:#[^\r\n]*)?(?=\r?$)",
                     re.M)
_TOML_STRING = re.compile(r"\"(?:[^\"\\\r\n]|\\.)*\"(?!\")|'[^'\r\n]*'(?!')")
_ANY_HEADER = re.compile(r"^[ \t]*\[", re.M)
_ALLOW_KEY = re.compile(r"^[ \t]*(?:allow|\"allow\"|'allow')[ \t]*=[ \t]*", re.M)


def _toml_allow(text: str):
    data = tomllib.loads(text)
    section = data.get("tool", {}).get("hr-lint")
    if not isinstance(section, dict):
        raise ValueError("no [tool.hr-lint] table")
    rest = {k: v for k, v in data.items() if k != "tool"}
    tool = {k: v for k, v in data["tool"].items() if k != "hr-lint"}
    own = {k: v for k, v in section.items() if k != "allow"}
    allow = _words(section.get("allow", []))
    if not isinstance(allow, list):
        raise ValueError("allow is not an array")
    return (rest, tool, own), [a.strip() if isinstance(a, str) else a for a in allow]


def _toml(text: str, phrase: str) -> list[Edit] | None:
    header = _HEADER.search(text)
    if header is None:
        return None
    nxt = _ANY_HEADER.search(text, header.end())
    table_end = nxt.start() if nxt else len(text)
    eol = "\r\n" if "\r\n" in text else "\n"
    item = quoted(phrase)
    key = _ALLOW_KEY.search(text, header.end(), table_end)
    if key is None:
        at = header.end()
        return [Edit(at, at, f"{eol}allow = [{item}]")]
    start = key.end()
    string = _TOML_STRING.match(text, start)
    if string is not None:  # allow = "a, b": the same phrases and the new one as an array
        value = tomllib.loads("v = " + string.group())["v"]
        return [Edit(start, string.end(), _flow_list(_words(value), phrase))]
    if not text.startswith("[", start):
        return None
    close = _closing_bracket(text, start)
    if close is None:
        return None
    inner = text[start + 1:close]
    if "\n" not in inner:
        if not inner.strip():
            return [Edit(close, close, item)]
        sep = " " if inner.rstrip().endswith(",") else ", "
        at = start + 1 + len(inner.rstrip())
        return [Edit(at, at, f"{sep}{item}")]
    # one item a line: a new line before the closing bracket, indented like the last item
    body = inner.rstrip(" \t")
    items = [ln for ln in body.split("\n") if ln.strip() and not ln.strip().startswith("#")]
    if not items:
        return None
    indent = re.match(r"[ \t]*", items[-1]).group()
    last_value = _strip_comment(items[-1]).rstrip()
    edits = []
    if not last_value.endswith(","):
        # the comma goes right after the last item's value
        line_start = text.rfind(items[-1], start, close)
        at = line_start + len(last_value)
        edits.append(Edit(at, at, ","))
    at = start + 1 + len(body)
    prefix = "" if body.endswith("\n") else eol
    edits.append(Edit(at, at, f"{prefix}{indent}{item},{eol}"))
    return edits


def _strip_comment(line: str) -> str:
    """A TOML line without its trailing comment (outside strings)."""
    quote = None
    i = 0
    while i < len(line):
        ch = line[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return line[:i]
        i += 1
    return line
