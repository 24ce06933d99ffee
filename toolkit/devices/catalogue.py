"""Load and validate the device catalogue (YAML); look devices up by id, shortcut or PTC label.

The built-in catalogue is `catalogue.yaml` beside this module. Further files (a teacher's own
devices, named in $MLT_CATALOGUE) are overlays: they add families, devices and PTC mappings.
Every problem is reported with file and line, all at once.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CatalogueError, Problem, UnreadableFileError
from ..language import SUPPORTED, allowed
from ..yamlfile import YamlFile, kind, read_yaml
from . import cues

BUILTIN = Path(__file__).with_name("catalogue.yaml")
TEXT_FIELDS = ("name", "definition", "question", "why")
#: Per-language templates for the teacher's key, filled with one span's words ({quote}, {count}):
#: `ask` asks the device's question of those words, `explain` says what is missing or what the
#: words do. Optional in overlays (the key then asks the device's question of the quote).
KEY_FIELDS = ("ask", "explain")
KEY_PLACEHOLDERS = ("quote", "count")
DEVICE_FIELDS = ("id", "family", *TEXT_FIELDS, "examples", "color", "cue", "shortcut", "ptc")
OPTIONAL_DEVICE_FIELDS = (*KEY_FIELDS, "members")
ID_PATTERN = re.compile(r"^[A-Z][A-Z0-9_]*$")
COLOR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")
SHORTCUT_PATTERN = re.compile(r"^((ctrl|shift|ctrl shift)\+)?[0-9a-z]$")
ENV_VAR = "MLT_CATALOGUE"
TOP_KEYS = ("languages", "families", "devices", "ptc")
FAMILY_FIELDS = ("name", "description")
LANGUAGE_PATTERN = re.compile(r"[a-z]{2,3}(-[A-Za-z]+)?")
CATALOGUE_FILE = "a YAML device catalogue"


@dataclass(frozen=True)
class Family:
    """A group of related devices (sourcing, wording, ...)."""

    id: str
    name: dict[str, str]
    description: dict[str, str]


@dataclass(frozen=True)
class Device:
    """One rhetorical device with its bilingual texts and its printed and keyboard cues."""

    id: str
    family: str
    name: dict[str, str]
    definition: dict[str, str]
    question: dict[str, str]
    why: dict[str, str]
    examples: dict[str, tuple[str, ...]]
    color: str
    cue: tuple[str, ...]
    shortcut: str
    ptc: tuple[str, ...]
    ask: dict[str, str] = field(default_factory=dict)
    explain: dict[str, str] = field(default_factory=dict)
    members: tuple[str, ...] = ()

    @property
    def is_merged(self) -> bool:
        """True for a merged PTC class: one label for several member devices (`members`)."""
        return bool(self.members)

    @property
    def prefix_key(self) -> str | None:
        """doccano's modifier part of the shortcut (`ctrl`, `shift`, `ctrl shift`), if any."""
        return self.shortcut.rpartition("+")[0] or None

    @property
    def suffix_key(self) -> str:
        """doccano's key part of the shortcut."""
        return self.shortcut.rpartition("+")[2]

    def to_json(self) -> dict[str, Any]:
        """Plain data for `mlt devices --format json` and for templates."""
        return {
            "id": self.id, "family": self.family, "name": self.name,
            "definition": self.definition, "question": self.question, "why": self.why,
            "examples": {k: list(v) for k, v in self.examples.items()},
            "color": self.color, "cue": list(self.cue), "shortcut": self.shortcut,
            "ptc": list(self.ptc), "ask": self.ask, "explain": self.explain,
            "members": list(self.members),
        }


