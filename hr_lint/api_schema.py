"""JSON Schema of the HTTP API's objects, generated from the code that makes them: a
`Finding` from its dataclass and `JSON_FIELDS`, a trace occurrence from `Occurrence`, so
that the OpenAPI document (hr_lint/server.py) cannot drift from the answers."""
from __future__ import annotations

import dataclasses
import re

from .finding import JSON_FIELDS, SEVERITIES, Finding

_SCALARS = {"str": "string", "int": "integer", "bool": "boolean", "float": "number"}
_ONE_BASED = {"line", "column", "end_line", "end_column", "page"}
_DESCRIPTIONS = {
    "line": "1-based line (for a PDF: within its page)",
    "column": "1-based column, in Unicode code points as an editor shows them",
    "end_column": "the column just after the match (exclusive)",
    "text": "the matched characters exactly as they stand in the document",
    "suggestions": "complete replacements for `text`",
    "source": "URL of the guidance the rule rests on",
    "fix": "the replacement `--fix` would apply, or null when the best wording depends on context",
    "page": "1-based page of a paged document (PDF)",
    "voice": "'quote' or 'first-person' when quoted speech or self-description lowered the finding to info, else null",
    "offset": "0-based code-point offset of `text` in the text that was linted",
    "end_offset": "0-based code-point offset just after `text`",
}


def _type(annotation: str) -> dict:
    """JSON Schema of a simple annotation: str, int, bool, list[str], X | None."""
    parts = [p.strip() for p in annotation.split("|")]
    nullable = "None" in parts
    parts = [p for p in parts if p != "None"]
    if len(parts) != 1:
        raise ValueError(f"no JSON type for {annotation!r}")
    m = re.fullmatch(r"list\[(\w+)\]", parts[0])
    if m:
        schema = {"type": "array", "items": {"type": _SCALARS[m.group(1)]}}
        return {"type": ["array", "null"], "items": schema["items"]} if nullable else schema
    kind = _SCALARS[parts[0]]
    return {"type": [kind, "null"]} if nullable else {"type": kind}


def object_schema(cls, fields, optional=(), description: str = "") -> dict:
    """The schema of the dict a dataclass's `to_dict` gives: `fields` always, `optional` when set."""
    types = {f.name: f.type for f in dataclasses.fields(cls)}
    properties = {}
    for name in (*fields, *optional):
        prop = _type(types[name])
        if name in _ONE_BASED:
            prop = dict(prop, minimum=1)
        if name == "severity":
            prop = dict(prop, enum=list(reversed(SEVERITIES)))
        if name == "voice":
            prop = dict(prop, enum=["quote", "first-person", None])
        if name in _DESCRIPTIONS:
            prop = dict(prop, description=_DESCRIPTIONS[name])
        properties[name] = prop
    out = {"type": "object", "required": list(fields), "properties": properties, "additionalProperties": False}
    if description:
        out["description"] = description
    return out


def finding_schema() -> dict:
    return object_schema(Finding, JSON_FIELDS, optional=("page",),
                         description="Exactly one object of `hr-lint --format json`.")


def occurrence_schema() -> dict:
    """One object of `hr-lint --trace --format json`, with the code-point offsets the API adds."""
    from .trace import REPORTED_STAGES, STAGES

    place = object_schema(Finding, ("path", "line", "column", "end_line", "end_column", "text", "rule",
                                    "offset", "end_offset"), optional=("page",))
    props = dict(place["properties"])
    props.update({
        "reported": {"type": "boolean"},
        "severity": {"type": ["string", "null"], "enum": [*reversed(SEVERITIES), None],
                     "description": "the finding's severity when reported, else null"},
        "stage": {"type": "string", "enum": sorted(set(STAGES) | set(REPORTED_STAGES)),
                  "description": "the stage that decided (see hr-lint --trace)"},
        "reason": {"type": "string"},
    })
    return {"type": "object", "additionalProperties": False, "properties": props,
            "required": [*place["required"], "reported", "severity", "stage", "reason"],
            "description": "One occurrence of a rule's term, reported or not, and why."}
