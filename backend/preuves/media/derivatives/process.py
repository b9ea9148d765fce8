"""Run a conversion tool while keeping the job's lease alive."""

from __future__ import annotations

import logging
import subprocess
import tempfile
import time
from collections.abc import Callable

from preuves.media.derivatives.errors import ConversionFailed

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 30.0

# Renews the lease; False when another worker has taken the job over.
Heartbeat = Callable[[], bool]


class LeaseLost(Exception):
    """Another worker took the job over (ours looked dead): stop, it will finish it."""


def run_tool(command: list[str], heartbeat: Heartbeat, timeout: float = 3600.0) -> None:
    """Run command; renew the lease every HEARTBEAT_SECONDS; ConversionFailed on failure."""
    deadline = time.monotonic() + timeout
    with tempfile.TemporaryFile() as stderr:
        # stderr to a file, not a pipe: a chatty tool can never block on a full pipe.
        tool = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=stderr, stderr=stderr)
        try:
            while True:
                try:
                    code = tool.wait(timeout=HEARTBEAT_SECONDS)
                    break
                except subprocess.TimeoutExpired:
                    if time.monotonic() > deadline:
                        raise ConversionFailed("The conversion took too long.") from None
                    if not heartbeat():
                        raise LeaseLost(command[0]) from None
        finally:
            if tool.poll() is None:
                tool.kill()
                tool.wait()
        if code != 0:
            stderr.seek(0)
            tail = stderr.read()[-2000:].decode("utf-8", "replace")
            log.warning("%s exited with %s: %s", command[0], code, tail)
            raise ConversionFailed("The file could not be converted: it may be damaged.")
