"""Handout compiler: lesson specs + annotations → student worksheet, teacher key and annotated
article, as PDF (WeasyPrint) and HTML."""

from __future__ import annotations

from .build import BuildError, BuildOptions, BuildResult, build_lessons, load_lessons, render_lesson
from .lesson import AGREEMENT_KEY, Agreement, Lesson, resolve_lesson
from .spec import LessonSpec, NoteSpec, read_spec

__all__ = ["AGREEMENT_KEY", "Agreement", "BuildError", "BuildOptions", "BuildResult", "Lesson",
           "LessonSpec", "NoteSpec", "build_lessons", "load_lessons", "read_spec",
           "render_lesson", "resolve_lesson"]
