"""The one TOML loader: a data file read once, with typed reads whose errors name the file and the key.

Every TOML file mleprep reads (assignment.toml, the question bank, story banks, labelled answers,
baselines) goes through `load_toml`, so a broken file always reads `file: key 'a.b[0].c': problem`.
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any

from mleprep.core.errors import MleprepError


class SpecError(MleprepError, ValueError):
    """A data file that cannot be used; the message names the file and the key."""


def load_toml(path: Path) -> TableReader:
    """The top table of a TOML file; SpecError naming the file when it is missing or not TOML."""
    if not path.is_file():
        raise SpecError(f"{path}: file is missing")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SpecError(f"{path}: not valid TOML: {exc}") from exc
    return TableReader(path, data)


class TableReader:
    """Typed access to one TOML table that reports `file: key 'a.b': problem`."""

    def __init__(self, path: Path, table: dict[str, Any], prefix: str = "") -> None:
        self.path, self.table, self.prefix = path, table, prefix

    def fail(self, key: str, problem: str) -> SpecError:
        return SpecError(f"{self.path}: key '{self.prefix}{key}': {problem}")

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        if key not in self.table:
            if default is ...:
                raise self.fail(key, "is missing")
            return default
        value = self.table[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.fail(key, f"must be {names}, not {type(value).__name__} {value!r}")
        return value

    def text(self, key: str, default: Any = ...) -> str:
        value = self.get(key, str, default)
        if isinstance(value, str) and not value.strip():
            raise self.fail(key, "must not be empty")
        return value

    def duration(self, key: str, default: Any = ...) -> int | None:
        """Seconds of a duration written like "4h", "90m" or "45s"."""
        from mleprep.core.durations import parse_duration

        value = self.text(key, default)
        if value is None:
            return None
        try:
            return parse_duration(value)
        except ValueError as exc:
            raise self.fail(key, str(exc)) from exc

    def texts(self, key: str, default: Any = ...) -> tuple[str, ...]:
        values = self.get(key, list, default)
        if values is None:
            return None  # only when the caller gave None as the default
        if not all(isinstance(v, str) and v.strip() for v in values):
            raise self.fail(key, "must be a list of non-empty strings")
        return tuple(values)

    def choice(self, key: str, choices: tuple[str, ...]) -> str:
        value = self.text(key)
        if value not in choices:
            raise self.fail(key, f"{value!r} is not one of {', '.join(choices)}")
        return value

    def sub(self, key: str, default: Any = ...) -> TableReader | None:
        value = self.get(key, dict, default)
        return None if value is None else TableReader(self.path, value, f"{self.prefix}{key}.")

    def items(self, key: str) -> list[TableReader]:
        values = self.get(key, list, [])
        readers = []
        for i, value in enumerate(values):
            if not isinstance(value, dict):
                raise self.fail(f"{key}[{i}]", "must be a table")
            readers.append(TableReader(self.path, value, f"{self.prefix}{key}[{i}]."))
        return readers

    def unknown(self, known: set[str]) -> None:
        extra = sorted(set(self.table) - known)
        if extra:
            hint = difflib.get_close_matches(extra[0], known, n=1)
            raise self.fail(
                extra[0], "is not a known key" + (f" (did you mean '{hint[0]}'?)" if hint else "")
            )
