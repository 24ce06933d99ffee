"""Commands for `mlt server` (a local doccano) and `mlt doccano ...` (set-up, members, push, pull)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from .common import (EXIT_FAILED, EXIT_NOT_RUNNING, Choice, Seconds, check_output_folder,
                     device_ids, devices_option, echo, format_option, language, printable,
                     progress_bar, reports_errors, say as _say)

DATA_DIR = typer.Option(None, "--data-dir", metavar="DIR",
                        help="Server folder (default: $MLT_DOCCANO_HOME or "
                             "~/.local/share/mlt/doccano).")


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`: `mlt server ...` and `mlt doccano ...`."""
    server_app = typer.Typer(help="Run a local doccano server (installed on first start).",
                             no_args_is_help=True)
    for name, command in (("start", start), ("status", server_status), ("stop", stop),
                          ("logs", logs)):
        server_app.command(name)(command)
    doccano_app = typer.Typer(help="Set up doccano projects, add students, push and pull "
                              "annotations. Connection: --url/--username/--password, "
                              "$DOCCANO_URL, $DOCCANO_USERNAME, $DOCCANO_PASSWORD, or the config "
                              "file `mlt server start` writes.", no_args_is_help=True)
    doccano_app.callback()(connection)
    members_app = typer.Typer(help="Manage the students of a project.", no_args_is_help=True)
    members_app.command("add")(members_add)
    doccano_app.add_typer(members_app, name="members")
    for command in (setup, push, pull):
        doccano_app.command(command.__name__)(command)
    doccano_app.command("status")(project_status)
    app.add_typer(server_app, name="server")
    app.add_typer(doccano_app, name="doccano")


# --- mlt server ------------------------------------------------------------------------------


@reports_errors
def start(port: int = typer.Option(8000, "--port", min=1, max=65535,
                                 help="Port to listen on (1-65535)."),
          data_dir: Optional[Path] = DATA_DIR,
          database_url: Optional[str] = typer.Option(
              None, "--database-url", metavar="URL",
              help="A PostgreSQL URL for a class that outgrows SQLite."),
          broker_url: Optional[str] = typer.Option(
              None, "--broker-url", metavar="URL",
              help="A Celery broker for import and export jobs: redis://... or amqp://... "
                   "(default: the database doubles as the broker)."),
          workers: int = typer.Option(2, "--workers", min=1, max=64,
                                      help="Web server (gunicorn) worker processes, about "
                                           "180 MB each (1-64)."),
          public: bool = typer.Option(
              False, "--public", help="Listen on ALL network interfaces (default: only "
                                      "this computer, 127.0.0.1)."),
          venv: Optional[Path] = typer.Option(
              None, "--venv", metavar="DIR", help="Use or create doccano's virtual "
                                                  "environment here (default: DIR/venv)."),
          ) -> None:
    """Start doccano: install it on first use, create the admin, wait until it is healthy."""
    from ..doccano import server

    state = server.start(data_dir, port, public=public, database_url=database_url,
                         broker_url=broker_url, workers=workers, venv_dir=venv, notify=_say)
    if state.already_running:
        echo(f"doccano is already running at {state.url} "
             f"(pids {', '.join(map(str, state.pids.values()))})")
        return
    echo(f"doccano is running at {state.url}")
    echo(f"admin username and password: {state.credentials} (readable only by you)")
    if public:
        echo("warning: listening on all interfaces; anyone on the network can reach it")


@reports_errors
def server_status(data_dir: Optional[Path] = DATA_DIR) -> None:
    """Say whether the server runs, where, and whether it is healthy (exit 0); exit 1 when
    it is unhealthy or one of its processes is down, 3 when it is not running."""
    from ..doccano import server

    state = server.status(data_dir)
    if not state.running:
        echo(f"doccano is not running (data folder {state.layout.data_dir})")
        raise typer.Exit(EXIT_NOT_RUNNING)
    if state.half_dead:
        echo(f"doccano is half running at {state.url}: {server.describe_down(state)}; "
             "`mlt server start` restarts it (see `mlt server logs`)")
        raise typer.Exit(EXIT_FAILED)
    health = "healthy" if state.healthy else "NOT healthy (see `mlt server logs`)"
    pids = ", ".join(f"{name} {pid}" for name, pid in state.pids.items())
    echo(f"doccano is running at {state.url}: {health}; pids: {pids}")
    if not state.healthy:
        raise typer.Exit(EXIT_FAILED)


@reports_errors
def stop(data_dir: Optional[Path] = DATA_DIR) -> None:
    """Stop the server's processes (the ones `start` recorded), gracefully."""
    from ..doccano import server

    stopped = server.stop(data_dir, notify=_say)
    echo("doccano stopped" if stopped else "doccano was not running")


