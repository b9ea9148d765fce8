"""Preuves as `make run` serves it, the PWA from the bench's own snapshot of the build.

`gunicorn --pythonpath bench 'jury_app:create_app()'` (bench/jury.py). Another `make pwa`
during a run rebuilds pwa/dist in place; a service worker installing meanwhile would fail.
"""

from __future__ import annotations

import os

from flask import Flask

import preuves


def create_app() -> Flask:
    app = preuves.create_app()  # the environment's settings, as `make run`
    app.config["PWA_DIR"] = os.environ["BENCH_JURY_PWA_DIR"]
    return app
