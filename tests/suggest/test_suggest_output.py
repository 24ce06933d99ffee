"""`mlt suggest -o`: never over the human spans of its own input, never over a file silently."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.corpus import Document, read_jsonl, write_jsonl
from toolkit.spans import Span

TEXT = "据业内人士透露，这家超市下月关门。让我们拭目以待。"


def suggest(*args: str | Path):
    return CliRunner().invoke(app, ["suggest", *map(str, args)])


def annotated(tmp_path: Path, name: str = "alice.jsonl") -> Path:
    path = tmp_path / name
    write_jsonl(path, [Document.create(TEXT, [Span(0, 6, "ANONYMOUS_SOURCE")], doc_id="d1")])
    return path


def test_output_onto_its_own_input_is_refused(tmp_path: Path) -> None:
    source = annotated(tmp_path)
    before = source.read_bytes()
    result = suggest(source, "-o", source)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr == (f"Error: {source} is also an input; writing there would replace its "
                             "spans. Use -o another file, or --force to overwrite it\n")
    assert source.read_bytes() == before


def test_existing_output_needs_force(tmp_path: Path) -> None:
    source, out = annotated(tmp_path), annotated(tmp_path, "gold.jsonl")
    before = out.read_bytes()
    result = suggest(source, "-o", out)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {out} exists; it may hold annotations. Use --force to "
                             "overwrite it, or -o another file\n")
    assert out.read_bytes() == before
    result = suggest(source, "-o", out, "--force")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("wrote 1 document(s), ")
    [doc] = read_jsonl(out)
    assert out.read_bytes() != before and "suggestions" in doc.meta


def test_output_folder_is_a_clear_error(tmp_path: Path) -> None:
    source = annotated(tmp_path)
    result = suggest(source, "-o", tmp_path)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: -o {tmp_path} is a folder; give the file to write, e.g. "
                             f"-o {tmp_path / 'suggestions.jsonl'}\n")
