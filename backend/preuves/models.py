"""Imports every model so that Alembic and create_all see the whole domain."""

from preuves.audit.models import AuditEvent
from preuves.consents.models import Consent, Signature
from preuves.dossiers.models import Dossier, DossierMember
from preuves.evidence.models import Annotation, Evidence
from preuves.frameworks.models import Block, Competency, Criterion, FrameworkVersion, Level
from preuves.identity.models import ApiToken, Device
from preuves.journal.models import JournalEntry
from preuves.juries.models import Decision, JuryAssignment, JuryMember, JurySession
from preuves.people.models import Guardianship, Membership, Person
from preuves.positionings.models import Positioning
from preuves.structures.models import Structure, Workshop
from preuves.testimonies.models import Testimony

__all__ = [
    "Annotation",
    "ApiToken",
    "AuditEvent",
    "Block",
    "Competency",
    "Consent",
    "Criterion",
    "Decision",
    "Device",
    "Dossier",
    "DossierMember",
    "Evidence",
    "FrameworkVersion",
    "Guardianship",
    "JournalEntry",
    "JuryAssignment",
    "JuryMember",
    "JurySession",
    "Level",
    "Membership",
    "Person",
    "Positioning",
    "Signature",
    "Structure",
    "Testimony",
    "Workshop",
]
