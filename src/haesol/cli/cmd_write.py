"""`haesol write` and `haesol parse`: a release in, an article (or the parsed release) out."""

from __future__ import annotations

import logging

import click

from haesol.cli.common import (
    FORMATS,
    echo_warnings,
    friendly_errors,
    guard_output,
    parse_date,
    pick_format,
    warm_up_model,
    write_output,
)

LOGGER = logging.getLogger(__name__)


@click.command("write")
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


@click.command("parse")
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


def register(group: click.Group) -> None:
    """Add write and parse to the command group."""
    group.add_command(write_cli)
    group.add_command(parse_cli)