@dataclass(frozen=True)
class Catalogue:
    """All devices in catalogue order, their families, languages and the PTC mapping."""

    languages: tuple[str, ...]
    families: dict[str, Family]
    devices: dict[str, Device]
    ptc_import: dict[str, str]

    @property
    def ids(self) -> list[str]:
        """Device ids in catalogue order."""
        return list(self.devices)

    def get(self, device_id: str) -> Device:
        """The device with this id, or CatalogueError saying which ids exist."""
        try:
            return self.devices[device_id]
        except KeyError:
            raise CatalogueError(self.unknown_label_message(device_id) or device_id) from None

    def closest(self, label: str) -> str | None:
        """The known id closest to `label` (case and separators ignored first), or None."""
        normal = re.sub(r"[^A-Z0-9]+", "_", label.upper()).strip("_")
        if normal in self.devices:
            return normal
        matches = difflib.get_close_matches(normal, self.ids, n=1, cutoff=0.6)
        return matches[0] if matches else None

    def unknown_label_message(self, label: str) -> str | None:
        """None for a known id; else the error message, suggesting the closest id."""
        if label in self.devices:
            return None
        near = self.closest(label)
        hint = f" — did you mean {near}?" if near else " (see `mlt devices` for the ids)"
        return f"unknown device {label!r}{hint}"

    def resolve_ids(self, ids: Sequence[str]) -> list[str]:
        """Check a user's list of device ids; CatalogueError naming every unknown one."""
        bad = [msg for msg in map(self.unknown_label_message, ids) if msg]
        if bad:
            raise CatalogueError("; ".join(bad))
        return list(ids)

    def device_for_ptc(self, technique: str) -> str | None:
        """The device a PTC technique label is imported as."""
        return self.ptc_import.get(technique)

    def members_of(self, device_id: str) -> tuple[str, ...]:
        """The member devices of a merged PTC class (empty for an ordinary device)."""
        device = self.devices.get(device_id)
        return device.members if device else ()

    def merged_class_of(self, device_id: str) -> str | None:
        """The merged device that has `device_id` among its members, if any."""
        return next((d.id for d in self.devices.values() if device_id in d.members), None)

    def ptc_for_device(self, device_id: str) -> str | None:
        """The PTC technique label a device is exported as (None: PTC has no such class)."""
        device = self.devices.get(device_id)
        return device.ptc[0] if device and device.ptc else None


