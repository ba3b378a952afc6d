"""Reading a package's YAML files: mistakes become ProblemErrors naming the file and the field.

Shared by problem.yaml (judge/problemset.py) and sections.yaml (judge/sections.py). The loader
refuses a key written twice, and keeps the text of numbers so that `01` can name tests/01.ans.

A package is hostile input (administrators upload zips), so reading one is bounded: aliases are
refused (an "alias bomb" of a few KiB expands to gigabytes in any code that walks or prints it,
and no package needs them), as are files over MAX_YAML_BYTES and nesting over MAX_YAML_DEPTH;
every message quotes at most a short piece of a value, and at most MAX_ERRORS of them are kept.
"""

from __future__ import annotations

import reprlib
from pathlib import Path

import yaml
from pydantic import ValidationError

MAX_YAML_BYTES = 256 * 1024  # a problem.yaml is a few KiB
MAX_YAML_DEPTH = 32
MAX_ERRORS = 20
MAX_MESSAGE_CHARS = 300
MAX_QUOTED_CHARS = 120


def clip(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """`text` cut to `limit` characters, the cut marked with "…"."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


_quoting = reprlib.Repr()
_quoting.maxlevel, _quoting.maxstring, _quoting.maxother = 3, MAX_QUOTED_CHARS, MAX_QUOTED_CHARS


def quoted(value: object) -> str:
    """A short repr of a value from a YAML file, never longer than MAX_QUOTED_CHARS (reprlib
    stops early, so a huge value is never printed whole first)."""
    return clip(_quoting.repr(value), MAX_QUOTED_CHARS)


class ProblemError(Exception):
    """A package that cannot be loaded; `str()` names the file, the field and what is wrong.

    One error may carry several (`errors`, every mistake of a problem.yaml at once): then
    `path`/`field`/`message` are the first one's and `str()` is one line per error.
    """

    def __init__(self, path: Path, message: str, field: str | None = None):
        # Messages and field names may quote the file: bounded, whatever their author wrote.
        message, field = clip(message), None if field is None else clip(field, MAX_QUOTED_CHARS)
        self.path, self.field, self.message = path, field, message
        self.errors: list[ProblemError] = [self]
        where = f"{path}: {field}" if field else str(path)
        super().__init__(f"{where}: {message}")

    @classmethod
    def several(cls, errors: list[ProblemError]) -> ProblemError:
        if len(errors) == 1:
            return errors[0]
        first = errors[0]
        if len(errors) > MAX_ERRORS:
            more = cls(first.path, f"… and {len(errors) - MAX_ERRORS} more errors")
            errors = [*errors[:MAX_ERRORS], more]
        combined = cls(first.path, first.message, first.field)
        combined.errors = list(errors)
        combined.args = ("\n".join(str(e) for e in errors),)
        return combined

    @property
    def lines(self) -> list[str]:
        """One line per error, each naming its file (and field)."""
        return [str(error) for error in self.errors]


class _YamlInt(int):
    """A YAML integer that remembers how it was written (`01` stays "01", not "1")."""

    text: str


class _YamlFloat(float):
    text: str


def name_of_test(value: object) -> object:
    """The test a YAML list entry names (`samples:`, a group's `tests:`).

    YAML reads `01` as the integer 1 and `1.50` as the float 1.5; a test is named by the text as
    written in problem.yaml, so `01` names tests/01.ans and `1` names tests/1.ans. A number made
    in Python (no YAML text) names the test spelled like `str(number)`. Anything else is returned
    unchanged for the model to reject.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, (_YamlInt, _YamlFloat)):
        return value.text
    if isinstance(value, (int, float)):
        return str(value)
    return value


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: str, line: int):
        super().__init__(f"{key!r} written twice")
        self.key, self.line = key, line


class _Refused(yaml.YAMLError):
    def __init__(self, message: str, event: yaml.Event):
        where = f"line {event.start_mark.line + 1}: " if event.start_mark else ""
        super().__init__(where + message)


class _PackageLoader(yaml.SafeLoader):
    """safe_load, refusing aliases and deep nesting, and a key written twice (safe_load silently
    keeps the last of two equal keys, which would hide the first)."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            anchor = clip(str(event.anchor), 40)
            message = f"YAML aliases (*{anchor}) are not allowed in a package: write the value out"
            raise _Refused(message, event)
        if self._depth >= MAX_YAML_DEPTH:
            raise _Refused(f"nested deeper than {MAX_YAML_DEPTH} levels", event)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen = set()
        for key_node, _ in node.value:
            # A merge key (<<) is resolved by the base class; it may legitimately repeat keys.
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    raise _DuplicateKey(str(key), key_node.start_mark.line + 1)
                seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        number = _YamlInt(super().construct_yaml_int(node))
        number.text = node.value
        return number

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        number = _YamlFloat(super().construct_yaml_float(node))
        number.text = node.value
        return number


_PackageLoader.add_constructor("tag:yaml.org,2002:int", _PackageLoader.construct_yaml_int)
_PackageLoader.add_constructor("tag:yaml.org,2002:float", _PackageLoader.construct_yaml_float)


def _yaml_field(raw: dict[str, object], loc: tuple[int | str, ...]) -> str | None:
    """The dotted path of a validation error as the author wrote it in problem.yaml.

    Pydantic puts the member's tag into the location of an error inside a tagged union
    (`checker.float.abs_tol`); that key is not in the YAML, so it is left out (`checker.abs_tol`).
    """
    parts: list[str] = []
    node: object = raw
    for part in loc:
        if isinstance(node, dict) and part not in node and node.get("type") == part:
            continue
        parts.append(str(part))
        node = node.get(part) if isinstance(node, dict) else None
    return ".".join(parts) or None


def validation_error(path: Path, raw: dict, exc: ValidationError) -> ProblemError:
    """Every mistake pydantic found in a YAML file, each naming the file and the field."""
    errors = []
    for error in exc.errors():
        field = _yaml_field(raw, error["loc"])
        value = (
            f" (got {quoted(error['input'])})"
            if "input" in error and error["type"] != "missing"
            else ""
        )
        message = "unknown field" if error["type"] == "extra_forbidden" else error["msg"] + value
        errors.append(ProblemError(path, message, field))
    return ProblemError.several(errors)


def read_yaml(yaml_path: Path) -> object:
    """Parse a YAML file of a package; duplicate keys, aliases, bad syntax and files too large or
    too deep are ProblemErrors."""
    if yaml_path.stat().st_size > MAX_YAML_BYTES:
        limit = MAX_YAML_BYTES // 1024
        raise ProblemError(yaml_path, f"larger than {limit} KiB (a package's YAML is a few KiB)")
    try:
        # _PackageLoader is a SafeLoader: no tags that build objects
        return yaml.load(yaml_path.read_text(encoding="utf-8"), Loader=_PackageLoader)  # noqa: S506
    except _DuplicateKey as exc:
        message = f"written twice (again on line {exc.line})"
        raise ProblemError(yaml_path, message, exc.key) from None
    except _Refused as exc:
        raise ProblemError(yaml_path, str(exc)) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ProblemError(yaml_path, f"not valid YAML: {exc}".splitlines()[0]) from None
