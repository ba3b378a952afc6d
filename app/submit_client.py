"""`mljudge submit`: send a file to a running server, follow its progress, print the verdict."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx


def _detail(response: httpx.Response) -> str:
    try:
        return str(response.json().get("detail"))
    except ValueError:
        return response.text[:200]


def _token(client: httpx.Client, args: argparse.Namespace) -> str:
    if args.token:
        return args.token
    if not args.user:
        raise SystemExit("mljudge: give --user NAME or --token (or set MLJUDGE_TOKEN)")
    password = os.environ.get("MLJUDGE_PASSWORD") or getpass.getpass(f"password for {args.user}: ")
    response = client.post("/api/token", data={"username": args.user, "password": password})
    if response.status_code != 200:
        raise SystemExit(f"mljudge: login failed: {_detail(response)}")
    return response.json()["access_token"]


def _events(client: httpx.Client, submission_id: int) -> Iterator[tuple[str | None, Any]]:
    event = None
    with client.stream("GET", f"/api/submissions/{submission_id}/events", timeout=None) as stream:
        for line in stream.iter_lines():
            if line.startswith("event: "):
                event = line[len("event: ") :]
            elif line.startswith("data: "):
                yield event, json.loads(line[len("data: ") :])


def submit(args: argparse.Namespace) -> int:
    try:
        code = Path(args.file).read_text(encoding="utf-8")
    except OSError as exc:
        raise SystemExit(f"mljudge: {exc}") from None
    with httpx.Client(base_url=args.server, timeout=30) as client:
        try:
            client.headers["Authorization"] = f"Bearer {_token(client, args)}"
            response = client.post(
                "/api/submissions", json={"problem_id": args.problem, "code": code}
            )
            if response.status_code != 202:
                raise SystemExit(
                    f"mljudge: submission refused ({response.status_code}): {_detail(response)}"
                )
            submission_id = response.json()["id"]
            print(f"submission {submission_id} queued", file=sys.stderr)
            final = None
            for event, data in _events(client, submission_id):
                if event == "test":
                    label = data.get("name") or f"hidden #{data['position'] + 1}"
                    print(
                        f"  {label:<24} {data['verdict']:<4} {data['time_ms']:>6} ms "
                        f"{data['memory_kb'] // 1024:>5} MiB",
                        file=sys.stderr,
                    )
                elif event == "done":
                    final = data
        except httpx.HTTPError as exc:
            raise SystemExit(f"mljudge: cannot reach {args.server}: {exc}") from None
        except UnicodeEncodeError:  # bytes of the command line or environment that are not UTF-8
            raise SystemExit(
                "mljudge: the user name, password or token is not UTF-8 text"
            ) from None
    if final is None:
        raise SystemExit("mljudge: the server closed the progress stream early")
    if args.json:
        print(json.dumps(final))
    else:
        print(f"{final['verdict']}  {final['score']:g}/{final['max_score']:g}")
    return 0
