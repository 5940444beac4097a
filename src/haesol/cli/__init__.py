"""The command line: a click group over the library API; each command group is a cmd_* module."""

from __future__ import annotations

import logging
import sys

import click

from haesol import __version__

LOGGER = logging.getLogger(__name__)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="haesol")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
def main(verbose: int) -> None:
    """haesol (해설): faithful explainer articles from Korean government press releases.

    Example:

        haesol write examples/mnd_barracks_heating.txt

        haesol check article.md --source release.hwpx
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="haesol: %(levelname)s %(name)s: %(message)s")


COMMAND_MODULES = (
    "haesol.cli.cmd_write",
    "haesol.cli.cmd_check",
    "haesol.cli.cmd_fetch",
    "haesol.cli.cmd_store",
    "haesol.cli.cmd_serve",
    "haesol.cli.cmd_publish",
)


def _register_command_modules() -> None:
    """Add the commands other modules define (each module has ``register(group)`` and imports lazily)."""
    import importlib
    import importlib.util

    for name in COMMAND_MODULES:
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name).register(main)


_register_command_modules()


def run() -> None:  # pragma: no cover - console entry for python -m haesol
    """Entry point that keeps exit codes: 0 ok, 1 bad input or failure, 2 usage error."""
    main(prog_name="haesol")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
