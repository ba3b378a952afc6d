"""What a test's process does to itself, as root, before the submission's first line runs.

Runs in a child forked from the zygote, which made it PID 1 of a fresh PID namespace. In order:
join the test's cgroups; new mount, network, IPC and UTS namespaces; a new root on tmpfs that holds
only the interpreter, its packages and the system libraries (read-only), the problem's files/
(read-only, linked into /tmp by name), a scratch /tmp on tmpfs (charged to the memory limit) and
a fresh /proc; resource limits; an unprivileged uid; Landlock; seccomp. Any failure here is the
judge's, reported on the setup pipe as an internal error.
"""

from __future__ import annotations

import ctypes
import os
import platform
import resource
import sys
from dataclasses import dataclass, field

from judge.runner import landlock, syscalls

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWPID, CLONE_NEWNET = 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_NO_NEW_PRIVS = 1, 4, 38
SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}[platform.machine()]

STAGING = "/mnt" if os.path.isdir("/mnt") else "/tmp"  # where the new root is assembled, privately
DEVICES = ("null", "zero", "full", "random", "urandom")
SYSTEM_TREES = ("/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32")
ETC_FILES = ("/etc/ld.so.cache", "/etc/localtime")
FILES_MOUNT = "/files"  # the problem's files/, read-only; /tmp holds a link to each entry

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long


class IsolationError(OSError):
    pass


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise IsolationError(err, f"{what}: {os.strerror(err)}")


def unshare(flags: int) -> None:
    _check(libc.unshare(flags), "unshare")


def setns(fd: int, nstype: int) -> None:
    _check(libc.setns(fd, nstype), "setns")


def mount(
    source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None
) -> None:
    enc = lambda s: s.encode() if s is not None else None  # noqa: E731
    _check(
        libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)),
        f"mount {target}",
    )


@dataclass(frozen=True)
class RootLayout:
    """What the sandbox's filesystem shows, worked out once in the zygote from its interpreter."""

    read_only_trees: tuple[str, ...]
    symlinks: tuple[tuple[str, str], ...]
    seccomp_program: bytes
    etc_files: tuple[str, ...] = field(default=ETC_FILES)

    @classmethod
    def for_interpreter(cls) -> RootLayout:
        trees, links = [], []
        for path in SYSTEM_TREES:
            if os.path.islink(path):
                links.append((path, os.readlink(path)))
            elif os.path.isdir(path):
                trees.append(path)
        # The interpreter's own trees, but not the repository an editable install points into.
        for prefix in {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix)}:
            if not any(prefix == t or prefix.startswith(t + "/") for t in trees):
                trees.append(prefix)
        return cls(
            read_only_trees=tuple(trees),
            symlinks=tuple(links),
            seccomp_program=syscalls.compile_filter(),
        )


@dataclass(frozen=True)
class TestSetup:
    """The zygote's request for one test: plain values, nothing secret."""

    uid: int
    cgroup_procs: tuple[str, ...]
    memory_bytes: int
    time_ms: int
    files_dir: str | None


def _bind_read_only(source: str, target: str) -> None:
    # Not recursive: a read-only remount applies to one mount only, so a submount (a separate
    # /usr/local, say) would come along writable, with setuid and devices.
    mount(source, target, None, MS_BIND)
    mount(None, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _touch(path: str) -> None:
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o644))


def _write_file(path: str, data: str) -> None:
    # Not open(): its text and buffer layers cost a confining child page faults (copies of the
    # zygote's memory) for nothing; the file is written whole, once.
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC | os.O_CLOEXEC, 0o644)
    try:
        os.write(fd, data.encode())
    finally:
        os.close(fd)


def _link_files(new_root: str) -> None:
    """Each top-level entry of the bound files/ appears in the working directory by its name.

    Links rather than copies: a copy would cost every test the data's size in its memory limit.
    The links are the test's own (in its scratch); what they point to is read-only.
    """
    for name in sorted(os.listdir(new_root + FILES_MOUNT)):
        os.symlink(f"{FILES_MOUNT}/{name}", f"{new_root}/tmp/{name}")


def _open_path(path: str) -> int:
    return os.open(path, os.O_PATH | os.O_CLOEXEC)


