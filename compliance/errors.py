"""The one exception hierarchy of the package: everything raised on purpose is a ComplianceError."""
from __future__ import annotations


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


class InputError(ComplianceError):
    """A post or input file cannot be checked (bad JSON, missing text, unreadable file)."""


class MatchTimeout(ComplianceError):
    """A rule's regular expression ran past its time limit on one post."""
