"""Control groups for sandboxed tests: memory and process limits, CPU accounting, killing all.

Each test gets its own group, nested under the worker's own group so that limits set on the
worker still bind. The test's first process joins the group itself (writing "0" to
cgroup.procs) before it runs anything of the submission's, so nothing escapes accounting.
Works with cgroup v1 (memory, pids, cpuacct, freezer hierarchies) and with cgroup v2, where the
worker must be given a sub-tree of its own (systemd's Delegate=yes, a container's cgroup namespace):
v2 lets a group hand controllers to sub-groups only while it holds no process itself, so the worker
first moves the processes of its group into a leaf of it (WORKER_LEAF), as systemd's own delegated
services do.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path

V1_CONTROLLERS = ("memory", "pids", "cpuacct", "freezer")
V2_REQUIRED = ("memory", "pids")
V2_OPTIONAL = ("cpu",)  # CPU time is read from cpu.stat, which v2 keeps even without it
WORKER_LEAF = "mljudge-worker"  # v2: where the worker's own processes go (see the module's note)
EBUSY = 16
DELEGATE_HINT = (
    "give the worker a sub-tree of its own: systemd Delegate=yes (deploy/mljudge-worker.service) "
    "or a container with its own cgroup namespace"
)


class CgroupUnavailable(RuntimeError):
    pass


def _mounts(mountinfo: str | None = None) -> list[tuple[str, str, str, set[str]]]:
    """(mount point, root of the hierarchy it shows, fs type, mount and super options) of every
    visible cgroup mount.

    Of mounts on one point, the last listed is the one paths reach (a container's own cgroup2
    over the one it inherited, say).
    """
    found: dict[str, tuple[str, str, str, set[str]]] = {}
    if mountinfo is None:
        mountinfo = Path("/proc/self/mountinfo").read_text()
    for line in mountinfo.splitlines():
        left, right = line.split(" - ", 1)
        fstype, _source, options = right.split(" ", 2)
        point = left.split(" ")[4]
        found.pop(point, None)
        if fstype in ("cgroup", "cgroup2"):
            fields = left.split(" ")
            flags = set(options.split(",")) | set(fields[5].split(","))
            found[point] = (point, fields[3], fstype, flags)
    return list(found.values())


def _under(point: str, root: str, own: str) -> Path | None:
    """Where group `own` lies under a mount of the hierarchy's `root`, if the mount shows it.

    A container without its own cgroup namespace sees its group's full path in /proc/self/cgroup
    but has only that group mounted (root = the same path), so the group is the mount point.
    """
    relative = os.path.relpath(own, root)
    if relative == ".." or relative.startswith("../"):
        return None
    return Path(point) / relative if relative != "." else Path(point)


def _own_paths() -> dict[str, str]:
    """Controller list (or "" for v2) → this process's group path, from /proc/self/cgroup."""
    paths = {}
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _id, controllers, path = line.split(":", 2)
        paths[controllers] = path
    return paths


def _write(path: Path, value: str) -> None:
    with open(path, "w") as handle:
        handle.write(value)


def _read_int(path: Path) -> int:
    return int(path.read_text().split()[0])


def _rmdir_when_empty(path: Path) -> None:
    for _ in range(200):
        try:
            path.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.005)  # tasks still exiting
    path.rmdir()


