"""A real server for upload tests: gunicorn in its own process group (so a crash and a restart
are real), and a TCP proxy in front of it that counts body bytes and cuts connections."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Gunicorn:
    """`make run`'s server (gthread, 2 workers) on the test's database and folders."""

    env: dict[str, str]
    log: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        command = [
            str(GUNICORN), "--bind", f"127.0.0.1:{self.port}", "--worker-class", "gthread",
            "--workers", "2", "--threads", "4", "--graceful-timeout", "2",
            "--no-control-socket", "preuves.wsgi:app",
        ]  # fmt: skip
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, env=os.environ | self.env, stdout=log, stderr=log, preexec_fn=_own_group
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/api/v1/health", timeout=1) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not start; see {self.log}")

    def _signal_group(self, signum: int) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signum)  # the group this test started, by its id

    def crash(self) -> None:
        """SIGKILL master and workers at once: a power cut, as far as the app can tell."""
        self._signal_group(signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=10)

    def stop(self) -> None:
        self._signal_group(signal.SIGTERM)
        if self.process is not None:
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.crash()


def _own_group() -> None:
    """In the child: a process group of its own (crash() kills exactly it), and SIGTERM
    if the test process dies first, so no server outlives an interrupted test run."""
    os.setsid()
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG


class CuttingProxy:
    """Forwards TCP to a server. Counts the request body bytes it forwarded (what the client
    sent) and, once the count passes a threshold, runs an action and cuts that connection."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.body_bytes = 0
        self.lock = threading.Lock()
        self.plan: list[tuple[int, Callable[[], None]]] = []
        self.cuts = 0
        self.closed = False
        threading.Thread(target=self._accept, daemon=True, name="proxy").start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cut_at(self, body_bytes: int, action: Callable[[], None] = lambda: None) -> None:
        self.plan.append((body_bytes, action))
        self.plan.sort(key=lambda item: item[0])

    def close(self) -> None:
        self.closed = True
        self.listener.close()

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            except OSError:
                client.close()
                continue
            threading.Thread(target=self._up, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._down, args=(upstream, client), daemon=True).start()

    def _up(self, client: socket.socket, upstream: socket.socket) -> None:
        head, in_body = b"", False
        try:
            while data := client.recv(256 * 1024):
                if not in_body:
                    head += data
                    if b"\r\n\r\n" not in head:
                        upstream.sendall(data)
                        continue
                    in_body = True
                    header_end = head.index(b"\r\n\r\n") + 4
                    body = head[header_end:]
                    upstream.sendall(data[: len(data) - len(body)])
                    data = body
                if data and not self._forward_body(data, client, upstream):
                    return
        except OSError:
            pass
        finally:
            _close(client, upstream)

    def _forward_body(self, data: bytes, client: socket.socket, upstream: socket.socket) -> bool:
        with self.lock:
            threshold = self.plan[0][0] if self.plan else None
            if threshold is not None and self.body_bytes + len(data) >= threshold:
                keep = threshold - self.body_bytes
                upstream.sendall(data[:keep])
                self.body_bytes += keep
                _, action = self.plan.pop(0)
                self.cuts += 1
                action()
                _close(client, upstream)
                return False
            self.body_bytes += len(data)
        upstream.sendall(data)
        return True

    def _down(self, upstream: socket.socket, client: socket.socket) -> None:
        try:
            while data := upstream.recv(256 * 1024):
                client.sendall(data)
        except OSError:
            pass
        finally:
            _close(client, upstream)


def _close(*sockets: socket.socket) -> None:
    for sock in sockets:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()
