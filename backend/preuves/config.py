"""Configuration: defaults, then the environment (PREUVES_*, DATABASE_URL, PORT)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from preuves.core import jsontext
from preuves.media import settings as media_settings

REPO_ROOT = Path(__file__).resolve().parents[2]


def instance_dir() -> Path:
    """Where the embedded database and the blob store live unless configured."""
    return Path(os.environ.get("PREUVES_INSTANCE", REPO_ROOT / "instance")).resolve()


def defaults(instance: Path) -> dict[str, Any]:
    """Settings that work out of the box on one machine."""
    return {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'preuves.sqlite3'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "json_serializer": jsontext.to_text},
        "SCHEMAS_DIR": str(REPO_ROOT / "shared_schemas"),
        "PWA_DIR": str(REPO_ROOT / "pwa" / "dist"),
        "BLOB_DIR": str(instance / "blobs"),
        "CORS_ORIGINS": [],
        "MAX_CONTENT_LENGTH": 8 * 1024 * 1024,
        "TOKEN_DAYS": 90,
        # A jury's offline copy is erased this many days after the session, even offline.
        "JURY_OFFLINE_DAYS": 30,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
    } | media_settings.defaults()


def from_environment() -> dict[str, Any]:
    """Settings an operator gives through the environment (see README)."""
    settings: dict[str, Any] = {}
    if url := os.environ.get("DATABASE_URL"):
        settings["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(url)
    settings["SECRET_KEY"] = os.environ.get("PREUVES_SECRET_KEY") or secret_key(instance_dir())
    settings["PROXY_FIX"] = os.environ.get("PREUVES_PROXY_FIX") == "1"
    if blob_dir := os.environ.get("PREUVES_BLOB_DIR"):
        settings["BLOB_DIR"] = blob_dir
    if origins := os.environ.get("PREUVES_CORS_ORIGINS"):
        settings["CORS_ORIGINS"] = [o.strip() for o in origins.split(",") if o.strip()]
    if days := os.environ.get("PREUVES_SYNC_RETENTION_DAYS"):
        settings["SYNC_MUTATION_RETENTION_DAYS"] = int(days)
    settings |= _identity_from_environment()
    for name in ("TESTIMONY_LINK_DAYS", "JURY_OFFLINE_DAYS"):
        if value := os.environ.get(f"PREUVES_{name}"):
            settings[name] = int(value)
    return settings | media_settings.from_environment()


def _identity_from_environment() -> dict[str, Any]:
    """The WebAuthn relying party and session lifetimes (docs/identity.md)."""
    settings: dict[str, Any] = {}
    if rp_id := os.environ.get("PREUVES_RP_ID"):
        settings["WEBAUTHN_RP_ID"] = rp_id.strip()
    if origins := os.environ.get("PREUVES_ORIGIN"):
        settings["WEBAUTHN_ORIGINS"] = [
            o.strip().rstrip("/") for o in origins.split(",") if o.strip()
        ]
    for name in ("SESSION_IDLE_MINUTES", "SESSION_MAX_HOURS", "INVITATION_DAYS"):
        if value := os.environ.get(f"PREUVES_{name}"):
            settings[name] = int(value)
    return settings


def secret_key(instance: Path) -> str:
    """A secret made once per installation and kept in the instance folder."""
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for postgresql:// URLs, the driver we ship."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def configure_sqlite(app: Flask) -> None:
    """Turn on WAL and foreign keys for every SQLite connection."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return

    @event.listens_for(Engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        if type(dbapi_connection).__module__ != "sqlite3":
            return
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()
