"""The one seam to a doccano server: every doccano-client call goes through `Session`.

The session adds what doccano-client lacks: a timeout on every request, retries with backoff
where retrying is safe (a refused connection, HTTP 5xx on reads and updates), faster polling of
import and export jobs, and errors that say what failed without ever showing a password.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests
from doccano_client import DoccanoClient
from doccano_client.exceptions import DoccanoAPIError
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .errors import (AuthenticationFailed, ConnectionFailed, DoccanoError, ImportRejected,
                     NotFound, ServerFailure)
from .settings import ConnectionSettings

RETRIES = 3
BACKOFF = 0.5
JOB_TIMEOUT = 1800.0
SEQUENCE_LABELING = "SequenceLabeling"
T = TypeVar("T")


class _TimeoutAdapter(HTTPAdapter):
    """An adapter that gives every request a timeout and retries where it is safe."""

    def __init__(self, timeout: float, retries: int) -> None:
        retry = Retry(total=retries, connect=retries, read=0, status=retries,
                      backoff_factor=BACKOFF, status_forcelist=(500, 502, 503, 504),
                      allowed_methods=frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"}),
                      raise_on_status=False)
        super().__init__(max_retries=retry)
        self.timeout = timeout

    def send(self, request: Any, **kwargs: Any) -> Any:  # noqa: D102 (requests' signature)
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)


@dataclass(frozen=True)
class ProjectInfo:
    """A doccano project as this toolkit sees it."""

    id: int
    name: str
    project_type: str
    guideline: str
    description: str
    allow_overlapping: bool
    collaborative_annotation: bool


@dataclass(frozen=True)
class LabelInfo:
    """A span label type of a project."""

    id: int
    text: str
    color: str
    prefix_key: str | None
    suffix_key: str | None


class Session:
    """A logged-in connection to one doccano server."""

    def __init__(self, settings: ConnectionSettings, retries: int = RETRIES) -> None:
        self.settings = settings
        self._client = DoccanoClient(settings.url)
        # doccano-client keeps its requests session on the base repository; this is the one
        # place that reaches inside it, to add timeouts and retries to every call.
        self._base = self._client._base_repository
        adapter = _TimeoutAdapter(settings.timeout, retries)
        self._base._session.mount("http://", adapter)
        self._base._session.mount("https://", adapter)
        if urlsplit(settings.url).hostname in ("127.0.0.1", "localhost", "::1"):
            self._base._session.trust_env = False  # a proxy from the environment cannot help

    @classmethod
    def connect(cls, settings: ConnectionSettings, retries: int = RETRIES) -> Session:
        """Log in; AuthenticationFailed or ConnectionFailed with a clear message otherwise."""
        session = cls(settings, retries)
        try:
            session._client.login(username=settings.username, password=settings.password)
        except DoccanoAPIError as exc:
            code = exc.response.status_code if exc.response is not None else None
            if code in (400, 401, 403):
                raise AuthenticationFailed(
                    f"doccano at {settings.url} refused the login of {settings.username!r}: "
                    "wrong username or password (check --username/--password, "
                    "$DOCCANO_USERNAME/$DOCCANO_PASSWORD or the config file)") from None
            raise session._translate(exc, "logging in") from None
        except requests.RequestException as exc:
            raise session._translate(exc, "logging in") from None
        return session

    def fork(self) -> Session:
        """Another connection under the same login (its cookies and CSRF token, no new login):
        one per thread, since a requests session must not be shared between threads."""
        twin = Session(self.settings)
        twin._base._session.cookies.update(self._base._session.cookies)
        token = self._base._session.headers.get("X-CSRFToken")
        if token:
            twin._base._session.headers["X-CSRFToken"] = token
        return twin

    # ------------------------------------------------------------------ error handling

    def _redact(self, text: str) -> str:
        return text.replace(self.settings.password, "***") if self.settings.password else text

    def _translate(self, exc: Exception, what: str) -> DoccanoError:
        url = self.settings.url
        if isinstance(exc, requests.Timeout):
            return ConnectionFailed(f"doccano at {url} did not answer within "
                                    f"{self.settings.timeout:g} s while {what}")
        if isinstance(exc, requests.ConnectionError):
            return ConnectionFailed(f"cannot reach doccano at {url} while {what} (tried "
                                    f"{RETRIES + 1} times): is the server running? "
                                    "(`mlt server status`, `mlt server start`)")
        if isinstance(exc, DoccanoAPIError) and exc.response is not None:
            code = exc.response.status_code
            detail = self._redact(_short(exc.response))
            if code in (401, 403):
                return AuthenticationFailed(f"doccano at {url} refused {what} for "
                                            f"{self.settings.username!r} (HTTP {code}): {detail}")
            if code == 404:
                return NotFound(f"doccano at {url} has no such resource while {what} (HTTP 404)")
            if code >= 500:
                return ServerFailure(f"doccano at {url} failed while {what}: HTTP {code} "
                                     f"(after {RETRIES} retries where safe); see the server "
                                     "log (`mlt server logs`)")
            return ServerFailure(f"doccano at {url} rejected {what} (HTTP {code}): {detail}")
        return DoccanoError(f"doccano at {url}: {what} failed: {self._redact(str(exc))}")

    def call(self, what: str, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one doccano-client call, turning its exceptions into DoccanoErrors."""
        try:
            return function(*args, **kwargs)
        except (requests.RequestException, DoccanoAPIError) as exc:
            raise self._translate(exc, what) from None
        except ValueError as exc:  # doccano-client's way of saying "already exists", "not found"
            raise DoccanoError(f"doccano at {self.settings.url}: {what} failed: "
                               f"{self._redact(str(exc))}") from None

    def get_json(self, what: str, resource: str, **params: Any) -> Any:
        """GET an API resource (under /v1/) and return its JSON."""
        return self.call(what, self._base.get, resource, params=params or None).json()

    def post_json(self, what: str, resource: str, payload: Any) -> Any:
        """POST JSON to an API resource and return the JSON answer."""
        return self.call(what, self._base.post, resource, json=payload).json()

    def delete(self, what: str, resource: str) -> None:
        """DELETE an API resource (under /v1/)."""
        self.call(what, self._base.delete, resource)

    # ------------------------------------------------------------------ projects and labels

    def find_project(self, name: str) -> ProjectInfo | None:
        """The project called `name`, or None."""
        for project in self.call("listing projects", lambda: list(self._client.list_projects())):
            if project.name == name:
                return _project(project)
        return None

    def require_project(self, name: str) -> ProjectInfo:
        """The project called `name`, or NotFound saying how to create it."""
        project = self.find_project(name)
        if project is None:
            raise NotFound(f"doccano at {self.settings.url} has no project {name!r}; create it "
                           f"with `mlt doccano setup {name}`")
        return project

    def create_project(self, name: str, description: str, guideline: str) -> ProjectInfo:
        """A new SequenceLabeling project with overlapping spans and collaboration off."""
        return _project(self.call(
            f"creating project {name!r}", self._client.create_project, name=name,
            project_type=SEQUENCE_LABELING, description=description, guideline=guideline,
            allow_overlapping=True, collaborative_annotation=False))

    def update_project(self, project: ProjectInfo, **changes: Any) -> ProjectInfo:
        """Change some settings of a project."""
        return _project(self.call(f"updating project {project.name!r}",
                                  self._client.update_project, project.id, **changes))

    def labels(self, project_id: int) -> list[LabelInfo]:
        """The span label types of a project."""
        return [_label(item) for item in self.call(
            "listing labels", self._client.list_label_types, project_id, "span")]

    def create_label(self, project_id: int, text: str, color: str, prefix_key: str | None,
                     suffix_key: str) -> LabelInfo:
        """A new span label type."""
        return _label(self.call(f"creating label {text}", self._client.create_label_type,
                                project_id, "span", text, prefix_key=prefix_key,
                                suffix_key=suffix_key, color=color))

    def update_label(self, project_id: int, label: LabelInfo, color: str,
                     prefix_key: str | None, suffix_key: str, text: str | None = None,
                     ) -> LabelInfo:
        """Give an existing label type another name, colour or shortcut."""
        return _label(self.call(f"updating label {label.text}", self._client.update_label_type,
                                project_id, label.id, "span", text=text or label.text,
                                prefix_key=prefix_key, suffix_key=suffix_key, color=color))

    # ------------------------------------------------------------------ users and members

    def find_user(self, username: str) -> int | None:
        """The id of the account called `username`, or None."""
        for user in self.call("searching users", self._client.search_users, username):
            if user.username == username:
                return int(user.id)
        return None

    def create_user(self, username: str, password: str) -> int:
        """Create an account (admin only); return its id."""
        return int(self.call(f"creating user {username!r}", self._client.create_user,
                             username, password).id)

    def members(self, project_id: int) -> dict[str, str]:
        """The project's members: username to role name."""
        return {m.username: m.rolename for m in self.call(
            "listing members", self._client.list_members, project_id)}

    def add_member(self, project_id: int, username: str, role: str) -> None:
        """Add an account to a project with a role (annotator, project_admin, ...)."""
        self.call(f"adding {username!r} to the project", self._client.add_member,
                  project_id, username, role)

    def create_span(self, project_id: int, example_id: int, start: int, end: int,
                    label_id: int) -> None:
        """One span on one example, owned by this session's user."""
        self.call("creating a span", self._client.create_span, project_id, example_id,
                  start, end, label_id)

    # ------------------------------------------------------------------ bulk import and export

    def count_examples(self, project_id: int) -> int:
        """How many examples the project holds (one request)."""
        return int(self.get_json("counting examples", f"projects/{project_id}/examples",
                                 limit=1)["count"])

    def done_counts(self, project_id: int) -> tuple[int, dict[str, int]]:
        """The project's number of examples and, per member, how many they marked done (doccano's
        member-progress metric: one request, counts only, not which examples)."""
        answer = self.get_json("reading the members' progress",
                               f"projects/{project_id}/metrics/member-progress")
        return int(answer["total"]), {str(item["user"]): int(item["done"])
                                      for item in answer.get("progress", [])}

    def upload_jsonl(self, project_id: int, path: str, name: str = "upload.jsonl") -> None:
        """Import one JSONL file through doccano's file import; ImportRejected if it fails."""
        with open(path, "rb") as handle:
            upload_id = self.call(
                "uploading the file", self._base.post, "fp/process/",
                files={"filepond": (name, handle, "application/octet-stream")},
                headers={"Content-Type": None, "Accept": "*/*"}).content.decode()
        task = self.post_json("starting the import", f"projects/{project_id}/upload", {
            "uploadIds": [upload_id], "task": SEQUENCE_LABELING, "format": "JSONL",
            "column_data": "text", "column_label": "label"})["task_id"]
        status = self.wait_for_job(task, "importing")
        problems = _job_problems(status)
        if problems:
            raise ImportRejected("doccano rejected the import:\n" + "\n".join(problems))

    def export_zip(self, project_id: int, confirmed_only: bool = False) -> bytes:
        """The project's JSONL export (a zip, one USERNAME.jsonl per member) as bytes; with
        `confirmed_only`, each member's file holds only the examples they marked done."""
        return self.export_zips(project_id, (confirmed_only,))[0]

    def export_zips(self, project_id: int, variants: tuple[bool, ...]) -> list[bytes]:
        """Several exports (each `confirmed_only` or not), their jobs all started before the
        first is waited for, so that doccano's task worker can run them side by side."""
        tasks = [self.start_export(project_id, confirmed) for confirmed in variants]
        return [self.finish_export(project_id, task) for task in tasks]

    def start_export(self, project_id: int, confirmed_only: bool = False) -> str:
        """Start an export job (see `export_zip`); its task id, for `finish_export`."""
        return self.post_json("starting the export", f"projects/{project_id}/download",
                              {"format": "JSONL", "exportApproved": confirmed_only})["task_id"]

    def finish_export(self, project_id: int, task: str) -> bytes:
        """Wait for an export job `start_export` started; the zip as bytes."""
        status = self.wait_for_job(task, "exporting")
        problems = _job_problems(status)
        if problems:
            raise ImportRejected("doccano could not export the project:\n" + "\n".join(problems))
        return self.call("downloading the export", self._base.get,
                         f"projects/{project_id}/download", params={"taskId": task}).content

    def wait_for_job(self, task_id: str, what: str, timeout: float = JOB_TIMEOUT) -> dict:
        """Poll a celery job until it is ready: every 0.1 s for the first 10 s (most jobs take
        1-5 s; doccano-client's once a second adds up to a second to each), then every second."""
        started = time.monotonic()
        while True:
            status = self.get_json(f"{what} (job status)", f"tasks/status/{task_id}")
            if status.get("ready"):
                return status
            elapsed = time.monotonic() - started
            if elapsed > timeout:
                raise ConnectionFailed(f"doccano did not finish {what} within {timeout:.0f} s; "
                                       "is its celery worker running? (`mlt server logs`)")
            time.sleep(0.1 if elapsed < 10 else 1.0)


def _short(response: requests.Response) -> str:
    try:
        text = str(response.json())
    except ValueError:
        text = response.text
    return text if len(text) <= 300 else text[:300] + "..."


def _job_problems(status: dict) -> list[str]:
    """Readable problems of a finished job (its `error`, and `result["error"]`)."""
    problems = []
    if status.get("error"):
        problems.append(_describe(status["error"]))
    result = status.get("result")
    if isinstance(result, dict):
        problems.extend(_describe(item) for item in result.get("error") or [])
    return problems


def _describe(item: Any) -> str:
    if isinstance(item, dict):
        line = item.get("line") or item.get("line_num")
        message = item.get("message") or item.get("text") or item.get("exc_message") or item
        where = f"line {line}: " if line else ""
        return f"{where}{message}"
    return str(item)


def _project(project: Any) -> ProjectInfo:
    return ProjectInfo(int(project.id), project.name, str(getattr(project.project_type, "value",
                       project.project_type)), project.guideline or "", project.description or "",
                       bool(project.allow_overlapping), bool(project.collaborative_annotation))


def _label(label: Any) -> LabelInfo:
    return LabelInfo(int(label.id), label.text, label.background_color, label.prefix_key,
                     label.suffix_key)

