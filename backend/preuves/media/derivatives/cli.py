"""`preuves media-worker`: make the derivatives, beside the web server, never inside it."""

from __future__ import annotations

import logging
import signal
import sys
from types import FrameType

import click
from flask.cli import with_appcontext

from preuves.media.derivatives import worker


@click.command("media-worker")
@click.option("--once", is_flag=True, help="Make every waiting derivative, then exit.")
@click.option(
    "--sleep",
    "idle_seconds",
    type=click.FloatRange(0.1, 600),
    default=2.0,
    show_default=True,
    help="Seconds to wait when no job is waiting.",
)
@with_appcontext
def media_worker(once: bool, idle_seconds: float) -> None:
    """Make thumbnails, posters and web copies of uploaded media (run one or several)."""
    logging.basicConfig(
        stream=sys.stderr, level=logging.INFO, format="media-worker %(levelname)s %(message)s"
    )
    stopping: list[int] = []

    def stop(signum: int, _frame: FrameType | None) -> None:
        # The first signal finishes the job in hand (its lease would otherwise hold it for
        # minutes); a second one stops at once: the conversion is killed, the lease expires,
        # and another worker takes the job again.
        if stopping:
            raise SystemExit(128 + signum)
        stopping.append(signum)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop)
    done = worker.run(once, idle_seconds, should_stop=lambda: bool(stopping))
    click.echo(f"media-worker: {done} dérivé(s) traité(s) (derivatives processed).")
