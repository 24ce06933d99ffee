"""Rendering for every printed output: handouts, the agreement report, feedback sheets.

- `templating.environment(folder)`: the one Jinja2 environment factory (autoescape on, undefined
  variables an error, the same filters everywhere);
- `strings.ui_strings(lang, section)`: the toolkit's own printed words, one YAML file per
  language in `languages/`;
- `pdf`: the WeasyPrint seam (HTML → tagged PDF, fonts, page counts, where lines break), the
  only module that imports WeasyPrint. It is imported lazily by its users, so commands that do
  not render never load WeasyPrint.
"""

from __future__ import annotations

from .strings import ui_strings
from .templating import environment

__all__ = ["environment", "ui_strings"]
