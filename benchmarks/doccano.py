"""doccano benchmarks, each against a baseline measured in the same run.

Documents (the default): push and pull 1,000 and 10,000 generated documents through a real
doccano, against the raw doccano-client calls (`upload()` of a ready file, `download()` of the
export). Target: the toolkit within 1.3x of the raw calls. The toolkit's push also validates
the file, exports the project once to skip documents it already holds, and converts offsets;
its pull parses the zip, converts offsets and writes one file per annotator atomically.

    python benchmarks/doccano.py            # uses $MLT_DOCCANO_VENV or ~/.cache/mlt/doccano-1.8.4-venv

A class (`--class`): for each database (SQLite; PostgreSQL with a Redis broker, both started
here from Debian's packages as the test suite does) and each class size, a project of real
Chinese articles (zh-dev) is pushed, suggestions are delivered to every student one request at
a time (`--concurrency 1`, the sequential path) and, in a twin project, with the bounded pool,
and the class's work is pulled, against one raw export of the same project. Targets: suggestions
at least 5x faster than sequential for 300 students; pull at most 1.3x the raw export.

    python benchmarks/doccano.py --class [--students 30,300] [--articles 5] [--suggestions 6]
                                         [--concurrency 8] [--workers 4]
                                         [--engines sqlite,sqlite-rollback,postgresql]
                                         [--task-concurrency 1]
"""

from __future__ import annotations

import argparse
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


def venv_path() -> Path:
    return Path(os.environ.get("MLT_DOCCANO_VENV") or str(
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mlt"
        / f"doccano-{DOCCANO_VERSION}-venv"))


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


# ---------------------------------------------------------------------------- a class

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "zh-dev" / "dev.jsonl"
#: SQLite engines: the default (WAL, as `mlt server start` sets it) and SQLite's rollback
#: journal (what doccano makes by itself), to measure what WAL gives in the same run.
JOURNALS = {"sqlite": "wal", "sqlite-rollback": "delete"}
DEVICES = ["ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION", "RHETORICAL_QUESTION", "SLOGAN",
           "UNVERIFIED_HEADLINE"]


TICK = os.sysconf("SC_CLK_TCK")


def _cpu_of(pid: int) -> tuple[int, int]:
    """(process group, CPU ticks of the process and of its reaped children) of one process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return -1, 0
    return int(fields[2]), sum(int(value) for value in fields[11:15])


def server_cpu(data: Path, postgres: Path | None = None) -> float:
    """CPU seconds used so far by the server: gunicorn and celery with their workers (by process
    group), and PostgreSQL's postmaster with its backends when `postgres` is its data folder."""
    groups = set(json.loads((data / "server.json").read_text())["pids"].values())
    parents = set()
    if postgres is not None:
        parents.add(int((postgres / "postmaster.pid").read_text().split()[0]))
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        pid = int(stat.parent.name)
        group, used = _cpu_of(pid)
        if group in groups or pid in parents:
            ticks += used
        elif parents:
            try:
                ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid in parents:
                ticks += used
    return ticks / TICK