@reports_errors
def logs(data_dir: Optional[Path] = DATA_DIR,
         lines: int = typer.Option(50, "--lines", "-n", min=1, help="Lines per log.")
         ) -> None:
    """Show the end of the web server and task worker logs."""
    from ..doccano import server

    echo(server.logs(data_dir, lines))


# --- mlt doccano -----------------------------------------------------------------------------

def connection(ctx: typer.Context,
               url: Optional[str] = typer.Option(None, "--url", help="doccano's address."),
               username: Optional[str] = typer.Option(None, "--username"),
               password: Optional[str] = typer.Option(
                   None, "--password", help="Prefer $DOCCANO_PASSWORD: a command line is "
                                            "visible to other users of the computer."),
               config: Optional[Path] = typer.Option(None, "--config", metavar="FILE",
                                                     help="Connection config file."),
               timeout: float = typer.Option(30.0, "--timeout", click_type=Seconds(),
                                             help="Seconds per request."),
               ) -> None:
    """Connection options shared by the doccano commands."""
    ctx.meta["doccano"] = dict(url=url, username=username, password=password,
                               config_path=config, timeout=timeout)


class _Connection:
    """The doccano session of a command, logged in on first use: the library reads and checks
    the command's local files first, so a bad file is reported as such (and nothing is sent),
    even when the server is down. doccano's modules are imported only then (`mlt --help` stays
    fast)."""

    def __init__(self, options: dict[str, Any]) -> None:
        self._options = options
        self._session: Any = None

    def __getattr__(self, name: str) -> Any:
        if self._session is None:
            from ..doccano.session import Session
            from ..doccano.settings import resolve_connection

            self._session = Session.connect(resolve_connection(**self._options))
        return getattr(self._session, name)


def session(ctx: typer.Context) -> Any:  # a Session, logged in when first used
    return _Connection(ctx.meta["doccano"])


@reports_errors
def setup(ctx: typer.Context, name: str = typer.Argument(..., help="Project name."),
          devices: Optional[str] = devices_option(),
          lang: str = typer.Option("zh", "--lang", "--language", metavar="LANG",
                                   help="Language of the guideline and label names: one the "
                                        "catalogue declares (zh, en)."),
          ) -> None:
    """Create or update a project: one label per device, guideline from the catalogue."""
    from ..doccano.project import setup_project

    catalogue = ctx.obj.catalogue
    language(catalogue, lang)
    ids = device_ids(catalogue, devices)
    report = setup_project(session(ctx), name, catalogue, ids, lang)
    project = report.project
    if report.created:
        echo(f"created project {project.name!r} (id {project.id}) with "
             f"{len(report.labels_added)} label(s)")
    elif report.changed:
        parts = [f"added label(s) {', '.join(report.labels_added)}" if report.labels_added
                 else "", f"updated {', '.join(report.labels_updated)}"
                 if report.labels_updated else "",
                 f"changed {', '.join(report.settings_changed)}"
                 if report.settings_changed else ""]
        echo(f"project {project.name!r}: " + "; ".join(p for p in parts if p))
    else:
        echo(f"project {project.name!r} (id {project.id}) is up to date")
    if report.extra_labels:
        _say(f"kept label(s) not in this set-up: {', '.join(report.extra_labels)}")


@reports_errors
def members_add(ctx: typer.Context, project: str = typer.Argument(...),
                roster: Path = typer.Argument(..., help="CSV: username[,password]."),
                passwords: Optional[Path] = typer.Option(
                    None, "--passwords", metavar="FILE",
                    help="Where to keep the passwords (default: ROSTER.passwords.csv).")
                ) -> None:
    """Create student accounts from a roster and add them as annotators."""
    from ..doccano.members import add_members

    report = add_members(session(ctx), project, roster, passwords)
    echo(f"{len(report.created)} account(s) created, {len(report.existing_accounts)} "
         f"already existed; {len(report.added)} added to {project!r}, "
               f"{len(report.already_members)} already members")
    if report.created:
        echo(f"passwords: {report.passwords_file} (readable only by you)")
    if report.wrong_passwords:
        _say(f"warning: the roster's password does not open the existing account(s) "
             f"{', '.join(report.wrong_passwords)}; they keep the password they have, and "
             f"it is not written to {report.passwords_file} (hand out the one they know, or "
             "reset it in doccano's admin page)")
    if report.unignored:
        _say(f"warning: {report.unignored}")


