"""What gunicorn serves (`make run`, the benchmarks): the application, built once per worker.

Once built, the process holds some 200,000 objects that live as long as it does (SQLAlchemy's
mappers, marshmallow schemas, JSON Schemas, Flask's routes). Python's cyclic garbage
collector would walk all of them at each full collection, about every few sync batches: a
pause of 100 ms or more in the middle of a push or a pull. `gc.freeze()` moves them out of
its sight; what requests create is still collected as before.
"""

from __future__ import annotations

import gc

from preuves import create_app

app = create_app()
gc.collect()
gc.freeze()
