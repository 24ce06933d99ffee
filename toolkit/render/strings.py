"""The toolkit's own printed words, per language: `languages/<lang>.yaml`, read with the one YAML
loader. Each file has one section per output (`handout`, `agreement`, `feedback`).

Every file must have the keys of the English one, with the same `{placeholders}`: `check_strings`
lists the differences and a test runs it, so a missing string is found before anyone prints.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from .. import language
from ..errors import ToolkitError
from ..yamlfile import read_yaml

LANGUAGES = Path(__file__).with_name("languages")
REFERENCE = "en"
_PLACEHOLDER = re.compile(r"\{(\w*)\}|%[ds]")


def strings_file(lang: str) -> Path:
    """Where the words of language `lang` are kept."""
    return LANGUAGES / f"{lang}.yaml"


@functools.lru_cache(maxsize=None)
def _load(lang: str) -> dict[str, Any]:
    path = strings_file(lang)
    if lang not in language.SUPPORTED or not path.is_file():
        have = sorted(p.stem for p in LANGUAGES.glob("*.yaml"))
        raise ToolkitError(f"no printed words for language {lang!r} (allowed: "
                           f"{', '.join(l for l in language.SUPPORTED if l in have)}); "
                           f"they would live in {path}")
    data = read_yaml(path, "a file of printed words").data
    if not isinstance(data, dict):
        raise ToolkitError(f"{path}: must be a mapping of sections (handout, agreement, "
                           "feedback)")
    return data


def ui_strings(lang: str, section: str) -> dict[str, Any]:
    """The words of one section (`handout`, `agreement`, `feedback`) in language `lang`."""
    data = _load(lang)
    if section not in data:
        raise ToolkitError(f"{strings_file(lang)}: no section {section!r} (sections: "
                           f"{', '.join(map(str, data))})")
    return data[section]


def _shape(value: Any, where: str, found: dict[str, Any]) -> None:
    """Flatten `value` into `found`: a path per string (its placeholders) and per mapping."""
    if isinstance(value, dict):
        found[where] = "mapping"
        for key, item in value.items():
            _shape(item, f"{where}.{key}" if where else str(key), found)
    elif isinstance(value, list):
        found[where] = f"list of {len(value)}"
        for index, item in enumerate(value):
            _shape(item, f"{where}[{index}]", found)
    elif isinstance(value, str):
        found[where] = tuple(sorted(m.group(0) for m in _PLACEHOLDER.finditer(value)))
    else:
        found[where] = type(value).__name__


def check_strings() -> list[str]:
    """Every difference between a supported language's words and the English reference:
    missing or extra keys, lists of another length, other placeholders."""
    problems: list[str] = []
    reference: dict[str, Any] = {}
    _shape(_load(REFERENCE), "", reference)
    for lang in language.SUPPORTED:
        try:
            found: dict[str, Any] = {}
            _shape(_load(lang), "", found)
        except ToolkitError as exc:
            problems.append(str(exc))
            continue
        name = strings_file(lang).name
        for key in sorted(reference.keys() - found.keys()):
            problems.append(f"{name}: {key or '(top)'}: missing (English has it)")
        for key in sorted(found.keys() - reference.keys()):
            problems.append(f"{name}: {key}: not in {REFERENCE}.yaml (a typo, or add it there)")
        for key in sorted(reference.keys() & found.keys()):
            if reference[key] != found[key]:
                problems.append(f"{name}: {key}: {found[key]} where {REFERENCE}.yaml has "
                                f"{reference[key]}")
    return problems
