"""Preuves: dossiers de preuves pour la reconnaissance des compétences."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from preuves import config
from preuves.core import errors, requestlog
from preuves.extensions import cors, db, migrate
from preuves.identity import tokens
from preuves.sync import seq as sync_seq


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the application: API under /api/v1, the built PWA at /."""
    app = Flask(__name__, instance_path=str(config.instance_dir()), static_folder=None)
    app.config.from_mapping(config.defaults(Path(app.instance_path)))
    if test_config is None:
        app.config.from_mapping(config.from_environment())
    else:
        app.config.from_mapping(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"))
    cors.init_app(app, resources={r"/api/*": {"origins": app.config["CORS_ORIGINS"]}})
    requestlog.init_app(app)
    tokens.init_app(app)
    errors.init_app(app)
    config.configure_sqlite(app)
    sync_seq.init_app()
    if app.config.get("PROXY_FIX"):
        # Behind a reverse proxy (HTTPS for the tablets): trust one hop of X-Forwarded-*.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]

    from preuves import models  # noqa: F401  (registers every table)
    from preuves.blueprint import register_blueprints

    register_blueprints(app)
    return app
