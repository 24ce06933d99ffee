"""Put a model's spans beside the rules' in a suggested document.

`mlt suggest` records one entry per (span, rule) in the document's `suggestions` meta list:
`{"start", "end", "label", "rule", "reason"}`. A model's span gets an entry of the same shape,
with `rule` naming its origin (`model:<folder name>`) and one more key, `score`: the model's
probability for the span (0–1). A span both a rule and the model suggest has both entries.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from ..corpus import Document
from ..progress import Progress, silent
from ..spans import Span
from ..suggest.run import SuggestReport, document_language
from .store import Model, load

META_KEY = "suggestions"  # the key `mlt suggest` writes (toolkit.suggest.run.META_KEY)


def origin(model: Model) -> str:
    """The `rule` value of a model's suggestions."""
    return f"model:{model.name}"


def add_model_suggestions(document: Document, model: Model, lang: str,
                          devices: Sequence[str] | None = None) -> tuple[Document, list[Span]]:
    """The suggested document with the model's spans added (spans and meta entries), and the
    spans that are new (no rule suggested them). A document in a language the model was not
    trained on is returned unchanged."""
    if lang not in model.manifest.languages:
        return document, []
    found = model.predict(document, lang, devices)
    entries = list(document.meta.get(META_KEY) or [])
    name = origin(model)
    for item in found:
        entries.append({"start": item.start, "end": item.end, "label": item.label,
                        "rule": name, "reason": f"the trained model {model.name} marks this "
                                                f"(score {item.score:.2f})",
                        "score": item.score})
    spans = set(document.spans)
    new = sorted({Span(f.start, f.end, f.label) for f in found} - spans)
    meta = dict(document.meta)
    meta[META_KEY] = sorted(entries, key=lambda e: (e["start"], e["end"], e["label"], e["rule"]))
    return Document(document.doc_id, document.text, tuple(sorted(spans | set(new))), meta), new


def suggest_with_model(documents: Sequence[Document], folder: str | os.PathLike[str],
                       lang: str = "auto", devices: Sequence[str] | None = None,
                       report: SuggestReport | None = None,
                       progress: Progress = silent) -> list[Document]:
    """`mlt suggest --model DIR`: the rules' suggested documents with the model's spans added;
    the new spans are counted into `report`. The folder is checked before any prediction."""
    model = load(folder)
    results = []
    for done, document in enumerate(documents, start=1):
        result, new = add_model_suggestions(document, model,
                                            document_language(document, lang), devices)
        results.append(result)
        if report is not None:
            report.suggestions += len(new)
            for span in new:
                report.per_device[span.label] = report.per_device.get(span.label, 0) + 1
        progress(f"model {model.name}", done, len(documents))
    return results
