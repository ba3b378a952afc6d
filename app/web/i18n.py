"""The pages' language: Japanese or English, chosen per request, and the gettext that goes with it.

The lecture is Japanese, so Japanese unless something says otherwise: the `lang` cookie (set by
the switch in every page's header) wins, then the browser's Accept-Language (Japanese when it
ranks ja above en). Labels are written in English in the templates and the page code (the
msgids) and translated by the Babel catalogue in translations/ (`make messages` updates it);
English needs no catalogue.
"""

from __future__ import annotations

import gettext as gettext_module
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from babel.support import Translations
from fastapi import Request

LANGUAGES = ("ja", "en")
DEFAULT = "ja"
COOKIE = "lang"
COOKIE_MAX_AGE_S = 365 * 24 * 3600
# Each language named in itself, as a switch must be readable by those who need it.
NAMES = {"ja": "日本語", "en": "English"}
TRANSLATIONS_DIR = Path(__file__).parent / "translations"
DOMAIN = "messages"

# The language of the page being rendered: templates and filters read it, so one shared Jinja
# environment serves every request (rendering is synchronous, inside `speaking`).
_current: ContextVar[str] = ContextVar("page_language", default=DEFAULT)


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; it is translated where it is shown."""
    return message


@lru_cache(maxsize=len(LANGUAGES))
def translations(lang: str) -> gettext_module.NullTranslations:
    if lang == "en":
        return gettext_module.NullTranslations()
    return Translations.load(TRANSLATIONS_DIR, [lang], DOMAIN)


def from_accept_language(header: str) -> str | None:
    """The language of ours the browser ranks highest (by q, then by order), if it names one."""
    ranked = []
    for position, item in enumerate(header.split(",")):
        tag, *params = item.split(";")
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().split("-")[0].lower()
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else None


def choose(request: Request) -> str:
    cookie = request.cookies.get(COOKIE)
    if cookie in LANGUAGES:
        return cookie
    return from_accept_language(request.headers.get("accept-language", "")) or DEFAULT


def gettext_for(request: Request) -> Callable[[str], str]:
    """`_` for page code: messages it puts into a page, in the request's language."""
    return translations(choose(request)).gettext


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def current() -> str:
    return _current.get()


# What Jinja's i18n extension calls for `_()`, `{% trans %}` and `{% pluralize %}`.
def gettext(message: str) -> str:
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).ngettext(singular, plural, n)
