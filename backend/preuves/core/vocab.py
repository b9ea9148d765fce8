"""The closed vocabularies of the domain, each defined once.

The JSON Schemas in shared_schemas/ repeat these lists as `enum`s for the clients; the
contract test checks that both agree.
"""

from __future__ import annotations

from sqlalchemy import Enum

STRUCTURE_KINDS = ("esat", "ea", "ime", "iae", "organisme_valideur")
LOCALES = ("fr", "en")
ROLES = ("candidate", "support_worker", "lead", "jury_member", "admin")
STAFF_ROLES = frozenset({"support_worker", "lead", "admin"})
MANAGER_ROLES = frozenset({"lead", "admin"})
GUARDIANSHIP_KINDS = ("parent", "tuteur", "curateur")
SCHEMES = ("rae", "rsfp", "afest", "vae", "cqp", "open_badge")
MODALITIES = ("poste_de_travail", "entretien_externe", "externe_avec_stage")
DOSSIER_STATUSES = ("ouvert", "pret_pour_jury", "presente", "clos", "abandonne")
DOSSIER_MEMBER_ROLES = ("support_worker", "evaluator")
FRAMEWORK_KINDS = ("transversal", "trade")
FRAMEWORK_STATUSES = ("draft", "published", "retired")
EVIDENCE_KINDS = ("photo", "video", "audio", "text", "document")
PEOPLE_IN_PICTURE = ("nobody", "someone_consenting", "someone_not_asked", "unknown")
POSITIONING_KINDS = ("self", "co", "jury")
ANNOTATION_KINDS = ("comment", "a_refaire", "validated")
TESTIMONY_KINDS = ("testimony", "endorsement")
JOURNAL_PHASES = ("before", "during", "after", "free")
JOURNAL_AUTHOR_ROLES = ("candidate", "trainer")
CONSENT_KINDS = ("image_rights", "data_processing", "sharing_with_jury")
SIGNED_DOCUMENTS = ("commitment_letter", "jury_minutes", "consent_form")
SIGNER_ROLES = ("candidate", "guardian", "lead", "support_worker", "jury_member")
JURY_ROLES = (
    "professionnel_metier",
    "encadrant_autre_structure",
    "directeur_structure",
    "representant_organisme",
    "directeur_esms",
    "tuteur_stage",
    "referent_rsfp",
)
JURY_SESSION_STATUSES = ("planned", "open", "closed", "cancelled")
DECISION_OUTCOMES = ("acquis", "en_cours_d_acquisition", "non_acquis")
OVERALL_OUTCOMES = ("validation_totale", "validation_partielle", "non_validation")

# The steps each scheme walks through, in order (DOMAIN.md).
SCHEME_STEPS: dict[str, tuple[str, ...]] = {
    "rae": (
        "engagement",
        "positionnement",
        "mobilisation",
        "entretien_valorisation",
        "mise_en_perspective",
        "valorisation",
    ),
    "rsfp": ("engagement", "positionnement", "evaluation_croisee", "jury", "portefeuille"),
    "afest": ("positionnement", "mises_en_situation", "evaluation_finale"),
    "vae": ("recevabilite", "dossier", "jury"),
    "cqp": ("positionnement", "formation", "evaluation", "jury"),
    "open_badge": ("preuves", "attribution"),
}


def choice(name: str, values: tuple[str, ...]) -> Enum:
    """A portable enum column: VARCHAR plus a CHECK constraint on both databases."""
    return Enum(*values, name=name, native_enum=False, create_constraint=True, length=40)
