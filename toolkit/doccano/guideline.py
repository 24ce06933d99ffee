"""The annotation guideline doccano shows beside the text, generated from the device catalogue."""

from __future__ import annotations

from collections.abc import Sequence

from ..devices.catalogue import Catalogue, Device

#: Headings and the how-to per language; a catalogue language missing here falls back to English.
#: The how-to follows what doccano 1.8.4's annotation page really does: selecting text opens a
#: label menu that takes the keyboard, so a shortcut pressed *after* selecting tags nothing.
HEADINGS = {
    "zh": {"title": "标注指南", "how": "怎样标注",
           "steps": [
               "**先按快捷键，再选文字**：按下某个手法的快捷键（标签栏里该标签会出现 ✓），再用鼠标选中"
               "体现这种手法的最短片段，标注立即生效。也可以先选中文字，再在弹出的菜单里点击标签。"
               "（先选文字再按快捷键是不行的：按键会被输进菜单的搜索框。）",
               "同一片段可以有多个标签，标签也可以重叠。",
               "**删除标注**：在标注下方的标签名上点击鼠标右键，标注会立刻删除，不再确认。",
               "**预先画好的标注是建议**：如果你打开文章时已经有标注，那是电脑按规则给出的建议，不是答案。"
               "对的就保留，不对的就右键删除；漏掉的自己补上。老师能看出哪些是你原样保留的建议。",
               "**完成后提交**：标完一篇文章，点击工具栏最左边的按钮把它标记为“已完成”。"
               "老师只评分已完成的文章；再点一次可以撤回。"],
           "definition": "定义", "question": "要问的问题", "examples": "例子", "key": "快捷键",
           "why": "为什么重要"},
    "en": {"title": "Annotation guideline", "how": "How to tag",
           "steps": [
               "**Press the shortcut key first, then select**: press a device's key (its label "
               "shows a ✓), then select the shortest stretch of text that shows the device; the "
               "tag is made at once. Or select the text first and click a label in the menu "
               "that opens. (Selecting first and then pressing the key does not work: the key "
               "goes into the menu's search box.)",
               "A stretch may carry several labels, and labels may overlap.",
               "**To delete a tag**, right-click its label under the text: it is deleted at "
               "once, without asking.",
               "**Marks already drawn are suggestions**: if the article opens with tags on it, "
               "a computer drew them from rules; they are not the answer. Keep the ones that "
               "fit, delete the ones that do not, and add what they missed. Your teacher can "
               "see which suggestions you kept untouched.",
               "**Submit when you are done**: when you have finished an article, click the "
               "first button of the toolbar to mark it done. Only articles marked done are "
               "graded; click again to take it back."],
           "definition": "Definition", "question": "Ask yourself", "examples": "Examples",
           "key": "key", "why": "Why it matters"},
}


def _escape(text: str) -> str:
    """Keep catalogue text literal in Markdown (no accidental emphasis, links or headings)."""
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in text)


def _device_section(device: Device, language: str, words: dict[str, str]) -> list[str]:
    lines = [f"### {_escape(device.name[language])} ({words['key']}: `{device.shortcut}`)", "",
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
    lines = [f"# {words['title']}", "", f"## {words['how']}", ""]
    lines += [f"{number}. {step}" for number, step in enumerate(words["steps"], start=1)]
    lines.append("")
    for family in catalogue.families.values():
        devices = [d for d in catalogue.devices.values() if d.family == family.id and d.id in chosen]
        if not devices:
            continue
        lines += [f"## {_escape(family.name[language])}", "",
                  _escape(family.description[language]), ""]
        for device in devices:
            lines += _device_section(device, language, words)
    return "\n".join(lines).strip()  # doccano trims whitespace: keep re-runs idempotent
