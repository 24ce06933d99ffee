"""Suggested spans, placed in the accounts of the people who should see them.

With collaborative annotation off (it must be off: it is what gives one file per annotator),
doccano shows every annotator only their own spans. So a suggestion becomes a span of that
person, created through the API while logged in as them: keeping it accepts it, deleting it
rejects it. Who gets them is a choice (`Audience`): by default the teacher only (a faster key),
since finding the devices is often the exercise; students only when asked.

A person gets a document's suggestions once: never when the delivery record already lists them
for that text, nor on a document where they have spans already (they started work there).
Every delivery is recorded (`delivered.py`) so that pull can tell kept suggestions from a
person's own spans.

doccano 1.8.4 has no bulk way to create spans in an existing example for another account (its
file import always makes new examples; its span endpoint takes one span, owned by whoever is
logged in), so delivery is one request per span, made by that person's own login. The requests
go out from a pool of threads, a bounded number in flight (`concurrency`); every person logs in
once and each thread works through its own copy of that login (`Session.fork`). All the
deliveries of a push are recorded as pending in one write before the first span is sent; the
record is saved again as they complete (at most every `SAVE_EVERY` seconds, and at the end), and
a rerun after an interruption finishes the pending ones without sending any span twice.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ..corpus import Document
from ..spans import OffsetMap, Span
from ..progress import Progress, silent
from .delivered import DeliveryRecord, load_record, save_record
from .errors import AuthenticationFailed, DoccanoError
from .exchange import ExportData
from .labels import LabelMap
from .session import ProjectInfo, Session

ANNOTATOR = "annotator"
TEACHER_ROLES = ("project_admin", "annotation_approver")
#: Requests in flight at once by default. doccano's web server takes one request per gunicorn
#: worker at a time; a few more in flight than workers keeps them all busy.
DEFAULT_CONCURRENCY = 8
MAX_CONCURRENCY = 64
#: Seconds between saves of the delivery record while deliveries complete.
SAVE_EVERY = 2.0


class Audience(str, Enum):
    """Who receives suggestions."""

    TEACHER = "teacher"
    STUDENTS = "students"
    ALL = "all"

    def includes(self, doccano_role: str) -> bool:
        """Does this audience take a member with this doccano role?"""
        if doccano_role in TEACHER_ROLES:
            return self is not Audience.STUDENTS
        return doccano_role == ANNOTATOR and self is not Audience.TEACHER


@dataclass(frozen=True)
class SuggestionReport:
    """Who received how many suggested spans, and who could not receive any."""

    delivered: dict[str, int]
    documents_skipped: dict[str, int]
    without_password: tuple[str, ...]
    audience: Audience = Audience.TEACHER
    #: Documents of an interrupted push whose delivery this push finished, per person.
    resumed: dict[str, int] = field(default_factory=dict)


def recipients(session: Session, project: ProjectInfo, audience: Audience) -> list[str]:
    """The members of the project the audience takes, sorted."""
    return sorted(name for name, role in session.members(project.id).items()
                  if audience.includes(role))


def check_concurrency(concurrency: int) -> None:
    """Requests in flight at once: 1 (one after another) to MAX_CONCURRENCY."""
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        raise DoccanoError(f"--concurrency {concurrency} is not a number of requests in flight "
                           f"(allowed: 1-{MAX_CONCURRENCY}; 1 sends one request at a time)")


@dataclass(frozen=True)
class _Delivery:
    """The spans one person still needs on one document."""

    name: str
    document: Document
    example_id: int
    spans: tuple[Span, ...]
    new: bool  # recorded by this push (False: finishing an interrupted one)


def _plan(names: Sequence[str], suggested: Sequence[Document], export: ExportData,
          record: DeliveryRecord) -> tuple[list[_Delivery], dict[str, int]]:
    """What to send to whom, and per person how many documents need nothing. A pending entry
    of an interrupted push gets the recorded spans the person does not have yet."""
    by_doc = {item.document.doc_id: item for item in export.examples()}
    plan, skipped = [], {}
    for name in names:
        own = {item.example_id: item.document.spans for item in export.users.get(name, [])}
        skipped[name] = 0
        for document in suggested:
            example = by_doc[document.doc_id]
            recorded = record.spans_for(name, document.doc_id, document.fingerprint)
            have = own.get(example.example_id) or frozenset()
            if recorded is not None and record.is_pending(name, document.doc_id):
                missing = tuple(sorted(recorded - set(have)))
                plan.append(_Delivery(name, document, example.example_id, missing, False))
            elif recorded is not None or have:
                skipped[name] += 1
            else:
                plan.append(_Delivery(name, document, example.example_id,
                                      tuple(sorted(document.spans)), True))
    return plan, skipped


class _Logins:
    """One login per person, shared by the threads (each uses its own fork of it)."""

    def __init__(self, session: Session, passwords: dict[str, str]) -> None:
        self._session, self._passwords = session, passwords
        self._logins: dict[str, Session] = {session.settings.username: session}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self._local = threading.local()

    def _login(self, name: str) -> Session:
        with self._guard:
            lock = self._locks.setdefault(name, threading.Lock())
        with lock:
            if name not in self._logins:
                try:
                    self._logins[name] = Session.connect(
                        self._session.settings.as_user(name, self._passwords[name]))
                except AuthenticationFailed as refused:
                    raise _LoginRefused(str(refused)) from None
            return self._logins[name]

    def for_thread(self, name: str) -> Session:
        """This thread's connection as `name` (it logs in on first use)."""
        current = getattr(self._local, "current", None)
        if current is None or current[0] != name:
            current = (name, self._login(name).fork())
            self._local.current = current
        return current[1]


