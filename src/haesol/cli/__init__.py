"""The command line: a thin click layer over the library API (haesol.pipeline)."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from haesol import __version__
from haesol.errors import HaesolError
from haesol.files import check_output_path, write_atomic

LOGGER = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("md", "html", "json")
EXTENSION_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}


def friendly_errors(func: F) -> F:
    """Turn haesol errors into a one-line message and exit 1; never show a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except HaesolError as exc:
            raise click.ClickException(str(exc)) from exc
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt as exc:
            raise click.Abort() from exc
        except Exception as exc:  # pragma: no cover - the last net for bugs
            if os.environ.get("HAESOL_DEBUG"):
                raise
            LOGGER.debug("internal error", exc_info=True)
            raise click.ClickException(
                f"내부 오류가 발생했습니다: {type(exc).__name__}: {exc} "
                "(internal error; set HAESOL_DEBUG=1 for details and please report it)"
            ) from exc

    return wrapper  # type: ignore[return-value]


def warm_up_model() -> None:
    """Load the Kiwi model in a background thread (the load is locked; a later user waits for it)."""
    import threading

    from haesol.analyze.kiwi import get_analyzer

    threading.Thread(target=lambda: get_analyzer().kiwi, name="haesol-model-warmup", daemon=True).start()


def guard_output(output: str | None, inputs: tuple[str, ...] = ()) -> None:
    """Refuse a bad ``-o`` before any work is done (see haesol.files for the policy)."""
    if output and output != "-":
        check_output_path(Path(output), inputs)


def write_output(text: str, output: str | None, inputs: tuple[str, ...] = ()) -> None:
    """Write to stdout, or atomically to a file (a temporary file renamed into place).

    Raises:
        OutputPathError: when ``output`` is an input, a symlink, a folder, a FIFO or a device.
    """
    if not output or output == "-":
        click.echo(text, nl=False)
        return
    try:
        write_atomic(Path(output), text, inputs)
    except OSError as exc:
        raise click.ClickException(f"{output}: 파일을 쓸 수 없습니다 (cannot write file: {exc.strerror})") from exc


def pick_format(fmt: str | None, output: str | None) -> str:
    """The explicit format, else the one the output file's extension names, else Markdown."""
    if fmt:
        return fmt
    if output and output != "-":
        return EXTENSION_FORMATS.get(Path(output).suffix.lower(), "md")
    return "md"


def echo_warnings(warnings: tuple[str, ...] | list[str]) -> None:
    """Print warnings on standard error."""
    for warning in warnings:
        click.echo(f"haesol: {warning}", err=True)


def parse_date(value: str | None) -> dt.date | None:
    """A --date value as a date."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"YYYY-MM-DD 형식이어야 합니다 (expected YYYY-MM-DD): {value}") from exc


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


@main.command("write")
@click.argument("source")
@click.option("-o", "--output", help="Write to this file (atomically) instead of standard output.")
@click.option(
    "-f", "--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: md, or from -o's extension)."
)
@click.option(
    "--style",
    type=click.Choice(["news", "polite"]),
    default="news",
    show_default=True,
    help="Register: news (해라체, ~했다) or polite (합쇼체, ~했습니다).",
)
@click.option(
    "--date",
    "date_text",
    metavar="YYYY-MM-DD",
    help="The article's date (default: the release's date); relative dates are re-anchored to it.",
)
@click.option(
    "--engine",
    type=click.Choice(["extractive", "llm"]),
    default="extractive",
    show_default=True,
    help="extractive (offline, deterministic) or llm (an OpenAI-compatible server).",
)
@click.option("--model", help="Model name for --engine llm (setting llm.model).")
@click.option(
    "--base-url",
    help="OpenAI-compatible server for --engine llm, e.g. http://127.0.0.1:11434/v1 (setting llm.base_url).",
)
@click.option("--config", "config_path", metavar="PATH", help="Settings file (default: ~/.config/haesol/config.toml).")
@click.option("--strict", is_flag=True, help="Fail (exit 1) instead of dropping sentences that fail verification.")
@click.option("--quote-only", is_flag=True, help="Only verbatim quotes with attribution (for KOGL types 3/4).")
@click.option("--url", default="", help="The release's web address, for the source block.")
@click.option("--agency", default="", help="The issuing agency, when the release does not show it (e.g. 해양수산부).")
@click.option("--force", is_flag=True, help="Write even when the document does not look like a press release.")
@friendly_errors
def write_cli(
    source: str,
    output: str | None,
    fmt: str | None,
    style: str,
    date_text: str | None,
    engine: str,
    model: str | None,
    base_url: str | None,
    config_path: str | None,
    strict: bool,
    quote_only: bool,
    url: str,
    agency: str,
    force: bool,
) -> None:
    """Turn a press release into a verified explainer article.

    SOURCE is a file (text, HTML, HWPX, HWP, PDF, DOCX, ODT) or - for standard input.

    Example:

        haesol write examples/mnd_barracks_heating.txt

        haesol write release.hwpx -o article.html

        haesol write release.txt --format json > article.json

        cat release.txt | haesol write - --style polite

        haesol write release.hwpx --engine llm --base-url http://127.0.0.1:11434/v1 --model qwen2.5:7b-instruct
    """
    from haesol.config import load_config
    from haesol.pipeline import WriteOptions, parse, write
    from haesol.registry import get_renderer

    guard_output(output, (source,))
    config = load_config(config_path, {"llm.model": model, "llm.base_url": base_url})
    options = WriteOptions(
        engine=engine,
        style=style,
        article_date=parse_date(date_text),
        strict=strict,
        quote_only=quote_only,
        url=url,
        config=config,
        agency=agency,
        force=force,
    )
    warm_up_model()  # the model loads while the parse worker starts and parses
    result = write(parse(source, url=url, isolated=True), options)
    text = get_renderer(pick_format(fmt, output)).render(result)
    echo_warnings(result.warnings)
    write_output(text, output, (source,))


@main.command("parse")
@click.argument("source")
@click.option("-o", "--output", help="Write to this file instead of standard output.")
@click.option("--agency", default="", help="The issuing agency, when the release does not show it.")
@friendly_errors
def parse_cli(source: str, output: str | None, agency: str) -> None:
    """Show the parsed release as JSON (for debugging parsers).

    Example:

        haesol parse release.hwpx
    """
    import json

    from haesol.pipeline import parse
    from haesol.render.release_json import release_document

    guard_output(output, (source,))
    release = parse(source, agency=agency, isolated=True)
    write_output(json.dumps(release_document(release), ensure_ascii=False, indent=2) + "\n", output, (source,))


COMMAND_MODULES = ("haesol.cli.cmd_check", "haesol.cli.cmd_store", "haesol.cli.cmd_serve", "haesol.cli.cmd_publish")


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
