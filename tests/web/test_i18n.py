"""The pages in Japanese and English: how the language is chosen, the switch, every page in both
languages, and a catalogue that translates every label and matches its compiled form."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from app.web import i18n
from tests.web.conftest import PASSWORD, Browser, csrf_of

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "app/web/translations/ja/LC_MESSAGES/messages"


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        ("", None),
        ("ja", "ja"),
        ("ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7", "ja"),
        ("en-US,en;q=0.9,ja;q=0.8", "en"),
        ("en;q=0.5, ja;q=0.9", "ja"),  # by quality, not by order
        ("fr-FR, en;q=0.3", "en"),
        ("fr, de", None),
        ("en;q=0, ja;q=0.1", "ja"),  # q=0 means "not this one"
        ("*", None),
        ("en;q=oops, ja;q=0.2", "ja"),
    ],
)
def test_accept_language_picks_the_browsers_preference(header: str, chosen: str | None) -> None:
    assert i18n.from_accept_language(header) == chosen


def test_japanese_unless_the_browser_prefers_english(browser: Browser) -> None:
    del browser.client.headers["Accept-Language"]  # a browser that says nothing
    page = browser.get("/").text
    assert '<html lang="ja">' in page and ">問題一覧</h1>" in page
    browser.use_language("fr, en;q=0.5")
    assert '<html lang="en">' in browser.get("/").text
    browser.use_language("fr")
    assert '<html lang="ja">' in browser.get("/").text
    browser.use_language("en-US,en;q=0.9,ja;q=0.8")
    page = browser.get("/").text
    assert '<html lang="en">' in page and "<h1>Problems</h1>" in page


def test_the_switch_is_a_csrf_form_remembered_in_a_cookie(browser: Browser) -> None:
    page = browser.get("/leaderboard?x=1").text
    # On an English page the switch offers Japanese, and comes back to this very page.
    assert 'action="/lang"' in page and 'name="next" value="/leaderboard?x=1"' in page
    assert '<button type="submit" name="lang" value="ja"' in page
    assert '<strong aria-current="true" lang="en">English</strong>' in page
    switched = browser.submit_form(
        "/leaderboard", "/lang", {"lang": "ja", "next": "/leaderboard?x=1"}
    )
    assert switched.status_code == 303 and switched.headers["location"] == "/leaderboard?x=1"
    cookie = next(c for c in switched.headers.get_list("set-cookie") if c.startswith("lang="))
    assert cookie.startswith("lang=ja;") and "Max-Age=31536000" in cookie
    assert "SameSite=lax" in cookie
    # The cookie wins over the browser's English.
    page = browser.get("/leaderboard").text
    assert '<html lang="ja">' in page and "<h1>順位表</h1>" in page
    assert '<button type="submit" name="lang" value="en"' in page
    back = browser.submit_form("/", "/lang", {"lang": "en", "next": "/"})
    assert back.headers["location"] == "/" and "<h1>Problems</h1>" in browser.get("/").text


def test_the_switch_refuses_forged_forms_unknown_languages_and_other_sites(
    browser: Browser,
) -> None:
    browser.get("/")
    forged = browser.client.post(
        "/lang", data={"lang": "ja", "csrf_token": "forged"}, follow_redirects=False
    )
    assert forged.status_code == 403 and "form expired" in forged.text
    assert "lang" not in browser.client.cookies
    unknown = browser.submit_form("/", "/lang", {"lang": "fr"})
    assert unknown.status_code == 422 and "There is no language &#39;fr&#39;." in unknown.text
    away = browser.submit_form("/", "/lang", {"lang": "ja", "next": "//evil.example/"})
    assert away.status_code == 303 and away.headers["location"] == "/"


def test_a_page_answering_a_form_switches_back_to_the_form(browser: Browser) -> None:
    token = csrf_of(browser.get("/login").text)
    failed = browser.client.post(
        "/login",
        data={"username": "nobody", "password": "x", "csrf_token": token},
        headers={"Referer": "http://testserver/login?next=/submissions"},
    )
    assert 'name="next" value="/login?next=/submissions"' in failed.text


# One label of each page, in English and in Japanese.
PAGES = [
    ("/", "<h1>Problems</h1>", "<h1>問題一覧</h1>"),
    ("/problems/echo", '<h2 id="submit">Submit</h2>', '<h2 id="submit">提出</h2>'),
    (
        "/problems/echo",
        "<dt>Time limit</dt><dd>2000 ms (CPU)",
        "<dt>実行時間制限</dt><dd>2000 ms (CPU",
    ),
    ("/leaderboard", "<h1>Leaderboard</h1>", "<h1>順位表</h1>"),
    ("/login", "<h1>Log in</h1>", "<h1>ログイン</h1>"),
    ("/register", "Create account</button>", "アカウントを作成</button>"),
    ("/runtime", "<h1>Runtime</h1>", "<h1>実行環境</h1>"),
    ("/problems/nope", "There is no problem &#39;nope&#39;.", "問題 &#39;nope&#39; はありません。"),
]


@pytest.mark.parametrize(("path", "english", "japanese"), PAGES)
def test_each_page_in_both_languages(
    browser: Browser, path: str, english: str, japanese: str
) -> None:
    page = browser.get(path).text
    assert english in page and japanese not in page
    browser.use_language("ja")
    page = browser.get(path).text
    assert japanese in page and english not in page
    assert '<html lang="ja">' in page and ">ユーザー登録</a>" in page  # the header too


def test_pages_of_a_signed_in_student_in_japanese(browser: Browser, judge_queued) -> None:
    browser.use_language("ja")
    browser.register("alice")
    assert "<strong>alice</strong> でログイン中" in browser.get("/").text
    assert "まだ提出がありません" in browser.get("/submissions").text
    location = browser.submit("echo", "#fake ECHO").headers["location"]
    queued = browser.get(location).text
    assert '<dd id="status" aria-live="polite">判定待ち</dd>' in queued
    # The live script takes its words from the page, as JSON in an attribute.
    labels = json.loads(html.unescape(re.search(r"data-labels='([^']*)'", queued)[1]))
    assert labels["statuses"]["judging"] == "判定中" and labels["verdicts"]["TLE"] == "実行時間超過"
    assert labels["hidden"] == "非公開"
    judge_queued()
    done = browser.get(location).text
    assert '<span class="verdict verdict-AC" title="正解">AC</span>' in done
    assert f"<h1>提出 #{location.rsplit('/', 1)[1]}</h1>" in done
    assert (
        '<span class="tag">サンプル</span>' in done and '<span class="muted">非公開</span>' in done
    )
    assert "1 件の提出 (新しい順)" in browser.get("/submissions").text
    assert "正解数" in browser.get("/leaderboard").text


def test_form_errors_in_japanese(browser: Browser, accounts, settings) -> None:
    browser.use_language("ja")
    weak = browser.submit_form("/register", "/register", {"username": "alice", "password": "short"})
    assert weak.status_code == 422 and "8 文字以上にしてください" in weak.text
    long_name = browser.submit_form(
        "/register", "/register", {"username": "a" * 40, "password": PASSWORD}
    )
    assert "32 文字以内にしてください" in long_name.text
    accounts.user("bob")
    wrong = browser.submit_form("/login", "/login", {"username": "bob", "password": "nope-nope"})
    assert wrong.status_code == 401 and "ユーザー名またはパスワードが違います。" in wrong.text
    browser.register("alice")
    taken = browser.client.post("/lang", data={"lang": "ja"})  # no token: refused, in Japanese
    assert taken.status_code == 403 and "もう一度送信してください" in taken.text
    empty = browser.submit("echo", "  ")
    assert (
        empty.status_code == 422
        and "解答を入力欄に書くか、ファイルを選んでください。" in empty.text
    )
    too_large = browser.submit("echo", "#" + "x" * settings.max_code_bytes)
    assert "コードが 64 KiB を超えています。" in too_large.text
    assert "提出 999999 はありません。" in browser.get("/submissions/999999").text


def _mo_messages(mo: io.BufferedIOBase) -> dict[object, object]:
    def key(value: object) -> object:  # a plural's forms come back as a list
        return tuple(value) if isinstance(value, list) else value

    return {key(message.id): key(message.string) for message in read_mo(mo)}


def test_the_committed_mo_is_the_compiled_po() -> None:
    with open(f"{CATALOGUE}.po", "rb") as po:
        catalog = read_po(po)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    with open(f"{CATALOGUE}.mo", "rb") as mo:
        committed = _mo_messages(mo)
    assert len(committed) > 100
    assert committed == _mo_messages(compiled), (
        "the .mo is stale: run `make messages` and commit both files"
    )


def test_every_label_of_the_pages_is_translated_into_japanese() -> None:
    with open(f"{CATALOGUE}.po", "rb") as po:
        catalog = read_po(po)
    with open(ROOT / "babel.cfg") as config:
        method_map, options_map = parse_mapping_cfg(config)
    # The mapping's paths are relative to the repository, as for `make messages`.
    labels = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT, method_map, options_map
        )
    }
    assert len(labels) > 100
    missing = sorted(label for label in labels if label not in catalog)
    assert not missing, f"labels not in the Japanese catalogue (run `make messages`): {missing}"
    untranslated = sorted(
        str(message.id)
        for message in catalog
        if message.id and (message.fuzzy or not all(_forms(message.string)))
    )
    assert not untranslated, f"labels without a Japanese translation: {untranslated}"


def _forms(string: str | tuple[str, ...]) -> tuple[str, ...]:
    return string if isinstance(string, tuple) else (string,)
