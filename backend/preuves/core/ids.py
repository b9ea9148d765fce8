"""UUIDv7 identifiers (time-ordered, so records created together sit together in indexes)."""

from __future__ import annotations

import os
import time
import uuid
from functools import lru_cache


def uuid7() -> uuid.UUID:
    """A new UUID version 7: 48 bits of Unix milliseconds, then random bits."""
    millis = time.time_ns() // 1_000_000
    value = (millis & ((1 << 48) - 1)) << 80
    value |= int.from_bytes(os.urandom(10), "big") & ((1 << 80) - 1)
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
    return uuid.UUID(int=value)


@lru_cache(maxsize=8192)
def parse_uuid(text: str) -> uuid.UUID:
    """`uuid.UUID(text)`, remembered: a sync batch reads each of its 500 mutation and record
    ids in several places, and parsing costs more than a look-up. ValueError as uuid.UUID."""
    return uuid.UUID(text)
