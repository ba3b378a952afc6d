"""cgroup v1 and v2 as the sandbox meets them: delegation, refusal, the files each kernel lacks.

The first tests read a cgroup tree laid out in tmp_path, so they run on any host; the rest need a
real cgroup v2 hierarchy and run in the guest of `make test-cgroup2` (tools/cgroup2_vm/).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from judge.runner import RunResult, RunStatus, cgroups
from judge.runner.cgroups import (
    WORKER_LEAF,
    CgroupParent,
    CgroupUnavailable,
    TestGroup,
)
from judge.runtime import PRELOAD

pytestmark = pytest.mark.cgroups
ROOT = Path(__file__).resolve().parents[2]


def fake_v2(monkeypatch, tmp_path: Path, own: str, controllers: str, options=("rw",)) -> Path:
    """A cgroup2 mount at tmp_path whose group `own` lists `controllers`; returns the group."""
    group = tmp_path / own.lstrip("/")
    group.mkdir(parents=True, exist_ok=True)
    (group / "cgroup.controllers").write_text(controllers + "\n")
    monkeypatch.setattr(cgroups, "_own_paths", lambda: {"": own})
    monkeypatch.setattr(cgroups, "_mounts", lambda: [(str(tmp_path), "/", "cgroup2", set(options))])
    return group


def test_v2_without_delegated_controllers_is_refused_with_one_line(monkeypatch, tmp_path):
    fake_v2(monkeypatch, tmp_path, "/system.slice/mljudge-worker.service", "cpu io")
    with pytest.raises(CgroupUnavailable) as error:
        CgroupParent._discover()
    message = str(error.value)
    assert "\n" not in message
    assert "mljudge-worker.service has no memory, pids controller delegated" in message
    assert "(it has: cpu io)" in message and "Delegate=yes" in message


def test_v2_read_only_mount_is_refused_with_one_line(monkeypatch, tmp_path):
    fake_v2(monkeypatch, tmp_path, "/", "cpu memory pids", options=("ro", "nsdelegate"))
    with pytest.raises(CgroupUnavailable, match=r"mounted read-only; the worker needs it writable"):
        CgroupParent._discover()


def test_v2_worker_leaf_is_not_taken_for_the_delegated_group(monkeypatch, tmp_path):
    """A second runner of a worker already moved into its leaf uses the delegated group."""
    service = fake_v2(monkeypatch, tmp_path, "/svc", "memory pids")
    (service / WORKER_LEAF).mkdir()
    monkeypatch.setattr(cgroups, "_own_paths", lambda: {"": f"/svc/{WORKER_LEAF}"})
    v2, bases = CgroupParent._discover()
    assert v2 and set(bases.values()) == {service}


def test_a_runner_that_cannot_set_up_its_group_leaves_none_behind(monkeypatch, tmp_path):
    """As found on v2 before delegation was handled: the refusing worker's probe group stayed."""
    service = fake_v2(monkeypatch, tmp_path, "/svc", "memory pids")
    monkeypatch.setattr(cgroups, "_hand_down", lambda base: "+memory +pids")

    def refuse(path: Path, value: str) -> None:
        raise FileNotFoundError(2, "No such file or directory", str(path))

    monkeypatch.setattr(cgroups, "_write", refuse)
    with pytest.raises(FileNotFoundError):
        CgroupParent("mljudge-probe-1")
    assert list(service.iterdir()) == [service / "cgroup.controllers"]


def test_of_mounts_on_one_point_the_last_one_counts():
    """A container that mounts its own cgroup2 over the inherited one sees only its own."""
    mountinfo = (
        "24 1 0:22 / /sys rw,nosuid - sysfs sysfs rw\n"
        "31 24 0:27 / /sys/fs/cgroup rw,nosuid,nodev - cgroup2 cgroup2 rw,nsdelegate\n"
        "40 31 0:27 / /sys/fs/cgroup ro,relatime - cgroup2 cgroup2 rw,nsdelegate\n"
        "41 24 0:30 / /sys/fs/bpf rw - bpf bpf rw\n"
    )
    assert cgroups._mounts(mountinfo) == [
        ("/sys/fs/cgroup", "/", "cgroup2", {"ro", "relatime", "rw", "nsdelegate"})
    ]
    hidden = mountinfo + "42 31 0:31 / /sys/fs/cgroup rw - tmpfs tmpfs rw\n"
    assert cgroups._mounts(hidden) == []


