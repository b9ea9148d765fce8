"""Errors of a framework file, said in French first, each with its field and its line.

The importer's errors carry a JSON pointer and an English message; a support worker needs
to know where to look in the file and what to change, in words they read first.
"""

from __future__ import annotations

import json
from typing import Any

from flask import current_app

from preuves.core import jsonschemas
from preuves.core.errors import Problem
from preuves.frameworks import lines
from preuves.frameworks.importer import rule_errors

# What each JSON Schema keyword means for the person fixing the file.
_SCHEMA_FR = {
    "required": "Il manque le champ « {name} ».",
    "additionalProperties": "Ce champ n'est pas connu. Vérifiez son nom.",
    "type": "Cette valeur n'a pas le bon type.",
    "pattern": "Cette valeur n'a pas la bonne forme.",
    "const": "Cette valeur doit être « {expected} ».",
    "enum": "Cette valeur n'est pas permise.",
    "minLength": "Ce texte est vide ou trop court.",
    "maxLength": "Ce texte est trop long.",
    "minItems": "Il n'y a pas assez d'éléments dans cette liste.",
    "maxItems": "Il y a trop d'éléments dans cette liste.",
    "minimum": "Ce nombre est trop petit.",
    "maximum": "Ce nombre est trop grand.",
}
_RULE_FR = {
    "Duplicate": "Cette clé est déjà utilisée plus haut dans le fichier.",
    "Rank": "Les rangs des niveaux vont de 1 en 1, dans l'ordre : 1, 2, 3…",
    "This photo": "Cette photo n'a pas été envoyée avec le fichier.",
    "This recording": "Cet enregistrement n'a pas été envoyé avec le fichier.",
    "Framework": "Cette version existe déjà. Donnez une nouvelle version au fichier.",
}


def parse(text: str) -> Any:
    """The document, or a `framework_not_json` problem that names the line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = {"line": error.lineno, "column": error.colno}
        message_fr = (
            f"Ligne {error.lineno}, colonne {error.colno} : le texte n'est pas du JSON correct."
        )
        raise Problem(
            "framework_not_json",
            f"Line {error.lineno}, column {error.colno}: {error.msg}.",
            errors=[{"pointer": "", "message": error.msg, "message_fr": message_fr} | where],
        ) from None


def schema_errors(document: Any) -> list[dict[str, Any]]:
    """Each JSON Schema error with its pointer, English and French messages."""
    validator = jsonschemas.validator_for(current_app.config["SCHEMAS_DIR"], "framework")
    found = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        pointer = "".join(f"/{lines.escape(str(p))}" for p in error.absolute_path)
        found.append(_schema_error(error, pointer))
    return _unique(found)


def _schema_error(error: Any, pointer: str) -> dict[str, Any]:
    name = expected = ""
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [f for f in error.validator_value if f not in error.instance]
        name = missing[0] if missing else ""
        pointer = f"{pointer}/{lines.escape(name)}"
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        pointer = f"{pointer}/{lines.escape(extra[0])}" if extra else pointer
    if error.validator == "const":
        expected = error.validator_value
    template = _SCHEMA_FR.get(str(error.validator), "Cette valeur n'est pas correcte.")
    return {
        "pointer": pointer,
        "message": error.message,
        "message_fr": template.format(name=name, expected=expected),
    }


def _unique(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[str, str]] = set()
    kept = []
    for error in errors:
        if (key := (error["pointer"], error["message"])) not in seen:
            seen.add(key)
            kept.append(error)
    return kept


def in_french(error: dict[str, Any]) -> dict[str, Any]:
    """A rule error (importer.rule_errors) with its French message."""
    french = next(
        (fr for start, fr in _RULE_FR.items() if error["message"].startswith(start)), None
    )
    return error | {"message_fr": french or "Cette valeur n'est pas correcte."}


def with_lines(errors: list[dict[str, Any]], text: str | None) -> list[dict[str, Any]]:
    """Each error with the line (and column) of its pointer in the file, when it has one."""
    found = lines.positions(text) if text is not None else {}
    placed = []
    for error in errors:
        where = lines.line_of(found, error["pointer"]) if found else None
        place = {"line": where[0], "column": where[1]} if where else {}
        prefix = f"Ligne {where[0]} : " if where else ""
        placed.append(error | place | {"message_fr": prefix + error["message_fr"]})
    return placed


def check(document: Any, text: str | None) -> None:
    """Raise a `framework_invalid` problem listing every error of the file, in file order."""
    errors = schema_errors(document)
    if not errors:
        errors = [in_french(e) for e in rule_errors(document)]
    if errors:
        placed = with_lines(errors, text)
        placed.sort(key=lambda e: e.get("line", 0))
        first = placed[0]
        raise Problem(
            "framework_invalid",
            f"{len(placed)} error(s); the first at {first['pointer'] or '/'}: {first['message']}",
            errors=placed,
        )
