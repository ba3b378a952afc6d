"""Can this machine isolate a test? Workers ask once at start and refuse with one clear line."""

from __future__ import annotations

import os
import platform
from pathlib import Path

from judge.runner import landlock
from judge.runner.cgroups import CgroupParent, CgroupUnavailable

CAP_SETGID, CAP_SETUID, CAP_SYS_ADMIN = 6, 7, 21


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
    for bit, name in (
        (CAP_SYS_ADMIN, "CAP_SYS_ADMIN"),
        (CAP_SETUID, "CAP_SETUID"),
        (CAP_SETGID, "CAP_SETGID"),
    ):
        if not caps >> bit & 1:
            raise IsolationUnavailable(
                f"the sandbox needs {name} (run the worker as root): namespaces and uid drop"
            )
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
