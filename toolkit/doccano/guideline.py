"""The annotation guideline doccano shows beside the text, generated from the device catalogue."""

from __future__ import annotations

from collections.abc import Sequence

from ..devices.catalogue import Catalogue, Device

#: Headings per language; a catalogue language missing here falls back to English headings.
HEADINGS = {
    "zh": {"title": "标注指南", "intro": "在文中选中体现某种修辞手法的最短片段，然后按对应的快捷键"
                                       "（或在标签栏点击标签）。同一片段可以有多个标签，标签也可以重叠。",
           "definition": "定义", "question": "要问的问题", "examples": "例子", "key": "快捷键",
           "why": "为什么重要"},
    "en": {"title": "Annotation guideline", "intro": "Select the shortest stretch of text that "
           "shows a device, then press its shortcut key (or click the label). A stretch may "
           "carry several labels, and labels may overlap.",
           "definition": "Definition", "question": "Ask yourself", "examples": "Examples",
           "key": "key", "why": "Why it matters"},
}


def _escape(text: str) -> str:
    """Keep catalogue text literal in Markdown (no accidental emphasis, links or headings)."""
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in text)


def _device_section(device: Device, language: str, words: dict[str, str]) -> list[str]:
    lines = [f"### {_escape(device.name[language])} · `{device.id}` "
             f"({words['key']}: `{device.shortcut}`)", "",
             f"**{words['definition']}:** {_escape(device.definition[language])}", "",
             f"**{words['question']}** {_escape(device.question[language])}", "",
             f"**{words['why']}:** {_escape(device.why[language])}", "",
             f"**{words['examples']}:**", ""]
    lines.extend(f"> {_escape(example)}\n" for example in device.examples[language])
    return lines


def generate_guideline(catalogue: Catalogue, device_ids: Sequence[str], language: str) -> str:
    """Markdown for doccano's guideline page: each chosen device, grouped by family, in
    `language`, with its definition, guiding question, why it matters, examples and key."""
    if language not in catalogue.languages:
        raise ValueError(f"unknown language {language!r} "
                         f"(the catalogue has {', '.join(catalogue.languages)})")
    words = HEADINGS.get(language, HEADINGS["en"])
    chosen = set(device_ids)
    lines = [f"# {words['title']}", "", words["intro"], ""]
    for family in catalogue.families.values():
        devices = [d for d in catalogue.devices.values() if d.family == family.id and d.id in chosen]
        if not devices:
            continue
        lines += [f"## {_escape(family.name[language])}", "",
                  _escape(family.description[language]), ""]
        for device in devices:
            lines += _device_section(device, language, words)
    return "\n".join(lines).strip()  # doccano trims whitespace: keep re-runs idempotent
