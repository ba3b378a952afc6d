"""GET /api/health and the judging line in every page's footer: judges alive, queue length,
cached a few seconds, and no error when the queue or the database cannot be reached."""

from __future__ import annotations

import threading

from sqlalchemy.exc import OperationalError

from app.dispatch import InlineDispatcher
from app.health import JudgingMonitor


def submit(client, headers, code="#fake ECHO"):
    response = client.post(
        "/api/submissions", json={"problem_id": "echo", "code": code}, headers=headers
    )
    assert response.status_code == 202, response.text


def footer(client, lang: str = "en") -> str:
    page = client.get("/runtime", headers={"Accept-Language": lang}).text
    start = page.index('<p class="judging-status')
    return " ".join(page[start : page.index("</p>", start)].split())


def test_the_status_counts_waiting_submissions_and_is_cached(client, accounts, judge_queued):
    alice = accounts.user("alice")
    submit(client, alice)
    submit(client, alice)
    status = client.get("/api/health").json()
    assert status["state"] == "ok" and status["queue"] == "ok" and status["judges"] == 1
    assert (status["queued"], status["judging"]) == (2, 0)
    assert "Judging works: 1 judge. 2 submissions waiting, 0 being judged." in footer(client)
    japanese = "採点は稼働中です（採点プロセス 1 個）。 待機中の提出 2 件、採点中 0 件。"
    assert japanese in footer(client, "ja")
    judge_queued()
    # Cached: the same answer for a few seconds, then probed again.
    assert client.get("/api/health").json()["queued"] == 2
    client.app.state.judging.ttl_s = 0
    assert client.get("/api/health").json()["queued"] == 0
    assert "0 submissions waiting" in footer(client)


def test_an_unreachable_queue_is_said_not_raised(client, dispatcher):
    dispatcher.check = lambda: "broker unreachable: ConnectionRefusedError"
    response = client.get("/api/health")
    assert response.status_code == 200
    status = response.json()
    assert status["state"] == "queue-unreachable" and status["judges"] is None
    assert status["queue"].startswith("broker unreachable")
    page = client.get("/")
    assert page.status_code == 200
    assert "judging-queue-unreachable" in page.text
    assert "the queue cannot be reached" in footer(client)


def test_a_probe_that_raises_and_a_dead_database_are_reported(client, dispatcher):
    def refused():
        raise ConnectionRefusedError

    dispatcher.check = refused
    monitor = client.app.state.judging

    def no_database():
        raise OperationalError("SELECT", {}, Exception("connection refused"))

    monitor.factory = no_database
    status = client.get("/api/health").json()
    assert status["state"] == "queue-unreachable"
    assert status["queue"] == "unreachable: ConnectionRefusedError"
    assert status["queued"] is None and status["judging"] is None


def test_no_judges_running(client, dispatcher):
    dispatcher.judges = lambda: 0
    assert client.get("/api/health").json()["state"] == "no-judges"
    assert "Judging is stopped: no judge is running" in footer(client)


def test_the_embedded_pool_counts_its_threads_until_closed():
    pool = InlineDispatcher(lambda _id: None, workers=3)
    assert pool.judges() == 3
    pool.close()
    assert pool.judges() == 0


class SlowDispatcher:
    """A broker whose worker ping takes as long as the test wants."""

    def __init__(self):
        self.release = threading.Event()
        self.pings = 0

    def check(self):
        return None

    def judges(self):
        self.pings += 1
        if self.pings > 1:
            assert self.release.wait(10)
        return self.pings

    def close(self):
        pass


def test_in_background_mode_a_slow_probe_never_holds_up_the_caller():
    def no_database():
        raise OperationalError("SELECT", {}, Exception("not needed here"))

    now = [0.0]
    slow = SlowDispatcher()
    monitor = JudgingMonitor(no_database, slow, ttl_s=5, background=True, clock=lambda: now[0])
    assert monitor.status().judges == 1  # the first status is probed in the caller
    now[0] = 6.0
    assert monitor.status().judges == 1  # stale: returned at once, a thread probes again
    assert monitor.status().judges == 1  # still probing: no second probe starts
    slow.release.set()
    for _ in range(200):
        if monitor.status().judges == 2:
            break
        threading.Event().wait(0.01)
    assert monitor.status().judges == 2 and slow.pings == 2
