"""`haesol serve`: the review desk in a browser (FastAPI + uvicorn, imported only when the command runs)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import click

from haesol.cli.common import friendly_errors

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ServePlan:
    """What ``serve`` will run: address, store, whether login is required, and the secret (to be hashed)."""

    host: str
    port: int
    db_path: Path
    require_login: bool
    password: str
    llm_enabled: bool

    def __repr__(self) -> str:
        return (
            f"ServePlan(host={self.host!r}, port={self.port}, db_path={str(self.db_path)!r}, "
            f"require_login={self.require_login}, password={'***' if self.password else ''!r}, llm={self.llm_enabled})"
        )


def register(group: click.Group) -> None:
    """Add the ``serve`` and ``user`` commands to the CLI group."""
    group.add_command(serve_cli)
    group.add_command(user_cli)


def _has_accounts(db: Path) -> bool:
    """Whether the store has named desk accounts (then everyone logs in with their own)."""
    if not db.exists():
        return False
    from haesol.store import open_store
    from haesol.store.users import users

    with open_store(db) as store:
        return bool(users(store))


def plan_serve(
    host: str | None, port: int | None, db_path: str | None, config_path: str | None, require_login: bool, llm: bool
) -> ServePlan:
    """Resolve settings and refuse unsafe combinations (the testable part of ``serve``).

    Raises:
        click.UsageError: off loopback (or with --require-login) without serve.password / HAESOL_SERVE_PASSWORD.
        ConfigError: for a bad settings file.
    """
    from haesol.config import load_config
    from haesol.store import default_db_path
    from haesol.web.security import is_loopback, password_weakness

    config = load_config(config_path, {"serve.host": host, "serve.port": port})
    chosen_host, password = str(config["serve.host"]), str(config["serve.password"])
    db = Path(db_path) if db_path else default_db_path(config["store.db"])
    accounts = _has_accounts(db)
    must_login = require_login or not is_loopback(chosen_host) or accounts
    if must_login and not password and not accounts:
        where = (
            "--require-login"
            if require_login and is_loopback(chosen_host)
            else f"{chosen_host}(루프백이 아닌 주소, not loopback)"
        )
        raise click.UsageError(
            f"{where}: 비밀번호 없이 시작할 수 없습니다. serve.password 설정이나 HAESOL_SERVE_PASSWORD 환경 변수를 주세요 "
            "(refusing to serve without a password: set serve.password or HAESOL_SERVE_PASSWORD)"
        )
    weakness = password_weakness(password) if password and not is_loopback(chosen_host) else ""
    if weakness:
        raise click.UsageError(
            f"{chosen_host}: 비밀번호가 너무 약합니다 — {weakness} "
            "(password too weak for a non-loopback address; or give a hash from --hash-password)"
        )
    if not 0 < int(config["serve.port"]) < 65536:
        raise click.UsageError(f"--port: 1–65535 (invalid port {config['serve.port']})")
    return ServePlan(chosen_host, int(config["serve.port"]), db, must_login, password, llm)


@click.command("serve")
@click.option(
    "--db",
    "db_path",
    metavar="PATH",
    help="SQLite store (default: store.db setting, else haesol.db in the user data folder).",
)
@click.option(
    "--host", help="Address to bind (setting serve.host, default 127.0.0.1). Any other address needs a password."
)
@click.option("--port", type=int, help="Port (setting serve.port, default 8000).")
@click.option("--config", "config_path", metavar="PATH", help="Settings file (default: ~/.config/haesol/config.toml).")
@click.option("--require-login", is_flag=True, help="Ask for the password even on 127.0.0.1.")
@click.option("--llm", is_flag=True, help="Offer the LLM engine for regenerating drafts (uses the llm.* settings).")
@click.option(
    "--hash-password",
    is_flag=True,
    help="Print a salted scrypt hash of a password (to put in serve.password) and exit.",
)
@friendly_errors
def serve_cli(
    db_path: str | None,
    host: str | None,
    port: int | None,
    config_path: str | None,
    require_login: bool,
    llm: bool,
    hash_password: bool,
) -> None:
    """Run the review desk: inbox, draft view with per-sentence verdicts, check page, JSON API.

    Binds to 127.0.0.1 by default. On any other address it refuses to start unless a password or
    token is set (serve.password or HAESOL_SERVE_PASSWORD; a hash from --hash-password works too),
    and then asks for it before anything is shown.

    Example:

        haesol serve

        haesol serve --db drafts.db --port 8080

        HAESOL_SERVE_PASSWORD=... haesol serve --host 0.0.0.0
    """
    if hash_password:
        from haesol.web.security import hash_password as make_hash
        from haesol.web.security import password_weakness

        secret = click.prompt("비밀번호 (password)", hide_input=True, confirmation_prompt=True)
        if password_weakness(secret):
            click.echo(
                f"경고: 공개 주소에는 약한 비밀번호입니다 (warning, weak for public binds): {password_weakness(secret)}",
                err=True,
            )
        click.echo(make_hash(secret))
        return
    plan = plan_serve(host, port, db_path, config_path, require_login, llm)
    run_server(plan, config_path)


def run_server(plan: ServePlan, config_path: str | None = None) -> None:
    """Build the app and run it under uvicorn until interrupted."""
    try:
        import uvicorn

        from haesol.web import create_app
    except ImportError as exc:
        raise click.ClickException(
            f"검토 데스크에 필요한 패키지가 없습니다 (the review desk needs FastAPI, uvicorn and Jinja2: {exc.name} is missing)"
        ) from exc
    from haesol.config import load_config

    app = create_app(
        plan.db_path,
        password=plan.password,
        require_login=plan.require_login,
        llm_enabled=plan.llm_enabled,
        config=load_config(config_path),
    )
    scheme_note = (
        "" if plan.host in ("127.0.0.1", "localhost", "::1") else " (HTTPS 프록시 뒤에서 쓰세요; put it behind HTTPS)"
    )
    click.echo(
        f"haesol: 검토 데스크 http://{plan.host}:{plan.port}/ — store {plan.db_path}"
        f"{' · 로그인 필요' if plan.require_login else ''}{scheme_note}",
        err=True,
    )
    uvicorn.run(app, host=plan.host, port=plan.port, log_level="warning", server_header=False)


@click.group("user")
def user_cli() -> None:
    """Named accounts for the review desk (an admin creates them; each approval is signed by its account).

    Example:

        haesol user add 김편집 --admin --db desk.db
    """


@user_cli.command("add")
@click.argument("name")
@click.option("--admin", is_flag=True, help="May create accounts at the desk.")
@click.option("--db", "db_path", metavar="PATH", help="SQLite store (default: store.db setting).")
@click.option(
    "--password-env", metavar="VAR", help="Read the password from this environment variable instead of a prompt."
)
@friendly_errors
def user_add_cli(name: str, admin: bool, db_path: str | None, password_env: str | None) -> None:
    """Create an account NAME (or set its new password); only a salted scrypt hash is stored.

    Once a store has accounts, the desk asks everyone to log in, on 127.0.0.1 too.

    Example:

        haesol user add 김편집 --admin --db desk.db
    """
    import os

    from haesol.config import load_config
    from haesol.store import default_db_path, open_store
    from haesol.store.users import add_user
    from haesol.web.security import hash_password

    secret = os.environ.get(password_env, "") if password_env else ""
    if not secret:
        secret = click.prompt("비밀번호 (password)", hide_input=True, confirmation_prompt=True)
    db = Path(db_path) if db_path else default_db_path(load_config(None)["store.db"])
    with open_store(db) as store:
        user = add_user(store, name, hash_password(secret), admin=admin)
    click.echo(f"haesol user: {user.name}{' (admin)' if user.admin else ''} — {db}", err=True)
