"""The French words documents (exports, badges) print for the domain's codes, and French dates.

Written by hand, as the commitment letter does: no locale data, so the same dossier gives the
same text on every server.
"""

from __future__ import annotations

from datetime import date, datetime

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")  # fmt: skip

SCHEMES = {
    "rae": "Reconnaissance des acquis de l'expérience (RAE)",
    "rsfp": "Reconnaissance des savoir-faire professionnels (RSFP)",
    "afest": "Action de formation en situation de travail (AFEST)",
    "vae": "Validation des acquis de l'expérience (VAE)",
    "cqp": "Certificat de qualification professionnelle (CQP)",
    "open_badge": "Open Badge",
}
MODALITIES = {
    "poste_de_travail": "Au poste de travail",
    "entretien_externe": "Entretien externe",
    "externe_avec_stage": "Externe avec un stage",
}
OUTCOMES = {
    "acquis": "Acquis",
    "en_cours_d_acquisition": "En cours d'acquisition",
    "non_acquis": "Non acquis",
}
OVERALL_OUTCOMES = {
    "validation_totale": "Validation totale",
    "validation_partielle": "Validation partielle",
    "non_validation": "Non-validation",
}
JURY_ROLES = {
    "professionnel_metier": "Professionnel du métier",
    "encadrant_autre_structure": "Encadrant d'une autre structure",
    "directeur_structure": "Directeur de la structure",
    "representant_organisme": "Représentant de l'organisme valideur",
    "directeur_esms": "Directeur d'ESMS",
    "tuteur_stage": "Tuteur de stage",
    "referent_rsfp": "Référent RSFP",
}
TESTIMONY_KINDS = {"testimony": "Témoignage", "endorsement": "Recommandation"}
ANNOTATION_KINDS = {"comment": "Commentaire", "a_refaire": "À refaire", "validated": "Validé"}
EVIDENCE_KINDS = {
    "photo": "Photo",
    "video": "Vidéo",
    "audio": "Message vocal",
    "text": "Texte",
    "document": "Document",
}
STATUSES = {
    "planned": "prévue",
    "open": "ouverte",
    "closed": "close",
    "cancelled": "annulée",
}


def french_date(value: date | datetime | None) -> str:
    """15 février 2027 (a datetime is shown by its UTC day)."""
    if value is None:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def label(table: dict[str, str], code: str | None) -> str:
    """The French word for a code; the code itself when the table has none."""
    return table.get(code or "", code or "")
