"""`make test-cgroup2`: the sandbox's tests on a cgroup v2 kernel, in a Debian guest under QEMU.

This machine binds every controller to cgroup v1, while current distributions, Docker and
Kubernetes run the unified v2 hierarchy. So a guest is built from Debian's packages (its kernel,
Python and the libraries the virtualenv links against), booted under plain emulation (the host's
/dev/kvm hangs guests) and handed three disks: its root, cached under MLJUDGE_VM_CACHE and
rebuilt when its recipe changes; the .venv and the interpreter it was made from, cached while
none of their files changes; and this checkout's files, made on every run. The guest mounts them
at their host paths. guest.py, the guest's init, runs the tests there and reports; this exits
with its exit status.

Usage: run.py [pytest arguments]   (default: the sandbox's cgroup, limit and refusal tests)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SUITE = "bookworm"  # its python3 is 3.11, as the project's; its kernel is 6.1
RECIPE_VERSION = 1  # bump when the way the image is built changes
PACKAGES = ("linux-image-amd64", "python3", "libseccomp2", "util-linux", "e2fsprogs")
# The tests that prove the sandbox on v2 (limits, cleanup, refusal, AC afterwards); the whole
# suite would take hours under emulation.
DEFAULT_TESTS = (
    "tests/judge/test_cgroups.py",
    "tests/judge/test_sandbox_runner.py",
    "tests/judge/test_sandbox_limits.py",
    "tests/judge/test_sandbox_hostile.py",
    # about the network namespace, and it needs the host's PostgreSQL and Redis to mean anything
    "--deselect=tests/judge/test_sandbox_hostile.py::test_databases_and_queues_are_unreachable",
)
MEMORY_MB = int(os.environ.get("MLJUDGE_VM_MEMORY_MB", "3072"))
CPUS = int(os.environ.get("MLJUDGE_VM_CPUS", "2"))
TIMEOUT_S = int(os.environ.get("MLJUDGE_VM_TIMEOUT_S", "2400"))
# The tests' CPU-time limits are scaled by this in the guest (tests/judge/sandbox_support.py);
# the sleeping test needs its wall limit (2 × time + 1 s) under its 60 s sleep: at most 29.
CPU_SCALE = int(os.environ.get("MLJUDGE_VM_CPU_SCALE", "10"))
RESULT = re.compile(r"^MLJUDGE-GUEST-EXIT (\d+)\s*$")
# The guest's init: mount what Python needs, then hand over to guest.py from the payload disk.
INIT = """#!/bin/sh
mountpoint -q /proc || mount -t proc proc /proc
mountpoint -q /sys || mount -t sysfs sysfs /sys
mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev
mkdir -p /payload
mount -o ro /dev/vdb /payload
exec /usr/bin/python3 -I /payload/checkout/tools/cgroup2_vm/guest.py
"""


class Refused(SystemExit):
    """One line on stderr and exit status 2."""

    def __init__(self, message: str) -> None:
        print(f"test-cgroup2: {message}", file=sys.stderr)
        super().__init__(2)


def cache_dir() -> Path:
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "mljudge/cgroup2-vm"
    return Path(os.environ.get("MLJUDGE_VM_CACHE", default))


def mirror() -> str:
    """The host's own Debian source for SUITE main (deb822 or one-line format)."""
    if os.environ.get("MLJUDGE_VM_MIRROR"):
        return os.environ["MLJUDGE_VM_MIRROR"]
    apt = Path("/etc/apt")
    for path in sorted(apt.glob("sources.list.d/*.sources")):
        for block in path.read_text().split("\n\n"):
            fields = {
                key.strip().lower(): value.split()
                for key, _, value in (line.partition(":") for line in block.splitlines())
                if not key.startswith("#") and value
            }
            if SUITE in fields.get("suites", ()) and "main" in fields.get("components", ()):
                return fields["uris"][0]
    for path in [apt / "sources.list", *sorted(apt.glob("sources.list.d/*.list"))]:
        for line in path.read_text().splitlines() if path.exists() else ():
            words = re.sub(r"\[[^]]*\]", "", line).split()
            if words[:1] == ["deb"] and len(words) >= 4 and words[2] == SUITE and "main" in words:
                return words[1]
    raise Refused(f"no 'deb ... {SUITE} main' source in /etc/apt: set MLJUDGE_VM_MIRROR")


def interpreter_prefix(venv: Path) -> Path:
    """sys.base_prefix of the .venv's interpreter: the guest needs it at the same path."""
    out = subprocess.run(
        [venv / "bin/python", "-c", "import sys; print(sys.base_prefix)"],
        check=True,
        capture_output=True,
        text=True,
    )
    return Path(out.stdout.strip())


