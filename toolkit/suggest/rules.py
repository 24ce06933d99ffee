"""Suggestion rules as data: load and validate the pattern files (YAML, one per device family).

A pattern file is a mapping `{family: ..., define: {...}, rules: [...]}`; every rule names one
device, one language, a one-line reason and exactly one tell (`phrases`, `regex` or `tokens`).
`define` names regex fragments (a lexicon: speech verbs, words for an unnamed person ...) that any
rule of any file loaded with it uses as `{name}`. The format is documented in docs/suggest.md and
at the top of every built-in file. Every problem is reported with file and line, all at once.
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
from ..yamlfile import YamlFile, read_yaml

BUILTIN_DIR = Path(__file__).with_name("patterns")
LANGUAGES = SUPPORTED
KINDS = ("phrases", "regex", "tokens")
#: How far a suggestion reaches from what the tell matched (see extents.py).
SPANS = ("match", "clause", "sentence", "to_sentence_end", "question", "quote", "paragraph")
WHERE = ("any", "headline", "body")
RULE_FIELDS = ("id", "device", "lang", "reason", *KINDS, "span", "where", "unless",
               "unless_before", "unless_backed", "if_echoed", "if_unsourced", "outside_quotes",
               "case_sensitive")
TOP_KEYS = ("family", "define", "rules")
#: Regex fields in which `{name}` stands for a defined fragment.
EXPANDED = ("regex", "unless", "unless_before", "unless_backed", "if_echoed", "if_unsourced")
#: `{name}` in a regex: a defined fragment (a regex quantifier is never `{letters}`).
REFERENCE = re.compile(r"\{([a-z][a-z0-9_]*)\}")
DEFINE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
#: The longest a regex may become once its fragments are filled in (fragments using fragments
#: twice over could otherwise grow without bound).
MAX_EXPANDED = 200_000
#: Stands for a fragment whose definition has a problem (never a real regex: those are non-empty).
BROKEN = ""
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
    unless_before: str | None = None
    outside_quotes: bool = False
    if_echoed: str | None = None
    #: A headline rule kept only when the story rests on unnamed sources (matcher.py,
    #: `rests_on_unnamed`); the regex finds the body's named, checkable attributions.
    if_unsourced: str | None = None
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
    every problem as FILE:LINE: message. `check_label` vets device ids (the catalogue's). The
    fragments every file defines are shared by the rules of all of them."""
    problems: list[Problem] = []
    files: list[YamlFile | Problem] = []
    for path in [Path(p) for p in (paths if paths is not None else builtin_paths())]:
        try:
            files.append(read_yaml(path, PATTERN_FILE))
        except UnreadableFileError as exc:
            files.append(exc.problem)
    defines = _definitions([f for f in files if isinstance(f, YamlFile)], problems)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for file in files:
        if isinstance(file, Problem):
            problems.append(file)
            continue
        for rule in _load_file(file, defines, check_label, problems):
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


def _definitions(files: Sequence[YamlFile], problems: list[Problem]) -> dict[str, str]:
    """The `define:` fragments of all files, expanded (a fragment may use earlier ones)."""
    raw: dict[str, tuple[str, str]] = {}  # name -> (regex, where)
    for file in files:
        data = file.data
        if not isinstance(data, dict) or "define" not in data:
            continue
        block = data["define"]
        if not isinstance(block, dict):
            problems.append(Problem(file.name, file.key_line(data, "define"), "define: must be a "
                                    "mapping of names to regular expressions (or lists of "
                                    "alternatives)"))
            continue
        for name, value in block.items():
            line = file.key_line(block, name)
            where = f"{file.name}:{line}"
            if not isinstance(name, str) or not DEFINE_NAME.match(name):
                problems.append(Problem(file.name, line, f"define: name {name!r} must be "
                                        "lower-case letters, digits and '_', starting with a "
                                        "letter"))
                continue
            if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
                value = "|".join(value)
            if not isinstance(value, str) or not value:
                problems.append(Problem(file.name, line, f"define: {name} must be a regular "
                                        "expression or a list of alternatives"))
                continue
            if name in raw:
                problems.append(Problem(file.name, line, f"define: {name} is already defined "
                                        f"at {raw[name][1]}"))
                continue
            raw[name] = (value, where)
    expanded: dict[str, str] = {}
    for name, (value, where) in raw.items():
        path, line = _where(where)
        expanded[name] = BROKEN  # until it is known to be good
        text = _expand(value, expanded, lambda msg, path=path, line=line, name=name:
                       problems.append(Problem(path, line, f"define: {name}: {msg}")))
        if text is None:
            continue
        try:
            re.compile(text)
        except re.error as exc:
            problems.append(Problem(path, line, f"define: {name}: invalid regular expression: "
                                    f"{exc}"))
            continue
        expanded[name] = _guarded(text)
    return expanded


