"""The running SHA-256 of uploads this process is receiving.

hashlib cannot save its state, so the state lives in this process only, keyed by upload and
offset. When the next PATCH of an upload lands in the same process (one server, or a
keep-alive connection), the hash goes on as the bytes stream. When it lands elsewhere (a
restart, another worker) the cache has no state for that offset: the upload goes on without
one, and the file is hashed once from disk when it is complete (about 1 s per GB). Nothing
is ever trusted from the cache but a state at exactly the upload's committed offset.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from typing import Any

_LIMIT = 512
_lock = threading.Lock()
_states: OrderedDict[uuid.UUID, tuple[int, Any]] = OrderedDict()


def resume(upload_id: uuid.UUID, offset: int) -> Any | None:
    """The hash of the upload's first `offset` bytes, if this process has it."""
    if offset == 0:
        import hashlib

        return hashlib.sha256()
    with _lock:
        found = _states.pop(upload_id, None)
    if found is None or found[0] != offset:
        return None
    return found[1]


def keep(upload_id: uuid.UUID, offset: int, state: Any | None) -> None:
    """Remember the hash at this committed offset for the upload's next PATCH."""
    if state is None:
        return
    with _lock:
        _states[upload_id] = (offset, state)
        _states.move_to_end(upload_id)
        while len(_states) > _LIMIT:
            _states.popitem(last=False)


def forget(upload_id: uuid.UUID) -> None:
    """The upload is complete, failed or terminated."""
    with _lock:
        _states.pop(upload_id, None)
