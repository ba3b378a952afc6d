"""The outbox: a submission is accepted whatever the broker does, and sent once, as soon as the
broker takes it; lost messages are sent again; relays of several processes share the work."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import select, text, update

from app import migrate
from app.auth import service as auth
from app.db import make_engine, make_sessionmaker, transaction, utcnow
from app.problems import service as problems
from app.submissions import outbox
from app.submissions.models import Submission
from app.submissions.outbox import OutboxRelay
from tests.app.conftest import postgres_database, queue_submissions
from tests.app.fakes import RecordingDispatcher

AC = "#fake ECHO\n"


def submit(client, headers, code=AC):
    return client.post(
        "/api/submissions", json={"problem_id": "echo", "code": code}, headers=headers
    )


def dispatched_at(session_factory, submission_id):
    with transaction(session_factory) as session:
        return session.get(Submission, submission_id).dispatched_at


class BrokerDown(Exception):
    pass


def test_a_submission_is_accepted_while_the_broker_is_down_and_sent_once_it_is_back(
    client, accounts, dispatcher, session_factory
):
    def refuse(_submission_id):
        raise BrokerDown("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    alice = accounts.user("alice")
    dispatcher.enqueue = refuse
    response = submit(client, alice)
    assert response.status_code == 202 and response.json()["status"] == "queued"
    submission_id = response.json()["id"]
    assert dispatched_at(session_factory, submission_id) is None  # kept to be sent again
    status = client.get("/api/health").json()
    assert (status["queued"], status["unsent"]) == (1, 1)

    del dispatcher.enqueue  # the broker is back: the relay's next round sends it
    client.app.state.outbox.run_once()
    assert dispatcher.enqueued == [submission_id]
    assert dispatched_at(session_factory, submission_id) is not None
    client.app.state.outbox.run_once()
    assert dispatcher.enqueued == [submission_id]  # sent once


def test_the_relay_marks_what_it_sent_and_keeps_what_the_queue_refused(
    client, accounts, dispatcher, session_factory
):
    alice = accounts.user("alice")
    first = submit(client, alice).json()["id"]
    assert dispatcher.enqueued == [first]
    assert dispatched_at(session_factory, first) is not None

    refused = []

    def refuse_the_second(submission_id):
        if refused or dispatcher.enqueued[-1] != first:
            dispatcher.enqueued.append(submission_id)
        else:
            refused.append(submission_id)
            raise BrokerDown("timeout")

    dispatcher.enqueue = refuse_the_second
    second = submit(client, alice).json()["id"]
    assert refused == [second] and dispatched_at(session_factory, second) is None
    client.app.state.outbox.run_once()
    assert dispatcher.enqueued == [first, second]


def test_the_relay_sends_again_what_the_broker_lost_and_nothing_more(
    client, accounts, dispatcher, session_factory
):
    alice = accounts.user("alice")
    ids = [submit(client, alice).json()["id"] for _ in range(3)]
    assert dispatcher.enqueued == ids
    with transaction(session_factory) as session:  # sent a while ago
        session.execute(update(Submission).values(dispatched_at=utcnow() - timedelta(seconds=10)))
    relay = OutboxRelay(session_factory, dispatcher, interval_s=0, redeliver_after_s=5)

    for _ in range(3):  # the queue holds a message for each: nothing to do
        assert relay.run_once() == 0
    dispatcher.enqueued[:] = ids[1:]  # a killed worker took the first one with it
    assert relay.run_once() == 0  # one look could be a message between taken and claimed
    assert relay.run_once() == 1
    assert dispatcher.enqueued == [*ids[1:], ids[0]]
    assert relay.run_once() == 0

    dispatcher.enqueued.clear()  # the broker restarted empty
    relay.run_once()
    relay.run_once()
    # The one just sent again is not sent a third time before redeliver_after_s.
    assert sorted(dispatcher.enqueued) == ids[1:]


def test_a_submission_sent_moments_ago_is_not_sent_again(
    client, accounts, dispatcher, session_factory
):
    alice = accounts.user("alice")
    submission_id = submit(client, alice).json()["id"]
    dispatcher.enqueued.clear()  # lost, but too recently to tell from a message in flight
    relay = OutboxRelay(session_factory, dispatcher, interval_s=0, redeliver_after_s=5)
    assert relay.run_once() == 0 and relay.run_once() == 0
    assert dispatcher.enqueued == []
    with transaction(session_factory) as session:  # five seconds later
        session.get(Submission, submission_id).dispatched_at -= timedelta(seconds=5)
    relay.run_once()
    assert dispatcher.enqueued == [submission_id]


class SlowTransport(RecordingDispatcher):
    def enqueue(self, submission_id):
        time.sleep(0.002)
        super().enqueue(submission_id)


def test_two_relays_send_each_submission_once(fresh_factory):
    ids = queue_submissions(fresh_factory, 2 * outbox.BATCH + 30)
    transports = [SlowTransport(), SlowTransport()]
    relays = [OutboxRelay(fresh_factory, t, interval_s=0, redeliver_after_s=60) for t in transports]
    start = threading.Barrier(2)

    def run(relay):
        start.wait()
        relay.run_once()

    threads = [threading.Thread(target=run, args=(r,)) for r in relays]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    first, second = (t.enqueued for t in transports)
    assert not set(first) & set(second)
    assert sorted(first + second) == ids


@pytest.mark.postgres
def test_a_relay_skips_rows_another_relay_is_claiming(problems_dir, tmp_path):
    """FOR UPDATE SKIP LOCKED: a claim never waits for another relay's uncommitted claim."""
    with postgres_database() as url:
        migrate.upgrade(url)
        engine = make_engine(url)
        factory = make_sessionmaker(engine)
        try:
            with transaction(factory) as session:
                problems.sync(session, problems_dir)
                auth.create_user(session, "alice", "correct-horse-battery")
            ids = queue_submissions(factory, 6)
            holding = factory()
            try:
                taken = outbox.claim_unsent(holding, utcnow(), limit=4)  # not committed yet
                with transaction(factory) as session:
                    session.execute(text("SET LOCAL lock_timeout = '2s'"))
                    others = outbox.claim_unsent(session, utcnow())
            finally:
                holding.rollback()
                holding.close()
            assert taken == ids[:4] and others == ids[4:]
        finally:
            engine.dispose()


def test_the_backlog_is_counted(fresh_factory):
    ids = queue_submissions(fresh_factory, 3)
    with transaction(fresh_factory) as session:
        outbox.claim_unsent(session, utcnow(), limit=1)
    with transaction(fresh_factory) as session:
        assert (outbox.count_unsent(session), outbox.count_sent(session)) == (2, 1)
        sent = session.scalars(
            select(Submission.id).where(Submission.dispatched_at.is_not(None))
        ).all()
    assert sent == ids[:1]
