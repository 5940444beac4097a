"""`haesol check`: audit any article against its source, sentence by sentence."""

from __future__ import annotations

import sys

import click

from haesol.cli.common import friendly_errors, guard_output, pick_format, warm_up_model, write_output

CHECK_FORMATS = ("text", "json", "html")
EXIT_FAILED = 1


def register(group: click.Group) -> None:
    """Add the ``check`` command to the CLI group."""
    group.add_command(check_cli)


@click.command("check")
@click.argument("article")
@click.option("-s", "--source", required=True, help="The source release (any format `write` reads).")
@click.option(
    "-f", "--format", "fmt", type=click.Choice(CHECK_FORMATS), help="Report format (default: text, or from -o)."
)
@click.option("-o", "--output", help="Write the report to this file (atomically).")
@click.option(
    "--fail-on",
    type=click.Choice(["unsupported", "contradicted", "any"]),
    default="contradicted",
    show_default=True,
    help="Exit 1 when a sentence is contradicted / unsupported or worse / anything but supported.",
)
@click.option("--url", default="", help="The source's web address, if the file does not say.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: when writing to a terminal).")
@friendly_errors
def check_cli(
    article: str, source: str, fmt: str | None, output: str | None, fail_on: str, url: str, color: bool | None
) -> None:
    """Audit ARTICLE (Markdown, HTML or text; - for standard input) against its source.

    Every sentence (headings, bullets, table cells and FAQ answers too) gets a verdict — supported,
    partial, unsupported or contradicted — with its evidence and the problems found. Exit 0 when the
    article passes --fail-on, 1 when it does not, 2 on usage errors.

    Example:

        haesol check article.md --source release.hwpx

        haesol check article.html --source release.txt --format json

        haesol check article.txt --source release.pdf --format html -o report.html
    """
    from haesol.pipeline import check, parse
    from haesol.render.report import render_check_json, render_check_text
    from haesol.render.report_html import render_check_html
    from haesol.verify.audit import failing

    guard_output(output, (article, source))
    warm_up_model()
    result = check(article, parse(source, url=url, isolated=True), url=url)
    chosen = fmt or {"md": "text"}.get(pick_format(None, output), pick_format(None, output))
    chosen = chosen if chosen in CHECK_FORMATS else "text"
    if chosen == "json":
        text = render_check_json(result)
    elif chosen == "html":
        text = render_check_html(result)
    else:
        use_colour = color if color is not None else (output in (None, "-") and sys.stdout.isatty())
        text = render_check_text(result, colour=use_colour)
    write_output(text, output, (article, source))
    if failing(result.report, fail_on):
        sys.exit(EXIT_FAILED)
