"""A throwaway PostgreSQL cluster for the tests: initdb + pg_ctl into a temp folder, 127.0.0.1, a free port.

One cluster per pytest process (so one per xdist worker), started only when a test needs it, with a
migrated template database that each test copies (`CREATE DATABASE … TEMPLATE`, a file copy, much
faster than migrating again). The server runs as a non-root user: PostgreSQL refuses to run as root,
so under root it is started with `runuser -u postgres`. The superuser has a password and TCP logins
need it, so the tests can also check the wording of a refused password.

Binaries: $WKUS_PG_BIN, else the newest /usr/lib/postgresql/<ver>/bin (Debian), else initdb on PATH.
Without them the PostgreSQL variants are skipped with the reason; `.ci/run` installs Debian's
`postgresql` package, so CI never skips.
"""

from __future__ import annotations

import atexit
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PASSWORD = "wkus-test-haslo"
TEMPLATE = "wkus_template"


def find_binaries() -> Path | None:
    env = os.environ.get("WKUS_PG_BIN")
    if env:
        return Path(env) if (Path(env) / "initdb").is_file() else None
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if versions:
        return versions[-1].parent
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def unavailable_reason() -> str | None:
    """Why no cluster can be started here, or None."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[server]')"
    if os.name != "posix":
        return "the throwaway cluster is started on Linux/macOS only"
    if find_binaries() is None:
        return "PostgreSQL binaries not found (apt-get install postgresql, or set WKUS_PG_BIN)"
    if os.geteuid() == 0:
        import pwd

        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
        if shutil.which("runuser") is None:
            return "running as root and runuser is missing"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    def __init__(self) -> None:
        self.bin = find_binaries()
        assert self.bin is not None
        # under root the folder must be reachable by the postgres user: /tmp, not a private TMPDIR
        base = "/tmp" if os.geteuid() == 0 and os.path.isdir("/tmp") else None
        self.dir = Path(tempfile.mkdtemp(prefix="wkus-pg-", dir=base))
        self.data = self.dir / "data"
        self.port = 0
        self._as: list[str] = []
        self._names = itertools.count(1)
        if os.geteuid() == 0:
            import pwd

            user = pwd.getpwnam("postgres")
            os.chown(self.dir, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
        self._started = False

    def _run(self, *args: str) -> None:
        result = subprocess.run([*self._as, *args], capture_output=True, text=True, cwd=self.dir, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")

    def start(self) -> None:
        pwfile = self.dir / "pw"
        pwfile.write_text(PASSWORD)
        if self._as:
            import pwd

            user = pwd.getpwnam("postgres")
            os.chown(pwfile, user.pw_uid, user.pw_gid)
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--pwfile",
            str(pwfile),
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        for attempt in range(5):
            self.port = _free_port()
            # fsync off: a test cluster need not survive a power cut, and 8 engineers share 2 cores
            options = (
                f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=16MB "
                "-c max_connections=60"
            )
            try:
                self._run(
                    str(self.bin / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-o",
                    options,
                    "-l",
                    str(self.dir / "log"),
                    "-w",
                    "-t",
                    "60",
                    "start",
                )
                break
            except RuntimeError:
                if attempt == 4:
                    raise
        self._started = True
        atexit.register(self.stop)
        self._make_template()

    def stop(self) -> None:
        if self._started:
            self._started = False
            subprocess.run(
                [*self._as, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
                capture_output=True,
                cwd=self.dir,
                check=False,
            )
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database: str, *, password: str | None = PASSWORD, driver: str = "postgresql") -> str:
        auth = f"postgres:{password}" if password is not None else "postgres"
        return f"{driver}://{auth}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def _make_template(self) -> None:
        from app.core.db.engine import open_database

        self.admin(f"CREATE DATABASE {TEMPLATE}")
        db = open_database(self.url(TEMPLATE))
        db.dispose()

    def new_database(self, *, migrated: bool = True) -> str:
        """A fresh database (a copy of the migrated template, or empty); returns its URL."""
        name = f"t{os.getpid()}_{next(self._names)}"
        self.admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE if migrated else 'template0'}")
        return self.url(name)

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
