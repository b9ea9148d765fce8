"""The OpenAPI 3.1 document, built from the app's own routes and shared_schemas/."""

from __future__ import annotations

from importlib import metadata
from typing import Any

from flask import Flask

from preuves.api import openapi_responses as responses
from preuves.api.openapi_operations import api_schemas
from preuves.api.openapi_paths import build_paths
from preuves.api.openapi_schemas import FIELD_ERROR, PROBLEM, embedded_schemas

CACHE_KEY = "preuves.openapi"

DESCRIPTION = """\
Preuves keeps the evidence files (*dossiers de preuves*) of disabled workers in French
ESAT, EA and IME who seek recognition of their skills (RAE "Différent et compétent",
RSFP, AFEST, VAE, CQP, Open Badges). The PWA works offline and syncs through this API.

Record shapes are the JSON Schemas of `shared_schemas/`, embedded below with their
`$ref`s made local. Every client error is an RFC 9457 problem (`application/problem+json`)
with a stable `code`, a French `title` and an English `detail`. See docs/api.md."""


def _version() -> str:
    try:
        return metadata.version("preuves")
    except metadata.PackageNotFoundError:
        return "0.0.0"


def _components(schemas_dir: str) -> dict[str, Any]:
    schemas = embedded_schemas(schemas_dir) | {"Problem": PROBLEM, "FieldError": FIELD_ERROR}
    return {
        "schemas": schemas | api_schemas(),
        "responses": responses.problem_responses(),
        "headers": {"RequestId": responses.REQUEST_ID_HEADER},
        "securitySchemes": {"bearerAuth": responses.BEARER},
    }


def build_document(app: Flask) -> dict[str, Any]:
    """The whole document for this app."""
    paths = build_paths(app.url_map)
    tags = sorted(
        {
            tag
            for item in paths.values()
            for op in item.values()
            if isinstance(op, dict)
            for tag in op.get("tags", [])
        }
    )
    return {
        "openapi": "3.1.0",
        "info": {"title": "Preuves API", "version": _version(), "description": DESCRIPTION},
        "servers": [{"url": "/"}],
        "security": [{"bearerAuth": []}],
        "tags": [{"name": tag} for tag in tags],
        "paths": paths,
        "components": _components(app.config["SCHEMAS_DIR"]),
    }


def openapi_document(app: Flask) -> dict[str, Any]:
    """The document, built once per app (routes and schemas do not change while it runs)."""
    if CACHE_KEY not in app.extensions:
        app.extensions[CACHE_KEY] = build_document(app)
    return app.extensions[CACHE_KEY]