class DelayingProxy:
    """A TCP relay on loopback that holds every chunk of data `delay` seconds in each direction:
    a network between the toolkit and the server (each request and each answer arrive `delay`
    late), as seen through a reverse proxy that keeps the client's connection open (the
    connection itself is set up at once). Used because this machine's kernel has no netem."""

    def __init__(self, upstream_port: int, delay: float) -> None:
        import threading

        self.delay, self.upstream = delay, ("127.0.0.1", upstream_port)
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(128)
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import threading

        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server_side = socket.create_connection(self.upstream)
            for source, target in ((client, server_side), (server_side, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        import queue
        import threading

        due: queue.Queue = queue.Queue()

        def send() -> None:
            while True:
                at, chunk = due.get()
                pause = at - time.monotonic()
                if pause > 0:
                    time.sleep(pause)
                try:
                    if not chunk:
                        target.shutdown(socket.SHUT_WR)
                        return
                    target.sendall(chunk)
                except OSError:
                    return

        threading.Thread(target=send, daemon=True).start()
        while True:
            try:
                chunk = source.recv(65536)
            except OSError:
                chunk = b""
            due.put((time.monotonic() + self.delay, chunk))
            if not chunk:
                return

    def close(self) -> None:
        self._listener.close()


def class_articles(count: int, per_article: int) -> tuple[list[Document], list[Document]]:
    """`count` real articles (zh-dev) and, for each, `per_article` suggestions: its expert
    spans first, then made-up ones spread over the text when it has fewer."""
    from toolkit.corpus import read_jsonl

    labelled = [d for d in read_jsonl(DEV) if d.spans][:count]
    articles, suggested = [], []
    for document in labelled:
        spans = list(document.spans)[:per_article]
        step = max(1, (len(document.text) - 10) // max(1, per_article))
        index = 0
        while len(spans) < per_article:
            start = (index * step) % (len(document.text) - 10)
            span = Span(start, start + 6, DEVICES[index % len(DEVICES)])
            if span not in spans:
                spans.append(span)
            index += 1
        articles.append(Document.create(document.text, (), doc_id=document.doc_id))
        suggested.append(Document.create(document.text, spans, doc_id=document.doc_id))
    return articles, suggested


def class_run(folder: Path, settings: ConnectionSettings, engine: str, sizes: list[int],
              articles: int, per_article: int, concurrency: int, cpu=lambda: 0.0,
              part_way: int = 10) -> list[dict]:
    """Per class size: push, suggestions sequential and concurrent (with the CPU the server
    and this process used), pull and a raw export: first with nobody done, then with every
    `part_way`-th student done with the first article (pull's second export)."""
    from toolkit.doccano.members import add_members, read_passwords
    from toolkit.doccano.suggestions import Audience

    catalogue = load_catalogue()
    session = Session.connect(settings)
    raw = DoccanoClient(settings.url)
    raw.login(username=settings.username, password=settings.password)
    docs, suggested = class_articles(articles, per_article)
    rows = []
    for size in sizes:
        work = folder / f"{engine}-{size}"
        work.mkdir()
        roster = work / "roster.csv"
        roster.write_text("username\n" + "".join(f"st{size}_{i:03d}\n" for i in range(size)),
                          encoding="utf-8")
        row: dict = {"engine": engine, "students": size, "articles": articles,
                     "suggestions": per_article, "concurrency": concurrency}
        projects = {}
        for mode in ("sequential", "concurrent"):
            name = f"class-{engine}-{size}-{mode}"
            setup_project(session, name, catalogue, language="zh")
            seconds = time.perf_counter()
            add_members(session, name, roster, work / "roster.passwords.csv")
            print(f"  {engine} {size} students: members of {name} in "
                  f"{time.perf_counter() - seconds:.1f} s", flush=True)
            collection = work / mode
            collection.mkdir()
            write_jsonl(collection / "articles.jsonl", docs)
            write_jsonl(collection / "suggestions.jsonl", suggested)
            row[f"push_{mode}"], _ = timed(push, session, name, collection / "articles.jsonl",
                                           catalogue)
            projects[mode] = (name, collection)
        passwords = read_passwords(work / "roster.passwords.csv")
        order = ["sequential", "concurrent"] if size % 2 == 0 else ["concurrent", "sequential"]
        for mode in (order if per_article else []):  # --suggestions 0: push and pull only
            name, collection = projects[mode]
            # the push again, now with suggestions: its documents are there, so this times the
            # check of what the project holds, one export, and the deliveries
            server_before, client_before = cpu(), time.process_time()
            seconds, peak = timed(push, session, name, collection / "articles.jsonl", catalogue,
                                  collection / "suggestions.jsonl", passwords,
                                  audience=Audience.STUDENTS,
                                  concurrency=1 if mode == "sequential" else concurrency)
            row[f"suggest_{mode}"], row[f"suggest_{mode}_peak_mb"] = seconds, peak
            row[f"suggest_{mode}_server_cpu"] = cpu() - server_before
            row[f"suggest_{mode}_client_cpu"] = time.process_time() - client_before
            busy = (row[f"suggest_{mode}_server_cpu"] + row[f"suggest_{mode}_client_cpu"]) / seconds
            print(f"  {engine} {size} students: suggestions {mode} {seconds:.1f} s "
                  f"({size * articles * per_article} spans; CPU: server "
                  f"{row[f'suggest_{mode}_server_cpu']:.1f} s, client "
                  f"{row[f'suggest_{mode}_client_cpu']:.1f} s, {busy:.2f} cores busy on "
                  "average)", flush=True)
        name, collection = projects["concurrent"]
        project_id = session.require_project(name).id
        record = collection / ".mlt-suggestions.json"
        for case in ("", "_part_way"):
            if case:  # every part_way-th student marks the first article done
                examples = session.get_json("examples", f"projects/{project_id}/examples",
                                            limit=1)["results"]
                for index in range(0, size, part_way):
                    student = f"st{size}_{index:03d}"
                    person = Session.connect(settings.as_user(student, passwords[student]))
                    person.post_json("marking done", f"projects/{project_id}/examples/"
                                     f"{examples[0]['id']}/states", {})
            pulls, exports, stages = [], [], []

            def staged(stage: str, done: int = 0, total: int = 0) -> None:
                stages[-1].setdefault(stage.split()[0], time.perf_counter())

            def one_pull() -> None:
                out = work / f"pulled{case}-{len(stages)}"  # a fresh folder: every file written
                out.mkdir()
                if record.exists():
                    (out / record.name).write_bytes(record.read_bytes())
                stages.append({"start": time.perf_counter()})
                pull(session, name, out, catalogue, progress=staged)
                stages[-1]["end"] = time.perf_counter()

            jobs: list[tuple[float, float]] = []
            for repeat in range(3):
                # the raw call (doccano-client polls its job once a second), and the bare
                # export job as the toolkit's session follows it (every 0.1 s), unparsed
                steps = [("pull", one_pull),
                         ("export", lambda: raw.download(project_id, "JSONL",
                                                         dir_name=str(work))),
                         ("job", lambda: session.export_zip(project_id))]
                for key, step in (steps if repeat % 2 == 0 else steps[::-1]):
                    seconds, peak = timed(step)
                    {"pull": pulls, "export": exports, "job": jobs}[key].append((seconds, peak))
            row[f"pull{case}"] = statistics.median(s for s, _ in pulls)
            row[f"export{case}"] = statistics.median(s for s, _ in exports)
            row[f"job{case}"] = statistics.median(s for s, _ in jobs)
            # where a pull's time goes: the exports and parsing, then writing the files
            row[f"pull{case}_exporting"] = statistics.median(
                st.get("writing", st["end"]) - st["start"] for st in stages)
            row[f"pull{case}_writing"] = statistics.median(
                st["end"] - st.get("writing", st["end"]) for st in stages)
            row[f"pull{case}_peak_mb"] = max(p for _, p in pulls)
            row[f"export{case}_peak_mb"] = max(p for _, p in exports)
            what = (f"every {part_way}th student done with one article" if case
                    else "nobody done")
            print(f"  {engine} {size} students, {what}: pull {row[f'pull{case}']:.2f} s "
                  f"(exports and parsing {row[f'pull{case}_exporting']:.2f} s, writing "
                  f"{size + 1} files {row[f'pull{case}_writing']:.2f} s), raw export "
                  f"{row[f'export{case}']:.2f} s, export job polled every 0.1 s "
                  f"{row[f'job{case}']:.2f} s (medians of 3)", flush=True)
        rows.append(row)
    return rows


def class_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/doccano.py --class")
    parser.add_argument("--class", dest="klass", action="store_true")
    parser.add_argument("--students", default="30,300")
    parser.add_argument("--articles", type=int, default=5)
    parser.add_argument("--suggestions", type=int, default=6, help="per article")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--delay-ms", type=float, default=0.0,
                        help="network delay each way between the toolkit and the server")
    parser.add_argument("--task-concurrency", type=int, default=server.TASK_CONCURRENCY,
                        help="celery's processes for imports and exports")
    args = parser.parse_args(argv)
    server.TASK_CONCURRENCY = args.task_concurrency
    sizes = [int(n) for n in args.students.split(",")]
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "doccano"))
    import localservices

    venv = venv_path()
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="mlt-bench-class-") as tmp:
        folder = Path(tmp)
        for engine in args.engines.split(","):
            services: list = []
            options: dict = {}
            if engine == "postgresql":
                reason = localservices.unavailable()
                if reason:
                    print(f"postgresql: not measured ({reason}; sh scripts/test-deps.sh "
                          "installs it)")
                    continue
                services = [localservices.Postgres.start(), localservices.Redis.start()]
                options = dict(database_url=services[0].url(), broker_url=services[1].url())
            elif engine in JOURNALS:  # the laptop's SQLite file, in one journal mode or another
                server.SQLITE_JOURNAL_MODE = JOURNALS[engine]
            else:
                print(f"{engine}: not an engine (allowed: {', '.join([*JOURNALS, 'postgresql'])})")
                return 2
            data = folder / f"server-{engine}"
            print(f"starting doccano on {engine} ({args.workers} workers, task worker "
                  f"concurrency {args.task_concurrency})", flush=True)
            try:
                state = server.start(data, free_port(), venv_dir=venv, workers=args.workers,
                                     config_path=folder / "config.json", **options)
                secrets = Secrets.load(data / "credentials.json")
                cluster = services[0].folder / "data" if services else None
                url = state.url
                if args.delay_ms:
                    relay = DelayingProxy(int(url.rsplit(":", 1)[1]), args.delay_ms / 1000)
                    url = f"http://127.0.0.1:{relay.port}"
                    print(f"  through a relay adding {args.delay_ms:g} ms each way", flush=True)
                rows += class_run(folder, ConnectionSettings(url, secrets.username,
                                                             secrets.password, timeout=120),
                                  engine, sizes, args.articles, args.suggestions,
                                  args.concurrency, lambda: server_cpu(data, cluster))
            finally:
                server.stop(data, venv)
                for service in services:
                    service.stop()
    for row in rows:
        row["delay_ms"] = args.delay_ms
    print()
    print(f"{'engine':<15} {'students':>8} {'spans':>6}  {'push':>6}  {'sequential':>10}  "
          f"{'concurrent':>10}  {'speed-up':>8}  {'pull':>6}  {'export':>6}  {'ratio':>5}  "
          f"{'ratio part-way':>14}  {'vs job':>6}  {'part-way vs job':>15}  "
          "peak MB (pull / export)")
    for row in rows:
        spans = row["students"] * row["articles"] * row["suggestions"]
        if not spans:
            row.update(suggest_sequential=0.0, suggest_concurrent=0.0, speedup=0.0)
        else:
            row["speedup"] = row["suggest_sequential"] / row["suggest_concurrent"]
        row["pull_ratio"] = row["pull"] / row["export"]
        row["pull_part_way_ratio"] = row["pull_part_way"] / row["export_part_way"]
        row["pull_job_ratio"] = row["pull"] / row["job"]
        row["pull_part_way_job_ratio"] = row["pull_part_way"] / row["job_part_way"]
        print(f"{row['engine']:<15} {row['students']:>8} {spans:>6}  "
              f"{row['push_concurrent']:>5.2f}s "
              f"{row['suggest_sequential']:>10.1f}s {row['suggest_concurrent']:>10.1f}s "
              f"{row['speedup']:>8.2f}x {row['pull']:>5.2f}s {row['export']:>6.2f}s "
              f"{row['pull_ratio']:>5.2f}  {row['pull_part_way_ratio']:>14.2f}  "
              f"{row['pull_job_ratio']:>6.2f}  {row['pull_part_way_job_ratio']:>15.2f}  "
              f"{row['pull_peak_mb']:.1f} / {row['export_peak_mb']:.1f}")
    print(json.dumps({"rows": [{k: (round(v, 3) if isinstance(v, float) else v)
                                for k, v in row.items()} for row in rows],
                      "targets": {"speedup_300": 5.0, "pull_ratio": 1.3}}))
    big = [row for row in rows if row["students"] >= 300 and row["suggestions"]]
    ok = all(row["speedup"] >= 5 for row in big) and all(
        max(row["pull_ratio"], row["pull_part_way_ratio"]) <= 1.3 for row in rows)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(class_main(sys.argv[1:]) if "--class" in sys.argv else main())
