"""Fixtures shared by every test: an app on a fresh database (SQLite, or PostgreSQL when
TEST_DATABASE_URL is set), its test client, and factories."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from preuves import create_app
from preuves.config import normalise_database_url
from preuves.extensions import db


def app_config(tmp_path: Path) -> dict[str, Any]:
    """Settings for an app under test; the database comes from TEST_DATABASE_URL if set."""
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite3'}"
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(url),
        "BLOB_DIR": str(tmp_path / "blobs"),
    }


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    application = create_app(app_config(tmp_path))
    with application.app_context():
        db.drop_all()
        db.create_all()
        yield application
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
