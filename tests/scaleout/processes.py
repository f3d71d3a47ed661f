"""Real processes for the scale-out tests: redis-server on a free loopback port, and newsmon
commands (``worker``, ``run``) in their own process groups with their output in a log file."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.conftest import REPO_ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RedisServer:
    """``redis-server`` without persistence in a temporary folder; can be stopped and restarted
    on the same port (a restart loses everything, like a crash without persistence)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [
            shutil.which("redis-server") or "redis-server",
            *("--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"),
        ]
        self.process = subprocess.Popen(
            command,
            cwd=self.directory,
            stdout=(self.directory / "redis.log").open("ab"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)
        self.process = None


class Newsmon:
    """One long-running ``newsmon --config-dir CONFIG ARGS`` process."""

    def __init__(self, config: Path, log: Path, *args: str, env: dict[str, str] | None = None):
        self.log_path = log
        environment = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
        environment.update(env or {})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "scheduler.cli", "--config-dir", str(config), *args],
            cwd=REPO_ROOT,
            env=environment,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_for(self, condition: Callable[[], bool], timeout: float, what: str) -> float:
        """Seconds until ``condition()`` holds; fails if the process dies or time runs out."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if condition():
                return time.monotonic() - start
            assert self.alive, f"process died waiting for {what}:\n{self.log[-4000:]}"
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}\n{self.log[-4000:]}")

    def wait_for_log(self, text: str, timeout: float = 60) -> float:
        return self.wait_for(lambda: text in self.log, timeout, repr(text))

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60) -> int:
        if self.alive:
            self.process.send_signal(sig)
        return self.process.wait(timeout=timeout)

    def kill_group(self) -> None:
        """``kill -9`` the process group (the process and anything it started in it)."""
        if self.alive:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
