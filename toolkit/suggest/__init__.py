"""Pre-annotation: spaCy pipelines for zh/en and device rules kept as data files (patterns/)."""

from __future__ import annotations

from .matcher import Suggester, Suggestion, merge_nested
from .pipeline import SEGMENTERS, get_pipeline
from .rules import Rule, builtin_paths, load_rules, pattern_paths
from .run import (META_KEY, SuggestOptions, SuggestReport, SuggestRun, document_language,
                  read_inputs, suggest_documents)

__all__ = ["META_KEY", "SEGMENTERS", "Rule", "SuggestOptions", "SuggestReport", "SuggestRun",
           "Suggester", "Suggestion", "builtin_paths", "document_language", "get_pipeline",
           "load_rules", "merge_nested", "pattern_paths", "read_inputs", "suggest_documents"]
