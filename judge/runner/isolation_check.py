"""Can this machine isolate a test? Workers ask once at start and refuse with one clear line."""

from __future__ import annotations

import os
import platform
from pathlib import Path

from judge.runner import landlock
from judge.runner.cgroups import CgroupParent, CgroupUnavailable

CAP_DAC_OVERRIDE, CAP_KILL, CAP_SETGID, CAP_SETUID, CAP_SYS_ADMIN = 1, 5, 6, 7, 21
# What each is for; a container that grants fewer (docker-compose.yml) fails here, not mid-test.
NEEDED = (
    (CAP_SYS_ADMIN, "CAP_SYS_ADMIN", "namespaces, mounts and pivot_root"),
    (CAP_SETUID, "CAP_SETUID", "the drop to the test's uid"),
    (CAP_SETGID, "CAP_SETGID", "the drop to the test's gid"),
    # Without it a test's processes (another uid) cannot be killed, and their frozen group stays
    # frozen.
    (CAP_KILL, "CAP_KILL", "killing a test's processes"),
    (CAP_DAC_OVERRIDE, "CAP_DAC_OVERRIDE", "links to the problem's files in the test's scratch"),
)


class IsolationUnavailable(RuntimeError):
    """The one-line reason the sandbox cannot run here."""


def _effective_capabilities() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("CapEff:"):
            return int(line.split()[1], 16)
    return 0


def check_isolation() -> None:
    if platform.system() != "Linux" or platform.machine() not in ("x86_64", "aarch64"):
        raise IsolationUnavailable(
            f"the sandbox needs Linux on x86_64 or aarch64, not {platform.platform()}"
        )
    caps = _effective_capabilities()
    for bit, name, why in NEEDED:
        if not caps >> bit & 1:
            raise IsolationUnavailable(f"the sandbox needs {name} (run the worker as root): {why}")
    for ns in ("pid", "net", "mnt", "ipc", "uts"):
        if not os.path.exists(f"/proc/self/ns/{ns}"):
            raise IsolationUnavailable(f"the kernel has no {ns} namespaces")
    if landlock.abi_version() < 1:
        raise IsolationUnavailable("Landlock is not enabled in this kernel (lsm=landlock)")
    try:
        from judge.runner import syscalls

        syscalls.build_filter()
    except (ImportError, OSError, RuntimeError) as exc:
        raise IsolationUnavailable(f"seccomp via libseccomp is unavailable: {exc}") from None
    try:
        probe = CgroupParent(f"mljudge-probe-{os.getpid()}")
        probe.remove()
    except (CgroupUnavailable, OSError) as exc:
        raise IsolationUnavailable(f"cgroups: {exc}") from None
