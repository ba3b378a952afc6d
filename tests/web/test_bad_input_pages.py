"""The pages' forms get the same 422 as the API for text no database can store (issue 9): the
login and register forms (urlencoded) and the submit form (multipart), on both databases."""

from __future__ import annotations

import io
import zipfile

from sqlalchemy import func, select

from app.submissions.models import Submission
from tests.web.conftest import PASSWORD, Browser, csrf_of


def assert_refused(response, where: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 422, response.text
    assert response.json()["detail"] == f"{where}: NUL character (\\u0000) is not allowed"


def submissions(session_factory) -> int:  # type: ignore[no-untyped-def]
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(Submission))


def test_login_form_with_a_nul_is_422(browser: Browser, accounts) -> None:
    accounts.user("bob")
    response = browser.submit_form("/login", "/login", {"username": "bob\x00", "password": "x"})
    assert_refused(response, "body.username")


def test_register_form_with_a_nul_is_422(browser: Browser) -> None:
    response = browser.submit_form(
        "/register", "/register", {"username": "alice", "password": PASSWORD + "\x00"}
    )
    assert_refused(response, "body.password")


def test_submit_form_with_a_nul_in_the_code_is_422(browser: Browser, session_factory) -> None:
    browser.register()
    token = csrf_of(browser.get("/problems/echo").text)
    response = browser.client.post(
        "/problems/echo/submit",
        data={"csrf_token": token, "code": "print(1)\x00\n"},
        files={"file": ("", b"", "application/octet-stream")},  # a browser's empty file field
        follow_redirects=False,
    )
    assert_refused(response, "body.code")
    assert submissions(session_factory) == 0


def test_an_uploaded_solution_with_a_nul_is_not_text(browser: Browser, session_factory) -> None:
    browser.register()
    token = csrf_of(browser.get("/problems/echo").text)
    response = browser.client.post(
        "/problems/echo/submit",
        data={"csrf_token": token, "code": ""},
        files={"file": ("solution.py", b"print(1)\x00\n", "text/x-python")},
        follow_redirects=False,
    )
    assert response.status_code == 422 and "not UTF-8 text" in response.text
    assert submissions(session_factory) == 0


def test_binary_files_of_a_form_pass_the_check(browser: Browser, accounts) -> None:
    """The admins' zip is binary (NUL bytes and all): only its form's text fields are checked."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("junk.bin", bytes(range(256)))
    accounts.admin("root")
    login = browser.submit_form("/login", "/login", {"username": "root", "password": PASSWORD})
    assert login.status_code == 303
    token = csrf_of(browser.get("/admin/problems").text)
    response = browser.client.post(
        "/admin/problems/upload",
        data={"csrf_token": token},
        files={"file": ("package.zip", buffer.getvalue(), "application/zip")},
    )
    # Refused by the package check (no problem.yaml), not by the text check.
    assert response.status_code == 422 and "problem.yaml" in response.text
