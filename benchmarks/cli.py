"""Start-up of the `mlt` command: `mlt --help`, a fast command and a refused option, each as a
fresh process, against a bare Typer app with one command (the same run, the same interpreter).

Every `mlt` invocation builds the whole command tree; the fixed choices name their library
constants and import them only when a value is checked (commands/common.py `Choice`), so the
tree stays cheap. Prints medians, ratios to the baseline and peak memory (max RSS) per case."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 15
BASELINE = ("import typer\napp = typer.Typer()\n@app.command()\ndef hello(name: str = 'x'):\n"
            "    print(name)\napp()\n")
MLT = [sys.executable, "-c", "from toolkit.cli import app; app()"]
#: BENCH_ROOT=/another/checkout measures that checkout's `mlt` instead (e.g. main, to compare).
ROOT = Path(os.environ.get("BENCH_ROOT", ROOT))
CASES = {
    "baseline: a one-command Typer app --help": [sys.executable, "-c", BASELINE, "--help"],
    "mlt --help": MLT + ["--help"],
    "mlt devices --format json": MLT + ["devices", "--format",
                                  "json"],
    "mlt devices --format xml (refused)": MLT + ["devices",
                                           "--format", "xml"],
    "mlt build --paper a5 x (refused; imports the handouts' paper list)": [
        sys.executable, "-m", "toolkit.cli", "build", "--paper", "a5", "x"],
}


def once(argv: list[str]) -> tuple[float, int]:
    """Wall time (s) and max RSS (KiB) of one run."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="100")
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss


def main() -> int:
    runs: dict[str, list[tuple[float, int]]] = {name: [] for name in CASES}
    for _ in range(RUNS):  # interleaved, so a noisy moment hits every case alike
        for name, argv in CASES.items():
            runs[name].append(once(argv))
    base = statistics.median(t for t, _ in runs[next(iter(CASES))])
    print(f"{RUNS} runs each, interleaved; median wall time, ratio to the baseline, max RSS")
    for name, samples in runs.items():
        median = statistics.median(t for t, _ in samples)
        rss = max(r for _, r in samples) / 1024
        print(f"  {median * 1000:7.0f} ms  x{median / base:4.2f}  {rss:6.1f} MiB  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
