"""The desk's security: a salted scrypt hash of the password, server-side sessions, CSRF tokens, login throttling.

Only the hash of the configured password is kept (the plain secret is dropped at start-up). The
session cookie carries a random id and nothing else; the session (who, CSRF token, logged in or
not) stays on the server. Every state-changing request must echo the session's CSRF token, in
the form field ``csrf_token`` or the ``X-CSRF-Token`` header.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import logging
import secrets
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field

LOGGER = logging.getLogger(__name__)

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
HASH_PREFIX = "scrypt"
SESSION_COOKIE = "haesol_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SESSION_IDLE_SECONDS = 12 * 3600
MAX_SESSIONS = 5_000
LOGIN_WINDOW_SECONDS = 300
LOGIN_MAX_FAILURES = 5
MAX_USER_CHARS = 60
MIN_PASSWORD_CHARS = 10
MIN_DISTINCT_CHARS = 6


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


def hash_password(secret: str, salt: bytes | None = None) -> str:
    """A salted scrypt hash: ``scrypt$n$r$p$salt$hash`` (base64 parts).

    Raises:
        ValueError: for an empty secret.
    """
    if not secret:
        raise ValueError("empty password")
    salt = salt or secrets.token_bytes(16)
    digest = _scrypt(secret, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"{HASH_PREFIX}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def is_password_hash(value: str) -> bool:
    """Whether a configured secret is already a hash made by ``hash_password``."""
    parts = value.split("$")
    return len(parts) == 6 and parts[0] == HASH_PREFIX and all(p.isdigit() for p in parts[1:4])


def verify_password(secret: str, stored: str) -> bool:
    """Whether ``secret`` matches a ``hash_password`` hash (constant-time comparison)."""
    if not is_password_hash(stored) or not secret:
        return False
    _, n, r, p, salt, digest = stored.split("$")
    try:
        candidate = _scrypt(secret, base64.b64decode(salt), int(n), int(r), int(p))
        return hmac.compare_digest(candidate, base64.b64decode(digest))
    except (ValueError, MemoryError):
        return False


def stored_secret(configured: str) -> str:
    """The hash to keep for a configured password or token (a configured hash is kept as it is)."""
    return configured if is_password_hash(configured) else hash_password(configured)


def password_weakness(secret: str) -> str:
    """Why ``secret`` is too weak for a desk reachable from other machines ('' when it is strong enough).

    The floor: at least MIN_PASSWORD_CHARS characters that are not spaces, and MIN_DISTINCT_CHARS
    distinct characters (so '            ' or 'aaaaaaaaaaaa' fail). A pre-made hash is taken as it is.
    """
    if is_password_hash(secret):
        return ""
    visible = "".join(secret.split())
    if len(visible) < MIN_PASSWORD_CHARS:
        return f"공백을 빼고 {MIN_PASSWORD_CHARS}자 이상 (at least {MIN_PASSWORD_CHARS} non-space characters)"
    if len(set(visible)) < MIN_DISTINCT_CHARS:
        return f"서로 다른 문자 {MIN_DISTINCT_CHARS}개 이상 (at least {MIN_DISTINCT_CHARS} distinct characters)"
    return ""


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (127.0.0.0/8, ::1) or 'localhost'."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def local_path(target: str, default: str = "/") -> str:
    """``target`` when it is a path on this site ('/…', not '//…'), else ``default`` (no open redirects)."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target and "\n" not in target:
        return target
    return default


def clean_user(name: str) -> str:
    """A reviewer name: one line, trimmed, at most MAX_USER_CHARS characters."""
    return " ".join(name.split())[:MAX_USER_CHARS]


@dataclass
class Session:
    """One browser's session: its CSRF token, the reviewer's name and whether it has logged in."""

    id: str
    csrf: str
    user: str = ""
    authenticated: bool = False
    seen: float = field(default_factory=time.monotonic)
    admin: bool = False


class SessionStore:
    """Sessions in memory, by random id; idle ones expire, the oldest go first when full."""

    def __init__(self, idle_seconds: float = SESSION_IDLE_SECONDS, limit: int = MAX_SESSIONS) -> None:
        self.idle_seconds = idle_seconds
        self.limit = limit
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, session_id: str | None) -> Session | None:
        """The live session with this id, or None (expired ones are dropped)."""
        if not session_id:
            return None
        now = time.monotonic()
        with self._lock:
            session = self._sessions.get(session_id)
            if session is None:
                return None
            if now - session.seen > self.idle_seconds:
                del self._sessions[session_id]
                return None
            session.seen = now
            self._sessions.move_to_end(session_id)
            return session

    def new(self, user: str = "", authenticated: bool = False) -> Session:
        """A fresh session with new random id and CSRF token."""
        session = Session(secrets.token_urlsafe(32), secrets.token_urlsafe(32), user, authenticated)
        with self._lock:
            self._sessions[session.id] = session
            while len(self._sessions) > self.limit:
                self._sessions.popitem(last=False)
        return session

    def drop(self, session_id: str) -> None:
        """End a session (logout)."""
        with self._lock:
            self._sessions.pop(session_id, None)


def csrf_ok(session: Session | None, token: str | None) -> bool:
    """Whether ``token`` is the session's CSRF token (constant-time)."""
    return session is not None and bool(token) and hmac.compare_digest(session.csrf.encode(), (token or "").encode())


class LoginThrottle:
    """Refuses logins from an address after LOGIN_MAX_FAILURES failures within LOGIN_WINDOW_SECONDS."""

    def __init__(self, window: float = LOGIN_WINDOW_SECONDS, limit: int = LOGIN_MAX_FAILURES) -> None:
        self.window = window
        self.limit = limit
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, address: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(address, deque())
        while failures and now - failures[0] > self.window:
            failures.popleft()
        return failures

    def blocked(self, address: str) -> bool:
        """Whether the address has failed too often lately."""
        with self._lock:
            return len(self._recent(address, time.monotonic())) >= self.limit

    def failed(self, address: str) -> None:
        """Count a failed login."""
        with self._lock:
            self._recent(address, time.monotonic()).append(time.monotonic())

    def succeeded(self, address: str) -> None:
        """Forget an address's failures."""
        with self._lock:
            self._failures.pop(address, None)
