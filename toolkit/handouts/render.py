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
from ..spans import Span
from . import content
from .highlight import (ArticleStyle, Mark, device_class, device_css, render_article, swatch,
                        word_joins)
from .lesson import Lesson
from .lines import LineMap

TEMPLATES = Path(__file__).with_name("templates")
STYLESHEET = "handout.css"
KINDS = ("student", "teacher", "annotated")
PAPERS = {"a4": "A4", "letter": "letter"}


@dataclass(frozen=True)
class GlossaryEntry:
    """A focus device as the student glossary shows it (no example the article contains)."""

    name: str
    definition: str
    question: str
    css_class: str
    example: str | None = None


@dataclass(frozen=True)
class AnswerRow:
    """One line of the teacher's answer table: `ask` and `why` explain this span (the device's
    question asked of its words, what is missing or what they do); `extra` holds the teacher's
    note, the suggester's reason and other facts, each as (label, text)."""

    number: int
    line: int
    quote: str
    device: str
    swatch: Markup
    why: str
    is_note: bool
    agreement: str | None
    ask: str = ""
    extra: tuple[tuple[str, str], ...] = ()
    span: Span | None = None


@dataclass(frozen=True)
class TaskView:
    """One student task: its prompt, its answer space and (for the key) its answers."""

    number: int
    text: str
    table: bool
    rows: int
    answers: tuple[AnswerRow, ...] = ()
    maybe: str | None = None


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
                lines: LineMap | None, paint: bool = False) -> Markup:
        """The article HTML for one handout kind (`lines` None: the measuring pass, which keeps
        a Chinese article's words whole at line ends and draws only what changes widths unless
        `paint`). A Chinese article's lines are justified from their measured widths: the
        worksheet's from its plain text, the marked copies' with their marks and callouts."""
        text = lesson.document.text
        title = (lesson.meta_text("title") or "").strip()
        first = text.lstrip().split("\n", 1)[0].strip()
        marked = kind != "student"
        style = ArticleStyle(highlight=marked, callouts=marked, headline=bool(title) and
                             first == title, line_step=lesson.spec.line_numbers,
                             chinese=lesson.article_language == "zh")
        if lines is None:
            joins: frozenset[int] = frozenset()
            if style.chinese:  # jieba, through the segmentation seam, only when needed
                from ..suggest.pipeline import chinese_words

                joins = word_joins(text, chinese_words(text))
            return render_article(text, marks, style, None, joins, paint=paint)
        widths = {start: (width.marked if marked else width.plain, width)
                  for start, width in lines.widths.items()}
        return render_article(text, marks, style, lines.starts, widths=widths)

    def measure_html(self, lesson: Lesson, marks: list[Mark], paper: str) -> str:
        """A page holding only the teacher's article, flowing, for the measuring pass: the
        stylesheet, the paper and, of the marks, only what changes the text's width (the rest
        only paints, and every rule costs WeasyPrint time on every element)."""
        drawn = {m.span.label for m in marks}
        css = f"@page {{ size: {PAPERS[paper]}; }}\n" + device_css(
            (d for d in lesson.devices.values() if d.id in drawn), lesson.article_language,
            widths_only=True)
        page = {**self._page(lesson, "teacher", paper, inline=False), "css": Markup(css)}
        return self.env.get_template("measure.html.j2").render(
            page=page, article=self.article(lesson, marks, "teacher", None))

    def handout_html(self, lesson: Lesson, marks: list[Mark], kind: str, paper: str,
                     lines: LineMap, inline: bool) -> str:
        """The final HTML of one handout; `inline` embeds the stylesheet (for the .html file)."""
        context = self.context(lesson, marks, kind, lines)
        return self.env.get_template(f"{kind}.html.j2").render(
            page=self._page(lesson, kind, paper, inline),
            article=self.article(lesson, marks, kind, lines), **context)

    def _page(self, lesson: Lesson, kind: str, paper: str, inline: bool) -> dict[str, Any]:
        t = self.strings[lesson.spec.language]
        return {"kind": kind, "kind_label": t["kinds"][kind], "lang": lesson.spec.language,
                "lang_tag": language.HTML_TAGS[lesson.spec.language],
                "css": self.page_css(lesson, kind, paper, inline),
                "stylesheet": Markup(self.stylesheet) if inline else None,
                "stylesheet_href": STYLESHEET, "t": t}

    def context(self, lesson: Lesson, marks: list[Mark], kind: str,
                lines: LineMap) -> dict[str, Any]:
        """Plain data for the templates: lesson facts, glossary, tasks, answers, chart."""
        lang = lesson.spec.language
        t = self.strings[lang]
        spec = lesson.spec
        source = content.lesson_source(lesson)
        answers = self.answers(lesson, marks, lines)
        discussion = content.discussion(lesson, t, lines.line_of)
        return {
            "t": t,
            "lesson": {
                "title": spec.title, "level": spec.level, "duration": spec.duration,
                "objectives": list(spec.objectives),
                "questions": [d.question for d in discussion],
                "source": source.publisher or source.site or t["untitled_source"],
                "date": source.date, "url": source.url,
                "article_lang": language.HTML_TAGS.get(lesson.article_language,
                                                        lesson.article_language),
                "line_count": len(lines),
            },
            "source": {**vars(source), "known": source.known, "byline": lesson.byline,
                       "prompts": content.sift_prompts(source, t["sift_source"])},
            "glossary": self.glossary(lesson),
            "tasks": self.tasks(lesson, answers),
            "legend": self.legend(lesson, marks),
            "answers": answers,
            "discussion": discussion,
            "exit_ticket": content.exit_ticket(lesson, t),
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
        """The focus devices (and any other task's device) with definition, question and one
        example, none of which the article contains."""
        tasked = [t.device for t in lesson.spec.tasks or () if t.device not in lesson.focus]
        return [GlossaryEntry(g.name, g.definition, g.question, device_class(g.device), g.example)
                for g in content.glossary(lesson, [*lesson.focus, *tasked])]

    def tasks(self, lesson: Lesson, answers: list[AnswerRow] | None = None) -> list[TaskView]:
        """The lesson's tasks (the spec's, else the default), each with its prompt, its answer
        space and the key's answers (the answer rows of its device's spans)."""
        lang = lesson.spec.language
        t = self.strings[lang]
        by_span = {row.span: row for row in answers or []}
        views = []
        for number, task in enumerate(content.tasks(lesson), start=1):
            if task.available == 0:
                text = t["task_none"].format(name=task.name)
            else:
                count = (t["count_words"][task.find] if task.find in t["count_words"]
                         else t["count_many"].format(n=task.find))
                text = t["task_some"].format(count=count,
                                             name=task.name, question=task.question)
            found = tuple(by_span[s] for s in task.answers if s in by_span)
            maybe_rows = [by_span[s] for s in task.maybe if s in by_span]
            maybe = (t["task_maybe"].format(count=len(maybe_rows), numbers=", ".join(
                str(r.number) for r in maybe_rows)) if maybe_rows else None)
            views.append(TaskView(number, text, task.table, task.rows, found, maybe))
        return views

    def answers(self, lesson: Lesson, marks: list[Mark], lines: LineMap) -> list[AnswerRow]:
        """Every span: callout, line where it starts, text, device, and what the key says about
        these words (the catalogue's templates filled with them, the teacher's note, ...)."""
        lang = lesson.spec.language
        t = self.strings[lang]
        reasons = content.suggestion_reasons(lesson)
        rows = []
        for mark in sorted(marks, key=lambda m: m.number):
            span = mark.span
            device = lesson.devices[span.label]
            said = content.explain_span(lesson, span, reasons)
            agreed = lesson.agreement.get(span)
            extra: list[tuple[str, str]] = []
            if said.note:
                extra.append((t["note_mark"], said.note))
            if said.reason:
                extra.append((t["suggested_by"], said.reason))
            if span in lesson.resolved:
                merged = lesson.resolved[span]
                name = (lesson.devices[merged].name[lang] if merged in lesson.devices
                        else merged)
                extra.append(("", t["resolved_from"].format(name=name)))
            if said.also:
                extra.append((t["also_marked"], "、".join(said.also) if lang == "zh"
                              else ", ".join(said.also)))
            if said.occurrence:
                extra.append(("", t["again"].format(n=said.occurrence[0],
                                                    total=said.occurrence[1])))
            rows.append(AnswerRow(
                mark.number, lines.line_of(span.start),
                " ".join(lesson.document.span_text(span).split()), device.name[lang],
                swatch(device, device.name[lang]), said.explain, said.note is not None,
                t["agreed"].format(agreed=agreed.agreed, annotators=agreed.annotators)
                if agreed else None, said.ask, tuple(extra), span))
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
