"""Turn a resolved lesson into plain view data and HTML (Jinja2, autoescape on).

Templates receive dataclasses and dicts only. Article text reaches them as `Markup` built by
`highlight.render_article` from escaped pieces; every other user text is escaped by Jinja2.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .. import language
from ..render import environment, ui_strings
from .highlight import ArticleStyle, Mark, device_class, device_css, render_article, swatch
from .lesson import Lesson
from .lines import LineMap

TEMPLATES = Path(__file__).with_name("templates")
STYLESHEET = "handout.css"
KINDS = ("student", "teacher", "annotated")
PAPERS = {"a4": "A4", "letter": "letter"}


@dataclass(frozen=True)
class GlossaryEntry:
    """A focus device as the student glossary shows it."""

    name: str
    definition: str
    question: str
    css_class: str


@dataclass(frozen=True)
class AnswerRow:
    """One line of the teacher's answer table."""

    number: int
    line: int
    quote: str
    device: str
    swatch: Markup
    why: str
    is_note: bool
    agreement: str | None


@dataclass(frozen=True)
class Bar:
    """One bar of the device-count chart (SVG user units)."""

    label: str
    count: int
    y: float
    width: float


def marked_devices(lesson: Lesson) -> tuple[str, ...]:
    """The devices whose spans the key and the annotated copy draw: the lesson's focus
    (`marks: focus`, the default) or every device with a span (`marks: all`)."""
    if lesson.spec.marks == "all":
        present = {s.label for s in lesson.spans}
        return tuple(d for d in lesson.devices if d in present)
    return tuple(lesson.focus)


def lesson_marks(lesson: Lesson) -> list[Mark]:
    """The spans the lesson draws, numbered in reading order (the callout numbers): those of
    the marked devices, and every span the teacher wrote a note for (a note asks for it to be
    discussed, so it is drawn and listed even when its device is not in the focus)."""
    from .highlight import marks_for

    marked = set(marked_devices(lesson))
    drawn = [s for s in lesson.spans if s.label in marked or s in lesson.notes]
    return marks_for(drawn, lesson.devices)


def css_string(text: str) -> str:
    """`text` as a quoted CSS string (for generated `content:` values), safe inside a
    `<style>` element: quotes, backslashes, `<`, `>` and `&` are written as CSS escapes, so
    text such as `</style><script>` cannot end the style sheet."""
    cleaned = " ".join(text.splitlines())
    escaped = "".join(f"\\{ord(ch):x} " if ch in '\\"\'<>&' or ord(ch) < 32 else ch
                      for ch in cleaned)
    return f'"{escaped}"'


def _page_of(template: str) -> str:
    """`Page {page} of {pages}` as a CSS content value with counters."""
    parts: list[str] = []
    rest = template
    while rest:
        head, brace, tail = rest.partition("{")
        if head:
            parts.append(css_string(head))
        if not brace:
            break
        name, _, rest = tail.partition("}")
        parts.append(f"counter({'pages' if name == 'pages' else 'page'})")
    return " ".join(parts)


