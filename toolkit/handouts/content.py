"""What a lesson's handouts say, as plain data: the source panel, the glossary, the tasks, the
teacher key's explanation of each span, and the discussion questions with model answers.

Everything here is built from the lesson (spec, document, spans) and the device catalogue, never
from per-article text: the key's sentences are the catalogue's `ask` and `explain` templates
filled with the span's own words. The handouts' fixed wording (headings, task prompts) comes in as
`strings`, one language's mapping of `templates/strings.yaml`. Line numbers are only known after
layout, so functions that point at lines take `line_of(offset)`.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any
from urllib.parse import urlsplit

from ..spans import Span
from .lesson import Lesson

#: A 45-minute lesson: about 10 minutes to read a 100-line article, 3 tasks of about 7 minutes
#: (find two examples, write why, share), 10 minutes of discussion, 3 for the exit ticket.
DEFAULT_TASKS = 3
DEFAULT_FIND = 2
DEFAULT_LINES = 3
#: How much of a phrase must reappear (in order, within twice its length) to count as an echo.
ECHO_SHARE = 0.8
QUOTE_LIMIT = {"zh": 18, "en": 60}
#: Families whose spans answer the default discussion questions (feelings; evidence).
DEFAULT_ANSWER_FAMILIES = (("wording", "call", "justification", "attack", "simplification",
                            "distraction", "merged"), ("sourcing",))
MAX_POINTERS = 3
LineOf = Callable[[int], int]

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:['’][A-Za-z]+)?")
_QUOTED = re.compile(r"“([^”]{1,80})”")


# --------------------------------------------------------------------------- words and echoes

def short_quote(text: str, lang: str) -> str:
    """A span's words on one line, cut (at a word for English) with … when long."""
    words = " ".join(text.split())
    limit = QUOTE_LIMIT.get(lang, 60)
    if len(words) <= limit:
        return words
    cut = words[:limit]
    if lang != "zh" and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip("，,、；;：: ") + "…"


def _units(text: str) -> list[str]:
    """What an echo is measured in: Chinese characters, and Latin words in lower case."""
    units: list[str] = []
    for match in re.finditer(rf"{_CJK.pattern}|{_WORD.pattern}", text):
        units.append(match.group(0).lower())
    return units


@dataclass
class ArticleUnits:
    """An article's units and where each unit value occurs, for fast echo checks."""

    units: list[str]
    where: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> ArticleUnits:
        units = _units(text)
        where: dict[str, list[int]] = {}
        for index, unit in enumerate(units):
            where.setdefault(unit, []).append(index)
        return cls(units, where)


def echoes(phrase: str, article: ArticleUnits) -> bool:
    """True when `phrase` (nearly) occurs in the article: at least 80% of its characters (Chinese)
    or words (English) reappear in order within a stretch twice its length.
    "一位不愿透露姓名的大厂高管" echoes "一位不愿透露姓名的AI大厂高管"; "有人说" echoes "也有人直接说"."""
    units = _units(phrase)
    if not units:
        return False
    need = ECHO_SHARE * len(units)
    width = max(2 * len(units), len(units) + 2)
    starts: set[int] = set()
    for unit in units[:max(1, len(units) - int(need) + 1)]:
        starts.update(article.where.get(unit, ()))
    bag = Counter(units)
    for start in sorted(starts):
        window = article.units[start:start + width]
        if sum((bag & Counter(window)).values()) < need:
            continue  # not even the units are there: no alignment can match enough
        matcher = SequenceMatcher(None, units, window, autojunk=False)
        if sum(block.size for block in matcher.get_matching_blocks()) >= need:
            return True
    return False


_DANGLING = re.compile(r"(?:[，,、]\s*(?:如|such as)?|\s*\bsuch as|\s+or|\s+and|、|等)\s*(?=[。.，,]|$)")


