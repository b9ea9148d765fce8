"""Sign-in with pictures on an enrolled tablet: the fixed set of 12 pictures, the secret
sequences (scrypt, salted) and the lock after a few wrong tries.

The PWA ships one pictogram per name below; the names are the API's picture ids.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import uuid
from typing import Any

from flask import g
from sqlalchemy import delete

from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.identity.models import PictureLock, PictureSecret
from preuves.identity.settings import minutes, setting

PICTURES = (
    "sun", "apple", "cat", "car", "tree", "house", "star", "fish", "flower", "ball", "bike", "cup",
)  # fmt: skip
SEQUENCE_LENGTHS = range(3, 6)
# Slow on purpose, still quick enough for a tablet waiting on a tap (about 30 ms).
SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def checked_sequence(sequence: Any) -> list[str]:
    """3 to 5 picture ids of the fixed set (repeats allowed)."""
    if (
        not isinstance(sequence, list)
        or len(sequence) not in SEQUENCE_LENGTHS
        or any(item not in PICTURES for item in sequence)
    ):
        raise Problem("bad_request", f"sequence is 3 to 5 of: {', '.join(PICTURES)}.")
    return sequence


def _digest(sequence: list[str], salt: bytes) -> bytes:
    return hashlib.scrypt("/".join(sequence).encode(), salt=salt, **SCRYPT)


def set_secret(person_id: uuid.UUID, sequence: Any, by: uuid.UUID) -> None:
    """Store a new sequence (hash only) and lift every lock on that person."""
    sequence = checked_sequence(sequence)
    salt = os.urandom(16)
    secret = db.session.get(PictureSecret, person_id) or PictureSecret(person_id=person_id)
    secret.salt, secret.digest = salt, _digest(sequence, salt)
    secret.set_by_id, secret.set_at = by, utcnow()
    db.session.add(secret)
    unlock(person_id)


def has_secret(person_id: uuid.UUID) -> bool:
    return db.session.get(PictureSecret, person_id) is not None


def unlock(person_id: uuid.UUID) -> None:
    db.session.execute(delete(PictureLock).where(PictureLock.person_id == person_id))
    db.session.flush()


def refuse_if_locked(device_id: uuid.UUID, person_id: uuid.UUID) -> None:
    """A person locked on this tablet is refused before anything is counted or compared."""
    lock = db.session.get(PictureLock, (device_id, person_id))
    if lock is None or lock.locked_at is None:
        return
    until = lock.locked_at + minutes("PICTURE_LOCK_MINUTES")
    if utcnow() < until:
        g.quiet_refusal = True  # audited once, when it locked
        raise Problem(
            "ask_support_worker",
            "Locked after wrong pictures: a support worker unlocks it.",
            retry_after=int((until - utcnow()).total_seconds()) + 1,
        )


def check_sequence(device_id: uuid.UUID, person_id: uuid.UUID, sequence: Any) -> None:
    """Compare a try with the secret; wrong ones count, and lock the person on the tablet.

    The only commit in an operation here, with ratelimit.hit and ceremonies.take: what a
    refused attempt spent must stay spent.
    """
    refuse_if_locked(device_id, person_id)
    sequence = checked_sequence(sequence)
    lock = _lock(device_id, person_id)
    secret = db.session.get(PictureSecret, person_id)
    if secret is not None and hmac.compare_digest(secret.digest, _digest(sequence, secret.salt)):
        lock.failures, lock.locked_at = 0, None
        return
    lock.failures = 1 if lock.locked_at is not None else lock.failures + 1  # a lock that expired
    left = setting("PICTURE_MAX_FAILURES") - lock.failures
    lock.locked_at = utcnow() if left <= 0 else None
    # A wrong try must count even though the request fails: kept before refusing.
    db.session.commit()
    if left <= 0:
        raise Problem("ask_support_worker", "Too many wrong pictures: ask a support worker.")
    raise Problem("picture_wrong", "These are not the right pictures.", tries_left=left)


def _lock(device_id: uuid.UUID, person_id: uuid.UUID) -> PictureLock:
    lock = db.session.get(PictureLock, (device_id, person_id))
    if lock is None:
        lock = PictureLock(device_id=device_id, person_id=person_id, failures=0)
        db.session.add(lock)
        db.session.flush()
    return lock
