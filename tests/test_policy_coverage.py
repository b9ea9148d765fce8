"""Every endpoint must declare the policy that covers it; one that does not fails here."""

from preuves.policy.guard import policy_of


def test_every_view_declares_its_policy(app):
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        if policy_of(view) is None:
            missing.append(f"{rule.rule} -> {rule.endpoint}")
    assert missing == [], "views with no policy: " + ", ".join(missing)


def test_the_check_can_fail(app):
    """Guard against a check that cannot fail: an unmarked view is noticed."""

    @app.get("/api/v1/unguarded-for-test")
    def unguarded():
        return "x"

    assert policy_of(app.view_functions["unguarded"]) is None


def test_no_static_route_bypasses_the_policy(app):
    assert "static" not in app.view_functions