def without_echoes(definition: str, article: ArticleUnits) -> str:
    """The definition with every quoted example that echoes the article taken out (and the
    "such as" / "如" left dangling by it)."""
    kept = _QUOTED.sub(lambda m: "" if echoes(m.group(1), article) else m.group(0), definition)
    return _tidy(kept) if kept != definition else definition


def _tidy(kept: str) -> str:
    """A definition with examples taken out, without the separators they leave dangling."""
    previous = None
    while previous != kept:
        previous = kept
        kept = _DANGLING.sub("", kept)
        kept = re.sub(r",\s*(?=“)", ", ", kept)
    return re.sub(r"\s+([.,])", r"\1", kept).strip()


# --------------------------------------------------------------------------- the source

@dataclass(frozen=True)
class Source:
    """Who published the article, where and when: the source panel of every handout."""

    publisher: str | None = None
    site: str | None = None
    url: str | None = None
    author: str | None = None
    date: str | None = None
    views: str | None = None
    corpus: str | None = None

    @property
    def known(self) -> bool:
        """True when anything about the source is known."""
        return any((self.publisher, self.site, self.url, self.author, self.date))


_FILE_PATH = re.compile(r"^(?:\.{0,2}/|[A-Za-z]:\\)|\.(?:txt|text|md|html?|jsonl?|csv)$", re.I)
#: Meta `source` values that name a collection the document came from, not its publisher.
CORPORA = {"ptc": "Propaganda Techniques Corpus (SemEval-2020 Task 11)"}


def site_of(url: str | None) -> str | None:
    """The host of an address (`www.414w.com`), None when it has none."""
    if not url:
        return None
    host = urlsplit(url if "://" in url else f"http://{url}").hostname
    return host or None


def lesson_source(lesson: Lesson) -> Source:
    """The source from the spec's `source:` block, else the document's meta: `publisher`
    (older files: `source`, unless it names a corpus or a file), `url` (older: `source_url`),
    `author`, `date`, `views`."""
    spec = lesson.spec.source
    meta = lesson.meta_text
    legacy = meta("source")
    corpus_key = (meta("corpus") or (legacy if legacy and legacy.lower() in CORPORA else "")
                  or "").lower()
    if legacy and (legacy.lower() in CORPORA or _FILE_PATH.search(legacy)):
        legacy = None  # a corpus name or a file path, not a publisher
    url = spec.url or meta("url") or meta("source_url")
    if url and not url.lower().startswith(("http://", "https://", "www.")):
        url = None
    corpus = CORPORA.get(corpus_key, corpus_key or None)
    if corpus and meta("ptc_id"):
        corpus = f"{corpus}, article {meta('ptc_id')}"
    return Source(publisher=spec.publisher or meta("publisher") or legacy,
                  site=site_of(url), url=url, author=spec.author or meta("author"),
                  date=spec.date or meta("date"), views=meta("views"), corpus=corpus)


def sift_prompts(source: Source, templates: Sequence[Mapping[str, str]]) -> list[str]:
    """SIFT prompts aimed at this source: each template (`needs`: the fields it uses, `text`)
    whose fields are known, filled in; a template with `unknown: true` applies only when nothing
    about the publisher is known."""
    values = {k: v for k, v in vars(source).items() if v}
    prompts = []
    for template in templates:
        if template.get("unknown"):
            if not source.known and not source.corpus:
                prompts.append(str(template["text"]))
            continue
        needs = [n.strip() for n in str(template.get("needs", "")).split(",") if n.strip()]
        if all(values.get(n) for n in needs):
            text = str(template["text"])
            for name in needs:
                text = text.replace("{" + name + "}", str(values[name]))
            prompts.append(text)
    return prompts


# --------------------------------------------------------------------------- the glossary

@dataclass(frozen=True)
class Gloss:
    """A focus device as the student glossary shows it: no example the article contains."""

    device: str
    name: str
    definition: str
    question: str
    example: str | None


