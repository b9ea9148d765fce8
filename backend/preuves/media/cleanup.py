"""Clean up uploads nobody will finish: `preuves media-cleanup`, from a timer or cron.

An upload is dropped, with its partial file, once its expiry has passed (60 days after its
last PATCH by default). Partial files no upload row knows (a dossier erased meanwhile) go
after a day. Stored blobs are never touched here.
"""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime

import click
from flask.cli import with_appcontext
from sqlalchemy import delete, or_, select

from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.media import settings
from preuves.media.models import Upload
from preuves.media.uploads import forget_bytes

ORPHAN_SECONDS = 24 * 3600


def expired_uploads(now: datetime) -> list[uuid.UUID]:
    """Uploads past their expiry that no PATCH is holding right now."""
    query = select(Upload.id).where(
        Upload.expires_at < now, or_(Upload.locked_until.is_(None), Upload.locked_until < now)
    )
    return list(db.session.scalars(query))


def orphan_files(known: set[str], now: float) -> list:
    """Partial files no upload row names, untouched for a day."""
    folder = settings.upload_dir()
    if not folder.is_dir():
        return []
    return [
        path
        for path in folder.glob("*.part")
        if path.stem not in known and now - path.stat().st_mtime > ORPHAN_SECONDS
    ]


def clean(dry_run: bool = False) -> dict[str, int]:
    """Drop expired uploads and orphan partial files; returns what went."""
    now = utcnow()
    doomed = expired_uploads(now)
    known = {str(i) for i in db.session.scalars(select(Upload.id))} - {str(i) for i in doomed}
    orphans = orphan_files(known, time.time())
    if not dry_run:
        for upload_id in doomed:
            forget_bytes(upload_id)
        for chunk in range(0, len(doomed), 500):
            db.session.execute(delete(Upload).where(Upload.id.in_(doomed[chunk : chunk + 500])))
        db.session.commit()
        for path in orphans:
            path.unlink(missing_ok=True)
    return {"uploads": len(doomed), "orphan_files": len(orphans)}


@click.command("media-cleanup")
@click.option("--dry-run", is_flag=True, help="Say what would go; change nothing.")
@with_appcontext
def media_cleanup(dry_run: bool) -> None:
    """Drop expired uploads and their partial files (run daily from a timer or cron)."""
    counts = clean(dry_run)
    verb = "seraient supprimés (would go)" if dry_run else "supprimés (removed)"
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    click.echo(
        f"{stamp} envois expirés {verb}: {counts['uploads']} uploads, "
        f"{counts['orphan_files']} orphan partial files."
    )
