"""A real PostgreSQL server for the tests and benchmarks: ``initdb`` and ``pg_ctl`` from the
machine's PostgreSQL (Debian's ``postgresql`` package, which ``.ci/run`` installs), on
127.0.0.1 and a free port, its data in a temporary folder, stopped by its own process id.

PostgreSQL refuses to run as root: as root, the server runs as the system user
``$TIMELINE_PG_USER`` (default ``timeline-pg``, which ``.ci/run`` creates). Connections over
TCP need a password (SCRAM), as on a team's server; the superuser ``timeline`` has
:data:`PASSWORD`.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

USER = "timeline"
PASSWORD = "correct horse battery staple"
OS_USER = os.environ.get("TIMELINE_PG_USER", "timeline-pg")


class ServerMissing(RuntimeError):
    """PostgreSQL's programs, or the user to run them as, are not on this machine."""


def binaries() -> Path:
    """The folder of ``initdb``, ``pg_ctl`` and ``postgres``: ``$TIMELINE_PG_BIN``, else
    Debian's newest ``/usr/lib/postgresql/N/bin``, else the one of ``initdb`` on PATH."""
    named = os.environ.get("TIMELINE_PG_BIN")
    candidates = [named] if named else [
        *sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2])
                )[::-1],
        str(Path(shutil.which("initdb") or "/nonexistent").resolve().parent)]
    for folder in candidates:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    raise ServerMissing("PostgreSQL's initdb and pg_ctl were not found: install Debian's "
                        "postgresql package (as .ci/run does) or set TIMELINE_PG_BIN")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    """A server of its own: :meth:`start`, :meth:`new_database`, :meth:`stop`."""

    def __init__(self) -> None:
        self.bin = binaries()
        self.folder = Path(tempfile.mkdtemp(prefix="timeline-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.pid: int | None = None
        self._as_user: dict[str, object] = {}
        if os.geteuid() == 0:
            try:
                account = pwd.getpwnam(OS_USER)
            except KeyError:
                raise ServerMissing(
                    f"PostgreSQL does not run as root, and there is no user {OS_USER!r} to run "
                    f"it as: create it (useradd --system --no-create-home {OS_USER}, as .ci/run "
                    f"does) or name another in TIMELINE_PG_USER") from None
            os.chown(self.folder, account.pw_uid, account.pw_gid)
            self._as_user = {"user": account.pw_uid, "group": account.pw_gid,
                             "extra_groups": []}

    def _run(self, *args: str) -> None:
        done = subprocess.run([str(self.bin / args[0]), *args[1:]], capture_output=True,
                              text=True, cwd=self.folder, **self._as_user)
        if done.returncode:
            raise RuntimeError(f"{args[0]} failed: {done.stderr or done.stdout}")

    def start(self) -> PostgresServer:
        secret = self.folder / "password"
        secret.write_text(PASSWORD)
        if self._as_user:
            os.chown(secret, self._as_user["user"], self._as_user["group"])
        # fsync off: a test server's data need not survive a crash of the machine.
        self._run("initdb", "-D", str(self.data), "-U", USER, "--pwfile", str(secret),
                  "--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        secret.unlink()
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} "
                   f"-c unix_socket_directories='{self.folder}' -c fsync=off "
                   f"-c synchronous_commit=off -c full_page_writes=off "
                   f"-c max_connections=50 -c shared_buffers=128MB")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l",
                  str(self.folder / "server.log"), "-w", "-t", "60", "start")
        self.pid = int((self.data / "postmaster.pid").read_text().split()[0])
        return self

    def url(self, database: str = "postgres", *, password: bool = True) -> str:
        secret = f":{PASSWORD.replace(' ', '%20')}" if password else ""
        return f"postgresql://{USER}{secret}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """The URL (with the password) of a new, empty database on this server."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Stop the server by its process id (a fast shutdown), and remove its folder."""
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGINT)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and _alive(self.pid):
                time.sleep(0.05)
            if _alive(self.pid):
                os.kill(self.pid, signal.SIGKILL)
            self.pid = None
        shutil.rmtree(self.folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A stopped child of this process lingers as a zombie until reaped.
    with contextlib.suppress(ChildProcessError):
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "State:\tZ" not in status.read_text()