@functools.lru_cache(maxsize=16)
def _echoing(text: str, phrases: tuple[str, ...]) -> frozenset[str]:
    """Which of `phrases` echo `text` (cached: every handout of a lesson asks the same)."""
    article = ArticleUnits.of(text)
    return frozenset(p for p in phrases if echoes(p, article))


def glossary(lesson: Lesson, devices: Sequence[str]) -> list[Gloss]:
    """The devices with definition, question and one example, none of which half-answers a task:
    a quoted example in the definition that echoes the article is taken out, and the example is
    the first of the catalogue's that does not echo it (none when all do)."""
    lang = lesson.spec.language
    chosen = [lesson.devices[d] for d in devices]
    phrases = tuple(sorted({*(e for d in chosen for e in d.examples[lang]),
                            *(m.group(1) for d in chosen
                              for m in _QUOTED.finditer(d.definition[lang]))}))
    echoing = _echoing(lesson.document.text, phrases)
    entries = []
    for device in chosen:
        example = next((e for e in device.examples[lang] if e not in echoing), None)
        definition = _QUOTED.sub(lambda m: "" if m.group(1) in echoing else m.group(0),
                                 device.definition[lang])
        entries.append(Gloss(device.id, device.name[lang],
                             _tidy(definition) if definition != device.definition[lang]
                             else definition, device.question[lang], example))
    return entries


# --------------------------------------------------------------------------- the key

@dataclass(frozen=True)
class Explanation:
    """The key's words for one span: the device's question asked of it, what is missing or
    what the words do, the suggester's reason and the teacher's note (when there are)."""

    ask: str
    explain: str
    note: str | None = None
    reason: str | None = None
    also: tuple[str, ...] = ()
    #: (n, total) when the same words carry the same device more than once: the n-th of total
    occurrence: tuple[int, int] | None = None

    @property
    def text(self) -> str:
        """Everything as one paragraph (for checks and plain-text use)."""
        return " ".join(p for p in (self.ask, self.explain, self.reason, self.note) if p)


def _fill(template: str, quote: str, count: int) -> str:
    return template.replace("{quote}", quote).replace("{count}", str(count))


def explain_span(lesson: Lesson, span: Span, reasons: Mapping[Span, str] | None = None,
                 ) -> Explanation:
    """The key row's explanation of one span, from the catalogue's templates and its words."""
    lang = lesson.spec.language
    device = lesson.devices[span.label]
    words = " ".join(lesson.document.span_text(span).split())
    quote = short_quote(words, lang)
    count = lesson.document.text.count(lesson.document.span_text(span).strip()) or 1
    ask_template = device.ask.get(lang)
    if not ask_template or ("{count}" in ask_template and count < 2):
        ask = (f"「{quote}」" if lang == "zh" else f"“{quote}”: ") + device.question[lang]
    else:
        ask = _fill(ask_template, quote, count)
    explain = _fill(device.explain.get(lang) or device.why[lang], quote, count)
    also = tuple(lesson.devices[s.label].name[lang] for s in lesson.spans
                 if s.start == span.start and s.end == span.end and s.label != span.label)
    same = [s for s in lesson.spans if s.label == span.label
            and lesson.document.span_text(s).strip() == lesson.document.span_text(span).strip()]
    occurrence = (same.index(span) + 1, len(same)) if len(same) > 1 else None
    return Explanation(ask, explain, lesson.notes.get(span), (reasons or {}).get(span), also,
                       occurrence)


def suggestion_reasons(lesson: Lesson) -> dict[Span, str]:
    """The suggester's reason for each span that came from a suggestion (meta `suggestions`)."""
    found: dict[Span, str] = {}
    records = lesson.document.meta.get("suggestions")
    if not isinstance(records, list):
        return found
    spans = set(lesson.spans)
    for record in records:
        if not isinstance(record, dict):
            continue
        try:
            span = Span(record["start"], record["end"], record["label"])
        except (KeyError, ValueError, TypeError):
            continue
        reason = record.get("reason")
        if span in spans and isinstance(reason, str) and reason.strip():
            found[span] = reason.strip()
    return found


