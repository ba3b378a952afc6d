// Live progress of one submission: the page's own event route (it reads the session cookie)
// streams `status`, one `test` per finished test, then `done` with the whole result.
"use strict";

(function () {
  const root = document.getElementById("submission");
  if (!root) return;
  // The page's words in the page's language (verdict and status names, tags), from the server.
  const LABELS = JSON.parse(root.dataset.labels || "{}");
  const VERDICT_NAMES = LABELS.verdicts || {};
  const STATUS_NAMES = LABELS.statuses || {};

  function points(value) {
    if (value === null || value === undefined) return "–";
    return String(Math.round(value * 100) / 100);
  }

  function badge(verdict, status) {
    const span = document.createElement("span");
    if (verdict) {
      span.className = "verdict verdict-" + verdict;
      span.title = VERDICT_NAMES[verdict] || verdict;
      span.textContent = verdict;
    } else {
      span.className = "verdict verdict-pending";
      span.textContent = STATUS_NAMES[status] || status;
    }
    return span;
  }

  function cell(row, content, className) {
    const td = document.createElement("td");
    if (className) td.className = className;
    if (content instanceof Node) td.appendChild(content); else td.textContent = content;
    row.appendChild(td);
  }

  // Same columns and redaction as the server-rendered rows: a hidden test has no name.
  function testRow(test) {
    const row = document.createElement("tr");
    row.dataset.position = test.position;
    cell(row, String(test.position + 1));
    const name = document.createElement("span");
    if (test.name === null || test.name === undefined) {
      name.className = "muted";
      name.textContent = LABELS.hidden || "hidden";
    } else {
      name.textContent = test.name + (test.sample ? " " : "");
      if (test.sample) {
        const tag = document.createElement("span");
        tag.className = "tag";
        tag.textContent = LABELS.sample || "sample";
        name.appendChild(tag);
      }
    }
    cell(row, name);
    cell(row, badge(test.verdict, ""));
    cell(row, test.score === null || test.score === undefined ? "–" : points(test.score), "num");
    cell(row, test.time_ms + " ms", "num");
    cell(row, (Math.round(test.memory_kb / 102.4) / 10).toFixed(1) + " MiB", "num");
    cell(row, test.message || "", "message");
    return row;
  }

  const body = document.getElementById("tests");

  function showTest(test) {
    const fresh = testRow(test);
    const old = body.querySelector('tr[data-position="' + test.position + '"]');
    if (old) { old.replaceWith(fresh); return; }
    const later = Array.from(body.children).find((r) => Number(r.dataset.position) > test.position);
    body.insertBefore(fresh, later || null);
  }

  function showStatus(status) {
    document.getElementById("status").textContent = STATUS_NAMES[status] || status;
    root.dataset.status = status;
  }

  // The explanations are in the page already (translated); show those of the verdicts got.
  function explain(verdicts) {
    const help = document.getElementById("verdict-help");
    if (!help) return;
    for (const item of help.querySelectorAll("[data-verdict]")) {
      item.hidden = !verdicts.includes(item.dataset.verdict);
    }
    help.hidden = false;
  }

  const source = new EventSource("/submissions/" + root.dataset.id + "/events");
  source.addEventListener("status", (event) => {
    const data = JSON.parse(event.data);
    showStatus(data.status);
    if (data.status === "queued") body.replaceChildren();  // a rejudge starts over
    const verdict = document.getElementById("verdict");
    verdict.replaceChildren(badge(null, data.status));
  });
  source.addEventListener("test", (event) => showTest(JSON.parse(event.data)));
  source.addEventListener("done", (event) => {
    source.close();
    const result = JSON.parse(event.data);
    body.replaceChildren(...result.tests.map(testRow));
    showStatus(result.status);
    document.getElementById("verdict").replaceChildren(badge(result.verdict, result.status));
    document.getElementById("score").textContent = points(result.score);
    const note = document.getElementById("live-note");
    if (note) note.remove();
    explain([result.verdict, ...result.tests.map((t) => t.verdict)]);
    // Present only when the server found no earlier AC of this user on this problem.
    const party = document.getElementById("celebration");
    if (party && result.verdict === "AC") party.hidden = false;
    // The group table is drawn by the server; a finished page with groups is simply reloaded.
    if (result.groups && result.groups.length) window.location.reload();
  });
  source.addEventListener("error", () => {
    // EventSource reconnects by itself after a network error; once closed, nothing is pending.
    if (source.readyState === EventSource.CLOSED) {
      const note = document.getElementById("live-note");
      if (note) note.textContent = LABELS.stopped;
    }
  });
})();
