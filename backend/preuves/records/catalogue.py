"""Every synced record type, as a table. Add a type here and it gets the API and sync."""

from __future__ import annotations

from preuves.consents.models import Consent, Signature
from preuves.consents.schemas import ConsentSchema, SignatureSchema
from preuves.dossiers.models import Dossier, DossierMember
from preuves.dossiers.schemas import DossierMemberSchema, DossierSchema
from preuves.evidence.models import Annotation, Evidence
from preuves.evidence.schemas import AnnotationSchema, EvidenceSchema
from preuves.frameworks.models import FrameworkVersion
from preuves.frameworks.schemas import FrameworkVersionSchema
from preuves.journal.models import JournalEntry
from preuves.journal.schemas import JournalEntrySchema
from preuves.juries.models import Decision, JuryAssignment, JuryMember, JurySession
from preuves.juries.schemas import (
    DecisionSchema,
    JuryAssignmentSchema,
    JuryMemberSchema,
    JurySessionSchema,
)
from preuves.people.models import Guardianship, Membership, Person
from preuves.people.schemas import GuardianshipSchema, MembershipSchema, PersonSchema
from preuves.positionings.models import Positioning
from preuves.positionings.schemas import PositioningSchema
from preuves.records.registry import RecordType
from preuves.structures.models import Structure, Workshop
from preuves.structures.schemas import StructureSchema, WorkshopSchema
from preuves.testimonies.models import Testimony
from preuves.testimonies.schemas import TestimonySchema

MUTABLE, APPEND_ONLY = False, True

_TYPES = (
    RecordType("structure", Structure, StructureSchema, append_only=False),
    RecordType("workshop", Workshop, WorkshopSchema, False, fixed_fields=("structure_id",)),
    RecordType("person", Person, PersonSchema, MUTABLE),
    RecordType(
        "membership",
        Membership,
        MembershipSchema,
        MUTABLE,
        fixed_fields=("person_id", "structure_id", "role"),
    ),
    RecordType(
        "guardianship",
        Guardianship,
        GuardianshipSchema,
        MUTABLE,
        fixed_fields=("guardian_id", "ward_id"),
    ),
    RecordType(
        "framework_version",
        FrameworkVersion,
        FrameworkVersionSchema,
        MUTABLE,
        fixed_fields=("structure_id",),
    ),
    RecordType(
        "dossier", Dossier, DossierSchema, MUTABLE, fixed_fields=("structure_id", "candidate_id")
    ),
    RecordType(
        "dossier_member",
        DossierMember,
        DossierMemberSchema,
        MUTABLE,
        fixed_fields=("dossier_id", "person_id"),
    ),
    RecordType("evidence", Evidence, EvidenceSchema, APPEND_ONLY, author_field="author_id"),
    RecordType("annotation", Annotation, AnnotationSchema, APPEND_ONLY, author_field="author_id"),
    RecordType(
        "positioning", Positioning, PositioningSchema, APPEND_ONLY, author_field="author_id"
    ),
    RecordType("testimony", Testimony, TestimonySchema, APPEND_ONLY),
    RecordType(
        "journal_entry", JournalEntry, JournalEntrySchema, APPEND_ONLY, author_field="author_id"
    ),
    RecordType("consent", Consent, ConsentSchema, APPEND_ONLY),
    RecordType("signature", Signature, SignatureSchema, APPEND_ONLY),
    RecordType(
        "jury_session", JurySession, JurySessionSchema, MUTABLE, fixed_fields=("structure_id",)
    ),
    RecordType(
        "jury_member",
        JuryMember,
        JuryMemberSchema,
        MUTABLE,
        fixed_fields=("session_id", "person_id"),
    ),
    RecordType(
        "jury_assignment",
        JuryAssignment,
        JuryAssignmentSchema,
        MUTABLE,
        fixed_fields=("session_id", "dossier_id"),
    ),
    RecordType("decision", Decision, DecisionSchema, APPEND_ONLY, author_field="decided_by_id"),
)

RECORD_TYPES: dict[str, RecordType] = {t.name: t for t in _TYPES}

# Children before parents: deleting rows in this order never leaves a foreign key dangling.
CHILDREN_FIRST = (
    "annotation",
    "decision",
    "jury_assignment",
    "consent",
    "signature",
    "testimony",
    "journal_entry",
    "positioning",
    "evidence",
    "dossier_member",
    "jury_member",
    "guardianship",
    "membership",
    "dossier",
    "jury_session",
    "framework_version",
    "workshop",
    "person",
    "structure",
)