def catalogue_paths(extra: Sequence[str | os.PathLike[str]] = ()) -> list[Path]:
    """The built-in catalogue, then overlays from $MLT_CATALOGUE (path-separated), then `extra`."""
    env = [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    return [BUILTIN, *map(Path, env), *map(Path, extra)]


def load_catalogue(paths: Sequence[str | os.PathLike[str]] | None = None) -> Catalogue:
    """Load and validate catalogue files (default: `catalogue_paths()`); CatalogueError lists
    every problem as `FILE:LINE: message`."""
    loaded: list[YamlFile] = []
    problems: list[Problem] = []
    for path in (paths if paths is not None else catalogue_paths()):
        try:
            loaded.append(read_yaml(path, CATALOGUE_FILE))
        except UnreadableFileError as exc:
            problems.append(exc.problem)
    if not problems:
        catalogue, problems = build_catalogue(loaded)
    if problems:
        text = "\n".join(str(p) for p in problems)
        raise CatalogueError(f"the device catalogue has {len(problems)} problem(s):\n{text}")
    return catalogue


#: Where a problem is: a line number, None, or a function that finds it (finding a line parses
#: the file again with the line-noting loader, so it is done only for a message).
Line = int | None | Callable[[], int | None]


def _value_line(file: YamlFile, value: Any, data: Any) -> int | None:
    return file.line_of(value) or file.key_line(data, "devices")


class _Builder:
    """Merges catalogue files in order, collecting every problem with its file and line.

    Every value is type-checked before it is used, so a file of any shape yields problems, never
    an exception."""

    def __init__(self) -> None:
        self.languages: list[str] = []
        self.families: dict[str, Family] = {}
        self.devices: dict[str, Device] = {}
        self.ptc: dict[str, str] = {}
        self.where: dict[str, tuple[str, Line]] = {}  # "family X" / "device X" / "ptc X"
        self.shortcuts: dict[str, str] = {}
        self.cues: dict[frozenset[str], str] = {}
        self.raw_devices: list[tuple[str, Line, Any]] = []
        self.problems: list[Problem] = []

    def problem(self, path: str, line: Line, message: str) -> None:
        self.problems.append(Problem(path, line() if callable(line) else line, message))

    def add_file(self, file: YamlFile) -> None:
        name, data = file.name, file.data
        if not isinstance(data, dict):
            self.problem(name, file.line_of(data),
                         "a catalogue file must be a mapping with `devices:`")
            return
        unknown = sorted(str(key) for key in data if key not in TOP_KEYS)
        if unknown:
            self.problem(name, file.line_of(data), f"unknown top-level key(s) {unknown} "
                         f"(allowed: {', '.join(TOP_KEYS)})")
        self._add_languages(file, data.get("languages"))
        self._add_families(file, data.get("families"))
        devices = data.get("devices")
        if devices is not None and not isinstance(devices, list):
            self.problem(name, file.key_line(data, "devices"), "devices: must be a list of "
                         f"devices (`- id: ...`), got {kind(devices)}")
        for value in devices if isinstance(devices, list) else []:
            self.raw_devices.append((name, functools.partial(_value_line, file, value, data),
                                     value))
        self._add_ptc(file, data.get("ptc"))

    def _add_languages(self, file: YamlFile, languages: Any) -> None:
        line = functools.partial(file.key_line, file.data, "languages")
        if languages is None:
            return
        if not isinstance(languages, list):
            self.problem(file.name, line, "languages: must be a list of language codes such as "
                         f"[zh, en], got {kind(languages)}")
            return
        for lang in languages:
            if not isinstance(lang, str) or not LANGUAGE_PATTERN.fullmatch(lang):
                self.problem(file.name, line, f"language {lang!r} is not a language code")
            elif lang not in SUPPORTED:
                self.problem(file.name, line, f"language {lang!r}: the toolkit has no tokeniser, "
                             f"rules or handout wording for it (supported: {allowed()})")
            elif lang not in self.languages:
                self.languages.append(lang)

    def _add_families(self, file: YamlFile, families: Any) -> None:
        name = file.name
        if families is None:
            return
        if not isinstance(families, dict):
            self.problem(name, file.key_line(file.data, "families"), "families: must be a "
                         "mapping of family id to {name, description}, got " + kind(families))
            return
        for key, value in families.items():
            line = functools.partial(file.key_line, families, key)
            if not isinstance(key, str) or not key:
                self.problem(name, line, f"family id {key!r} must be text")
            elif key in self.families:
                self.problem(name, line, f"family {key!r} is defined twice")
            elif not isinstance(value, dict):
                self.problem(name, line, f"family {key!r} must be a mapping with name, description")
            else:
                unknown = sorted(str(k) for k in value if k not in FAMILY_FIELDS)
                if unknown:
                    self.problem(name, line, f"family {key}: unknown field(s) "
                                 f"{', '.join(unknown)} (allowed: {', '.join(FAMILY_FIELDS)})")
                self.families[key] = Family(key, value.get("name") or {},
                                            value.get("description") or {})
                self.where[f"family {key}"] = (name, line)

    def _add_ptc(self, file: YamlFile, ptc: Any) -> None:
        name = file.name
        if ptc is None:
            return
        if not isinstance(ptc, dict):
            self.problem(name, file.key_line(file.data, "ptc"), "ptc: must be a mapping of PTC "
                         f"technique label to device id, got {kind(ptc)}")
            return
        for label, target in ptc.items():
            line = functools.partial(file.key_line, ptc, label)
            if not isinstance(label, str) or not isinstance(target, str):
                self.problem(name, line, f"ptc: {label!r}: {target!r} must map a PTC technique "
                             "label (text) to a device id (text)")
                continue
            if label in self.ptc:
                self.problem(name, line, f"PTC label {label!r} mapped twice")
            self.ptc[label] = target
            self.where[f"ptc {label}"] = (name, line)

    def build(self) -> Catalogue:
        for family in self.families.values():
            for field in ("name", "description"):
                self._check_texts(*self.where[f"family {family.id}"],
                                  f"family {family.id}: {field}", getattr(family, field))
        for path, line, raw in self.raw_devices:
            self._add_device(path, line, raw)
        self._check_members()
        for label, target in self.ptc.items():
            path, line = self.where[f"ptc {label}"]
            if target not in self.devices:
                self.problem(path, line, f"ptc: {label!r} maps to unknown device {target!r}")
            elif label not in self.devices[target].ptc:
                self.problem(path, line, f"ptc: {label!r} maps to {target}, "
                             f"but {target} does not list it in its ptc")
        for device in self.devices.values():
            for label in device.ptc:
                if label not in self.ptc:
                    self.problem(*self.where[f"device {device.id}"],
                                 f"device {device.id}: ptc label {label!r} "
                                 f"is not in the ptc mapping (known: {', '.join(self.ptc)})")
        return Catalogue(tuple(self.languages), dict(self.families), dict(self.devices),
                         dict(self.ptc))

    def _check_texts(self, path: str, line: Line, where: str, value: Any) -> bool:
        if not isinstance(value, dict):
            self.problem(path, line, f"{where}: must be a mapping of language to text "
                         f"({', '.join(self.languages)})")
            return False
        good = True
        for lang in self.languages:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                self.problem(path, line, f"{where}: missing language {lang!r} "
                             f"(every text needs {', '.join(self.languages)})")
                good = False
        for lang, text in value.items():
            if lang not in self.languages and not (isinstance(lang, str) and isinstance(text, str)):
                self.problem(path, line, f"{where}: {lang!r} must be a language code with a text "
                             f"(languages: {', '.join(self.languages)})")
                good = False
        return good

    def _add_device(self, path: str, line: Line, raw: Any) -> None:
        if not isinstance(raw, dict):
            self.problem(path, line, f"a device must be a mapping (id, family, name, ...), "
                         f"got {kind(raw)}")
            return
        device_id = raw.get("id")
        if not isinstance(device_id, str) or not ID_PATTERN.match(device_id):
            self.problem(path, line, f"device id {device_id!r} must be UPPER_SNAKE_CASE")
            return
        where = f"device {device_id}"
        missing = [f for f in DEVICE_FIELDS if f not in raw]
        unknown = sorted(str(key) for key in raw
                         if key not in DEVICE_FIELDS + OPTIONAL_DEVICE_FIELDS)
        if missing:
            self.problem(path, line, f"{where}: missing field(s) {', '.join(missing)}")
        if unknown:
            self.problem(path, line, f"{where}: unknown field(s) {', '.join(unknown)} "
                         f"(allowed: {', '.join(DEVICE_FIELDS + OPTIONAL_DEVICE_FIELDS)})")
        if missing:
            return
        ok = True
        if device_id in self.devices:
            self.problem(path, line, f"{where}: defined twice")
            ok = False
        family = raw["family"]
        if not isinstance(family, str) or family not in self.families:
            self.problem(path, line, f"{where}: unknown family {family!r} "
                         f"(families: {', '.join(self.families)})")
            ok = False
        for field in TEXT_FIELDS:
            ok &= self._check_texts(path, line, f"{where}: {field}", raw[field])
        for key_field in KEY_FIELDS:
            if key_field in raw:
                ok &= self._check_texts(path, line, f"{where}: {key_field}", raw[key_field])
                ok &= self._check_placeholders(path, line, f"{where}: {key_field}",
                                               raw[key_field])
        members = raw.get("members", [])
        if not isinstance(members, list) or len(members) == 1 or not all(
                isinstance(m, str) and ID_PATTERN.match(m) for m in members):
            self.problem(path, line, f"{where}: members must be a list of two or more device ids "
                         "(the devices a merged PTC class stands for)")
            ok = False
        ok &= self._check_examples(path, line, where, raw["examples"])
        ok &= self._check_keys(path, line, where, raw)
        ptc = raw["ptc"]
        if not isinstance(ptc, list) or not all(isinstance(p, str) for p in ptc) or len(ptc) > 1:
            self.problem(path, line, f"{where}: ptc must be a list of at most one PTC label")
            ok = False
        if ok:
            self.where[f"device {device_id}"] = (path, line)
            self.devices[device_id] = Device(
                device_id, family, *(dict(raw[f]) for f in TEXT_FIELDS),
                {lang: tuple(raw["examples"][lang]) for lang in self.languages},
                raw["color"], tuple(raw["cue"]), _shortcut(raw["shortcut"]), tuple(ptc),
                ask=dict(raw.get("ask") or {}), explain=dict(raw.get("explain") or {}),
                members=tuple(members))

    def _check_placeholders(self, path: str, line: Line, where: str, value: Any) -> bool:
        if not isinstance(value, dict):
            return False
        good = True
        for lang, text in value.items():
            names = re.findall(r"{([^{}]*)}", text) if isinstance(text, str) else []
            bad = [n for n in names if n not in KEY_PLACEHOLDERS]
            if bad or (isinstance(text, str) and text.count("{") != text.count("}")):
                self.problem(path, line, f"{where}: {lang}: unknown placeholder(s) "
                             f"{', '.join('{' + n + '}' for n in bad) or '(unbalanced braces)'} "
                             f"(allowed: {', '.join('{' + n + '}' for n in KEY_PLACEHOLDERS)})")
                good = False
        return good

    def _check_members(self) -> None:
        for device in self.devices.values():
            if not device.members:
                continue
            where = self.where[f"device {device.id}"]
            for member in device.members:
                target = self.devices.get(member)
                if target is None:
                    self.problem(*where, f"device {device.id}: member {member!r} is not a device")
                elif target.members:
                    self.problem(*where, f"device {device.id}: member {member} is itself a "
                                 "merged class (members must be ordinary devices)")
                elif device.ptc and device.ptc != target.ptc:
                    self.problem(*where, f"device {device.id}: member {member} must export to "
                                 f"the same PTC label {device.ptc[0]!r} (it has "
                                 f"{', '.join(target.ptc) or 'none'})")

    def _check_examples(self, path: str, line: Line, where: str, examples: Any) -> bool:
        if not isinstance(examples, dict):
            self.problem(path, line, f"{where}: examples must map each language to a list")
            return False
        good = True
        for lang in self.languages:
            items = examples.get(lang)
            if not isinstance(items, list) or not items or not all(
                    isinstance(x, str) and x.strip() for x in items):
                self.problem(path, line, f"{where}: examples: missing language {lang!r} "
                             "(a list of one or more example sentences)")
                good = False
        return good

    def _check_keys(self, path: str, line: Line, where: str, raw: dict[Any, Any]) -> bool:
        good = True
        color, cue, shortcut = raw["color"], raw["cue"], _shortcut(raw["shortcut"])
        if not isinstance(color, str) or not COLOR_PATTERN.match(color):
            self.problem(path, line, f"{where}: color {color!r} must be #RRGGBB")
            good = False
        cue_problem = cues.check_cue(cue)
        if cue_problem:
            self.problem(path, line, f"{where}: cue {cue_problem}")
            good = False
        elif frozenset(cue) in self.cues:
            self.problem(path, line, f"{where}: cue {cue} is already used by "
                         f"{self.cues[frozenset(cue)]} (every device needs its own cue)")
            good = False
        else:
            self.cues[frozenset(cue)] = raw["id"]
        if shortcut is None or not SHORTCUT_PATTERN.match(shortcut):
            shown = repr(shortcut) if shortcut is not None else repr(raw["shortcut"])
            self.problem(path, line, f"{where}: shortcut {shown} must be one key 0-9 or a-z, "
                         "optionally after 'ctrl+', 'shift+' or 'ctrl shift+'")
            good = False
        elif shortcut in self.shortcuts:
            self.problem(path, line, f"{where}: shortcut {shortcut!r} is already used by "
                         f"{self.shortcuts[shortcut]}")
            good = False
        else:
            self.shortcuts[shortcut] = raw["id"]
        return good


def _shortcut(value: Any) -> str | None:
    """A shortcut as text (YAML reads `shortcut: 1` as a number); None for other kinds."""
    if isinstance(value, bool):
        return None
    return str(value) if isinstance(value, (str, int)) else None


def build_catalogue(files: Sequence[YamlFile]) -> tuple[Catalogue, list[Problem]]:
    """Merge parsed catalogue files into a Catalogue and the list of problems found."""
    builder = _Builder()
    for file in files:
        builder.add_file(file)
    if not builder.languages:
        builder.problem(files[0].name if files else "catalogue", None,
                        "no languages declared (add `languages: [zh, en]`)")
    return builder.build(), builder.problems
