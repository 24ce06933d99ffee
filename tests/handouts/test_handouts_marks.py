"""`marks: focus|all`: what the key and the annotated copy draw, and what their legend shows."""

from __future__ import annotations

from pathlib import Path

from handout_support import LESSONS

from toolkit.handouts import load_lessons, read_spec
from toolkit.handouts.render import Templates, lesson_marks


def lesson_with(tmp_path: Path, catalogue, extra: str):
    text = (LESSONS / "battery-breakthrough.yaml").read_text(encoding="utf-8")
    text = text.replace("../annotations/samples", str(LESSONS.parent / "annotations" / "samples"))
    path = tmp_path / "battery.yaml"
    path.write_text(text + extra, encoding="utf-8")
    (lesson,) = load_lessons([path], catalogue)
    return lesson


def test_focus_marks_the_focus_and_the_noted_spans_all_marks_everything(tmp_path, catalogue):
    focus = lesson_with(tmp_path, catalogue, "")
    everything = lesson_with(tmp_path, catalogue, "marks: all\n")
    drawn = {m.span for m in lesson_marks(focus)}
    assert drawn == {s for s in focus.spans if s.label in focus.focus or s in focus.notes}
    assert {m.span for m in lesson_marks(everything)} == set(everything.spans)
    templates = Templates()
    for lesson in (focus, everything):
        marks = lesson_marks(lesson)
        legend = [item["name"] for item in templates.legend(lesson, marks)]
        shown = {m.span.label for m in marks}
        # the legend is exactly the drawn devices, in catalogue order
        assert legend == [d.name["zh"] for d in lesson.devices.values() if d.id in shown]
        css = str(templates.page_css(lesson, "teacher", "a4"))
        for device in lesson.devices.values():
            for name in device.cue:
                if device.id in shown:
                    assert f".p-{name} {{" in css
    assert len(lesson_marks(everything)) > len(lesson_marks(focus))
    assert "REPETITION" in {m.span.label for m in lesson_marks(focus)}  # it has a note


def test_a_bad_marks_value_is_reported_with_what_is_allowed(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("title: x\nlanguage: en\nannotations: a.jsonl\nmarks: some\n",
                    encoding="utf-8")
    spec, problems = read_spec(path)
    assert spec is None and [str(p) for p in problems] == [
        f"{path}:4: marks: must be focus (mark the focus devices) or all (mark every span), "
        "got 'some'"]
