"""RFC 9457 problem details for every client error, Flask's own included."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, g, json
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

PROBLEM_TYPE = "application/problem+json"

# code -> (status, French title written for the people who will read it)
PROBLEMS: dict[str, tuple[int, str]] = {
    "bad_request": (400, "La demande n'est pas correcte."),
    "invalid_record": (422, "Les informations envoyées ne sont pas correctes."),
    "invalid_json": (400, "Le contenu envoyé n'est pas du JSON correct."),
    "unauthenticated": (401, "Vous devez vous connecter."),
    "token_expired": (401, "Votre accès a expiré. Connectez-vous à nouveau."),
    "forbidden": (403, "Vous n'avez pas le droit de faire cela."),
    "not_found": (404, "Cette page ou cette information n'existe pas."),
    "method_not_allowed": (405, "Cette action n'est pas possible ici."),
    "conflict": (409, "Quelqu'un a changé cette information en même temps que vous."),
    "too_large": (413, "Le contenu envoyé est trop gros."),
    "unsupported_media_type": (415, "Ce type de contenu n'est pas accepté."),
    "append_only": (409, "Cette information ne change pas. Ajoutez-en une nouvelle à la place."),
    "fixed_field": (422, "Cette information ne peut pas changer de place."),
    "record_deleted": (409, "Cette information a été supprimée."),
    "unknown_reference": (422, "Cette information parle d'un élément qui n'existe pas."),
    "too_many_requests": (429, "Trop d'essais. Attendez un peu avant de recommencer."),
    "server_error": (500, "Le serveur a un problème. Réessayez plus tard."),
    "unavailable": (503, "Le service n'est pas disponible. Réessayez plus tard."),
    "pwa_not_built": (503, "L'application n'est pas encore construite."),
    "export_not_ready": (
        503,
        "Les vidéos et les sons sont encore en préparation. Réessayez dans une minute.",
    ),
    "tus_version_unsupported": (
        412,
        "Cette application envoie les fichiers d'une façon que le serveur ne connaît pas.",
    ),
    "upload_offset_mismatch": (409, "L'envoi du fichier doit reprendre à un autre endroit."),
    "upload_gone": (
        410,
        "Cet envoi de fichier n'existe plus. Il faut envoyer le fichier encore une fois.",
    ),
    "beyond_upload_length": (413, "Le fichier envoyé est plus long que prévu."),
    "quota_exceeded": (413, "Il n'y a plus de place pour les fichiers de cette structure."),
    "media_type_refused": (
        415,
        "Ce fichier n'est pas accepté. Envoyez une photo, une vidéo, un son ou un PDF.",
    ),
    "upload_locked": (423, "Ce fichier est déjà en train d'être envoyé. Attendez un peu."),
    "range_not_satisfiable": (416, "Cette partie du fichier n'existe pas."),
    "checksum_mismatch": (460, "Le fichier est arrivé abîmé. Il faut l'envoyer encore une fois."),
    "invalid_batch": (400, "Les changements envoyés ne sont pas dans le bon format."),
    "batch_too_large": (413, "Trop de changements en une fois. Envoyez-en moins à la fois."),
    "unknown_type": (422, "Le serveur ne connaît pas ce type d'information."),
    "mutation_id_reused": (409, "Ce changement a déjà été envoyé par une autre personne."),
    "invalid_cursor": (400, "Le point de reprise envoyé n'est pas correct."),
    "resync_required": (410, "Votre copie est trop ancienne. Il faut tout recharger."),
    "media_not_uploaded": (
        422,
        "La photo, la vidéo ou le son n'est pas encore arrivé. Réessayez plus tard.",
    ),
    "conflict_resolved": (409, "Ce désaccord est déjà réglé."),
    # identity: passkeys, sessions, invitations, tablets, pictures (docs/identity.md)
    "challenge_replayed": (400, "Cette demande de connexion a déjà servi. Recommencez."),
    "challenge_expired": (400, "Le temps est passé. Recommencez la connexion."),
    "webauthn_origin": (400, "Cette connexion ne vient pas du bon site."),
    "webauthn_rp_id": (400, "Cette clé d'accès est faite pour un autre site."),
    "webauthn_counter": (
        400,
        "Cette clé d'accès a peut-être été copiée. Parlez-en à votre responsable.",
    ),
    "webauthn_user_verification": (
        400,
        "Votre appareil doit vérifier que c'est bien vous."
        " Utilisez votre code, votre doigt ou votre visage.",
    ),
    "webauthn_unknown_credential": (401, "Cette clé d'accès n'est pas connue ici."),
    "webauthn_wrong_person": (403, "Cette clé d'accès est à une autre personne."),
    "webauthn_invalid": (400, "La connexion n'a pas marché. Recommencez."),
    "passkey_exists": (409, "Cette clé d'accès est déjà enregistrée."),
    "last_passkey": (
        409,
        "C'est votre dernière clé d'accès. Ajoutez-en une autre avant de l'enlever.",
    ),
    "csrf_failed": (403, "Cette demande n'a pas été acceptée. Rechargez la page."),
    "device_revoked": (403, "Cette tablette n'a plus accès. Ses données vont être effacées."),
    "device_unknown": (401, "Cette tablette n'est pas encore inscrite."),
    "invitation_expired": (410, "Cette invitation est trop ancienne. Demandez-en une nouvelle."),
    "invitation_used": (410, "Cette invitation a déjà servi. Demandez-en une nouvelle."),
    "invitation_revoked": (410, "Cette invitation a été annulée. Demandez-en une nouvelle."),
    "picture_wrong": (401, "Ce ne sont pas les bonnes images. Essayez encore."),
    "picture_secret_missing": (
        409,
        "Vos images ne sont pas encore choisies. Demandez à votre accompagnateur.",
    ),
    "ask_support_worker": (429, "Demandez à votre accompagnateur ou à votre accompagnatrice."),
    # frameworks and RSFP pairings (docs/frameworks.md)
    "framework_not_json": (
        422,
        "Le fichier n'est pas du JSON correct. Regardez la ligne indiquée.",
    ),
    "framework_invalid": (
        422,
        "Le fichier du référentiel a des erreurs. Regardez les lignes indiquées.",
    ),
    "pairing_exists": (409, "Ces deux structures ont déjà un jumelage pour ce métier."),
    "pairing_not_pending": (409, "Ce jumelage n'attend plus de réponse."),
    # testimonies by one-time link (docs/letters.md)
    "testimony_link_used": (410, "Ce lien a déjà servi. Le témoignage est déjà envoyé."),
    "testimony_link_expired": (410, "Ce lien est trop ancien. Demandez un nouveau lien."),
    "testimony_link_withdrawn": (410, "Ce lien a été annulé. Demandez un nouveau lien."),
    "testimony_audio_refused": (415, "Ce message vocal n'est pas accepté. Enregistrez-le encore."),
    "testimony_consent_missing": (422, "Cochez la case pour accepter de partager le témoignage."),
    # jury sessions, members and decisions (docs/jury.md)
    "jury_role_not_allowed": (422, "Ce rôle n'existe pas pour ce type de jury."),
    "jury_member_not_outside": (
        422,
        "Cette personne travaille dans la structure. Ce rôle est pour une personne d'ailleurs.",
    ),
    "jury_member_not_lead": (422, "Ce rôle est pour la personne qui dirige la structure."),
    "jury_incomplete": (422, "Il manque des personnes dans le jury. Ajoutez-les avant d'ouvrir."),
    "jury_no_dossier": (422, "Le jury n'a pas de dossier. Ajoutez un dossier avant d'ouvrir."),
    "jury_session_not_open": (
        409,
        "Le jury n'est pas ouvert. Vous ne pouvez pas décider ni signer.",
    ),
    "jury_not_finished": (
        422,
        "Le jury n'a pas encore décidé pour chaque dossier. Il ne peut pas encore finir.",
    ),
    "jury_status_change": (409, "Le jury ne peut pas passer à cet état."),
    "jury_session_fixed": (409, "Le jury a déjà commencé. Ces informations ne changent plus."),
    "jury_not_member": (422, "Cette personne ne fait pas partie de ce jury."),
    "jury_access_ended": (403, "Le jury est fini. Vous ne pouvez plus voir ces dossiers."),
}

_BY_STATUS = {status: code for code, (status, _title) in reversed(PROBLEMS.items())}


class Problem(Exception):
    """A client-facing error with a stable code, a French title and an English detail."""

    def __init__(self, code: str, detail: str, status: int | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.code = code
        self.status = status or PROBLEMS[code][0]
        self.title = PROBLEMS[code][1]
        self.detail = detail
        self.extra = extra

    def to_dict(self) -> dict[str, Any]:
        """The problem document, without transport concerns."""
        body = {"type": f"https://preuves.app/problems/{self.code}", "title": self.title}
        body |= {"status": self.status, "code": self.code, "detail": self.detail}
        return body | self.extra


def problem_response(problem: Problem) -> Response:
    """Serialise a problem with its request id."""
    body = problem.to_dict() | {"request_id": g.get("request_id", "")}
    response = Response(json.dumps(body), status=problem.status, mimetype=PROBLEM_TYPE)
    if isinstance(problem.extra.get("retry_after"), int):  # rate limits (identity.ratelimit)
        response.headers["Retry-After"] = str(problem.extra["retry_after"])
    return response


def from_http_exception(exc: HTTPException) -> Problem:
    """Map Werkzeug's own errors (404, 405, 413, 415...) onto our codes."""
    status = exc.code or 500
    code = _BY_STATUS.get(status, "bad_request" if status < 500 else "server_error")
    return Problem(code, exc.description or exc.name, status=status)


def init_app(app: Flask) -> None:
    """Route every error through problem details."""

    @app.errorhandler(Problem)
    def _problem(exc: Problem) -> Response:
        return problem_response(exc)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response:
        response = problem_response(from_http_exception(exc))
        if exc.code == 405 and exc.response is None:
            allowed = getattr(exc, "valid_methods", None) or []
            response.headers["Allow"] = ", ".join(allowed)
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        log.exception("unexpected error")
        return problem_response(Problem("server_error", "Unexpected server error."))
