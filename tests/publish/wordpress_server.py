"""A real WordPress (Debian's package) on 127.0.0.1 for tests: MariaDB and PHP's built-in server in a temp folder.

Nothing is installed or changed outside the folder: Debian's /usr/share/wordpress is used read-only through
a document root of symlinks, our own wp-config.php and a router script; the database lives in the folder too.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

WORDPRESS = Path(os.environ.get("HAESOL_WORDPRESS_DIR", "/usr/share/wordpress"))
THEMES = WORDPRESS / "wp-content" / "themes"
MARIADBD = Path("/usr/sbin/mariadbd")
USER = "editor"
PACKAGES = "wordpress wordpress-theme-twentytwentythree php-cli php-mysql mariadb-server"

CONFIG = """<?php
define('DB_NAME', 'wordpress'); define('DB_USER', 'root'); define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:{socket}'); define('DB_CHARSET', 'utf8mb4'); define('DB_COLLATE', '');
define('WP_CONTENT_DIR', '{content}');
define('WP_HOME', '{url}'); define('WP_SITEURL', '{url}');
define('WP_ENVIRONMENT_TYPE', 'local');  // application passwords without HTTPS
define('DISABLE_WP_CRON', true); define('AUTOMATIC_UPDATER_DISABLED', true); define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTH_KEY', 'k1'); define('SECURE_AUTH_KEY', 'k2'); define('LOGGED_IN_KEY', 'k3'); define('NONCE_KEY', 'k4');
define('AUTH_SALT', 's1'); define('SECURE_AUTH_SALT', 's2'); define('LOGGED_IN_SALT', 's3'); define('NONCE_SALT', 's4');
$table_prefix = 'wp_';
if (!defined('ABSPATH')) {{ define('ABSPATH', __DIR__ . '/'); }}
require_once ABSPATH . 'wp-settings.php';
"""
# Runs before every request: WordPress's own files resolve to /usr/share/wordpress, so ABSPATH is pinned to
# our document root (where our wp-config.php is); paths that are not files go to index.php (pretty links).
ROUTER = """<?php
define('ABSPATH', '{root}/');
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$file = ABSPATH . ltrim(urldecode($path), '/');
if ($path !== '/' && is_file($file)) {{ return false; }}
if ($path !== '/' && is_dir($file) && is_file(rtrim($file, '/') . '/index.php')) {{ return false; }}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = ABSPATH . 'index.php';
chdir(ABSPATH);
require ABSPATH . 'index.php';
"""
SETUP = """<?php
function wp_mail() {{ return true; }}  // no mail server here
define('WP_INSTALLING', true);
define('ABSPATH', '{root}/');
$_SERVER['HTTP_HOST'] = '127.0.0.1';
require ABSPATH . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
wp_install('haesol 시험 사이트', '{user}', 'editor@example.invalid', true, '', '{login_password}');
update_option('permalink_structure', '/%year%/%monthnum%/%postname%/');
update_option('timezone_string', 'Asia/Seoul');
switch_theme('twentytwentythree');
$user = get_user_by('login', '{user}');
list($password, $item) = WP_Application_Passwords::create_new_application_password($user->ID, array('name' => 'haesol'));
echo json_encode(array('app_password' => $password));
"""


def missing_parts() -> str:
    """What is missing to run a WordPress here ('' when everything is present)."""
    needs = {
        "Debian wordpress": WORDPRESS / "wp-settings.php",
        "twentytwentythree theme": THEMES / "twentytwentythree",
        "mariadbd": MARIADBD,
    }
    missing = [name for name, path in needs.items() if not path.exists()]
    missing += [tool for tool in ("php", "mariadb-install-db", "mariadb") if shutil.which(tool) is None]
    if not missing:
        modules = subprocess.run(["php", "-m"], capture_output=True, text=True, check=False).stdout
        if "mysqli" not in modules:
            missing.append("php-mysql (mysqli)")
    return ", ".join(missing)


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(check: object, what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not start within {timeout:.0f} s")


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    """Signal the process group we started (PHP's server forks workers into it)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)


@dataclass
class WordPress:
    """A running test WordPress: its address, the user, an application password, and its processes."""

    folder: Path
    port: int
    app_password: str = ""
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    user = USER

    def start_mariadb(self) -> None:
        data, sock = self.folder / "db", self.folder / "mysql.sock"
        if not data.exists():
            subprocess.run(
                [
                    "mariadb-install-db",
                    "--no-defaults",
                    f"--datadir={data}",
                    f"--user={getpass.getuser()}",
                    "--auth-root-authentication-method=normal",
                    "--skip-test-db",
                    "--skip-name-resolve",
                ],
                check=True,
                capture_output=True,
            )
        with (self.folder / "mariadb.log").open("ab") as log:
            self.processes["mariadb"] = subprocess.Popen(
                [
                    str(MARIADBD),
                    "--no-defaults",
                    f"--datadir={data}",
                    f"--socket={sock}",
                    "--skip-networking",
                    f"--user={getpass.getuser()}",
                    f"--pid-file={self.folder / 'mysql.pid'}",
                    "--innodb-buffer-pool-size=16M",
                    "--skip-log-bin",
                    "--innodb-flush-log-at-trx-commit=0",
                    f"--log-error={self.folder / 'mariadb.err'}",
                ],
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        _wait(sock.exists, "MariaDB")
        subprocess.run(
            [
                "mariadb",
                "--no-defaults",
                f"--socket={sock}",
                "-uroot",
                "-e",
                "CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4",
            ],
            check=True,
            capture_output=True,
        )

    def prepare(self) -> None:
        root, content = self.folder / "root", self.folder / "content"
        for sub in ("themes", "plugins", "uploads"):
            (content / sub).mkdir(parents=True, exist_ok=True)
        (content / "themes" / "twentytwentythree").symlink_to(THEMES / "twentytwentythree")
        root.mkdir()
        for entry in WORDPRESS.iterdir():
            if entry.name not in ("wp-config.php", "wp-content", ".htaccess"):
                (root / entry.name).symlink_to(entry)
        (root / "wp-content").symlink_to(content)
        (root / "wp-config.php").write_text(
            CONFIG.format(socket=self.folder / "mysql.sock", content=content, url=self.url), encoding="utf-8"
        )
        (self.folder / "router.php").write_text(ROUTER.format(root=root), encoding="utf-8")

    def install(self) -> None:
        script = self.folder / "setup.php"
        script.write_text(
            SETUP.format(root=self.folder / "root", user=USER, login_password="login-pw-7491"), encoding="utf-8"
        )
        done = subprocess.run(["php", str(script)], capture_output=True, text=True, check=False)
        if done.returncode != 0 or "app_password" not in done.stdout:
            raise RuntimeError(f"WordPress install failed: {done.stdout[-2000:]} {done.stderr[-2000:]}")
        self.app_password = json.loads(done.stdout[done.stdout.index("{") :])["app_password"]

    def start_php(self) -> None:
        env = {**os.environ, "PHP_CLI_SERVER_WORKERS": "4"}
        with (self.folder / "php.log").open("ab") as log:
            self.processes["php"] = subprocess.Popen(
                [
                    "php",
                    "-S",
                    f"127.0.0.1:{self.port}",
                    "-t",
                    str(self.folder / "root"),
                    str(self.folder / "router.php"),
                ],
                stdout=log,
                stderr=log,
                env=env,
                start_new_session=True,
            )  # workers are forked: stop the group
        _wait(lambda: _listening(self.port), "PHP's built-in server")

    def stop_php(self) -> None:
        self._stop("php")

    def _stop(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process is None:
            return
        _signal_group(process, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait(timeout=5)
        if name == "php":
            _wait(lambda: not _listening(self.port), "stopping PHP's built-in server", timeout=10)

    def stop(self) -> None:
        self._stop("php")
        self._stop("mariadb")


def start_wordpress(folder: Path) -> WordPress:
    """Install and start a WordPress in ``folder`` (the caller stops it)."""
    site = WordPress(folder, free_port())
    try:
        site.start_mariadb()
        site.prepare()
        site.install()
        site.start_php()
    except BaseException:
        site.stop()
        raise
    return site
