"""Run the benchmarks: `python -m benchmarks [NAME ...]` (default: every benchmarks/*.py).

Each benchmark is a standalone script that compares the toolkit against a baseline measured in the
same run (this machine is shared and noisy) and prints ratios, medians and peak memory.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main(names: list[str]) -> int:
    """Run the named benchmarks (or all) one after another; return the worst exit code."""
    scripts = sorted(p for p in HERE.glob("*.py") if not p.name.startswith("_"))
    available = {p.stem: p for p in scripts}
    unknown = [n for n in names if n not in available]
    if unknown:
        print(f"unknown benchmark(s) {unknown}; available: {', '.join(available)}", file=sys.stderr)
        return 2
    worst = 0
    for name in names or list(available):
        print(f"== benchmarks/{name}.py", flush=True)
        worst = max(worst, subprocess.call([sys.executable, str(available[name])]))
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
