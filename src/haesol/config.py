"""Settings: one table of names, defaults and help, layered defaults < config file < environment < flags."""

from __future__ import annotations

import logging
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from haesol.errors import ConfigError

LOGGER = logging.getLogger(__name__)

ENV_PREFIX = "HAESOL_"


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its dotted name, default, type, help, and extra environment variables it reads."""

    name: str
    default: Any
    type: type
    help: str
    env_aliases: tuple[str, ...] = ()
    secret: bool = False

    @property
    def env(self) -> str:
        """The HAESOL_* environment variable ('llm.base_url' → HAESOL_LLM_BASE_URL)."""
        return ENV_PREFIX + self.name.replace(".", "_").upper()


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "llm.base_url", "http://127.0.0.1:11434/v1", str, "OpenAI-compatible server (Ollama, vLLM, llama.cpp, OpenAI)."
    ),
    Setting("llm.model", "qwen2.5:7b-instruct", str, "Model name the server knows."),
    Setting(
        "llm.api_key",
        "",
        str,
        "API key; also read from HAESOL_API_KEY or OPENAI_API_KEY. Never printed.",
        ("HAESOL_API_KEY", "OPENAI_API_KEY"),
        True,
    ),
    Setting("llm.timeout", 120.0, float, "Seconds to wait for one response."),
    Setting("llm.max_retries", 3, int, "Retries on 429/5xx and network errors, with backoff."),
    Setting("llm.temperature", 0.2, float, "Sampling temperature."),
    Setting("llm.seed", 0, int, "Sampling seed (0: let the server choose)."),
    Setting("llm.cache_dir", "", str, "Response cache folder (default: the user cache folder)."),
    Setting("store.db", "", str, "SQLite file of the store (default: haesol.db in the user data folder)."),
    Setting("fetch.portal_url", "https://www.korea.kr", str, "정책브리핑 portal (or a mirror with the same pages)."),
    Setting("fetch.delay", 1.0, float, "Seconds between requests (at least 1 for the real portal)."),
    Setting("fetch.timeout", 30.0, float, "Seconds to wait for one HTTP response."),
    Setting("fetch.user_agent", "haesol/0.1 (+https://github.com/haesol-project/haesol)", str, "User-Agent header."),
    Setting("fetch.service_key", "", str, "data.go.kr service key for the press-release API (optional).", (), True),
    Setting("serve.host", "127.0.0.1", str, "Address the review desk binds to."),
    Setting("serve.port", 8000, int, "Port of the review desk."),
    Setting("serve.password", "", str, "Password required when serving on a non-loopback address.", (), True),
    Setting("wordpress.url", "", str, "WordPress site to publish to, e.g. https://news.example.org."),
    Setting("wordpress.user", "", str, "WordPress user name that owns the application password."),
    Setting(
        "wordpress.password", "", str, "WordPress application password (Users → Profile); never printed.", (), True
    ),
    Setting("wordpress.timeout", 30.0, float, "Seconds to wait for one WordPress response."),
    Setting("wordpress.retries", 3, int, "Retries on timeouts, 429/5xx and network errors, with backoff."),
    Setting("site.base_url", "", str, "Public address of the static site (haesol site build), for feed and sitemap."),
    Setting("site.title", "haesol 보도자료 해설", str, "Title of the static site."),
)
BY_NAME = {s.name: s for s in SETTINGS}


def default_config_path() -> Path:
    """~/.config/haesol/config.toml (or the platform's equivalent)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "haesol" / "config.toml"


@dataclass(frozen=True)
class Config:
    """Resolved settings; look values up with ``config["llm.model"]``."""

    values: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def __repr__(self) -> str:
        shown = {k: ("***" if BY_NAME[k].secret and v else v) for k, v in self.values.items()}
        return f"Config({shown})"


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """Resolve every setting: defaults < TOML file < environment < ``overrides`` (flags; None = unset).

    Raises:
        ConfigError: for an unreadable file, an unknown key or a value of the wrong type.
    """
    values = {s.name: s.default for s in SETTINGS}
    values.update(_from_file(Path(path) if path else default_config_path(), explicit=path is not None))
    values.update(_from_env())
    values.update({k: _coerce(BY_NAME[k], v) for k, v in (overrides or {}).items() if v is not None and k in BY_NAME})
    return Config(values)


def _from_file(path: Path, explicit: bool) -> dict[str, Any]:
    if not path.exists():
        if explicit:
            raise ConfigError(f"설정 파일이 없습니다 (config file not found): {path}")
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"설정 파일을 읽을 수 없습니다 (cannot read config {path}): {exc}") from exc
    out: dict[str, Any] = {}
    for section, table in data.items():
        if not isinstance(table, dict):
            raise ConfigError(f"설정 파일 형식 오류 (expected [sections] in {path}): {section}")
        for key, value in table.items():
            name = f"{section}.{key}"
            if name not in BY_NAME:
                raise ConfigError(f"알 수 없는 설정 (unknown setting) {name}; available: {', '.join(sorted(BY_NAME))}")
            out[name] = _coerce(BY_NAME[name], value)
    return out


def _from_env() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for setting in SETTINGS:
        for variable in (setting.env, *setting.env_aliases):
            raw = os.environ.get(variable)
            if raw not in (None, ""):
                out[setting.name] = _coerce(setting, raw)
                break
    return out


def _coerce(setting: Setting, value: Any) -> Any:
    try:
        return setting.type(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"{setting.name}: {setting.type.__name__} 값이어야 합니다 (expected {setting.type.__name__}): {value!r}"
        ) from exc
