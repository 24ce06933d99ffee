"""`mlt devices`: the catalogue of rhetorical devices."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import typer

from ..devices import Catalogue
from .common import echo, format_option, lang_option, language, printable, reports_errors

if TYPE_CHECKING:
    from rich.table import Table


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""
    app.command("devices")(devices)


@reports_errors
def devices(ctx: typer.Context,
            fmt: str = format_option("table", "table", "json"),
            lang: str = lang_option("en", "the definitions (with --long)"),
            long: bool = typer.Option(False, "--long", help="Add PTC labels and definitions."),
            ) -> None:
    """List the rhetorical devices of the catalogue."""
    cat: Catalogue = ctx.obj.catalogue
    language(cat, lang)
    if fmt == "json":
        echo(json.dumps([d.to_json() for d in cat.devices.values()], ensure_ascii=False,
                        indent=2))
        return
    from rich.console import Console  # Rich loads only when a table is printed

    Console().print(device_table(cat, lang, long))


def device_table(cat: Catalogue, lang: str, long: bool) -> Table:
    """The catalogue as a Rich table; its text is data, never Rich markup."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(cat.devices)} devices", show_lines=False)
    columns = ["id", "key", "family", *cat.languages] + (["PTC", "definition"] if long else [])
    for column in columns:
        table.add_column(Text(column), overflow="fold", no_wrap=column == "id")
    for device in cat.devices.values():
        row = [device.id, device.shortcut, device.family, *(device.name[c] for c in cat.languages)]
        if long:
            row += [", ".join(device.ptc) or "-", device.definition[lang]]
        table.add_row(*(Text(printable(cell)) for cell in row))
    return table
