"""Text that no database can store is refused at the door: 422 naming where it was.

PostgreSQL's text cannot hold NUL (SQLite can, so the two would disagree), and a lone surrogate
(JSON's "\\ud800") is not Unicode at all: it cannot be encoded for either database, nor into a
response. Checking once here covers every route and page alike: the path (percent-decoded), the
query string and the body, whether JSON, urlencoded or the text fields of a multipart form. The
files of a multipart form are left to their routes (the admins' zip is binary; the submit page
reads an uploaded solution as text itself). Bytes that are not UTF-8 are refused with the rest.

Headers are not checked: none reaches the database as text (tokens and cookies are looked up by
their digests), and the HTTP server refuses control characters in them.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Callable
from email.message import Message as MimeHeader
from urllib.parse import unquote_to_bytes

import python_multipart
from fastapi import HTTPException, status
from fastapi.responses import JSONResponse
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import parse_options_header
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_PLAIN_NAME = re.compile(r"[A-Za-z0-9_\-]{1,40}")


def text_problem(where: str, text: str) -> str | None:
    """Why `text` cannot be stored ("body.code: NUL character (\\u0000) is not allowed"), or None.

    (A regex over a surrogate range is ~100x slower than these two C-speed scans.)"""
    if "\x00" in text:
        return f"{where}: NUL character (\\u0000) is not allowed"
    try:
        text.encode("utf-8")  # fails exactly on a surrogate
    except UnicodeEncodeError as exc:
        return f"{where}: lone surrogate (\\u{ord(text[exc.start]):04x}) is not allowed"
    return None


def bytes_problem(where: str, data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"{where}: not valid UTF-8 (byte {exc.start} is {data[exc.start]:#04x})"
    return text_problem(where, text)


def _member(where: str, name: str) -> str:
    """`where.name` for a plain name; any other name shown escaped and short (it is input too)."""
    if _PLAIN_NAME.fullmatch(name):
        return f"{where}.{name}"
    shown = name if len(name) <= 40 else name[:40] + "…"
    return f"{where}[{shown!a}]"


def pairs_problem(where: str, encoded: bytes) -> str | None:
    """A query string or urlencoded form: each name and value, percent-decoded."""
    for pair in re.split(rb"[&;]", encoded):
        raw_name, _, raw_value = pair.partition(b"=")
        name = unquote_to_bytes(raw_name.replace(b"+", b" "))
        problem = bytes_problem(where, name)
        if problem:
            return problem
        value = unquote_to_bytes(raw_value.replace(b"+", b" "))
        problem = bytes_problem(_member(where, name.decode()), value)
        if problem:
            return problem
    return None


def json_problem(body: bytes) -> str | None:
    """Every string of a JSON body, keys included. A body that is not JSON is left to the route,
    which says so; it is decoded exactly as the route will decode it (json.loads of the bytes)."""
    try:
        document = json.loads(body)
    except UnicodeDecodeError:
        return bytes_problem("body", body) or "body: not valid UTF-8"
    except (ValueError, RecursionError):
        return None
    pending: deque[tuple[str, object]] = deque([("body", document)])
    while pending:
        where, value = pending.popleft()
        if isinstance(value, str):
            problem = text_problem(where, value)
        elif isinstance(value, dict):
            problem = next(filter(None, (text_problem(f"{where} (a key)", k) for k in value)), None)
            pending.extend((_member(where, key), item) for key, item in value.items())
        elif isinstance(value, list):
            pending.extend((f"{where}[{index}]", item) for index, item in enumerate(value))
            problem = None
        else:
            problem = None
        if problem:
            return problem
    return None


class _Buffered:
    """A body checked once it is complete (JSON, urlencoded); BodySizeLimit bounds its size."""

    def __init__(self, check: Callable[[bytes], str | None]):
        self.check, self.parts = check, bytearray()

    def feed(self, chunk: bytes) -> str | None:
        self.parts += chunk
        return None

    def finish(self) -> str | None:
        return self.check(bytes(self.parts))


class _MultipartText:
    """The text fields of a multipart form, checked as they stream by; file contents are skipped."""

    def __init__(self, boundary: bytes):
        self.problem: str | None = None
        self._header_name = self._header_value = b""
        self._disposition = b""
        self._field: str | None = None  # None: the current part is a file
        self._data = bytearray()
        self._parser: python_multipart.MultipartParser | None = python_multipart.MultipartParser(
            boundary,
            {
                "on_part_begin": self._part_begin,
                "on_header_field": self._header_field,
                "on_header_value": self._header_value_part,
                "on_header_end": self._header_end,
                "on_headers_finished": self._headers_finished,
                "on_part_data": self._part_data,
                "on_part_end": self._part_end,
            },
        )

    def _part_begin(self) -> None:
        self._disposition, self._field, self._data = b"", None, bytearray()

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def _header_value_part(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _header_end(self) -> None:
        if self._header_name.lower() == b"content-disposition":
            self._disposition = self._header_value
        self._header_name = self._header_value = b""

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        name = options.get(b"name", b"")
        self.problem = self.problem or bytes_problem("body (a field name)", name)
        if b"filename" not in options and not self.problem:
            self._field = _member("body", name.decode())

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._field is not None:
            self._data += data[start:end]

    def _part_end(self) -> None:
        if self._field is not None:
            self.problem = self.problem or bytes_problem(self._field, bytes(self._data))

    def feed(self, chunk: bytes) -> str | None:
        if self._parser is not None and self.problem is None:
            try:
                self._parser.write(chunk)
            except FormParserError:
                self._parser = None  # malformed: the route's own parser refuses it
        return self.problem

    def finish(self) -> str | None:
        return self.problem


def _body_checker(headers: list[tuple[bytes, bytes]]) -> _Buffered | _MultipartText | None:
    content_type = dict(headers).get(b"content-type", b"").decode("latin-1")
    if not content_type:
        return _Buffered(json_problem)  # FastAPI reads a body without a type as JSON
    header = MimeHeader()
    header["content-type"] = content_type
    kind = header.get_content_type()
    if kind == "application/x-www-form-urlencoded":
        return _Buffered(lambda body: pairs_problem("body", body))
    if kind == "multipart/form-data":
        boundary = header.get_param("boundary")
        return _MultipartText(boundary.encode("latin-1")) if isinstance(boundary, str) else None
    if kind == "application/json" or kind.endswith("+json"):
        return _Buffered(json_problem)
    return None  # no route reads other bodies as text


class StorableText:
    """ASGI middleware: 422 `{"detail": "<where>: <what>"}` for text no database can store.

    The path and query are checked before the app runs. The body is checked as the app reads it:
    its last chunk is withheld until the whole body passes, and a failure is raised as an
    HTTPException from `receive`, which FastAPI answers as it answers its own.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_path = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogatepass")
        problem = bytes_problem("path", unquote_to_bytes(raw_path)) or pairs_problem(
            "query", scope.get("query_string", b"")
        )
        if problem:
            refusal = JSONResponse({"detail": problem}, status.HTTP_422_UNPROCESSABLE_CONTENT)
            await refusal(scope, receive, send)
            return
        checker = _body_checker(scope["headers"])
        if checker is None:
            await self.app(scope, receive, send)
            return

        async def checked() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                problem = checker.feed(message.get("body", b""))
                if problem is None and not message.get("more_body", False):
                    problem = checker.finish()
                if problem:
                    raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, problem)
            return message

        await self.app(scope, checked, send)
