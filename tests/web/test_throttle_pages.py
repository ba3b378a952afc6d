"""The login and register pages refuse like the API once the throttle is reached (issue 9): 429,
Retry-After, and the message in Japanese and English, the form kept."""

from __future__ import annotations

import pytest

from tests.web.conftest import PASSWORD, Browser


@pytest.fixture
def settings(settings):  # type: ignore[no-untyped-def]
    return settings.model_copy(update={"login_failures_per_username": 2, "accounts_per_address": 1})


WRONG = "wrong-password"


def fail_login(browser: Browser, username: str, password: str = WRONG):  # type: ignore[no-untyped-def]
    return browser.submit_form("/login", "/login", {"username": username, "password": password})


def retry_after(response, window_s: int = 300) -> int:  # type: ignore[no-untyped-def]
    assert response.status_code == 429, response.text
    retry = int(response.headers["retry-after"])
    assert 1 <= retry <= window_s
    return retry


def test_login_page_refuses_after_the_failures_in_both_languages(browser: Browser, accounts):
    accounts.user("bob")
    for _ in range(2):
        assert fail_login(browser, "bob").status_code == 401
    refused = fail_login(browser, "bob", PASSWORD)  # even the right password
    retry = retry_after(refused)
    assert f"Too many failed logins: try again in {retry} s." in refused.text
    assert 'value="bob"' in refused.text and "Signed in as" not in refused.text

    browser.use_language("ja")
    japanese = fail_login(browser, "bob", PASSWORD)
    retry = retry_after(japanese)
    assert f"ログインの失敗が多すぎます。{retry} 秒後にもう一度お試しください。" in japanese.text


def test_the_page_and_the_api_count_the_same_failures(browser: Browser, accounts):
    accounts.user("bob")
    assert fail_login(browser, "bob").status_code == 401
    api = browser.client.post("/api/token", data={"username": "bob", "password": "nope-nope"})
    assert api.status_code == 401
    assert retry_after(fail_login(browser, "bob", PASSWORD))


def test_register_page_refuses_beyond_the_accounts_per_address(browser: Browser):
    browser.register("alice")
    browser.client.cookies.clear()
    refused = browser.submit_form(
        "/register", "/register", {"username": "carol", "password": PASSWORD}
    )
    retry = retry_after(refused, 3600)
    assert retry > 3000
    message = f"Too many accounts were created from this address: try again in {retry} s."
    assert message in refused.text
    assert 'value="carol"' in refused.text

    browser.use_language("ja")
    japanese = browser.submit_form(
        "/register", "/register", {"username": "carol", "password": PASSWORD}
    )
    assert japanese.status_code == 429
    assert "このアドレスから作成されたアカウントが多すぎます。" in japanese.text
