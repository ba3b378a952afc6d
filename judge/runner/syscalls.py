"""The seccomp filter of a sandboxed test, built with libseccomp (through pyseccomp).

Allow by default, deny what a numeric Python program never needs and what widens the attack
surface of the kernel: tracing, mounts, namespaces, BPF, io_uring, keyrings, perf, module and
reboot calls, and every socket family but AF_UNIX (multiprocessing needs socketpair). A denied
call fails with EPERM, so the student sees a PermissionError rather than a silent kill. System
calls of a foreign architecture (x32, i386) kill the process: libseccomp's bad-arch default.
"""

from __future__ import annotations

import errno
import socket

import pyseccomp as seccomp

DENIED = (
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
    "mount", "umount2", "pivot_root", "chroot", "unshare", "setns",
    "fsopen", "fsconfig", "fsmount", "fspick", "move_mount", "open_tree", "mount_setattr",
    "bpf", "io_uring_setup", "io_uring_enter", "io_uring_register",
    "keyctl", "add_key", "request_key", "perf_event_open", "userfaultfd", "fanotify_init",
    "open_by_handle_at", "name_to_handle_at", "lookup_dcookie", "quotactl", "syslog", "acct",
    "init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load", "reboot",
    "swapon", "swapoff", "iopl", "ioperm", "modify_ldt", "settimeofday", "clock_settime",
    "adjtimex", "clock_adjtime", "sethostname", "setdomainname", "vhangup", "personality",
)
CLONE_NAMESPACES = 0x7E020000  # NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET


def build_filter() -> seccomp.SyscallFilter:
    deny = seccomp.ERRNO(errno.EPERM)
    rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    for name in DENIED:
        try:
            rules.add_rule(deny, name)
        except (RuntimeError, ValueError, OSError):
            pass  # not a system call on this architecture or libseccomp version
    for call in ("socket", "socketpair"):
        rules.add_rule(deny, call, seccomp.Arg(0, seccomp.NE, socket.AF_UNIX))
    for bit in range(32):
        flag = 1 << bit
        if flag & CLONE_NAMESPACES:
            rules.add_rule(deny, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
    # clone3 passes its flags in memory a filter cannot read; ENOSYS makes libc fall back to clone.
    rules.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    return rules


def apply_filter() -> None:
    """Load the filter into this process; it is inherited by every child and cannot be lifted."""
    build_filter().load()
