"""Fixtures shared by every test: an app on a fresh database (SQLite, or PostgreSQL when
TEST_DATABASE_URL is set), its test client, and factories."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from preuves import create_app
from preuves.config import normalise_database_url
from preuves.extensions import db
from schema_once import SchemaOnce


def app_config(tmp_path: Path) -> dict[str, Any]:
    """Settings for an app under test; the database comes from TEST_DATABASE_URL if set."""
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite3'}"
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(url),
        "BLOB_DIR": str(tmp_path / "blobs"),
    }


# On PostgreSQL every test shares one database: its schema is built once and emptied after
# each test. On SQLite each test has a database file of its own, as cheap to make as that.
SHARED_SCHEMA = SchemaOnce()


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    application = create_app(app_config(tmp_path))
    shared = "TEST_DATABASE_URL" in os.environ
    with application.app_context():
        if shared:
            SHARED_SCHEMA.ready()
        else:
            db.create_all()
        yield application
        if shared:
            SHARED_SCHEMA.empty()
        else:
            db.session.remove()
            db.drop_all()
        db.engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def _drop_the_shared_schema() -> Iterator[None]:
    """Leave the shared database as the run found it: empty of tables."""
    yield
    if "TEST_DATABASE_URL" in os.environ and SHARED_SCHEMA.initial is not None:
        application = create_app(app_config(Path(tempfile.mkdtemp(prefix="preuves-end-"))))
        with application.app_context():
            SHARED_SCHEMA.drop()
            db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
