"""The seccomp filter of a sandboxed test, built with libseccomp (through pyseccomp).

Allow by default, deny what a numeric Python program never needs and what widens the attack
surface of the kernel: tracing, mounts, namespaces, BPF, io_uring, keyrings, perf, module and
reboot calls, and every socket family but AF_UNIX (multiprocessing needs socketpair). A denied
call fails with EPERM, so the student sees a PermissionError rather than a silent kill. System
calls of a foreign architecture (x32, i386) kill the process: libseccomp's bad-arch default.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import socket
import tempfile

import pyseccomp as seccomp

DENIED = (
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "kcmp",
    "pidfd_getfd",
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "unshare",
    "setns",
    "fsopen",
    "fsconfig",
    "fsmount",
    "fspick",
    "move_mount",
    "open_tree",
    "mount_setattr",
    "bpf",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "keyctl",
    "add_key",
    "request_key",
    "perf_event_open",
    "userfaultfd",
    "fanotify_init",
    "memfd_secret",
    "open_by_handle_at",
    "name_to_handle_at",
    "lookup_dcookie",
    "quotactl",
    "syslog",
    "acct",
    "init_module",
    "finit_module",
    "delete_module",
    "kexec_load",
    "kexec_file_load",
    "reboot",
    "swapon",
    "swapoff",
    "iopl",
    "ioperm",
    "modify_ldt",
    "settimeofday",
    "clock_settime",
    "adjtimex",
    "clock_adjtime",
    "sethostname",
    "setdomainname",
    "vhangup",
    "personality",
)
PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 22, 2
CLONE_NAMESPACES = 0x7E020000  # NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET


def build_filter() -> seccomp.SyscallFilter:
    deny = seccomp.ERRNO(errno.EPERM)
    rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    for name in DENIED:
        # not a system call on this architecture or libseccomp version: nothing to deny
        with contextlib.suppress(RuntimeError, ValueError, OSError):
            rules.add_rule(deny, name)
    for call in ("socket", "socketpair"):
        rules.add_rule(deny, call, seccomp.Arg(0, seccomp.NE, socket.AF_UNIX))
    for bit in range(32):
        flag = 1 << bit
        if flag & CLONE_NAMESPACES:
            rules.add_rule(deny, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
    # clone3 passes its flags in memory a filter cannot read; ENOSYS makes libc fall back to clone.
    rules.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    return rules


def compile_filter() -> bytes:
    """The filter as a BPF program, built once in the zygote instead of in every test."""
    with tempfile.TemporaryFile() as handle:
        build_filter().export_bpf(handle)
        handle.seek(0)
        return handle.read()


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


# Loaded once, in the zygote: a confining child that loads it again pays for it in page faults.
_libc = ctypes.CDLL(None, use_errno=True)


def load_compiled(program: bytes) -> None:
    """Install a compiled filter in this process (needs no_new_privs); children inherit it."""
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = _SockFprog(len(program) // 8, ctypes.addressof(buffer))
    if _libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP) failed")