@reports_errors
def push(ctx: typer.Context, project: str = typer.Argument(...),
         source: Path = typer.Argument(..., metavar="FILE.jsonl"),
         suggestions: Optional[Path] = typer.Option(
             None, "--suggestions", metavar="FILE.jsonl",
             help="Suggested spans to place in every annotator's account."),
         suggestions_for: str = typer.Option(
             "teacher", "--suggestions-for",
             click_type=Choice(source="toolkit.doccano.suggestions:Audience"),
             help="Who sees the suggestions: teacher (the project's admins and approvers: a "
             "faster key), students, or all. Finding the devices is often the exercise, so "
             "students get none unless asked."),
         passwords: Optional[Path] = typer.Option(
             None, "--passwords", metavar="FILE",
             help="Students' passwords (written by `members add`), for suggestions to "
                  "students or to a teacher account other than yours."),
         collection: Optional[Path] = typer.Option(
             None, "--collection", metavar="DIR", help="The collection folder where the "
             "record of delivered suggestions is kept for pull (default: FILE's folder)."),
         concurrency: int = typer.Option(
             8, "--concurrency", min=1, max=64,
             help="Suggestion requests in flight at once (1-64)."),
         ) -> None:
    """Upload documents (only those the project lacks) with their spans; place suggested
    spans in the accounts of the people who should see them."""
    from ..doccano.members import read_passwords
    from ..doccano.push import push as run
    from ..doccano.suggestions import Audience

    known = read_passwords(passwords) if passwords else None
    with progress_bar("connecting") as progress:
        report = run(session(ctx), project, source, ctx.obj.catalogue, suggestions,
                     known, progress, Audience(suggestions_for), collection, concurrency)
    echo(f"pushed {report.uploaded} document(s) with {report.spans} span(s) to "
         f"{project!r}; {report.already_there} already there")
    if report.suggestions:
        for name, count in sorted(report.suggestions.delivered.items()):
            echo(f"suggestions for {name}: {count} span(s)")
        if not report.suggestions.delivered:
            _say(f"nobody received suggestions: the project has no {suggestions_for} "
                 "account this push can reach")
        if report.suggestions.without_password:
            _say("no password, no suggestions for: "
                 + ", ".join(report.suggestions.without_password))


@reports_errors
def pull(ctx: typer.Context, project: str = typer.Argument(...),
         out: Path = typer.Option(..., "-o", "--out", metavar="FOLDER",
                                  help="The collection folder, e.g. annotations/week1/."),
         force: bool = typer.Option(False, "--force",
                                    help="Replace files that were edited here.")) -> None:
    """Write one JSONL file per annotator (USERNAME.jsonl) into FOLDER."""
    from ..doccano.pull import pull as run

    check_output_folder(out, "pull writes one USERNAME.jsonl per annotator and "
                             "collection.yaml there")
    with progress_bar("connecting") as update:
        report = run(session(ctx), project, out, ctx.obj.catalogue, force, update)
    for name, spans in report.written.items():
        role = report.roles.get(name.removesuffix(".jsonl"), "")
        echo(f"wrote {out / name} ({role}, {spans} span(s))")
    for name in report.unchanged:
        echo(f"unchanged {out / name}")
    echo(f"roles: {out / 'collection.yaml'}")
    if report.without_spans:
        _say(f"no spans yet from: {', '.join(report.without_spans)}")
    for label, count in sorted(report.skipped_labels.items()):
        _say(f"left out {count} span(s) labelled {label!r}: not a device of the catalogue")
    for problem in report.problems:
        _say(f"warning: {problem}")


@reports_errors
def project_status(ctx: typer.Context, project: str = typer.Argument(...),
           collection: Optional[Path] = typer.Option(
               None, "--collection", metavar="DIR", help="The collection folder with the "
               "record of delivered suggestions (default: annotations/PROJECT if it exists)."),
           fmt: str = format_option("table", "table", "json")) -> None:
    """Per member: role, documents submitted, own spans, kept suggestions."""
    import json

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from ..doccano.status import project_status as run
    folder = collection
    if folder is None and (Path("annotations") / project).is_dir():
        folder = Path("annotations") / project
    progress = run(session(ctx), project, ctx.obj.catalogue, folder)
    if fmt == "json":
        echo(json.dumps(progress.to_json(), ensure_ascii=False, indent=2))
        return
    known = progress.suggestions_known
    table = Table(title=Text(printable(f"{progress.project}: {progress.documents} document(s)")))
    for column in ("member", "role", "submitted", "own spans", "kept suggestions",
                   "deleted suggestions"):
        table.add_column(column)
    for m in progress.members:
        cells = (m.username, m.role, f"{m.submitted}/{m.documents}", str(m.own_spans),
                 str(m.kept_suggestions) if known else "?",
                 str(m.deleted_suggestions) if known else "?")
        table.add_row(*(Text(printable(cell)) for cell in cells))
    Console(highlight=False).print(table)
    if not known:
        _say("kept suggestions unknown: no record of delivered suggestions (give "
             "--collection DIR, the folder push recorded them in); spans count as own")

