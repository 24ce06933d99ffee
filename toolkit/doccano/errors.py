"""Errors of the doccano area: each says what failed, where, and what to do about it."""

from __future__ import annotations

from ..errors import ToolkitError


class DoccanoError(ToolkitError):
    """Something about the doccano server or its data went wrong."""


class ServerError(DoccanoError):
    """The local server cannot be installed, started, stopped or inspected."""


class ServerOptionError(ServerError):
    """An option of `mlt server start` the command line alone shows to be wrong (a database or
    broker URL of an unsupported kind, a number of workers out of range): exit 2, as for every
    command-line mistake (docs/cli.md)."""

    exit_code = 2


class ConnectionFailed(DoccanoError):
    """The server cannot be reached (down, wrong URL, timeout)."""


class AuthenticationFailed(DoccanoError):
    """The server refused the username or password."""


class ServerFailure(DoccanoError):
    """The server answered with an error (HTTP 4xx/5xx) that retrying did not cure."""


class ImportRejected(DoccanoError):
    """The server refused an upload or an export job failed."""


class NotFound(DoccanoError):
    """A project, user or example that the command needs does not exist."""


class LocalEditError(DoccanoError):
    """A pull would overwrite a file that was changed locally since the last pull."""