def library_packages(trees: list[Path]) -> set[str]:
    """Debian packages holding the system libraries that the interpreter and .venv link to."""
    objects = [
        str(p)
        for tree in trees
        for p in tree.rglob("*")
        if p.is_file() and not p.is_symlink() and (".so" in p.name or p.parent.name == "bin")
    ]
    libraries: set[str] = set()
    for start in range(0, len(objects), 200):
        out = subprocess.run(["ldd", *objects[start : start + 200]], capture_output=True, text=True)
        libraries.update(re.findall(r"=> (/\S+) \(", out.stdout))
    packages = set()
    for library in sorted(libraries):
        if any(library.startswith(str(tree)) for tree in trees):
            continue
        real = os.path.realpath(library)
        candidates = {library, real, real.removeprefix("/usr"), "/usr" + library}
        for candidate in candidates:
            found = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
            if found.returncode == 0:
                packages.add(found.stdout.split(":")[0])
                break
    return packages


def run_quiet(command: list, what: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
        raise Refused(f"{what} failed (exit {done.returncode}): {' '.join(map(str, command))}")


def make_ext4(tree: Path, image: Path, extra_mb: int) -> None:
    used = int(
        subprocess.run(["du", "-sb", tree], capture_output=True, text=True).stdout.split()[0]
    )
    with open(image, "wb") as handle:
        handle.truncate(int(used * 1.25) + (extra_mb << 20))
    run_quiet(["mkfs.ext4", "-q", "-F", "-E", "lazy_itable_init=1", "-d", tree, image], "mkfs.ext4")


def base_image(packages: set[str]) -> Path:
    """The guest's root (cached by the hash of its recipe): debootstrap, init, kernel, initrd."""
    recipe = {
        "version": RECIPE_VERSION,
        "suite": SUITE,
        "packages": sorted(packages),
        "init": INIT,
    }
    key = hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()[:16]
    done = cache_dir() / f"base-{key}"
    if (done / "root.img").exists():
        return done
    cache_dir().mkdir(parents=True, exist_ok=True)
    for stale in cache_dir().glob("base-*"):
        shutil.rmtree(stale, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix="building-", dir=cache_dir()))
    rootfs = work / "rootfs"
    started = time.monotonic()
    print(f"test-cgroup2: building the guest image ({SUITE}, {len(packages)} packages)", flush=True)
    run_quiet(
        [
            "debootstrap",
            "--variant=minbase",
            f"--include={','.join(sorted(packages))}",
            SUITE,
            rootfs,
            mirror(),
        ],
        "debootstrap",
    )
    (rootfs / "sbin/mljudge-init").write_text(INIT)
    (rootfs / "sbin/mljudge-init").chmod(0o755)
    (rootfs / "etc/recipe.json").write_text(json.dumps(recipe, indent=1))
    for kind, name in (("vmlinuz", "vmlinuz"), ("initrd.img", "initrd.img")):
        found = sorted((rootfs / "boot").glob(f"{kind}-*"))
        if not found:
            raise Refused(f"debootstrap left no /boot/{kind}-* in {rootfs}")
        shutil.copy(found[-1], work / name)
    # Not needed at run time: apt's lists and downloaded packages.
    shutil.rmtree(rootfs / "var/cache/apt/archives", ignore_errors=True)
    make_ext4(rootfs, work / "root.img", 512)
    shutil.rmtree(rootfs)
    work.rename(done)
    print(f"test-cgroup2: guest image built in {time.monotonic() - started:.0f} s", flush=True)
    return done


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _tree_key(trees: list[tuple[Path, object]]) -> str:
    """A hash of every file's path, size and modification time under the trees."""
    digest = hashlib.sha256()
    for tree, ignore in trees:
        for directory, dirs, files in os.walk(tree):
            skipped = ignore(directory, dirs + files) if callable(ignore) else set()
            dirs[:] = sorted(d for d in dirs if d not in skipped)
            for name in sorted(set(files) - set(skipped)):
                stat = os.lstat(os.path.join(directory, name))
                digest.update(f"{directory}/{name} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def runtime_image(venv: Path, prefix: Path) -> Path:
    """The .venv and the interpreter it was made from (cached while no file of them changes)."""
    skip = shutil.ignore_patterns("site-packages", "test", "__pycache__", "*.a")
    trees: list[tuple[Path, object]] = [(venv, None)]
    if prefix != Path("/usr"):  # Debian's own interpreter is in the guest already
        trees.append((prefix, skip))
    image = cache_dir() / f"runtime-{_tree_key(trees)}.img"
    if image.exists():
        return image
    for stale in cache_dir().glob("runtime-*.img"):
        stale.unlink()
    with tempfile.TemporaryDirectory(prefix="runtime-", dir=cache_dir()) as scratch:
        stage = Path(scratch) / "runtime"
        shutil.copytree(venv, stage / "venv", symlinks=True, copy_function=_link_or_copy)
        if len(trees) > 1:
            shutil.copytree(
                prefix, stage / "base", symlinks=True, ignore=skip, copy_function=_link_or_copy
            )
        make_ext4(stage, Path(scratch) / "runtime.img", 64)
        (Path(scratch) / "runtime.img").rename(image)
    return image


def checkout_image(prefix: Path, pytest_args: list[str], into: Path) -> Path:
    """This checkout's files as they are now (tracked or not ignored), and what to run."""
    stage = into / "payload"
    checkout = stage / "checkout"
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    for name in filter(None, sorted(set(listed.split("\0")))):
        source = ROOT / name
        if source.is_file():
            (checkout / name).parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(str(source), str(checkout / name))
    (checkout / ".venv").mkdir()  # where the runtime disk's venv is bound
    manifest = {
        "checkout": str(ROOT),
        "base_prefix": str(prefix) if prefix != Path("/usr") else None,
        "pytest_args": pytest_args,
        "cpu_scale": CPU_SCALE,
    }
    (stage / "manifest.json").write_text(json.dumps(manifest))
    image = into / "checkout.img"
    make_ext4(stage, image, 64)
    shutil.rmtree(stage)
    return image


def boot(base: Path, checkout: Path, runtime: Path) -> int:
    command = [
        "qemu-system-x86_64",
        *("-accel", "tcg", "-cpu", "max", "-m", str(MEMORY_MB), "-smp", str(CPUS)),
        *("-nographic", "-no-reboot", "-nic", "none"),
        *("-kernel", base / "vmlinuz", "-initrd", base / "initrd.img"),
        *("-drive", f"file={base / 'root.img'},format=raw,if=virtio,snapshot=on"),
        *("-drive", f"file={checkout},format=raw,if=virtio,readonly=on"),  # vdb
        *("-drive", f"file={runtime},format=raw,if=virtio,readonly=on"),  # vdc
        "-append",
        "root=/dev/vda rw console=ttyS0 panic=-1 quiet init=/sbin/mljudge-init",
    ]
    deadline = time.monotonic() + TIMEOUT_S
    exit_status = None
    with subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    ) as qemu:
        assert qemu.stdout is not None
        for raw in qemu.stdout:
            line = raw.decode("utf-8", "replace").replace("\r", "")
            sys.stdout.write(line)
            sys.stdout.flush()
            matched = RESULT.match(line)
            if matched:
                exit_status = int(matched.group(1))
            if time.monotonic() > deadline:
                qemu.kill()
                print(f"test-cgroup2: the guest ran past {TIMEOUT_S} s; stopped", file=sys.stderr)
                return 1
        qemu.wait()
    if exit_status is None:
        print("test-cgroup2: the guest stopped without reporting a result", file=sys.stderr)
        return 1
    return exit_status


def main(argv: list[str]) -> int:
    started = time.monotonic()
    if os.geteuid() != 0:
        raise Refused("debootstrap and the image need root")
    for tool in ("qemu-system-x86_64", "debootstrap", "mkfs.ext4", "dpkg", "git"):
        if shutil.which(tool) is None:
            raise Refused(f"{tool} is not installed (make test-cgroup2 installs it on Debian)")
    venv = ROOT / ".venv"
    if not (venv / "bin/python").exists():
        raise Refused(f"no virtualenv at {venv}: run make setup")
    prefix = interpreter_prefix(venv)
    packages = set(PACKAGES) | library_packages([venv, prefix])
    base = base_image(packages)
    runtime = runtime_image(venv, prefix)
    with tempfile.TemporaryDirectory(prefix="run-", dir=cache_dir()) as scratch:
        checkout = checkout_image(prefix, argv or list(DEFAULT_TESTS), Path(scratch))
        prepared = time.monotonic() - started
        print(f"test-cgroup2: images ready in {prepared:.0f} s; booting the guest", flush=True)
        status = boot(base, checkout, runtime)
    print(
        f"test-cgroup2: exit {status} after {time.monotonic() - started:.0f} s in all", flush=True
    )
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
