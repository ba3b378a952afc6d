"""Register, log in and out through forms; the session cookie is a revocable auth token."""

from __future__ import annotations

from tests.web.conftest import PASSWORD, Browser, csrf_of


def test_register_logs_in_with_an_httponly_lax_cookie(browser: Browser) -> None:
    response = browser.register("alice")
    assert response.headers["location"] == "/"
    cookies = response.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith("mljudge_session="))
    assert "HttpOnly" in session and "SameSite=lax" in session
    assert "Signed in as <strong>alice</strong>" in browser.get("/").text


def test_register_errors_keep_the_username_and_say_why(browser: Browser) -> None:
    weak = browser.submit_form("/register", "/register", {"username": "alice", "password": "short"})
    assert weak.status_code == 422
    assert "at least 8 characters" in weak.text and 'value="alice"' in weak.text
    bad_name = browser.submit_form(
        "/register", "/register", {"username": "a!", "password": PASSWORD}
    )
    assert bad_name.status_code == 422 and "3 to 32 characters" in bad_name.text
    browser.register("alice")
    browser.client.cookies.clear()
    taken = browser.submit_form(
        "/register", "/register", {"username": "alice", "password": PASSWORD}
    )
    assert taken.status_code == 409 and "already taken" in taken.text


def test_login_wrong_password_then_right_one_goes_back(browser: Browser, accounts) -> None:
    accounts.user("bob")
    wrong = browser.submit_form(
        "/login",
        "/login",
        {"username": "bob", "password": "nope-nope-nope", "next": "/leaderboard"},
    )
    assert wrong.status_code == 401
    assert "Wrong username or password" in wrong.text and 'value="bob"' in wrong.text
    assert 'name="next" value="/leaderboard"' in wrong.text
    right = browser.submit_form(
        "/login", "/login", {"username": "bob", "password": PASSWORD, "next": "/leaderboard"}
    )
    assert right.status_code == 303 and right.headers["location"] == "/leaderboard"
    assert "Signed in as <strong>bob</strong>" in browser.get("/leaderboard").text


def test_login_never_redirects_off_site(browser: Browser, accounts) -> None:
    accounts.user("bob")
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        browser.client.cookies.clear()
        response = browser.submit_form(
            "/login", "/login", {"username": "bob", "password": PASSWORD, "next": target}
        )
        assert response.headers["location"] == "/"


def test_logout_revokes_the_token_not_just_the_cookie(browser: Browser) -> None:
    browser.register("alice")
    stolen = browser.client.cookies.get("mljudge_session")
    assert browser.get("/logout").status_code == 200
    response = browser.submit_form("/logout", "/logout", {})
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert "Log in</a>" in browser.get("/").text
    # The old cookie value no longer works anywhere, on pages or on the API.
    browser.client.cookies.set("mljudge_session", stolen)
    page = browser.get("/", follow_redirects=False)
    assert "Signed in" not in page.text
    assert any(c.startswith('mljudge_session=""') for c in page.headers.get_list("set-cookie"))
    api = browser.client.get("/api/me", headers={"Authorization": f"Bearer {stolen}"})
    assert api.status_code == 401


def test_the_session_cookie_is_an_api_token_of_the_auth_service(browser: Browser) -> None:
    browser.register("alice")
    token = browser.client.cookies.get("mljudge_session")
    me = browser.client.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["username"] == "alice"


def test_forms_without_the_right_csrf_token_are_refused(browser: Browser, accounts) -> None:
    accounts.user("bob")
    browser.get("/login")  # the browser now has its CSRF cookie
    for token in ("", "forged"):
        response = browser.client.post(
            "/login",
            data={"username": "bob", "password": PASSWORD, "csrf_token": token},
            follow_redirects=False,
        )
        assert response.status_code == 403 and "form expired" in response.text
        assert "mljudge_session" not in browser.client.cookies
    # A cross-site request carries no CSRF cookie of ours at all.
    browser.client.cookies.clear()
    response = browser.client.post(
        "/register", data={"username": "mallory", "password": PASSWORD}, follow_redirects=False
    )
    assert response.status_code == 403


def test_the_csrf_token_changes_at_login(browser: Browser, accounts) -> None:
    accounts.user("bob")
    before = csrf_of(browser.get("/login").text)
    browser.submit_form("/login", "/login", {"username": "bob", "password": PASSWORD})
    after = csrf_of(browser.get("/").text)
    assert before != after
    refused = browser.client.post("/logout", data={"csrf_token": before}, follow_redirects=False)
    assert refused.status_code == 403
    assert "Signed in as" in browser.get("/").text
