"""The one exception hierarchy of the package: everything raised on purpose is a ComplianceError."""
from __future__ import annotations

from typing import Any, Callable, Sequence


class ComplianceError(Exception):
    """Base of every error the checker raises on purpose."""


class PackError(ComplianceError):
    """A rule pack cannot be loaded. Carries where: file, 1-based line and column, rule id."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 column: int | None = None, rule: str | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.rule = rule
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.path or "<pack>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        rule = f" (rule {self.rule})" if self.rule else ""
        return f"{where}: {self.message}{rule}"


class ConfigError(PackError):
    """A project configuration file (`.compliance.yaml`) cannot be used. Carries file, line
    and column as a PackError does, and is reported the same way (exit status 2)."""


class InputError(ComplianceError):
    """A post or input file cannot be checked (bad JSON, missing text, unreadable file)."""


class MatchTimeout(ComplianceError):
    """A rule's regular expression ran past its time limit on one post."""


Locate = Callable[[Sequence[Any], bool], "tuple[int, int] | None"]


class Where:
    """A place inside a pack's data (a key path) that errors can name by file, line and column.

    Decoders receive one and call `error(...)` with the keys below it, so a matcher kind
    never needs to know whether its data came from a YAML file or a saved pipeline."""

    def __init__(self, path: str | None, locate: Locate | None = None, keys: Sequence[Any] = (),
                 rule: str | None = None) -> None:
        self.path, self._locate, self.keys, self.rule = path, locate, tuple(keys), rule

    def at(self, *keys: Any, rule: str | None = None) -> "Where":
        """The place `keys` below this one (inside rule `rule`, when given)."""
        return Where(self.path, self._locate, self.keys + keys, rule or self.rule)

    def position(self, *keys: Any, key_itself: bool = False) -> tuple[int | None, int | None]:
        found = self._locate(self.keys + keys, key_itself) if self._locate else None
        return found if found else (None, None)

    def error(self, message: str, *keys: Any, key_itself: bool = False) -> PackError:
        """A PackError at `keys` below this place."""
        line, column = self.position(*keys, key_itself=key_itself)
        return PackError(message, self.path, line, column, self.rule)
