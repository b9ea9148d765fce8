"""What the verification page shows, taken only from the verified credential."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from preuves.badges.verify import Verdict

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def french_date(value: str) -> str:
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def facts(verdict: Verdict) -> dict[str, Any] | None:
    """The recognised competency, level, issuer, date, evidence and testimonies."""
    credential = verdict.credential
    if credential is None:
        return None
    subject = credential["credentialSubject"]
    achievement = subject["achievement"]
    return {
        "name": achievement["name"],
        "easy": achievement.get("description"),
        "level": _level(subject, achievement),
        "criteria": achievement.get("criteria", {}).get("narrative", "").splitlines(),
        "framework": " — ".join(achievement.get("tag", [])),
        "issuer": credential["issuer"]["name"],
        "date": french_date(credential["validFrom"]),
        "evidence": credential.get("evidence", []),
        "testimonies": [e["credentialSubject"]["endorsementComment"] for e in verdict.endorsements],
    }


def _level(subject: dict[str, Any], achievement: dict[str, Any]) -> str | None:
    reached = {r.get("achievedLevel") for r in subject.get("result", [])}
    for scale in achievement.get("resultDescription", []):
        for level in scale.get("rubricCriterionLevel", []):
            if level["id"] in reached:
                return level.get("description") or level["name"]
    return None
