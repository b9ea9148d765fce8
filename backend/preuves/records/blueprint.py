"""Routes of the record API."""

from __future__ import annotations

from flask import Blueprint

from preuves.records import views
from preuves.records.catalogue import RECORD_TYPES

bp = Blueprint("records", __name__, url_prefix="/api/v1/records")

# One route per record type, so the route table (and the OpenAPI document) name them all.
_TYPES = ", ".join(sorted(RECORD_TYPES))
_RULE = f"/<any({_TYPES}):type_name>/<uuid:record_id>"

bp.add_url_rule(_RULE, view_func=views.get_record, methods=["GET"])
bp.add_url_rule(_RULE, view_func=views.put_record, methods=["PUT"])
bp.add_url_rule(_RULE, view_func=views.delete_record, methods=["DELETE"])
