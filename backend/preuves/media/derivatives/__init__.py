"""Derivatives of stored media: thumbnails, video posters, web-playable copies.

They are made by a background worker (`preuves media-worker`), never inside a request. Each
row of `media_derivative` is both the job and its result: `jobs.py` enqueues and reads them,
`leases.py` hands them out to workers, `worker.py` runs them, `images.py` and `av.py` do the
conversions. Originals are always kept; every derivative is stripped of its metadata (GPS
included), because derivatives are what the screens show.
"""
