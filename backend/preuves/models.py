"""Imports every model so that Alembic and create_all see the whole domain."""

from preuves.audit.models import AuditEvent
from preuves.badges.models import BadgeCredential, IssuerKey
from preuves.consents.models import Consent, Signature
from preuves.dossiers.models import Dossier, DossierMember
from preuves.evidence.models import Annotation, Evidence
from preuves.frameworks.models import (
    Block,
    Competency,
    Criterion,
    FrameworkMedia,
    FrameworkVersion,
    Level,
)
from preuves.identity.models import (
    ApiToken,
    Ceremony,
    Device,
    IdentitySettings,
    Invitation,
    Passkey,
    PictureLock,
    PictureSecret,
    RateCounter,
    WebSession,
)
from preuves.journal.models import JournalEntry
from preuves.juries.models import Decision, JuryAssignment, JuryMember, JurySession
from preuves.media.derivatives.models import Derivative
from preuves.media.models import Blob, MediaLink, Upload
from preuves.pairings.models import StructurePairing
from preuves.people.models import Guardianship, Membership, Person
from preuves.positionings.models import Positioning
from preuves.structures.models import Structure, Workshop
from preuves.sync.models import RecordRevision, SyncClock, SyncConflict, SyncMutation, SyncScope
from preuves.testimonies.models import Testimony, TestimonyRequest

__all__ = [
    "Annotation",
    "ApiToken",
    "AuditEvent",
    "BadgeCredential",
    "Blob",
    "Block",
    "Ceremony",
    "Competency",
    "Consent",
    "Criterion",
    "Decision",
    "Derivative",
    "Device",
    "Dossier",
    "DossierMember",
    "Evidence",
    "FrameworkMedia",
    "FrameworkVersion",
    "Guardianship",
    "IdentitySettings",
    "Invitation",
    "IssuerKey",
    "JournalEntry",
    "JuryAssignment",
    "JuryMember",
    "JurySession",
    "Level",
    "MediaLink",
    "Membership",
    "Passkey",
    "Person",
    "PictureLock",
    "PictureSecret",
    "Positioning",
    "RateCounter",
    "RecordRevision",
    "Signature",
    "Structure",
    "StructurePairing",
    "SyncClock",
    "SyncConflict",
    "SyncMutation",
    "SyncScope",
    "Testimony",
    "TestimonyRequest",
    "Upload",
    "WebSession",
    "Workshop",
]
