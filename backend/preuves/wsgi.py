"""What gunicorn serves (`make run`, the benchmarks): the application, built once per worker,
in a process tuned for what its requests do.

- Once built, the process holds some 200,000 objects that live as long as it does
  (SQLAlchemy's mappers, marshmallow schemas, JSON Schemas, Flask's routes). Python's
  cyclic garbage collector would walk all of them at each full collection, about every few
  sync batches: a pause of 100 ms or more in the middle of a push or a pull.
  `gc.freeze()` moves them out of its sight; what requests create is collected as before.
- gunicorn reads an upload's body into fresh buffers of about 1 MiB. With glibc's
  defaults many come from mmap() or from a heap it just trimmed: new memory, faulted in
  page by page (~200,000 page faults per GiB uploaded, a tenth of the server's CPU on a
  2-core machine). glibc is told to keep freed blocks under 4 MiB and up to 16 MiB per
  heap for reuse, which costs no more memory than the pieces in flight already hold.
- What a first sync push would build for each record type (validators, load and dump
  plans) is built before the first request, and frozen with the rest (sync/warmup.py).
"""

from __future__ import annotations

import ctypes
import gc

from preuves import create_app
from preuves.sync.warmup import build_record_machinery

MIB = 1024 * 1024
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # <malloc.h>


def keep_freed_memory() -> None:
    """Let glibc reuse freed upload buffers; other C libraries have no mallopt: nothing."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(M_MMAP_THRESHOLD, 4 * MIB)
    mallopt(M_TRIM_THRESHOLD, 16 * MIB)


keep_freed_memory()
app = create_app()
build_record_machinery(app.config["SCHEMAS_DIR"])
gc.collect()
gc.freeze()
