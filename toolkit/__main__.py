"""`python -m toolkit` runs the `mlt` command (the same as the installed script)."""

from .cli import app

if __name__ == "__main__":
    app(prog_name="mlt")