class TestGroup:
    """One test's groups; `join_paths` are the cgroup.procs files the test writes "0" to."""

    def __init__(self, dirs: dict[str, Path], v2: bool):
        self.dirs, self.v2 = dirs, v2
        self.join_paths = sorted({str(d / "cgroup.procs") for d in dirs.values()})
        # v2 before Linux 5.19 has no memory.peak: the runner's polls of cpu_ns() sample instead.
        self._sampled_peak = 0 if v2 and not (dirs["memory"] / "memory.peak").exists() else None

    @property
    def samples_memory(self) -> bool:
        """Whether each cpu_ns() also samples the memory peak (v2 before Linux 5.19)."""
        return self._sampled_peak is not None

    def cpu_ns(self) -> int:
        if self.v2:
            if self._sampled_peak is not None:
                self._sample_memory()
            for line in (self.dirs["cpu"] / "cpu.stat").read_text().splitlines():
                if line.startswith("usage_usec"):
                    return int(line.split()[1]) * 1000
            return 0
        return _read_int(self.dirs["cpuacct"] / "cpuacct.usage")

    def _sample_memory(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            current = _read_int(self.dirs["memory"] / "memory.current")
            self._sampled_peak = max(self._sampled_peak or 0, current)

    def memory_peak(self) -> int:
        if not self.v2:
            return _read_int(self.dirs["memory"] / "memory.max_usage_in_bytes")
        if self._sampled_peak is None:
            return _read_int(self.dirs["memory"] / "memory.peak")
        self._sample_memory()
        peak = self._sampled_peak or 0
        if self.oom_killed():  # the group reached its limit, between two samples perhaps
            with contextlib.suppress(OSError, ValueError):
                peak = max(peak, _read_int(self.dirs["memory"] / "memory.max"))
        return peak

    def oom_killed(self) -> bool:
        name = "memory.events" if self.v2 else "memory.oom_control"
        for line in (self.dirs["memory"] / name).read_text().splitlines():
            key, _, value = line.partition(" ")
            if key == "oom_kill" and int(value) > 0:
                return True
        return False

    def pids(self) -> list[int]:
        procs = self.dirs["freezer"] / "cgroup.procs"
        return [int(pid) for pid in procs.read_text().split()]

    def kill_all(self) -> None:
        """Freeze, kill, thaw until empty: nothing can fork faster than it is killed."""
        if self.v2 and (self.dirs["memory"] / "cgroup.kill").exists():
            _write(self.dirs["memory"] / "cgroup.kill", "1")
            return
        state = self.dirs["freezer"] / ("cgroup.freeze" if self.v2 else "freezer.state")
        frozen, thawed = ("1", "0") if self.v2 else ("FROZEN", "THAWED")
        for _ in range(100):
            pids = self.pids()
            if not pids:
                return
            _write(state, frozen)
            try:
                for pid in self.pids():
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
            finally:  # a group left frozen could never be killed or removed
                _write(state, thawed)
            time.sleep(0.001)

    def remove(self) -> None:
        self.kill_all()
        for path in set(self.dirs.values()):
            _rmdir_when_empty(path)


class CgroupParent:
    """The worker's own group per controller; creates one TestGroup per test under it."""

    def __init__(self, name: str):
        self.name = name
        self.v2, self.bases = self._discover()
        self.parents = {ctrl: base / name for ctrl, base in self.bases.items()}
        self._remove_orphans()
        enabled = _hand_down(self.bases["memory"]) if self.v2 else ""
        try:
            for parent in self.parents.values():
                parent.mkdir(exist_ok=True)
                if self.v2:
                    _write(parent / "cgroup.subtree_control", enabled)
        except OSError:
            for parent in set(self.parents.values()):  # a worker that refuses leaves nothing
                with contextlib.suppress(OSError):
                    parent.rmdir()
            raise

    @staticmethod
    def _discover() -> tuple[bool, dict[str, Path]]:
        own = _own_paths()
        mounts = _mounts()
        v1 = {}
        for point, root, fstype, options in mounts:
            if fstype != "cgroup":
                continue
            for ctrl in V1_CONTROLLERS:
                if ctrl in options:
                    key = next((k for k in own if ctrl in k.split(",")), None)
                    found = _under(point, root, own[key]) if key is not None else None
                    if found is not None:
                        v1[ctrl] = found
        if set(v1) == set(V1_CONTROLLERS):
            return False, v1
        reasons = []
        for point, root, fstype, options in mounts:
            if fstype != "cgroup2":
                continue
            base = _under(point, root, own.get("", "/"))
            if base is None:  # the mount does not show this process's group
                continue
            if base.name == WORKER_LEAF:  # moved there by an earlier runner of this worker
                base = base.parent
            have = _controllers(base)
            missing = [ctrl for ctrl in V2_REQUIRED if ctrl not in have]
            if missing:
                reasons.append(
                    f"cgroup v2 group {base} has no {', '.join(missing)} controller delegated "
                    f"to it (it has: {' '.join(sorted(have)) or 'none'}); {DELEGATE_HINT}"
                )
            elif "ro" in options:
                reasons.append(
                    f"cgroup v2 at {point} is mounted read-only; the worker needs it writable "
                    "(a container: privileged, or /sys/fs/cgroup remounted read-write)"
                )
            else:
                return True, {"memory": base, "pids": base, "cpu": base, "freezer": base}
        missing_v1 = sorted(set(V1_CONTROLLERS) - set(v1))
        if reasons and not v1:
            raise CgroupUnavailable(reasons[0])
        no_v2 = reasons[0] if reasons else "no cgroup v2 is mounted"
        raise CgroupUnavailable(f"no usable cgroup: v1 lacks {', '.join(missing_v1)}; {no_v2}")

    def _remove_orphans(self) -> None:
        """Groups left by runners that died without closing (a worker killed with SIGKILL).

        Their tests died with their zygote (parent-death signal), so the groups are empty; one
        that is not is left alone rather than fought over.
        """
        for parent in {p.parent for p in self.parents.values()}:
            for stale in parent.glob("mljudge-*"):
                pid = stale.name.split("-")[1]
                if pid.isdigit() and not Path(f"/proc/{pid}").exists():
                    try:
                        for child in stale.iterdir():
                            if child.is_dir():
                                child.rmdir()
                        stale.rmdir()
                    except OSError:
                        continue

    def create(self, test_name: str, memory_bytes: int, max_pids: int) -> TestGroup:
        dirs = {}
        for ctrl, parent in self.parents.items():
            path = parent / test_name
            path.mkdir(exist_ok=True)
            dirs[ctrl] = path
        memory, pids = dirs["memory"], dirs["pids"]
        if self.v2:
            _write(memory / "memory.max", str(memory_bytes))
            if (memory / "memory.swap.max").exists():  # absent without swap accounting
                _write(memory / "memory.swap.max", "0")
        else:
            _write(memory / "memory.limit_in_bytes", str(memory_bytes))
            if (memory / "memory.memsw.limit_in_bytes").exists():
                _write(memory / "memory.memsw.limit_in_bytes", str(memory_bytes))
        _write(pids / "pids.max", str(max_pids))
        return TestGroup(dirs, self.v2)

    def remove(self) -> None:
        leftovers: dict[str, dict[str, Path]] = {}
        for ctrl, parent in self.parents.items():
            for child in parent.iterdir():
                if child.is_dir():
                    leftovers.setdefault(child.name, {})[ctrl] = child
        for dirs in leftovers.values():
            TestGroup(dirs, self.v2).remove()
        for parent in set(self.parents.values()):
            _rmdir_when_empty(parent)


def _hand_down(base: Path) -> str:
    """Enable the test controllers for `base`'s sub-groups; returns what was enabled.

    v2 refuses (EBUSY) while `base` holds processes, unless it is the root: so first move every
    process of `base` (the worker, its zygotes, whatever started it) into base/WORKER_LEAF.
    """
    have = _controllers(base)
    wanted = [f"+{ctrl}" for ctrl in (*V2_REQUIRED, *V2_OPTIONAL) if ctrl in have]
    leaf = base / WORKER_LEAF
    for _ in range(100):
        try:
            _write(base / "cgroup.subtree_control", " ".join(wanted))
            return " ".join(wanted)
        except OSError as exc:
            if exc.errno != EBUSY and len(wanted) > len(V2_REQUIRED):
                wanted = wanted[: len(V2_REQUIRED)]  # cpu refuses while a realtime task runs
                continue
            if exc.errno != EBUSY:
                raise
        leaf.mkdir(exist_ok=True)
        for pid in (base / "cgroup.procs").read_text().split():
            with contextlib.suppress(ProcessLookupError):  # exited meanwhile
                _write(leaf / "cgroup.procs", pid)
    raise CgroupUnavailable(f"cgroup v2 group {base} keeps gaining processes; {DELEGATE_HINT}")


def _controllers(base: Path) -> set[str]:
    try:
        return set((base / "cgroup.controllers").read_text().split())
    except OSError:
        return set()
