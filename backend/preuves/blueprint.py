"""The route table: every feature's blueprint, in one place."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    """Attach each feature's blueprint; the PWA comes last so the API wins."""
    from preuves.api.views import bp as api_bp
    from preuves.badges.blueprint import bp as badges_bp
    from preuves.badges.blueprint import page_bp as badge_pages_bp
    from preuves.dossiers.views import bp as dossiers_bp
    from preuves.exports.blueprint import bp as exports_bp
    from preuves.frameworks.views import bp as frameworks_bp
    from preuves.identity.blueprint import bp as identity_bp
    from preuves.juries.blueprint import bp as juries_bp
    from preuves.media.blueprint import bp as media_bp
    from preuves.pairings.views import bp as pairings_bp
    from preuves.records.blueprint import bp as records_bp
    from preuves.sync.blueprint import bp as sync_bp
    from preuves.testimonies.blueprint import bp as testimonies_bp
    from preuves.web.views import bp as web_bp

    app.register_blueprint(api_bp)
    app.register_blueprint(identity_bp)
    app.register_blueprint(records_bp)
    app.register_blueprint(sync_bp)
    app.register_blueprint(dossiers_bp)
    app.register_blueprint(media_bp)
    app.register_blueprint(frameworks_bp)
    app.register_blueprint(pairings_bp)
    app.register_blueprint(testimonies_bp)
    app.register_blueprint(juries_bp)
    app.register_blueprint(exports_bp)
    app.register_blueprint(badges_bp)
    app.register_blueprint(badge_pages_bp)
    app.register_blueprint(web_bp)
