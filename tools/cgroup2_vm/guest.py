"""The guest's init (PID 1, Debian's python3): set the host up as a cgroup v2 server would be, run
the tests, report, power off.

The cgroup tree is laid out as systemd lays it out for a service with Delegate=yes: controllers
enabled down to system.slice, the service's own group (which it may change) holding the tests'
process. The payload disk's directories are bound at their host paths, so the .venv's links to
its interpreter and to the checkout hold as they are.
"""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

PAYLOAD = Path("/payload")  # this checkout's disk, mounted by the init script
RUNTIME = Path("/runtime")  # the .venv's and interpreter's disk
CGROUP = Path("/sys/fs/cgroup")
SERVICE = CGROUP / "system.slice/mljudge-tests.service"
CONTROLLERS = "+cpu +io +memory +pids"
JUNIT = "/tmp/cgroup2-junit.xml"
LEAF = "mljudge-worker"  # judge/runner/cgroups.py's WORKER_LEAF (this runs on Debian's python3)
RB_POWER_OFF = 0x4321FEDC


def sh(*command: str) -> None:
    subprocess.run(command, check=True)


def prepare(manifest: dict) -> None:
    sh("mount", "-t", "tmpfs", "-o", "mode=1777", "tmpfs", "/tmp")
    sh("mount", "-t", "tmpfs", "tmpfs", "/run")
    sh("mount", "-t", "securityfs", "securityfs", "/sys/kernel/security")
    # As systemd mounts it on a v2 host.
    sh("mount", "-t", "cgroup2", "-o", "nsdelegate,memory_recursiveprot", "cgroup2", str(CGROUP))
    os.makedirs(RUNTIME)
    sh("mount", "-o", "ro", "/dev/vdc", str(RUNTIME))
    binds = {
        PAYLOAD / "checkout": manifest["checkout"],
        RUNTIME / "venv": f"{manifest['checkout']}/.venv",
    }
    if manifest["base_prefix"]:
        binds[RUNTIME / "base"] = manifest["base_prefix"]
    for source, target in binds.items():
        os.makedirs(target, exist_ok=True)
        sh("mount", "--bind", str(source), target)
    # PID 1 leaves the root group, as systemd does (init.scope), and the service gets its own.
    (CGROUP / "init.scope").mkdir()
    (CGROUP / "init.scope/cgroup.procs").write_text("1")
    (CGROUP / "cgroup.subtree_control").write_text(CONTROLLERS)
    (CGROUP / "system.slice").mkdir()
    (CGROUP / "system.slice/cgroup.subtree_control").write_text(CONTROLLERS)
    SERVICE.mkdir()


def describe() -> str:
    lsm = Path("/sys/kernel/security/lsm").read_text().strip()
    controllers = (CGROUP / "cgroup.controllers").read_text().strip()
    return f"kernel {os.uname().release}; cgroup2 controllers: {controllers}; LSMs: {lsm}"


def run_tests(manifest: dict) -> int:
    checkout = manifest["checkout"]
    command = [
        f"{checkout}/.venv/bin/python",
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-v",
        "--color=no",
        "--durations=10",
        f"--junitxml={JUNIT}",
        *manifest["pytest_args"],
    ]
    env = {
        "PATH": f"{checkout}/.venv/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": "/root",
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "MLJUDGE_TEST_CPU_SCALE": str(manifest["cpu_scale"]),
    }

    def enter_service() -> None:
        (SERVICE / "cgroup.procs").write_text("0")

    tests = subprocess.Popen(command, cwd=checkout, env=env, preexec_fn=enter_service)
    # As init: reap every orphan, so no zombie outlives its test in /proc.
    while True:
        pid, status = os.wait()
        if pid == tests.pid:
            return os.waitstatus_to_exitcode(status)


def counts() -> str:
    suite = ElementTree.parse(JUNIT).getroot()
    suite = suite if suite.tag == "testsuite" else suite[0]
    tests, failures, errors, skipped = (
        int(suite.get(key, 0)) for key in ("tests", "failures", "errors", "skipped")
    )
    passed = tests - failures - errors - skipped
    return f"{passed} passed, {failures + errors} failed, {skipped} skipped"


def main() -> int:
    started = time.monotonic()
    manifest = json.loads((PAYLOAD / "manifest.json").read_text())
    prepare(manifest)
    print(f"cgroup2 guest: {describe()}", flush=True)
    print(f"cgroup2 guest: the tests' CPU-time limits ×{manifest['cpu_scale']} (emulated CPU)")
    status = run_tests(manifest)
    # Only the leaf the worker moved its own processes into may stay (empty now): no test's group.
    leftovers = sorted(
        str(p.relative_to(SERVICE)) for p in SERVICE.rglob("*") if p.is_dir() and p.name != LEAF
    )
    print(f"cgroup2 guest: groups left under {SERVICE.name}: {leftovers or 'none'}")
    if leftovers:
        status = status or 1
    print(f"cgroup2 guest: tests ran {time.monotonic() - started:.0f} s (guest clock)")
    try:
        print(f"cgroup2 guest: {counts()}", flush=True)
    except (OSError, ElementTree.ParseError, IndexError) as exc:
        print(f"cgroup2 guest: no test report ({exc})", flush=True)
        status = status or 1
    return status


if __name__ == "__main__":
    try:
        code = main()
    except BaseException as exc:  # noqa: BLE001 - init must report and power off, whatever failed
        print(f"cgroup2 guest: init failed: {exc!r}", flush=True)
        code = 1
    print(f"MLJUDGE-GUEST-EXIT {code}", flush=True)
    sys.stdout.flush()
    os.sync()
    ctypes.CDLL(None, use_errno=True).reboot(RB_POWER_OFF)
