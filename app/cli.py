"""`mljudge`: the service's commands, plus the judge's own (`judge`, `problems`)."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import secrets
import socket
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from app import logs
from app.settings import InsecureSettings, Settings
from judge import cli as judge_cli
from judge.problem_yaml import ProblemError
from judge.scaffold import ScaffoldError

if TYPE_CHECKING:
    from judge.runner import Runner

log = logging.getLogger("app.cli")


def _fail(message: str, code: int = 1) -> int:
    print(f"mljudge: {message}", file=sys.stderr)
    return code


def _settings() -> Settings:
    settings = Settings()
    settings.check_production()
    return settings


def _start_runner(settings: Settings) -> Runner:
    """Start the runner now, so a machine that cannot isolate is refused with one line."""
    from app.runners import import_factory

    try:
        return import_factory(settings.runner)()
    except Exception as exc:  # noqa: BLE001 -- whatever stops the sandbox, said in one line
        raise SystemExit(f"mljudge: cannot judge on this machine: {exc}") from None


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app import migrate
    from app.main import create_app

    settings = _settings()
    logs.configure(settings.log_format)
    migrate.upgrade(settings.database_url)
    runner_factory = None
    if settings.embedded:
        runner = _start_runner(settings)
        runner_factory = lambda: runner  # noqa: E731 - the started one, closed by the app
    app = create_app(settings, runner_factory)
    # The broker URL may carry a password: name the queue, not the URL.
    mode = (
        "embedded: judges in this process"
        if settings.embedded
        else f"production: Celery queue {settings.queue!r}"
    )
    base = f"http://{args.host}:{args.port}"
    # For people at a terminal; with JSON logs, every line of output is one JSON event.
    say = print if settings.log_format == "text" else log.info
    say(f"mljudge: serving {base}/ (web) and {base}/docs (API)  [{mode}]")
    say(
        f"mljudge: register at {base}/register (or POST /api/users) and log in at {base}/login "
        "(or POST /api/token); `mljudge users create NAME --admin` makes an administrator"
    )
    uvicorn.run(app, host=args.host, port=args.port, log_config=logs.config(settings.log_format))
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    from app.db import make_engine, make_sessionmaker
    from app.submissions.judging import context_from_settings, judge_submission
    from judge.tasks import create_celery, register_judge

    settings = _settings()
    logs.configure(settings.log_format)
    if settings.broker_url is None:
        return _fail("a worker needs MLJUDGE_BROKER_URL (embedded `serve` judges in-process)")
    if args.metrics_port is not None:
        from prometheus_client import start_http_server

        from app.metrics.service import judges_registry

        # The judges' figures of this worker (of the host's, in multiprocess mode), for a
        # Prometheus server to scrape where no API process runs beside the worker.
        try:
            start_http_server(args.metrics_port, args.metrics_host, judges_registry())
        except OSError as exc:
            return _fail(f"--metrics-port {args.metrics_port}: {exc.strerror or exc}")
    runner = _start_runner(settings)
    engine = make_engine(settings.database_url)
    try:
        context = context_from_settings(settings, make_sessionmaker(engine), runner)
        celery = create_celery(settings.broker_url, settings.queue)
        register_judge(celery, partial(judge_submission, context))
        # One task at a time per worker process by default: scale by running more workers.
        # With --concurrency N, N threads share the one warm runner (it is thread-safe).
        concurrency = args.concurrency
        # Logging is ours (app/logs.py), in either format; with JSON, no banner either.
        celery.conf.worker_hijack_root_logger = False
        quiet = ["--quiet"] if settings.log_format == "json" else []
        celery.worker_main(
            [
                *quiet,
                "worker",
                "--pool=threads",
                f"--concurrency={concurrency}",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "-n",
                # Containers on the host's network share its hostname, and each worker may be
                # PID 1 of its own: the random part keeps their names apart (two workers of one
                # name share one control queue, and only one of them answers a ping).
                f"mljudge-{os.getpid()}-{secrets.token_hex(3)}@{socket.gethostname()}",
            ]
        )
    finally:
        close = getattr(runner, "close", None)
        if close:
            close()
        engine.dispose()
    # celery-types declares worker_main NoReturn, but it returns when the worker stops:
    # Celery.start() catches the click Exit that ends the worker command.
    return 0  # type: ignore[unreachable]


def cmd_db(args: argparse.Namespace) -> int:
    from app import migrate

    settings = Settings()
    if args.db_command == "upgrade":
        migrate.upgrade(settings.database_url, args.revision)
    else:
        migrate.downgrade(settings.database_url, args.revision)
    print(f"mljudge: database at {args.revision}")
    return 0


def _read_new_password(given: str | None) -> str:
    if given is not None:
        return given
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise SystemExit("mljudge: the passwords differ")
    return first


def cmd_users_create(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from app import migrate
    from app.auth import service
    from app.auth.schemas import UserCreate
    from app.db import make_engine, make_sessionmaker, transaction

    settings = Settings()
    try:
        body = UserCreate(username=args.name, password=_read_new_password(args.password))
    except ValidationError as exc:
        return _fail(
            "; ".join(
                f"{e['loc'][0] if e['loc'] else 'user'}: {e['msg'].removeprefix('Value error, ')}"
                for e in exc.errors()
            )
        )
    migrate.upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        with transaction(make_sessionmaker(engine)) as session:
            service.create_user(session, body.username, body.password, is_admin=args.admin)
    except service.UsernameTaken:
        return _fail(f"user {args.name!r} exists already")
    finally:
        engine.dispose()
    print(f"mljudge: created {'administrator' if args.admin else 'user'} {args.name}")
    return 0


def cmd_sections(args: argparse.Namespace) -> int:
    from app import migrate
    from app.admin.sections import overview
    from app.db import make_engine, make_sessionmaker, transaction, utcnow
    from app.problems import schedule

    if args.sections_command == "current" and args.clear == (args.section is not None):
        return _fail("give a section number (0-7) or --clear", 2)
    settings = Settings()
    problems_dir = (args.problems or settings.problems_dir).absolute()
    migrate.upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        with transaction(make_sessionmaker(engine)) as session:
            if args.sections_command == "current":
                schedule.set_current_section(session, args.section)
            shown = overview(session, problems_dir, utcnow())
    finally:
        engine.dispose()
    current = "none" if shown.current is None else str(shown.current)
    print(f"current section: {current}   (now {shown.now.isoformat(timespec='seconds')})")
    for state in shown.sections:
        title = " / ".join(t for t in (state.title_ja, state.title) if t) or "(no title)"
        release = state.release.isoformat() if state.release else "-"
        status = "open" if state.open else "closed"
        print(
            f"  {state.section}  {status:<6}  release {release:<25}  {state.problems:>2} problems  {title}"
        )
    for error in shown.errors:
        print(f"mljudge: {error}", file=sys.stderr)
    return 1 if shown.errors else 0


def cmd_problems_sync(args: argparse.Namespace) -> int:
    from app import migrate
    from app.db import make_engine, make_sessionmaker, transaction
    from app.problems import service

    settings = Settings()
    problems_dir = (args.problems or settings.problems_dir).absolute()
    if not problems_dir.is_dir():
        return _fail(f"{problems_dir}: no such folder", 2)
    migrate.upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        with transaction(make_sessionmaker(engine)) as session:
            report = service.sync(session, problems_dir)
    finally:
        engine.dispose()
    for change in ("added", "updated", "removed"):
        for problem_id in getattr(report, change):
            print(f"{change:<8} {problem_id}")
    print(f"mljudge: {len(report.unchanged)} unchanged")
    for error in report.errors:
        print(f"mljudge: {error}", file=sys.stderr)
    return 1 if report.errors else 0


def _section_number(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 7:
        raise argparse.ArgumentTypeError(f"{text!r} is not a section number 0-7")
    return int(text)


def cmd_submit(args: argparse.Namespace) -> int:
    from app.submit_client import submit

    return submit(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mljudge", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the API (and in-process judges when embedded)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(handler=cmd_serve)

    worker = commands.add_parser("worker", help="run a Celery judge worker (production)")
    worker.add_argument(
        "--concurrency", type=int, default=1, help="tasks judged at once (default: 1)"
    )
    worker.add_argument(
        "--metrics-port",
        type=int,
        help="serve the judges' Prometheus figures on this port (GET /metrics)",
    )
    worker.add_argument(
        "--metrics-host", default="127.0.0.1", help="the address for --metrics-port"
    )
    worker.set_defaults(handler=cmd_worker)

    db = commands.add_parser("db", help="database migrations")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_upgrade = db_commands.add_parser("upgrade", help="apply migrations (default: to head)")
    db_upgrade.add_argument("revision", nargs="?", default="head")
    db_downgrade = db_commands.add_parser("downgrade", help="revert migrations")
    db_downgrade.add_argument("revision", help="e.g. -1 or base")
    db.set_defaults(handler=cmd_db)

    users = commands.add_parser("users", help="manage accounts")
    user_commands = users.add_subparsers(dest="users_command", required=True)
    create = user_commands.add_parser("create", help="create an account")
    create.add_argument("name")
    create.add_argument("--admin", action="store_true", help="make it an administrator")
    create.add_argument("--password", help="else asked for (or read from piped stdin)")
    create.set_defaults(handler=cmd_users_create)

    sections = commands.add_parser("sections", help="the release schedule of the sections")
    section_commands = sections.add_subparsers(dest="sections_command", required=True)
    for name, help_text in (
        ("show", "each section, open or closed to students now, and the current section"),
        ("current", "set the current section N (sections up to N open) or --clear it"),
    ):
        command = section_commands.add_parser(name, help=help_text)
        command.add_argument(
            "--problems",
            type=Path,
            default=None,
            metavar="DIR",
            help="folder of problem packages (default: $MLJUDGE_PROBLEMS_DIR, else ./problems)",
        )
        command.set_defaults(handler=cmd_sections)
        if name == "current":
            command.add_argument("section", nargs="?", type=_section_number)
            command.add_argument("--clear", action="store_true", help="unset the current section")

    submit = commands.add_parser("submit", help="submit a file through the API and wait")
    submit.add_argument("problem")
    submit.add_argument("file")
    submit.add_argument("--server", default="http://127.0.0.1:8000")
    submit.add_argument("--user", help="log in as this user (password: MLJUDGE_PASSWORD or asked)")
    submit.add_argument(
        "--token",
        default=os.environ.get("MLJUDGE_TOKEN"),
        help="a bearer token instead of --user (default: MLJUDGE_TOKEN)",
    )
    submit.add_argument("--json", action="store_true", help="print the final result as JSON")
    submit.set_defaults(handler=cmd_submit)

    problem_actions = judge_cli.register(commands)
    sync = problem_actions.add_parser(
        "sync", help="store the packages of the folder in the database as the current versions"
    )
    sync.add_argument(
        "--problems", type=Path, default=None, metavar="DIR", help="default: MLJUDGE_PROBLEMS_DIR"
    )
    sync.set_defaults(handler=cmd_problems_sync)
    return parser


def main(argv: list[str] | None = None) -> int:
    logs.configure("text")  # `serve` and `worker` apply MLJUDGE_LOG_FORMAT once they read it
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (InsecureSettings, judge_cli.CliError, ProblemError, ScaffoldError) as exc:
        judge_cli.print_error(exc)
        return 2


if __name__ == "__main__":
    sys.exit(main())
