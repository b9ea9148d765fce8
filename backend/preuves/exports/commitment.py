"""The commitment letter's text, as the device makes it (pwa/src/lib/letters/commitment.js).

Each signature holds the SHA-256 of that text. `letter_text` is the same function, line for
line, fed from the same records in the same order (the device lists records by id), so the
server finds the same bytes and can say which signatures still hold. tests/test_exports_pdf.py
runs both on one input; change them together.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from preuves.dossiers.models import Dossier, DossierMember
from preuves.extensions import db
from preuves.frameworks.models import FrameworkVersion
from preuves.people.models import Guardianship, Membership, Person
from preuves.structures.models import Structure

SCHEME_WORDS = {
    "rae": "la Reconnaissance des Acquis de l’Expérience",
    "rsfp": "la Reconnaissance des Savoir-Faire Professionnels",
    "afest": "une formation en situation de travail",
    "vae": "la Validation des Acquis de l’Expérience",
    "cqp": "un Certificat de Qualification Professionnelle",
    "open_badge": "un badge numérique",
}
MODALITY_WORDS = {
    "poste_de_travail": "Je montre mon travail sur mon poste de travail.",
    "entretien_externe": "J’explique mon travail avec mon dossier.",
    "externe_avec_stage": "Je fais un stage de 6 semaines en entreprise.",
}
PROMISES = [
    "Ce que je fais :",
    "Je prends des photos et des vidéos de mon travail.",
    "Je dis ce que je sais faire.",
    "Je regarde mon dossier avec mon accompagnateur.",
    "Je présente mon dossier au jury.",
    "Le jury, ce sont les personnes qui regardent mon dossier.",
    "Ce que fait mon accompagnateur :",
    "Il m’aide à chaque étape.",
    "Il vient avec moi devant le jury.",
    "Ce que fait la direction de ma structure :",
    "Elle donne le temps et le matériel pour ma démarche.",
    "Mes droits :",
    "Mes photos et mes vidéos sont dans mon dossier.",
    "Seules les personnes de ma démarche peuvent voir mon dossier.",
    "Je peux arrêter ma démarche quand je veux.",
]
SIGNER_WORDS = {
    "candidate": "le candidat ou la candidate",
    "guardian": "le représentant légal",
    "lead": "la direction de la structure",
    "support_worker": "l’accompagnateur ou l’accompagnatrice",
}
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")  # fmt: skip
TITLE = "Lettre d’engagement"


def letter_input(dossier: Dossier, today: date | None = None) -> dict[str, Any]:
    """What commitmentLetter reads, as the device gathers it: live records, ordered by id."""
    people = {p.id: p for p in db.session.scalars(select(Person).where(Person.deleted.is_(False)))}
    version = db.session.get(FrameworkVersion, dossier.framework_version_id)
    structure = db.session.get(Structure, dossier.structure_id)
    guardians = _live(Guardianship, Guardianship.ward_id == dossier.candidate_id)
    leads = _live(Membership, Membership.structure_id == dossier.structure_id,
                  Membership.role == "lead")  # fmt: skip
    workers = _live(DossierMember, DossierMember.dossier_id == dossier.id,
                    DossierMember.role == "support_worker")  # fmt: skip
    return {
        "candidate": _person(people.get(dossier.candidate_id)),
        "guardians": [_person(people.get(g.guardian_id)) for g in guardians],
        "leads": _present(people, leads),
        "supportWorkers": _present(people, workers),
        "structure": {"name": structure.name} if structure and not structure.deleted else None,
        "scheme": dossier.scheme,
        "modality": dossier.modality,
        "frameworkTitle": ((version.document or {}).get("title") or "") if version else "",
        "openedOn": dossier.opened_on.isoformat() if dossier.opened_on else None,
        "today": (today or date.today()).isoformat(),
    }


def _live(model: type, *conditions: Any) -> list:
    query = select(model).where(model.deleted.is_(False), *conditions).order_by(model.id)
    return list(db.session.scalars(query))


def _present(people: dict, rows: list) -> list[dict[str, Any]]:
    """The live people those rows name (a person not known is left out, as on the device)."""
    return [_person(people[row.person_id]) for row in rows if row.person_id in people]


def _person(person: Person | None) -> dict[str, Any]:
    if person is None:
        return {}
    birth = person.birth_date.isoformat() if person.birth_date else None
    return {"given_name": person.given_name, "family_name": person.family_name,
            "birth_date": birth, "protected_adult": bool(person.protected_adult)}  # fmt: skip


def _full_name(person: dict[str, Any]) -> str:
    words = [person.get("given_name"), person.get("family_name")]
    return " ".join(w for w in words if w).strip()


def _listed(names: list[str]) -> str:
    known = [name for name in names if name]
    if len(known) <= 1:
        return known[0] if known else ""
    return f"{', '.join(known[:-1])} et {known[-1]}"


def _french_date(iso_day: str) -> str:
    year, month, day = (int(part) for part in iso_day[:10].split("-"))
    return f"{'1er' if day == 1 else day} {MONTHS[month - 1]} {year}"


def _minor_on(birth: str | None, day: str | None) -> bool:
    if not birth or not day:
        return False
    (by, bm, bd), (y, m, d) = ([int(p) for p in x.split("-")] for x in (birth, day[:10]))
    return y - by - (0 if (m, d) >= (bm, bd) else 1) < 18


def _who(data: dict[str, Any]) -> list[str]:
    scheme = SCHEME_WORDS.get(data["scheme"], data["scheme"])
    lines = [f"Je m’appelle {_full_name(data['candidate'])}.",
             "Je veux faire reconnaître ce que je sais faire au travail.",
             f"Ma démarche s’appelle {scheme}."]  # fmt: skip
    if data["frameworkTitle"]:
        lines.append(f"Mon métier : {data['frameworkTitle']}.")
    if MODALITY_WORDS.get(data["modality"] or ""):
        lines.append(MODALITY_WORDS[data["modality"]])
    if (data["structure"] or {}).get("name"):
        lines.append(f"Ma structure : {data['structure']['name']}.")
    workers = _listed([_full_name(w) for w in data["supportWorkers"]])
    if workers:
        lines.append(f"Mon accompagnateur ou mon accompagnatrice : {workers}.")
    if data["openedOn"]:
        lines.append(f"Mon dossier commence le {_french_date(data['openedOn'])}.")
    return lines


def signers_of(data: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(role, names) of who must sign, in order."""
    candidate = data["candidate"]
    signers = [("candidate", [_full_name(candidate)])]
    day = data["openedOn"] or data["today"]
    if candidate.get("protected_adult") or _minor_on(candidate.get("birth_date"), day):
        signers.append(("guardian", [n for n in map(_full_name, data["guardians"]) if n]))
    signers.append(("lead", [n for n in map(_full_name, data["leads"]) if n]))
    signers.append(("support_worker", [n for n in map(_full_name, data["supportWorkers"]) if n]))
    return signers


def letter_text(data: dict[str, Any]) -> str:
    """The letter, one paragraph a line and a final newline: what is signed."""
    signing = [f"{SIGNER_WORDS[role]}{f' : {_listed(names)}' if names else ''}."
               for role, names in signers_of(data)]  # fmt: skip
    paragraphs = [TITLE, *_who(data), *PROMISES, "Nous signons cette lettre :",
                  *(line[0].upper() + line[1:] for line in signing)]  # fmt: skip
    return "\n".join(paragraphs) + "\n"
