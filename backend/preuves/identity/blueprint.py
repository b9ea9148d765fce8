"""The identity routes: who am I, passkeys and sessions, invitations, tablets, pictures.

The blueprint also hooks the cookie authentication (authn) into every request of the app,
after the bearer token.
"""

from __future__ import annotations

from flask import Blueprint

from preuves.identity import views, views_devices, views_invitations, views_passkeys, views_people
from preuves.identity.authn import authenticate_cookies, clear_stale_cookies

bp = Blueprint("identity", __name__, url_prefix="/api/v1")
bp.before_app_request(authenticate_cookies)
bp.after_app_request(clear_stale_cookies)

ROUTES = (
    ("/me", "GET", views.me),
    ("/auth/passkeys/register/options", "POST", views_passkeys.register_options),
    ("/auth/passkeys/register/verify", "POST", views_passkeys.register_verify),
    ("/auth/passkeys/login/options", "POST", views_passkeys.login_options),
    ("/auth/passkeys/login/verify", "POST", views_passkeys.login_verify),
    ("/auth/logout", "POST", views_passkeys.logout),
    ("/auth/passkeys", "GET", views_passkeys.list_passkeys),
    ("/auth/passkeys/<uuid:passkey_id>", "PATCH", views_passkeys.rename_passkey),
    ("/auth/passkeys/<uuid:passkey_id>", "DELETE", views_passkeys.delete_passkey),
    ("/auth/pictures", "GET", views_passkeys.picture_ids),
    ("/invitations", "POST", views_invitations.create_invitation),
    ("/invitations", "GET", views_invitations.list_invitations),
    ("/invitations/<key>", "GET", views_invitations.show_invitation),
    ("/invitations/<key>", "DELETE", views_invitations.revoke_invitation),
    ("/devices/enrol/options", "POST", views_devices.enrol_options),
    ("/devices/enrol", "POST", views_devices.enrol_device),
    ("/devices", "GET", views_devices.list_devices),
    ("/devices/<uuid:device_id>/revoke", "POST", views_devices.revoke_device),
    ("/devices/me", "GET", views_devices.my_device),
    ("/devices/me/wipe-report", "POST", views_devices.wipe_report),
    ("/devices/me/candidates", "GET", views_devices.my_candidates),
    ("/devices/me/portraits/<uuid:person_id>", "GET", views_devices.portrait),
    ("/devices/me/sign-in", "POST", views_devices.picture_sign_in),
    ("/people/<uuid:person_id>/picture-secret", "PUT", views_people.set_picture_secret),
    ("/people/<uuid:person_id>/picture-secret/unlock", "POST", views_people.unlock_picture_secret),
    ("/structures/<uuid:structure_id>/identity-settings", "GET", views_people.identity_settings),
    (
        "/structures/<uuid:structure_id>/identity-settings",
        "PUT",
        views_people.change_identity_settings,
    ),
)

for rule, method, view in ROUTES:
    bp.add_url_rule(rule, view_func=view, methods=[method])
