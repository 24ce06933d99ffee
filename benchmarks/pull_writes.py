"""Writing a class's pulled files: one at a time against several at once (pull.WRITERS).

Each file is written atomically (a temporary file, fsync, rename), so each write waits for the
disk; with several in flight the waits overlap. 300 files of about 15 kB (5 articles), medians
of 5, in a temporary folder on the disk of /tmp.

    python benchmarks/pull_writes.py [--files 300] [--threads 1,4,8]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from toolkit.atomic import atomic_write_bytes  # noqa: E402


def one_run(files: int, threads: int, data: bytes) -> float:
    with tempfile.TemporaryDirectory(prefix="mlt-bench-writes-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(lambda i: atomic_write_bytes(folder / f"st_{i:03d}.jsonl", data),
                          range(files)))
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--threads", default="1,4,8")
    args = parser.parse_args()
    data = ("一" * 1000 + "\n").encode("utf-8") * 5
    counts = [int(n) for n in args.threads.split(",")]
    times: dict[int, list[float]] = {n: [] for n in counts}
    for _ in range(5):
        for n in counts:  # interleaved, so that a change of the machine's load hits all alike
            times[n].append(one_run(args.files, n, data))
    base = statistics.median(times[counts[0]])
    for n in counts:
        median = statistics.median(times[n])
        print(f"{n} at once: {median:.3f} s for {args.files} files (median of 5; "
              f"{base / median:.1f}x against {counts[0]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
