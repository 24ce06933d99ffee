"""Suggestion rules as data: load and validate the pattern files (YAML, one per device family).

A pattern file is a mapping `{family: ..., rules: [...]}`; every rule names one device, one
language, a one-line reason and exactly one tell (`phrases`, `regex` or `tokens`). The format is
documented in docs/suggest.md and at the top of every built-in file. Every problem is reported
with file and line, all at once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InvalidInputError, Problem, UnreadableFileError
from ..language import SUPPORTED
from ..yamlfile import read_yaml

BUILTIN_DIR = Path(__file__).with_name("patterns")
LANGUAGES = SUPPORTED
KINDS = ("phrases", "regex", "tokens")
#: How far a suggestion reaches from what the tell matched (see extents.py).
SPANS = ("match", "clause", "sentence", "to_sentence_end", "question", "quote", "paragraph")
WHERE = ("any", "headline", "body")
RULE_FIELDS = ("id", "device", "lang", "reason", *KINDS, "span", "where", "unless",
               "unless_backed", "case_sensitive")
RULE_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
PATTERN_FILE = "a YAML suggestion pattern file"


@dataclass(frozen=True)
class Rule:
    """One suggestion rule: where it came from, the device it suggests and its tell."""

    id: str
    device: str
    lang: str
    reason: str
    kind: str
    pattern: Any  # list of phrases, a regex string, or a list of spaCy Matcher patterns
    span: str = "match"
    where: str = "any"
    unless: str | None = None
    unless_backed: str | None = None
    case_sensitive: bool = False
    source: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {self.kind!r}")
        if self.span not in SPANS:
            raise ValueError(f"span must be one of {SPANS}, not {self.span!r}")
        if self.where not in WHERE:
            raise ValueError(f"where must be one of {WHERE}, not {self.where!r}")
        if not self.reason or "\n" in self.reason:
            raise ValueError("reason must be one non-empty line")

    @property
    def keyword_only(self) -> bool:
        """True for rules whose tell is a plain list of words (the keyword baseline keeps them)."""
        return self.kind in ("phrases", "tokens")


def builtin_paths() -> list[Path]:
    """The pattern files shipped with the toolkit, in name order."""
    return sorted(BUILTIN_DIR.glob("*.yaml"))


def pattern_paths(extra: Sequence[str | os.PathLike[str]] = ()) -> list[Path]:
    """Built-in pattern files, then each extra file (a folder stands for its *.yaml files)."""
    paths = builtin_paths()
    for given in extra:
        path = Path(given)
        paths.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return paths


def load_rules(paths: Sequence[str | os.PathLike[str]] | None = None,
               check_label: Callable[[str], str | None] | None = None) -> list[Rule]:
    """Every rule of the pattern files (default: the built-in ones), or InvalidInputError listing
    every problem as FILE:LINE: message. `check_label` vets device ids (the catalogue's)."""
    problems: list[Problem] = []
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in [Path(p) for p in (paths if paths is not None else builtin_paths())]:
        for rule in _load_file(path, check_label, problems):
            if rule.id in seen:
                problems.append(Problem(*_where(rule.source),
                                        f"rule id {rule.id!r} is already used at {seen[rule.id]}"))
                continue
            seen[rule.id] = rule.source
            rules.append(rule)
    if problems:
        raise InvalidInputError(problems, what="the suggestion rules")
    return rules


def _where(source: str) -> tuple[str, int | None]:
    path, _, line = source.rpartition(":")
    return (path, int(line)) if line.isdigit() else (source, None)


def _load_file(path: Path, check_label: Callable[[str], str | None] | None,
               problems: list[Problem]) -> list[Rule]:
    try:
        file = read_yaml(path, PATTERN_FILE)
    except UnreadableFileError as exc:
        problems.append(exc.problem)
        return []
    name, data = file.name, file.data
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        problems.append(Problem(name, file.line_of(data), "a pattern file must be a mapping with "
                                "a `rules:` list (and optionally `family:`)"))
        return []
    unknown = sorted(str(key) for key in data if key not in ("family", "rules"))
    if unknown:
        problems.append(Problem(name, file.line_of(data), f"unknown top-level key(s) "
                                f"{', '.join(unknown)} (allowed: family, rules)"))
    rules = []
    for raw in data["rules"]:
        line = file.line_of(raw) if isinstance(raw, dict) else None
        rule = _parse_rule(raw, f"{name}:{line}", check_label,
                           lambda msg, line=line: problems.append(Problem(name, line, msg)))
        if rule is not None:
            rules.append(rule)
    return rules


def _parse_rule(raw: Any, source: str, check_label: Callable[[str], str | None] | None,
                report: Callable[[str], None]) -> Rule | None:
    if not isinstance(raw, dict):
        report("a rule must be a mapping with id, device, lang, reason and one of "
               + ", ".join(KINDS))
        return None
    rule_id = raw.get("id")
    where = f"rule {rule_id}" if isinstance(rule_id, str) else "rule"
    before = _Counter(report)
    if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
        before(f"{where}: id must be lower-case letters, digits, '-', '_' or '.', got {rule_id!r}")
    unknown = sorted(str(key) for key in raw if key not in RULE_FIELDS)
    if unknown:
        before(f"{where}: unknown field(s) {', '.join(unknown)} "
               f"(allowed: {', '.join(RULE_FIELDS)})")
    missing = [f for f in ("device", "lang", "reason") if f not in raw]
    if missing:
        before(f"{where}: missing field(s) {', '.join(missing)}")
    kinds = [k for k in KINDS if k in raw]
    if len(kinds) != 1:
        before(f"{where}: needs exactly one of {', '.join(KINDS)} (found "
               f"{', '.join(kinds) or 'none'})")
    for field, allowed in (("lang", LANGUAGES), ("span", SPANS), ("where", WHERE)):
        if field in raw and raw[field] not in allowed:
            before(f"{where}: {field} {raw[field]!r} is not allowed (allowed: "
                   f"{', '.join(allowed)})")
    device = raw.get("device")
    message = check_label(device) if check_label and isinstance(device, str) else None
    if message or ("device" in raw and not isinstance(device, str)):
        before(f"{where}: {message or 'device must be a device id'}")
    reason = raw.get("reason")
    if "reason" in raw and (not isinstance(reason, str) or not reason.strip() or "\n" in reason):
        before(f"{where}: reason must be one line of text")
    for field in ("unless", "unless_backed"):
        if field in raw:
            _check_regex(raw[field], f"{where}: {field}", before)
    if len(kinds) == 1:
        _check_pattern(kinds[0], raw[kinds[0]], f"{where}: {kinds[0]}", before)
    if before.count:
        return None
    kind = kinds[0]
    pattern = raw[kind]
    return Rule(rule_id, device, raw["lang"], reason.strip(), kind, pattern,
                raw.get("span", "match"), raw.get("where", "any"), raw.get("unless"),
                raw.get("unless_backed"), bool(raw.get("case_sensitive", False)), source)


class _Counter:
    """Forwards messages to a report function and counts them."""

    def __init__(self, report: Callable[[str], None]) -> None:
        self.report = report
        self.count = 0

    def __call__(self, message: str) -> None:
        self.count += 1
        self.report(message)


def _check_regex(value: Any, where: str, report: Callable[[str], None]) -> bool:
    if not isinstance(value, str) or not value:
        report(f"{where}: must be a regular expression (a non-empty string)")
        return False
    try:
        compiled = re.compile(value)
    except re.error as exc:
        report(f"{where}: invalid regular expression: {exc}")
        return False
    if compiled.search("") is not None:
        report(f"{where}: the regular expression matches the empty string")
        return False
    return True


def _check_pattern(kind: str, value: Any, where: str, report: Callable[[str], None]) -> bool:
    if kind == "regex":
        return _check_regex(value, where, report)
    if kind == "phrases":
        if (not isinstance(value, list) or not value
                or not all(isinstance(p, str) and p.strip() for p in value)):
            report(f"{where}: must be a list of one or more non-empty phrases")
            return False
        return True
    if (not isinstance(value, list) or not value or not all(
            isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in value)):
        report(f"{where}: must be a list of spaCy Matcher patterns (each a list of token "
               "mappings such as {LOWER: experts})")
        return False
    return True