class Templates:
    """The handout templates (the render package's environment), the handout words of each
    language and the stylesheet, loaded once."""

    def __init__(self, root: Path = TEMPLATES) -> None:
        self.root = root
        self.env = environment(root)
        self.strings: dict[str, dict[str, Any]] = {
            lang: ui_strings(lang, "handout") for lang in language.SUPPORTED}
        self.stylesheet = (root / STYLESHEET).read_text(encoding="utf-8")

    def page_css(self, lesson: Lesson, kind: str, paper: str, inline: bool = False) -> Markup:
        """The generated CSS: paper size, running header and footer, device highlights."""
        t = self.strings[lesson.spec.language]
        sans = ('"Noto Sans CJK KR", "DejaVu Sans", "Noto Sans CJK SC", sans-serif'
                if lesson.spec.language == "en" else
                '"Noto Sans CJK SC", "Source Han Sans SC", "DejaVu Sans", sans-serif')
        margins = " ".join(f"@{box} {{ font-family: {sans}; }}"
                           for box in ("top-left", "top-right", "bottom-center"))
        css = (f"@page {{ size: {PAPERS[paper]}; {margins} "
               f"@top-right {{ content: {css_string(t['kinds'][kind])}; }} "
               f"@bottom-center {{ content: {_page_of(t['page_of'])}; }} }}\n"
               "@page :first { @top-right { content: none; } }\n")
        if inline:  # the .html file: browsers print margin boxes but know no string-set
            css += (f"@page {{ @top-left {{ content: {css_string(lesson.spec.title)}; }} }}\n"
                    "@page :first { @top-left { content: none; } }\n")
        if kind == "student":  # nothing is marked on the worksheet
            return Markup(css)
        drawn = {m.span.label for m in lesson_marks(lesson)}
        return Markup(css + device_css((d for d in lesson.devices.values() if d.id in drawn),
                                       lesson.article_language))

    def article(self, lesson: Lesson, marks: list[Mark], kind: str,
                starts: tuple[int, ...] | None) -> Markup:
        """The article HTML for one handout kind (`starts` None: the measuring pass)."""
        text = lesson.document.text
        title = (lesson.meta_text("title") or "").strip()
        first = text.lstrip().split("\n", 1)[0].strip()
        marked = kind != "student"
        style = ArticleStyle(highlight=marked, callouts=marked, headline=bool(title) and
                             first == title, line_step=lesson.spec.line_numbers,
                             chinese=lesson.article_language == "zh")
        return render_article(text, marks, style, starts)

    def measure_html(self, lesson: Lesson, marks: list[Mark], paper: str) -> str:
        """A page holding only the teacher's article, flowing, for the measuring pass."""
        return self.env.get_template("measure.html.j2").render(
            page=self._page(lesson, "teacher", paper, inline=False),
            article=self.article(lesson, marks, "teacher", None))

    def handout_html(self, lesson: Lesson, marks: list[Mark], kind: str, paper: str,
                     lines: LineMap, inline: bool) -> str:
        """The final HTML of one handout; `inline` embeds the stylesheet (for the .html file)."""
        context = self.context(lesson, marks, kind, lines)
        return self.env.get_template(f"{kind}.html.j2").render(
            page=self._page(lesson, kind, paper, inline),
            article=self.article(lesson, marks, kind, lines.starts), **context)

    def _page(self, lesson: Lesson, kind: str, paper: str, inline: bool) -> dict[str, Any]:
        t = self.strings[lesson.spec.language]
        return {"kind": kind, "kind_label": t["kinds"][kind], "lang": lesson.spec.language,
                "lang_tag": t["lang_tag"], "css": self.page_css(lesson, kind, paper, inline),
                "stylesheet": Markup(self.stylesheet) if inline else None,
                "stylesheet_href": STYLESHEET, "t": t}

    def context(self, lesson: Lesson, marks: list[Mark], kind: str,
                lines: LineMap) -> dict[str, Any]:
        """Plain data for the templates: lesson facts, glossary, tasks, answers, chart."""
        lang = lesson.spec.language
        t = self.strings[lang]
        spec = lesson.spec
        return {
            "t": t,
            "lesson": {
                "title": spec.title, "level": spec.level, "duration": spec.duration,
                "objectives": list(spec.objectives),
                "questions": list(spec.questions) or list(t["default_questions"]),
                "source": lesson.meta_text("source") or t["untitled_source"],
                "date": lesson.meta_text("date"), "url": lesson.meta_text("url"),
                "article_lang": language.HTML_TAGS.get(lesson.article_language,
                                                        lesson.article_language),
                "line_count": len(lines),
            },
            "glossary": self.glossary(lesson),
            "tasks": self.tasks(lesson),
            "legend": self.legend(lesson, marks),
            "answers": self.answers(lesson, marks, lines),
            "has_agreement": bool(lesson.agreement),
            "chart": self.chart(lesson, marks),
        }

    def legend(self, lesson: Lesson, marks: list[Mark]) -> list[dict[str, Any]]:
        """Exactly the devices drawn in the article, in catalogue order, each with its cue."""
        lang = lesson.spec.language
        drawn = {m.span.label for m in marks}
        return [{"name": d.name[lang], "swatch": swatch(d, d.name[lang]),
                 "count": sum(m.span.label == d.id for m in marks)}
                for d in lesson.devices.values() if d.id in drawn]

    def glossary(self, lesson: Lesson) -> list[GlossaryEntry]:
        """The focus devices with definition and question, in the handout's language."""
        lang = lesson.spec.language
        return [GlossaryEntry(d.name[lang], d.definition[lang], d.question[lang],
                              device_class(d.id))
                for d in (lesson.devices[i] for i in lesson.focus)]

    def tasks(self, lesson: Lesson) -> list[str]:
        """One task per focus device, telling students how many examples to find."""
        lang = lesson.spec.language
        t = self.strings[lang]
        counts = Counter(s.label for s in lesson.spans)
        tasks = []
        for device_id in lesson.focus:
            device = lesson.devices[device_id]
            count = counts[device_id]
            if count == 0:
                tasks.append(t["task_none"].format(name=device.name[lang]))
            else:
                tasks.append(t["task_some"].format(count=t["count_words"][min(count, 3)],
                                                   name=device.name[lang],
                                                   question=device.question[lang]))
        return tasks

    def answers(self, lesson: Lesson, marks: list[Mark], lines: LineMap) -> list[AnswerRow]:
        """Every span: callout, line where it starts, text, device, and why (note or catalogue)."""
        lang = lesson.spec.language
        t = self.strings[lang]
        rows = []
        for mark in sorted(marks, key=lambda m: m.number):
            span = mark.span
            device = lesson.devices[span.label]
            note = lesson.notes.get(span)
            agreed = lesson.agreement.get(span)
            rows.append(AnswerRow(
                mark.number, lines.line_of(span.start),
                " ".join(lesson.document.span_text(span).split()), device.name[lang],
                swatch(device, device.name[lang]), note or device.why[lang], note is not None,
                t["agreed"].format(agreed=agreed.agreed, annotators=agreed.annotators)
                if agreed else None))
        return rows

    def chart(self, lesson: Lesson, marks: list[Mark]) -> dict[str, Any]:
        """Bars of the drawn spans per device, most frequent first, sized for an inline SVG."""
        lang = lesson.spec.language
        counts = Counter(m.span.label for m in marks)
        order = sorted(counts, key=lambda d: (-counts[d], list(lesson.devices).index(d)))
        top = max(counts.values(), default=1)
        row, label_width, bar_width = 16.0, 170.0, 300.0
        bars = [Bar(lesson.devices[d].name[lang], counts[d], i * row,
                    max(2.0, bar_width * counts[d] / top)) for i, d in enumerate(order)]
        t = self.strings[lang]
        alt = t["chart_alt"].format(title=t["chart"], items=t["list_sep"].join(
            t["chart_alt_item"].format(name=b.label, count=b.count) for b in bars))
        return {"bars": bars, "row": row, "label_width": label_width, "alt": alt,
                "width": label_width + bar_width + 40, "height": max(row, row * len(bars) + 4),
                "total": sum(counts.values())}