def _guarded(fragment: str) -> str:
    """`fragment` behind a look-ahead for the characters its matches can start with, when they
    are few uncased characters (Chinese words): a long alternation then fails at once wherever
    it cannot match, instead of trying each alternative. It matches exactly the same."""
    from .trigger import literal_prefixes

    prefixes = literal_prefixes(re.compile(fragment))
    if prefixes is None:
        return fragment
    firsts = sorted({text[0] for text, _ in prefixes})
    if any(char.isspace() or char.lower() != char.upper() for char in firsts):
        return fragment  # whitespace or letters with case: leave them to the alternation
    return f"(?=[{''.join(re.escape(char) for char in firsts)}])(?:{fragment})"


def _expand(value: str, defines: dict[str, str], report: Callable[[str], None]) -> str | None:
    """`value` with every `{name}` replaced by `(?:fragment)`; None (reported) on unknown names
    or names whose own definition has a problem (BROKEN)."""
    used = {m.group(1) for m in REFERENCE.finditer(value)}
    good = sorted(name for name, text in defines.items() if text != BROKEN)
    unknown = sorted(used - set(defines))
    broken = sorted(name for name in used & set(defines) if defines[name] == BROKEN)
    if unknown:
        report(f"unknown fragment(s) {', '.join('{' + u + '}' for u in unknown)} (defined: "
               f"{', '.join(good) or 'none'})")
    if broken:
        report(f"uses {', '.join('{' + b + '}' for b in broken)}, whose own definition has a "
               "problem (reported with it)")
    if unknown or broken:
        return None
    size = len(value) + sum(len(defines[m.group(1)]) + 4 for m in REFERENCE.finditer(value))
    if size > MAX_EXPANDED:
        report(f"with its fragments filled in it would be {size:,} characters long (at most "
               f"{MAX_EXPANDED:,} allowed)")
        return None
    return REFERENCE.sub(lambda m: f"(?:{defines[m.group(1)]})", value)


def _load_file(file: YamlFile, defines: dict[str, str],
               check_label: Callable[[str], str | None] | None,
               problems: list[Problem]) -> list[Rule]:
    name, data = file.name, file.data
    if not isinstance(data, dict) or not isinstance(data.get("rules", []), list) or \
            not ("rules" in data or "define" in data):
        problems.append(Problem(name, file.line_of(data), "a pattern file must be a mapping with "
                                "a `rules:` list (and optionally `family:` and `define:`)"))
        return []
    unknown = sorted(str(key) for key in data if key not in TOP_KEYS)
    if unknown:
        problems.append(Problem(name, file.line_of(data), f"unknown top-level key(s) "
                                f"{', '.join(unknown)} (allowed: {', '.join(TOP_KEYS)})"))
    rules = []
    for raw in data.get("rules", []):
        line = file.line_of(raw) if isinstance(raw, dict) else None
        rule = _parse_rule(raw, f"{name}:{line}", defines, check_label,
                           lambda msg, line=line: problems.append(Problem(name, line, msg)))
        if rule is not None:
            rules.append(rule)
    return rules


def _parse_rule(raw: Any, source: str, defines: dict[str, str],
                check_label: Callable[[str], str | None] | None,
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
    for field in ("case_sensitive", "outside_quotes"):
        if field in raw and not isinstance(raw[field], bool):
            before(f"{where}: {field} must be true or false, got {raw[field]!r}")
    if "if_unsourced" in raw and raw.get("where") != "headline":
        before(f"{where}: if_unsourced is for headline rules only (add where: headline)")
    values = dict(raw)
    for field in EXPANDED:
        if isinstance(values.get(field), str):
            values[field] = _expand(values[field], defines,
                                    lambda msg, field=field: before(f"{where}: {field}: {msg}"))
            if values[field] is None:
                return None
    for field in ("unless", "unless_before", "unless_backed", "if_echoed", "if_unsourced"):
        if field in values:
            _check_regex(values[field], f"{where}: {field}", before)
    if len(kinds) == 1:
        _check_pattern(kinds[0], values[kinds[0]], f"{where}: {kinds[0]}", before)
    if before.count:
        return None
    kind = kinds[0]
    return Rule(rule_id, device, raw["lang"], reason.strip(), kind, values[kind],
                span=raw.get("span", "match"), where=raw.get("where", "any"),
                unless=values.get("unless"), unless_backed=values.get("unless_backed"),
                case_sensitive=bool(raw.get("case_sensitive", False)),
                unless_before=values.get("unless_before"),
                outside_quotes=bool(raw.get("outside_quotes", False)),
                if_echoed=values.get("if_echoed"), if_unsourced=values.get("if_unsourced"),
                source=source)


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
