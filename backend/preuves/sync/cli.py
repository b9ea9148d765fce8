"""`preuves sync-purge`: forget old tombstones and remembered mutations."""

from __future__ import annotations

import click

from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.sync import retention


@click.command("sync-purge")
@click.option(
    "--days",
    type=click.IntRange(min=1),
    default=None,
    help="Keep this many days (default PREUVES_SYNC_RETENTION_DAYS, 180).",
)
def sync_purge(days: int | None) -> None:
    """Purge old tombstones, remembered mutations and superseded revisions.

    Devices whose cursor is older than a purged tombstone resync from scratch.
    """
    counts = retention.purge(utcnow(), days or retention.retention_days())
    db.session.commit()
    for key, value in counts.items():
        click.echo(f"{key}: {value}")