def v2_test_group(tmp_path: Path, peak_file: bool) -> TestGroup:
    (tmp_path / "cpu.stat").write_text("usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n")
    (tmp_path / "memory.current").write_text("0\n")
    (tmp_path / "memory.max").write_text(f"{64 << 20}\n")
    (tmp_path / "memory.events").write_text("low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n")
    if peak_file:
        (tmp_path / "memory.peak").write_text(f"{5 << 20}\n")
    return TestGroup(dict.fromkeys(("memory", "pids", "cpu", "freezer"), tmp_path), v2=True)


def test_v2_peak_before_linux_5_19_is_the_highest_sample(tmp_path):
    """No memory.peak before 5.19 (RHEL 9's 5.14, say): the runner's polls sample memory.current."""
    group = v2_test_group(tmp_path, peak_file=False)
    for usage in (3 << 20, 9 << 20, 1 << 20):
        (tmp_path / "memory.current").write_text(f"{usage}\n")
        assert group.cpu_ns() == 1_500_000
    assert group.memory_peak() == 9 << 20
    # Killed at the limit between two samples: the limit was reached, so that is the peak.
    (tmp_path / "memory.events").write_text("low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n")
    assert group.oom_killed()
    assert group.memory_peak() == 64 << 20


def test_v2_peak_is_the_kernels_when_it_has_one(tmp_path):
    group = v2_test_group(tmp_path, peak_file=True)
    (tmp_path / "memory.current").write_text(f"{9 << 20}\n")
    group.cpu_ns()
    assert group.memory_peak() == 5 << 20


def test_v2_without_swap_accounting_sets_no_swap_limit(tmp_path):
    """memory.swap.max exists only with swap accounting; the memory limit alone still binds."""
    parent = object.__new__(CgroupParent)
    parent.v2 = True
    parent.parents = dict.fromkeys(("memory", "pids", "cpu", "freezer"), tmp_path)
    group = parent.create("t0", 64 << 20, 32)
    assert (tmp_path / "t0/memory.max").read_text() == str(64 << 20)
    assert (tmp_path / "t0/pids.max").read_text() == "32"
    assert not (tmp_path / "t0/memory.swap.max").exists()
    assert group.join_paths == [str(tmp_path / "t0/cgroup.procs")]


# --- on a real cgroup v2 hierarchy ----------------------------------------------------------------


def v2_in_use() -> bool:
    try:
        return CgroupParent._discover()[0]
    except CgroupUnavailable:
        return False


needs_v2 = pytest.mark.skipif(not v2_in_use(), reason="this host judges with cgroup v1")


def own_group() -> Path:
    own = Path("/proc/self/cgroup").read_text().splitlines()[-1].split(":", 2)[2]
    return Path("/sys/fs/cgroup") / own.lstrip("/")


@needs_v2
def test_v2_worker_moves_into_a_leaf_and_hands_the_controllers_down(runner):
    own = own_group()
    assert own.name == WORKER_LEAF
    delegated = own.parent
    assert {"memory", "pids"} <= set((delegated / "cgroup.subtree_control").read_text().split())
    assert (delegated / "cgroup.procs").read_text() == ""  # no process left in the inner node
    assert str(runner._zygotes[PRELOAD].process.pid) in (own / "cgroup.procs").read_text().split()
    tests_parent = runner._cgroups.parents["memory"]
    assert tests_parent.parent == delegated
    assert {"memory", "pids"} <= set((tests_parent / "cgroup.subtree_control").read_text().split())


def make_group(path: Path, controllers: str | None) -> Path:
    path.mkdir()
    if controllers is not None:
        (path / "cgroup.subtree_control").write_text(controllers)
    return path


