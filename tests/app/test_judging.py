"""Queue semantics at the database level: claims, leases, the sweeper, no double verdicts."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest

from app.auth import service as auth
from app.db import transaction, utcnow
from app.problems import service as problems
from app.problems.models import ProblemRecord
from app.submissions import judging
from app.submissions.models import CaseResultRecord, Status, Submission
from app.submissions.sweeper import sweep
from judge.verdict import CaseResult, Verdict
from judge.version_cache import VersionCache
from tests.app.conftest import queue_submissions
from tests.app.fakes import FakeRunner


@pytest.fixture
def context(session_factory, problems_dir, version_cache_dir):
    with transaction(session_factory) as session:
        problems.sync(session, problems_dir)
    cache = VersionCache(version_cache_dir)
    return judging.JudgingContext(session_factory, cache, FakeRunner(), lease_s=60)


@pytest.fixture
def submission_id(session_factory, context):
    with transaction(session_factory) as session:
        user = auth.create_user(session, "alice", "correct-horse-battery")
        submission = Submission(
            user_id=user.id,
            problem_id="echo",
            code="#fake ECHO",
            status=Status.QUEUED,
            max_score=100,
            lease_expires_at=utcnow() + timedelta(seconds=60),
        )
        session.add(submission)
        session.flush()
        return submission.id


def load(session_factory, submission_id):
    with transaction(session_factory) as session:
        submission = session.get(Submission, submission_id)
        results = session.query(CaseResultRecord).filter_by(submission_id=submission_id).count()
        return submission, results


CASE = CaseResult(name="1", verdict=Verdict.AC, score=1.0)


def test_only_one_judge_can_claim(context, submission_id):
    first = judging.claim(context, submission_id)
    assert first is not None and first.attempt == 1
    assert judging.claim(context, submission_id) is None


def test_a_judge_that_lost_its_lease_writes_nothing(context, session_factory, submission_id):
    stale = judging.claim(context, submission_id)
    assert judging.record_case(context, stale, 0, CASE)
    with transaction(session_factory) as session:  # the worker went quiet past its lease
        requeued = sweep(session, lease_s=60, max_attempts=3, now=utcnow() + timedelta(seconds=61))
    assert requeued == [submission_id]
    submission, _ = load(session_factory, submission_id)
    assert (submission.status, submission.interruptions) == (Status.QUEUED, 1)
    assert submission.dispatched_at is None  # the outbox sends it again

    assert not judging.record_case(context, stale, 1, CASE)
    fresh = judging.claim(context, submission_id)
    assert fresh.attempt == 2
    assert not judging.finish(context, stale, Verdict.WA, 0.0, None, None)
    assert judging.finish(context, fresh, Verdict.AC, 100.0, None, "v")
    submission, results = load(session_factory, submission_id)
    assert (submission.status, submission.verdict, submission.attempt) == (Status.DONE, "AC", 2)
    assert results == 0  # the stale attempt's rows are gone; the fresh one wrote none here


def test_the_sweeper_gives_up_after_max_attempts(context, session_factory, submission_id):
    for attempt in range(1, 4):
        assert judging.claim(context, submission_id).attempt == attempt
        with transaction(session_factory) as session:
            sweep(session, lease_s=60, max_attempts=3, now=utcnow() + timedelta(seconds=61))
    submission, _ = load(session_factory, submission_id)
    assert (submission.status, submission.verdict) == (Status.DONE, Verdict.IE)
    assert submission.error == "judging was interrupted 3 times (worker lost or killed)"
    assert submission.code == "#fake ECHO"


def test_the_sweeper_resends_a_lost_message_and_leaves_live_ones(
    context, session_factory, submission_id
):
    with transaction(session_factory) as session:
        session.get(Submission, submission_id).dispatched_at = utcnow()  # sent, then lost
    with transaction(session_factory) as session:
        assert sweep(session, lease_s=60, max_attempts=3) == []
        assert sweep(session, lease_s=60, max_attempts=3, now=utcnow() + timedelta(seconds=61)) == [
            submission_id
        ]
    submission, _ = load(session_factory, submission_id)
    assert submission.status == Status.QUEUED and submission.dispatched_at is None


def test_a_version_not_stored_is_an_internal_error_with_a_reason(
    context, session_factory, submission_id, tmp_path
):
    # As after upgrading a database from before the version store, until the next sync.
    with transaction(session_factory) as session:
        session.get(ProblemRecord, "echo").version = "0" * 64
    fresh = judging.JudgingContext(
        session_factory, VersionCache(tmp_path), context.runner, context.lease_s
    )
    judging.judge_submission(fresh, submission_id)
    submission, _ = load(session_factory, submission_id)
    assert submission.verdict == Verdict.IE and submission.problem_version == "0" * 64
    assert submission.error == (
        "problem package unusable: problem version 000000000000 is not stored; sync problems"
    )


def test_full_judging_writes_each_test_and_the_verdict(context, session_factory, submission_id):
    judging.judge_submission(context, submission_id)
    submission, results = load(session_factory, submission_id)
    assert (submission.status, submission.verdict, submission.score) == (Status.DONE, "AC", 100.0)
    assert results == 3 and submission.lease_expires_at is None
    assert submission.problem_version is not None


def judge_while_sweeping(context, submission_id, factory, lease_s=60):
    """Judge in a thread, as a worker would, while the sweeper runs every 50 ms. Returns the
    seconds until a sweep re-queued the submission, or None if none did."""
    judge = threading.Thread(target=judging.judge_submission, args=(context, submission_id))
    started = time.monotonic()
    judge.start()
    requeued_after = None
    while judge.is_alive():
        with transaction(factory) as session:
            if sweep(session, lease_s=lease_s, max_attempts=3) and requeued_after is None:
                requeued_after = time.monotonic() - started
        time.sleep(0.05)
    judge.join()
    return requeued_after


def beating(factory, cache_dir, lease_s, heartbeat_s, heartbeat_lease_s):
    """A judging context whose leases are renewed by heartbeats."""
    return judging.JudgingContext(
        factory,
        VersionCache(cache_dir),
        FakeRunner(),
        lease_s,
        heartbeat_s=heartbeat_s,
        heartbeat_lease_s=heartbeat_lease_s,
    )


# Heartbeats of the tests below leave their lease room for a beat delayed most of a second (a
# loaded machine, a busy database), as the defaults (2 s, 10 s) leave it 8 s.


def test_heartbeats_keep_a_test_longer_than_the_lease(fresh_factory, version_cache_dir):
    context = beating(fresh_factory, version_cache_dir, 60, 0.2, 1.0)
    [submission_id] = queue_submissions(fresh_factory, 1, "#fake SLEEP 1.3")  # 3 tests of 1.3 s
    assert judge_while_sweeping(context, submission_id, fresh_factory) is None
    submission, results = load(fresh_factory, submission_id)
    assert (submission.status, submission.verdict, results) == (Status.DONE, Verdict.AC, 3)
    assert (submission.attempt, submission.interruptions) == (1, 0)


def test_one_thread_renews_the_leases_of_every_submission_judged(fresh_factory, version_cache_dir):
    """Heartbeats come from one thread per judging context, not one per submission."""
    context = beating(fresh_factory, version_cache_dir, 60, 0.1, 1.0)
    before = {t.ident for t in threading.enumerate()}
    ids = queue_submissions(fresh_factory, 3, "#fake SLEEP 0.4")
    judges = [threading.Thread(target=judging.judge_submission, args=(context, i)) for i in ids]
    for judge in judges:
        judge.start()
    time.sleep(0.3)
    started = [t for t in threading.enumerate() if t.ident not in before and t not in judges]
    assert [t.name for t in started] == ["mljudge-leases"]
    for judge in judges:
        judge.join()
    for submission_id in ids:
        submission, results = load(fresh_factory, submission_id)
        assert (submission.verdict, submission.attempt, results) == (Verdict.AC, 1, 3)


def test_a_killed_judges_submission_is_queued_again_within_seconds(
    fresh_factory, version_cache_dir
):
    context = beating(fresh_factory, version_cache_dir, 60, 0.1, 0.5)
    [submission_id] = queue_submissions(fresh_factory, 1)
    assert judging.claim(context, submission_id) is not None  # and the worker dies: no beats
    started = time.monotonic()
    while True:
        with transaction(fresh_factory) as session:
            if sweep(session, lease_s=60, max_attempts=3):
                break
        assert time.monotonic() - started < 3, "the lease was never taken back"
        time.sleep(0.05)
    assert time.monotonic() - started >= 0.4  # not before its lease ran out
    submission, _ = load(fresh_factory, submission_id)
    assert (submission.status, submission.interruptions) == (Status.QUEUED, 1)
    assert submission.dispatched_at is None  # for the outbox to send


def test_a_judge_stuck_in_one_test_loses_the_submission_after_lease_s(
    fresh_factory, version_cache_dir
):
    context = beating(fresh_factory, version_cache_dir, 2, 0.2, 1.0)
    [submission_id] = queue_submissions(fresh_factory, 1, "#fake SLEEP 5")
    requeued_after = judge_while_sweeping(context, submission_id, fresh_factory, lease_s=2)
    # Renewed while it had been stuck for less than lease_s (2 s), then let run out.
    assert requeued_after is not None and 2.0 <= requeued_after < 5
    submission, results = load(fresh_factory, submission_id)
    # The stuck judge came back after its lease was gone and wrote nothing.
    assert (submission.status, submission.interruptions, results) == (Status.QUEUED, 1, 0)


class OverlapRecordingRunner(FakeRunner):
    """A FakeRunner that may run three tests at once and records how many it ran at once."""

    parallel_tests = 3

    def __init__(self) -> None:
        super().__init__()
        self.running = self.most_at_once = 0
        self._count = threading.Lock()

    def run(self, request):  # type: ignore[no-untyped-def]
        with self._count:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        time.sleep(0.3)
        try:
            return super().run(request)
        finally:
            with self._count:
                self.running -= 1


def test_the_service_runs_a_submissions_tests_as_many_at_once_as_its_runner_may(
    session_factory, submission_id, settings
):
    # Through the context a worker or the embedded pool judges with (its runner wrapped to
    # count sandbox failures): the wrapper once hid the runner's parallel_tests.
    runner = OverlapRecordingRunner()
    context = judging.context_from_settings(settings, session_factory, runner)
    judging.judge_submission(context, submission_id)
    submission, results = load(session_factory, submission_id)
    assert (submission.verdict, results) == (Verdict.AC, 3)
    assert runner.most_at_once == 3
