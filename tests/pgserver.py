"""A throwaway PostgreSQL server for the tests: its own cluster in a temp folder, loopback only.

Debian's postgresql package provides the binaries (`make test` installs it); the server runs as
the `postgres` system user when the tests run as root, since PostgreSQL refuses to run as root.

The cluster collates like a Chinese deployment's default (zh_CN.UTF-8): Chinese order, and punctuation
such as "/" and "-" ignored at the first level (ICU `zh-CN-u-ka-shifted`, which mimics glibc). Code that
relies on SQLite's byte order (path ranges, codes in ORDER BY) fails here as it would in production,
not only on the C collation a bare initdb in a container gets.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


def _bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed: run `make test` (it installs the Debian package postgresql)")
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PgServer:
    root: Path
    port: int
    as_user: list[str]

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        with self._admin() as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # name is ours, never user input
            c.execute(f'CREATE DATABASE "{name}" STRATEGY FILE_COPY')
        return self.url(name)

    def _admin(self):
        import psycopg

        return psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True)

    def copy_database(self, template: str, name: str) -> str:
        """A new database holding a copy of `template` (which nobody may be connected to)."""
        with self._admin() as c:
            c.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')  # names are ours
        return self.url(name)

    def drop_database(self, name: str) -> None:
        with self._admin() as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        subprocess.run([*self.as_user, str(_bindir() / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate",
                        "stop"], capture_output=True, check=False)
        shutil.rmtree(self.root, ignore_errors=True)


def start() -> PgServer:
    bindir = _bindir()
    root = Path(tempfile.mkdtemp(prefix="pgtest-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data = root / "data"
    subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                    "-E", "UTF8", "--locale=C.UTF-8", "--locale-provider=icu",
                    "--icu-locale=zh-CN-u-ka-shifted"], check=True, capture_output=True)
    opts = f"-p {port} -c listen_addresses=127.0.0.1 -k {root} -c fsync=off -c synchronous_commit=off"
    subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(root / "log"),
                    "-w", "-t", "60", "start"], check=True, capture_output=True)
    server = PgServer(root, port, as_user)
    deadline = time.monotonic() + 30
    while subprocess.run([str(bindir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                         capture_output=True).returncode != 0:
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError("PostgreSQL did not start")
        time.sleep(0.2)
    return server
