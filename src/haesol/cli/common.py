"""What every command shares: friendly errors, atomic output, formats, dates and warnings."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from haesol.errors import HaesolError
from haesol.files import check_output_path, write_atomic

if TYPE_CHECKING:
    from haesol.config import Config
    from haesol.store import Store

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


db_option = click.option(
    "--db",
    "db_path",
    metavar="PATH",
    help="SQLite store (default: store.db setting, else haesol.db in the user data folder).",
)


def cli_config(overrides: dict[str, Any] | None = None) -> Config:
    from haesol.config import load_config

    return load_config(None, overrides)


def db_path_for(db_path: str | None, config: Config) -> Path:
    from haesol.store import default_db_path

    return Path(db_path) if db_path else default_db_path(config["store.db"])


def open_db(db_path: str | None, *, must_exist: bool) -> Store:
    from haesol.errors import StoreError
    from haesol.store import open_store

    path = db_path_for(db_path, cli_config())
    if must_exist and not path.exists():
        raise StoreError(
            "저장소가 없습니다. 먼저 haesol fetch를 실행하세요 (no store yet; run haesol fetch first)", source=str(path)
        )
    return open_store(path)