def remove_tree(path: Path) -> None:
    for child in sorted(path.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if child.is_dir():
            child.rmdir()
    path.rmdir()


# The kernel refuses a cgroup2 mount on top of the one already at /sys/fs/cgroup: the
# "container" (a new mount namespace) unmounts its copy first, as a container starts without it.


def in_group(group: Path):
    def enter() -> None:
        (group / "cgroup.procs").write_text("0")

    return enter


@needs_v2
def test_v2_worker_without_delegated_controllers_refuses_to_start_with_one_line(runner, tmp_path):
    """A worker put in a group that was given no controllers (a service without Delegate=yes)."""
    outer = make_group(own_group().parent / f"mljudge-undelegated-{os.getpid()}", None)
    inner = make_group(outer / "worker.service", None)
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "MLJUDGE_BROKER_URL": "redis://127.0.0.1:9/0",
        "MLJUDGE_SECRET_KEY": "a" * 64,
        "MLJUDGE_DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite",
    }
    try:
        done = subprocess.run(
            [str(Path(sys.executable).parent / "mljudge"), "worker"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            preexec_fn=in_group(inner),
        )
    finally:
        remove_tree(outer)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("mljudge: cannot judge on this machine: cgroups: cgroup v2 group ")
    assert (
        "worker.service has no memory, pids controller delegated to it (it has: none)" in lines[0]
    )


def in_a_container(container: Path, mount: str, script: str) -> subprocess.CompletedProcess[str]:
    """Run `script` in `container`'s group as a container runtime would start it: a cgroup
    namespace of its own, and cgroup2 mounted again (`mount`: rw or ro) so it shows that group."""
    command = [
        *("unshare", "--cgroup", "--mount", "--propagation", "private", "sh", "-c"),
        f'umount /sys/fs/cgroup && mount -o {mount} -t cgroup2 cgroup2 /sys/fs/cgroup && exec "$0" -c "$1"',
        sys.executable,
        script,
    ]
    return subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        preexec_fn=in_group(container),
    )


@needs_v2
def test_v2_container_with_its_own_cgroup_namespace_judges_and_cleans_up(runner):
    """As the compose worker on a v2 host: cgroupns private, /sys/fs/cgroup its own, writable."""
    container = make_group(own_group().parent / f"mljudge-container-{os.getpid()}", None)
    script = (
        "from judge.runner import RunRequest\n"
        "from judge.runner.sandbox import SandboxRunner\n"
        "with SandboxRunner.start(max_concurrency=1) as runner:\n"
        "    print(runner.run(RunRequest(source='print(6 * 7)')).model_dump_json())\n"
        "print(open('/proc/self/cgroup').read().strip())\n"
    )
    try:
        done = in_a_container(container, "rw", script)
        left = sorted(p.name for p in container.iterdir() if p.is_dir())
    finally:
        remove_tree(container)
    assert done.returncode == 0, done.stderr
    result_line, cgroup_line = done.stdout.strip().splitlines()[-2:]
    result = RunResult.model_validate_json(result_line)
    assert result.status is RunStatus.OK and result.stdout == b"42\n", result
    assert cgroup_line == f"0::/{WORKER_LEAF}"  # the namespace's root is the container's group
    assert left == [WORKER_LEAF], left  # the tests' groups went with the runner


@needs_v2
def test_v2_container_whose_cgroup_mount_is_read_only_is_refused_with_one_line(runner):
    """Docker mounts a container's /sys/fs/cgroup read-only unless it runs privileged; remounted
    read-write (CAP_SYS_ADMIN, which the sandbox needs anyway), the worker can start."""
    container = make_group(own_group().parent / f"mljudge-container-ro-{os.getpid()}", None)
    script = (
        "import subprocess\n"
        "from judge.runner.isolation_check import IsolationUnavailable, check_isolation\n"
        "try:\n"
        "    check_isolation()\n"
        "except IsolationUnavailable as exc:\n"
        "    print(exc)\n"
        "subprocess.run(['mount', '-o', 'remount,rw', '/sys/fs/cgroup'], check=True)\n"
        "check_isolation()\n"
        "print('remounted: ok')\n"
    )
    try:
        done = in_a_container(container, "ro", script)
    finally:
        remove_tree(container)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "cgroups: cgroup v2 at /sys/fs/cgroup is mounted read-only; the worker needs it writable "
        "(a container: privileged, or /sys/fs/cgroup remounted read-write)\n"
        "remounted: ok\n"
    )
