"""A real Spark Connect server for the tests and benchmarks: the Connect server class of the
installed ``pyspark`` (the full package, test-only: it ships Spark's jars) started with
``spark-submit``, on 127.0.0.1 and a free port, ``local[2]``, its warehouse and scratch
folders in a temporary folder of its own, stopped by its own process id.

The pip ``pyspark`` has no ``start-connect-server.sh``; ``spark-submit --class
org.apache.spark.sql.connect.service.SparkConnectServer spark-internal`` is what that script
runs. Spark 4 wants Java 17 or later: ``$JAVA_HOME``, else Debian's
``openjdk-17-jre-headless`` (which ``.ci/run`` installs).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from tests.pg_server import _alive, free_port
from timeline.store.spark import stop_session


class ServerMissing(RuntimeError):
    """Spark's jars or a Java runtime are not on this machine."""


def spark_home() -> Path:
    """The installed pyspark's folder, which holds Spark's jars and ``bin/spark-submit``."""
    import pyspark

    home = Path(pyspark.__file__).parent
    if not (home / "bin" / "spark-submit").exists() or not list(
            (home / "jars").glob("spark-connect_*.jar")):
        raise ServerMissing(f"{home} is the thin pyspark-client, without Spark's jars: install "
                            f"requirements-test.txt (the full pyspark)")
    return home


def java_home() -> Path:
    """``$JAVA_HOME``, else Debian's Java 17."""
    named = os.environ.get("JAVA_HOME")
    candidates = [named] if named else sorted(glob.glob("/usr/lib/jvm/java-17-openjdk-*"))
    for folder in candidates:
        if (Path(folder) / "bin" / "java").exists():
            return Path(folder)
    raise ServerMissing("no Java 17 runtime: install Debian's openjdk-17-jre-headless (as "
                        ".ci/run does) or set JAVA_HOME")


class SparkConnectServer:
    """A server of its own: :meth:`start`, :meth:`new_archive`, :meth:`stop`."""

    def __init__(self) -> None:
        self.home, self.java = spark_home(), java_home()
        self.folder = Path(tempfile.mkdtemp(prefix="timeline-spark-"))
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"sc://127.0.0.1:{self.port}"

    def start(self, *, memory: str = "1g", timeout: float = 120) -> SparkConnectServer:
        """Start the server and wait until it answers a query (about 15 s here)."""
        warehouse, scratch = self.folder / "warehouse", self.folder / "tmp"
        scratch.mkdir()
        environment = {**os.environ, "SPARK_HOME": str(self.home),
                       "JAVA_HOME": str(self.java), "SPARK_LOCAL_IP": "127.0.0.1",
                       "SPARK_LOCAL_DIRS": str(scratch), "SPARK_LOG_DIR": str(self.folder),
                       "SPARK_CONF_DIR": str(self.folder)}
        settings = {
            "spark.master": "local[2]", "spark.driver.memory": memory,
            "spark.connect.grpc.binding.address": "127.0.0.1",
            "spark.connect.grpc.binding.port": str(self.port),
            "spark.sql.warehouse.dir": str(warehouse), "spark.local.dir": str(scratch),
            "spark.ui.enabled": "false", "spark.sql.session.timeZone": "UTC",
            "spark.sql.shuffle.partitions": "4",
            # Progress every 50 ms (2 s by default): a test's short queries report some.
            "spark.connect.progress.reportInterval": "50ms",
            "spark.driver.extraJavaOptions": f"-Djava.io.tmpdir={scratch}",
        }
        command = [str(self.home / "bin" / "spark-submit"),
                   "--class", "org.apache.spark.sql.connect.service.SparkConnectServer",
                   *[part for key, value in settings.items()
                     for part in ("--conf", f"{key}={value}")], "spark-internal"]
        log = (self.folder / "server.log").open("wb")
        # Its own process group: the JVM that spark-submit starts is stopped with it.
        self.process = subprocess.Popen(command, env=environment, cwd=self.folder,
                                        stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        self._wait(timeout)
        return self

    def _wait(self, timeout: float) -> None:
        from pyspark.sql import SparkSession
        from pyspark.sql.connect.client.retries import DefaultPolicy

        # First the port, without pyspark: one session, not one per try (see stop_session for
        # what a discarded session can do). pyspark's own retries are no help either: they
        # back off to a minute apart and find the server long after it answers.
        deadline = time.monotonic() + timeout
        while not self._listening():
            if self.process.poll() is not None:
                raise RuntimeError(f"the Spark Connect server stopped at start:\n{self.log()}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the Spark Connect server did not open its port within "
                                   f"{timeout:.0f} s")
            time.sleep(0.2)
        # Then one session, which waits a few seconds at most for the service behind the port.
        session = SparkSession.builder.remote(self.url).create()
        session.client.set_retry_policies([DefaultPolicy(
            max_retries=10, initial_backoff=200, max_backoff=1000)])
        try:
            session.sql("SELECT 1").collect()
        except Exception as error:
            self.stop()
            raise RuntimeError(f"the Spark Connect server opened its port but did not answer: "
                               f"{error}\n{self.log()}") from None
        finally:
            stop_session(session)

    def _listening(self) -> bool:
        with socket.socket() as probe:
            probe.settimeout(1)
            return probe.connect_ex(("127.0.0.1", self.port)) == 0

    def log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def new_archive(self) -> str:
        """The URL of a new, empty archive folder on this server."""
        return f"{self.url}/;archive={self.folder / 'archives' / uuid.uuid4().hex[:12]}"

    def stop(self) -> None:
        """Stop the server by its process id (and its process group: the JVM), then remove
        its folder."""
        if self.process is not None:
            pid = self.process.pid
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGTERM)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and _alive(pid):
                time.sleep(0.1)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            self.process.wait()
            self.process = None
        shutil.rmtree(self.folder, ignore_errors=True)
