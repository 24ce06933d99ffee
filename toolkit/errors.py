"""The exception tree: every error says where, what, and what is allowed."""

from __future__ import annotations

from dataclasses import dataclass


class ToolkitError(Exception):
    """Base of every error the toolkit raises on purpose; the CLI prints it and exits non-zero."""

    exit_code = 1


@dataclass(frozen=True)
class Problem:
    """One finding about an input: where it is, what is wrong, and how bad."""

    path: str
    line: int | None
    message: str
    severity: str = "error"  # "error" or "warning"

    def __post_init__(self) -> None:
        if self.severity not in ("error", "warning"):
            raise ValueError(f"severity must be 'error' or 'warning', not {self.severity!r}")

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"


class InvalidInputError(ToolkitError):
    """An input file has problems; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem], what: str = "input") -> None:
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(errors)} problem(s) in {what}:\n{lines}")


class UnreadableFileError(ToolkitError):
    """An input file cannot be read as what it should be (missing, a folder, not permitted, not
    UTF-8, not YAML); carries the one problem, with its line when there is one."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class CatalogueError(ToolkitError):
    """The device catalogue data is malformed."""


class FormatError(ToolkitError):
    """An import or export cannot proceed (unreadable file, unknown encoding, bad layout)."""


class WriteError(ToolkitError):
    """An output file could not be written (the message names it and the system's reason)."""