# --------------------------------------------------------------------------- tasks

@dataclass(frozen=True)
class Task:
    """One student task and, for the key, its answers (spans in reading order)."""

    device: str
    name: str
    question: str
    find: int
    available: int
    table: bool
    rows: int
    answers: tuple[Span, ...]
    maybe: tuple[Span, ...] = ()   # spans of a merged PTC class this device belongs to


def tasks(lesson: Lesson) -> list[Task]:
    """The spec's `tasks:`, else the lesson's default: the first three focus devices present in
    the article (then absent ones), two examples each, answered in a response table."""
    lang = lesson.spec.language
    counts = Counter(s.label for s in lesson.spans)
    chosen = lesson.spec.tasks
    if chosen is None:
        from .spec import TaskSpec

        ordered = sorted(lesson.focus, key=lambda d: counts[d] == 0)
        chosen = tuple(TaskSpec(d) for d in ordered[:DEFAULT_TASKS])
    result = []
    for item in chosen:
        device = lesson.devices[item.device]
        answers = tuple(s for s in lesson.spans if s.label == device.id)
        merged = [d.id for d in lesson.devices.values() if device.id in d.members]
        maybe = tuple(s for s in lesson.spans if s.label in merged)
        available = len(answers)
        find = item.find or max(1, min(DEFAULT_FIND, available))
        rows = item.rows if item.rows is not None else (find if item.table else DEFAULT_LINES)
        result.append(Task(device.id, device.name[lang], device.question[lang], find, available,
                           item.table, rows, answers, maybe))
    return result


# --------------------------------------------------------------------------- discussion

@dataclass(frozen=True)
class Pointer:
    """A place in the article a model answer points to."""

    line: int
    quote: str
    device: str
    explain: str


@dataclass(frozen=True)
class Discussion:
    """A discussion question with its model answer (intro text and pointers into the article)."""

    question: str
    answer: str | None
    pointers: tuple[Pointer, ...] = ()


def _pointers(lesson: Lesson, families: Sequence[str], line_of: LineOf) -> tuple[Pointer, ...]:
    lang = lesson.spec.language
    picked: list[Pointer] = []
    seen: set[str] = set()
    order = sorted(lesson.spans, key=lambda s: (families.index(lesson.devices[s.label].family)
                                                if lesson.devices[s.label].family in families
                                                else len(families), s.start))
    for span in order:
        device = lesson.devices[span.label]
        if device.family not in families or device.id in seen:
            continue
        seen.add(device.id)  # one example per device: variety over volume
        picked.append(Pointer(line_of(span.start),
                              short_quote(lesson.document.span_text(span), lang),
                              device.name[lang], explain_span(lesson, span).explain))
        if len(picked) == MAX_POINTERS:
            break
    return tuple(picked)


def discussion(lesson: Lesson, strings: Mapping[str, Any], line_of: LineOf) -> list[Discussion]:
    """The spec's questions with its `answers:`, else the default questions, each with a model
    answer that points to the article's own spans (devices of the families the question is
    about)."""
    spec = lesson.spec
    if spec.questions:
        return [Discussion(q, spec.answers[i] if i < len(spec.answers) else None)
                for i, q in enumerate(spec.questions)]
    items = []
    for question, answer, families in zip(strings["default_questions"],
                                          strings["default_answers"], DEFAULT_ANSWER_FAMILIES):
        items.append(Discussion(question, answer, _pointers(lesson, families, line_of)))
    return items


def exit_ticket(lesson: Lesson, strings: Mapping[str, Any]) -> str:
    """The spec's exit ticket, else the default one."""
    return lesson.spec.exit_ticket or str(strings["exit_ticket"])

