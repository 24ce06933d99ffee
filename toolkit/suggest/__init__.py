"""Pre-annotation: spaCy pipelines for zh/en and device rules kept as data files (patterns/).

The names below load with their module on first use, so that a command needing one seam of
this package (the handouts' Chinese words, `pipeline.chinese_words`) does not load the rules
engine too."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .matcher import Suggester, Suggestion, merge_nested
    from .pipeline import SEGMENTERS, get_pipeline
    from .rules import Rule, builtin_paths, load_rules, pattern_paths
    from .run import (META_KEY, SuggestOptions, SuggestReport, SuggestRun, document_language,
                      read_inputs, suggest_documents)

_HOME = {"Suggester": "matcher", "Suggestion": "matcher", "merge_nested": "matcher",
         "SEGMENTERS": "pipeline", "get_pipeline": "pipeline",
         "Rule": "rules", "builtin_paths": "rules", "load_rules": "rules",
         "pattern_paths": "rules",
         "META_KEY": "run", "SuggestOptions": "run", "SuggestReport": "run", "SuggestRun": "run",
         "document_language": "run", "read_inputs": "run", "suggest_documents": "run"}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
    globals()[name] = value
    return value
