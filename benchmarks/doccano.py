"""Push and pull 1,000 and 10,000 generated documents through a real doccano, against the raw
doccano-client calls (`upload()` of a ready file, `download()` of the export) in the same run.

Target: the toolkit within 1.3x of the raw calls. The toolkit's push also validates the file,
exports the project once to skip documents it already holds, and converts offsets; its pull
parses the zip, converts offsets and writes one file per annotator atomically.

    python benchmarks/doccano.py            # uses $MLT_DOCCANO_VENV or ~/.cache/mlt/doccano-1.8.4-venv
"""

from __future__ import annotations

import json
import os
import random
import socket
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from doccano_client import DoccanoClient  # noqa: E402

from toolkit.corpus import Document, write_jsonl  # noqa: E402
from toolkit.devices import load_catalogue  # noqa: E402
from toolkit.doccano import server  # noqa: E402
from toolkit.doccano.exchange import upload_line  # noqa: E402
from toolkit.doccano.install import DOCCANO_VERSION  # noqa: E402
from toolkit.doccano.project import setup_project  # noqa: E402
from toolkit.doccano.pull import pull  # noqa: E402
from toolkit.doccano.push import push  # noqa: E402
from toolkit.doccano.session import Session  # noqa: E402
from toolkit.doccano.settings import ConnectionSettings, Secrets  # noqa: E402
from toolkit.spans import Span  # noqa: E402

SIZES = {1_000: 5, 10_000: 3}  # documents: repeats
ZH = "据一位不愿透露姓名的业内人士透露，这场没有硝烟的战争已经到了生死关头。"
EN = "Critics say the plan is a total disaster, and everyone knows it will fail. "
LABELS = ["ANONYMOUS_SOURCE", "LOADED_LANGUAGE", "EXAGGERATION", "BANDWAGON"]


def documents(count: int, seed: int) -> list[Document]:
    """Generated Chinese and English documents (~300 characters, up to 3 spans each)."""
    rng = random.Random(seed)
    docs = []
    for index in range(count):
        base = ZH if index % 2 else EN
        text = f"[{seed}-{index}] " + base * rng.randint(3, 5)
        if index % 10 == 0:
            text = "😀 " + text  # every tenth text needs the UTF-16 conversion
        spans = []
        for _ in range(3):
            start = rng.randrange(0, len(text) - 12)
            spans.append(Span(start, start + rng.randint(2, 12), rng.choice(LABELS)))
        docs.append(Document.create(text, set(spans), doc_id=f"gen-{seed}-{index}",
                                    source="benchmark", index=index))
    return docs


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def timed(function, *args, **kwargs) -> tuple[float, float]:
    """(seconds, peak traced MB) of one call."""
    tracemalloc.start()
    start = time.perf_counter()
    function(*args, **kwargs)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak


def run(folder: Path, settings: ConnectionSettings) -> list[tuple]:
    catalogue = load_catalogue()
    session = Session.connect(settings)
    raw = DoccanoClient(settings.url)
    raw.login(username=settings.username, password=settings.password)
    rows = []
    for size, repeats in SIZES.items():
        times: dict[str, list[float]] = {k: [] for k in ("push", "upload", "pull", "download")}
        peaks: dict[str, list[float]] = {k: [] for k in times}
        for repeat in range(repeats):
            docs = documents(size, seed=size + repeat)
            source = folder / f"docs-{size}-{repeat}.jsonl"
            write_jsonl(source, docs)
            ready = folder / f"raw-{size}-{repeat}.jsonl"  # the raw call gets its file for free
            ready.write_text("".join(upload_line(d) + "\n" for d in docs), encoding="ascii")
            ours, theirs = f"tk-{size}-{repeat}", f"raw-{size}-{repeat}"
            for name in (ours, theirs):
                setup_project(session, name, catalogue)
            raw_id = session.require_project(theirs).id
            steps = [("push", lambda: push(session, ours, source, catalogue)),
                     ("upload", lambda: raw.upload(raw_id, [str(ready)], "SequenceLabeling",
                                                   "JSONL", "text", "label"))]
            for key, step in (steps if repeat % 2 == 0 else steps[::-1]):
                seconds, peak = timed(step)
                times[key].append(seconds)
                peaks[key].append(peak)
            steps = [("pull", lambda: pull(session, ours, folder / f"out-{size}-{repeat}",
                                           catalogue)),
                     ("download", lambda: raw.download(raw_id, "JSONL", dir_name=str(folder)))]
            for key, step in (steps if repeat % 2 == 0 else steps[::-1]):
                seconds, peak = timed(step)
                times[key].append(seconds)
                peaks[key].append(peak)
            print(f"  {size} docs, run {repeat + 1}: " + ", ".join(
                f"{k} {v[-1]:.2f} s" for k, v in times.items()), flush=True)
        for ours_key, raw_key in (("push", "upload"), ("pull", "download")):
            mine, base = statistics.median(times[ours_key]), statistics.median(times[raw_key])
            rows.append((size, ours_key, mine, raw_key, base, mine / base,
                         max(peaks[ours_key]), max(peaks[raw_key])))
    return rows


def main() -> int:
    venv = os.environ.get("MLT_DOCCANO_VENV") or str(
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mlt"
        / f"doccano-{DOCCANO_VERSION}-venv")
    with tempfile.TemporaryDirectory(prefix="mlt-bench-doccano-") as tmp:
        folder = Path(tmp)
        data = folder / "server"
        print(f"starting doccano (venv {venv})", flush=True)
        state = server.start(data, free_port(), venv_dir=Path(venv),
                             config_path=folder / "config.json", notify=print)
        try:
            secrets = Secrets.load(data / "credentials.json")
            rows = run(folder, ConnectionSettings(state.url, secrets.username, secrets.password))
        finally:
            server.stop(data, Path(venv))
    print()
    print(f"{'docs':>6}  {'toolkit':<6} {'median':>8}  {'raw call':<8} {'median':>8}  "
          f"{'ratio':>5}  {'peak MB (toolkit / raw)':>24}")
    worst = 0.0
    for size, ours, mine, raw, base, ratio, peak, raw_peak in rows:
        worst = max(worst, ratio)
        print(f"{size:>6}  {ours:<6} {mine:>7.2f}s  {raw:<8} {base:>7.2f}s  {ratio:>5.2f}  "
              f"{peak:>11.1f} / {raw_peak:.1f}")
    print(json.dumps({"worst_ratio": round(worst, 2), "target": 1.3}))
    return 0 if worst <= 1.3 else 1


if __name__ == "__main__":
    sys.exit(main())