def build_root(layout: RootLayout, setup: TestSetup) -> None:
    new = STAGING
    # Every source is opened before the first mount and bound through its descriptor, so nothing
    # the staging mount or the scratch directory covers (an interpreter under /tmp, say) is lost.
    trees = [(tree, _open_path(tree)) for tree in layout.read_only_trees]
    etc = [(path, _open_path(path)) for path in layout.etc_files if os.path.exists(path)]
    devices = [(f"/dev/{name}", _open_path(f"/dev/{name}")) for name in DEVICES]
    files_fd = _open_path(setup.files_dir) if setup.files_dir else None

    mount(None, "/", None, MS_REC | MS_PRIVATE)
    mount("tmpfs", new, "tmpfs", MS_NOSUID, "size=4m,mode=0755")
    size = f"size={setup.memory_bytes},uid={setup.uid},gid={setup.uid}"
    os.mkdir(new + "/dev", mode=0o755)
    for scratch in ("/tmp", "/dev/shm"):
        os.mkdir(new + scratch, mode=0o755)
        mount("tmpfs", new + scratch, "tmpfs", MS_NOSUID | MS_NODEV, f"{size},mode=0700")
    if files_fd is not None:
        os.mkdir(new + FILES_MOUNT, mode=0o755)
        _bind_read_only(f"/proc/self/fd/{files_fd}", new + FILES_MOUNT)
        os.close(files_fd)
        _link_files(new)
    for tree, fd in trees:
        os.makedirs(new + tree, mode=0o755, exist_ok=True)
        _bind_read_only(f"/proc/self/fd/{fd}", new + tree)
    for link, points_to in layout.symlinks:
        os.symlink(points_to, new + link)
    os.mkdir(new + "/etc", mode=0o755)
    for path, fd in etc:
        _touch(new + path)
        _bind_read_only(f"/proc/self/fd/{fd}", new + path)
    _write_file(
        new + "/etc/passwd",
        f"root:x:0:0::/:/bin/false\njudge:x:{setup.uid}:{setup.uid}::/tmp:/bin/false\n",
    )
    _write_file(new + "/etc/group", f"root:x:0:\njudge:x:{setup.uid}:\n")
    _write_file(new + "/etc/hosts", "127.0.0.1 localhost\n")
    for path, fd in devices:
        _touch(new + path)
        mount(f"/proc/self/fd/{fd}", new + path, None, MS_BIND)
    for _path, fd in (*trees, *etc, *devices):
        os.close(fd)
    os.mkdir(new + "/proc", mode=0o555)
    mount("proc", new + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=2")

    os.mkdir(new + "/.old")
    _check(libc.syscall(SYS_PIVOT_ROOT, new.encode(), (new + "/.old").encode()), "pivot_root")
    os.chdir("/")
    _check(libc.umount2(b"/.old", MNT_DETACH), "umount old root")
    os.rmdir("/.old")
    mount(None, "/", None, MS_REMOUNT | MS_RDONLY | MS_NOSUID)
    os.chdir("/tmp")


def _limit(kind: int, value: int) -> None:
    resource.setrlimit(kind, (value, value))


def apply_limits(setup: TestSetup) -> None:
    cpu_seconds = setup.time_ms // 1000 + 2  # a backstop; the parent enforces the real limit
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    _limit(resource.RLIMIT_CORE, 0)
    _limit(resource.RLIMIT_FSIZE, setup.memory_bytes)
    _limit(resource.RLIMIT_NOFILE, 512)
    # No RLIMIT_NPROC: it counts per uid machine-wide; the test's pids cgroup is the process limit.
    _limit(resource.RLIMIT_MSGQUEUE, 0)


def drop_privileges(uid: int) -> None:
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    # A change of uid clears these; set them as the final user.
    _check(libc.prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0), "prctl(PDEATHSIG)")
    _check(libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), "prctl(DUMPABLE)")
    _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(NO_NEW_PRIVS)")


def confine(layout: RootLayout, setup: TestSetup) -> None:
    """Every layer, in order. Returns as the unprivileged, fully confined test process."""
    os.setsid()
    for procs in setup.cgroup_procs:
        _write_file(procs, "0")
    # First in line for a machine-wide OOM killer, rather than the zygote, the judge or a service.
    _write_file("/proc/self/oom_score_adj", "1000")
    unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS)
    build_root(layout, setup)
    apply_limits(setup)
    drop_privileges(setup.uid)
    devices = [f"/dev/{d}" for d in DEVICES]
    landlock.restrict_self(
        read_only=[
            *layout.read_only_trees,
            *(link for link, _ in layout.symlinks),
            "/etc",
            "/proc",
            FILES_MOUNT,
        ],
        read_write=["/tmp", "/dev/shm", *devices],
    )
    syscalls.load_compiled(layout.seccomp_program)
