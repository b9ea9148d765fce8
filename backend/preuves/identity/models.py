"""Credentials and sign-in state. Secrets are stored only as hashes; nothing lives in memory."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from preuves.core.ids import uuid7
from preuves.core.models import utcnow
from preuves.core.types import UtcDateTime
from preuves.extensions import db


class ApiToken(db.Model):
    __tablename__ = "api_token"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Device(db.Model):
    """A shared tablet enrolled into a structure (or one workshop of it)."""

    __tablename__ = "device"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    structure_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("structure.id"), index=True)
    workshop_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("workshop.id"))
    label: Mapped[str] = mapped_column(String(120))
    credential_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revoked_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    last_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # What a revoked tablet said it still held when it erased itself (counts only).
    last_wipe_report: Mapped[dict | None] = mapped_column(JSON)
    wipe_reported_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Passkey(db.Model):
    """A WebAuthn credential (discoverable) of one person; a person may have several."""

    __tablename__ = "passkey"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    credential_id: Mapped[str] = mapped_column(String(1400), unique=True)  # base64url
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    sign_count: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str] = mapped_column(String(120), default="")
    transports: Mapped[list] = mapped_column(JSON, default=list)
    aaguid: Mapped[str] = mapped_column(String(36), default="")
    backed_up: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Ceremony(db.Model):
    """A WebAuthn challenge: single use, short-lived, kept in the database for every worker."""

    __tablename__ = "webauthn_ceremony"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    purpose: Mapped[str] = mapped_column(String(20))  # register, login, enrol
    challenge: Mapped[str] = mapped_column(String(128), unique=True)  # base64url
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    invitation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class WebSession(db.Model):
    """A browser session behind the `preuves_session` cookie; revocable on the server."""

    __tablename__ = "web_session"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # passkey, picture
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    passkey_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    idle_expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Invitation(db.Model):
    """A one-time link that lets a person register a passkey."""

    __tablename__ = "invitation"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    structure_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("structure.id"), index=True)
    role: Mapped[str] = mapped_column(String(40))
    jury_session_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    replace_passkeys: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class RateCounter(db.Model):
    """A fixed-window counter per key (`login:<ip>`, `picture:<device>:<person>`...)."""

    __tablename__ = "rate_counter"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UtcDateTime())
    count: Mapped[int] = mapped_column(Integer, default=0)


class PictureSecret(db.Model):
    """A candidate's picture sequence, salted and hashed with scrypt."""

    __tablename__ = "picture_secret"

    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    salt: Mapped[bytes] = mapped_column(LargeBinary)
    digest: Mapped[bytes] = mapped_column(LargeBinary)
    set_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    set_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class PictureLock(db.Model):
    """Wrong picture sequences of one person on one tablet; locked after a few."""

    __tablename__ = "picture_lock"

    device_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("device.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class IdentitySettings(db.Model):
    """Per-structure sign-in switches (kept apart from the synced Structure record)."""

    __tablename__ = "identity_settings"

    structure_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("structure.id"), primary_key=True)
    picture_sequence: Mapped[bool] = mapped_column(default=False)
    changed_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