def deliver_suggestions(session: Session, project: ProjectInfo, export: ExportData,
                        suggested: Sequence[Document], passwords: dict[str, str],
                        labels: LabelMap, folder: Path, audience: Audience = Audience.TEACHER,
                        progress: Progress = silent, concurrency: int = DEFAULT_CONCURRENCY,
                        ) -> SuggestionReport:
    """Create the suggested spans for every member of the audience who can be reached (the
    connected account itself, or one whose password is known), `concurrency` requests in
    flight; record every delivery in `folder` (pending before its first span is sent, complete
    once its last one exists). A person whose login fails gets nothing and is not recorded;
    any other failure stops the push after the requests in flight, leaves the unfinished
    deliveries pending for the next push to complete, and raises."""
    check_concurrency(concurrency)
    people = recipients(session, project, audience)
    me = session.settings.username
    reachable = [name for name in people if name == me or name in passwords]
    record = load_record(folder)
    record.project = record.project or project.name
    plan, skipped = _plan(reachable, suggested, export, record)
    for item in plan:
        if item.new:
            record.add(item.name, item.document.doc_id, item.document.fingerprint,
                       frozenset(item.document.spans), pending=True)
    if any(item.new for item in plan):
        save_record(folder, record)  # before the first span exists: see delivered.py
    delivered = {name: 0 for name in reachable}
    resumed: dict[str, int] = {}
    total = sum(len(item.spans) for item in plan)
    progress("suggestions", 0, total)
    logins = _Logins(session, passwords)
    stop = threading.Event()

    def send(item: _Delivery) -> int:
        account = logins.for_thread(item.name)
        offsets = OffsetMap(item.document.text)
        sent = 0
        for span in item.spans:
            if stop.is_set():
                raise _Stopped()
            start, end = offsets.span_to_utf16(span)
            account.create_span(project.id, item.example_id, start, end,
                                labels.to_label[span.label].id)
            sent += 1
        return sent

    done, saved_at = 0, time.monotonic()
    failures: list[_Delivery] = []
    refused: dict[str, str] = {}
    error: BaseException | None = None
    queue = iter(plan)
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="mlt-suggest") as pool:
        running: dict[Future, _Delivery] = {}
        try:
            while True:
                while error is None and len(running) < concurrency:
                    item = next(queue, None)
                    if item is None:
                        break
                    if item.name in refused:
                        failures.append(item)
                        continue
                    running[pool.submit(send, item)] = item
                if not running:
                    break
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    item = running.pop(future)
                    problem = future.exception()
                    if problem is None:
                        record.complete(item.name, item.document.doc_id)
                        delivered[item.name] += len(item.spans)
                        if not item.new:
                            resumed[item.name] = resumed.get(item.name, 0) + 1
                        done += len(item.spans)
                        progress("suggestions", done, total)
                    elif isinstance(problem, _LoginRefused):
                        refused[item.name] = str(problem)  # nothing was sent as them
                        failures.append(item)
                    elif not isinstance(problem, _Stopped) and error is None:
                        error = problem
                        stop.set()
                if time.monotonic() - saved_at >= SAVE_EVERY:
                    save_record(folder, record)
                    saved_at = time.monotonic()
        except BaseException:  # Ctrl-C: finish what is in flight, keep the record right
            stop.set()
            pool.shutdown(wait=True, cancel_futures=True)
            for future, item in running.items():
                if future.done() and future.exception() is None:
                    record.complete(item.name, item.document.doc_id)
            save_record(folder, record)
            raise
    for item in failures:
        if item.new:
            record.remove(item.name, item.document.doc_id)
    save_record(folder, record)
    if error is not None:
        pending = len(record.pending)
        raise DoccanoError(f"{error}\n{pending} delivery(ies) of suggestions are recorded as "
                           f"pending in {folder / '.mlt-suggestions.json'}; once the problem "
                           "is fixed, run the same push again to complete them (nothing is "
                           "sent twice)") from None
    unreachable = sorted(refused)
    if unreachable:
        raise DoccanoError(f"suggestions were delivered, except to {len(unreachable)} "
                           f"person(s) whose login failed: {', '.join(unreachable)} ("
                           f"{refused[unreachable[0]]}); fix their passwords in the passwords "
                           "file and push again to give them theirs")
    return SuggestionReport(delivered, skipped,
                            tuple(n for n in people if n not in reachable), audience, resumed)


class _Stopped(Exception):
    """A delivery given up because another one failed."""


class _LoginRefused(Exception):
    """A person's login was refused: nothing was sent in their name."""
