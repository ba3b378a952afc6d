#!/usr/bin/env bash
# Starts a Docker engine for the compose smoke test when none answers; idempotent.
# Exit 0: an engine answers on the default socket. Exit 3: it cannot run here, with the reason on
# the last line of stderr (the test turns that into a skip). Any other exit is a failure.
#
# No systemd in CI or the development machines, so dockerd is started directly, in the
# background, logging to $MLJUDGE_DOCKERD_LOG. No bridge network and no iptables rules: the smoke
# test's containers use the host's network (loopback only), so the engine makes no 172.x network.
set -euo pipefail

DOCKER=${DOCKER:-/usr/bin/docker}
LOG=${MLJUDGE_DOCKERD_LOG:-/var/log/mljudge-dockerd.log}
PIDFILE=/var/run/docker.pid

unavailable() {
    echo "docker engine unavailable: $*" >&2
    exit 3
}

missing=
for tool in dockerd docker-compose debootstrap "$DOCKER"; do
    command -v "$tool" >/dev/null || missing="$missing $tool"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
        unavailable "missing$missing, and no root with apt-get to install Debian's docker.io"
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io docker-compose debootstrap >/dev/null
fi
if "$DOCKER" info >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    unavailable "not root, and no engine answers on the default socket"
fi

wait_for() {  # pid of the engine
    for _ in $(seq 1 60); do
        if "$DOCKER" info >/dev/null 2>&1; then
            echo "docker engine started (storage driver $driver, log $LOG)" >&2
            exit 0
        fi
        if ! kill -0 "$1" 2>/dev/null; then
            unavailable "dockerd exited at start: $(tail -n 1 "$LOG")"
        fi
        sleep 0.5
    done
    unavailable "dockerd did not answer within 30 s: $(tail -n 1 "$LOG")"
}

# overlay2 where the kernel has overlayfs (layers shared, fast); vfs (a full copy per layer) else.
driver=vfs
if grep -qw overlay /proc/filesystems || modprobe overlay 2>/dev/null; then
    driver=overlay2
fi
# An engine killed outright (as at the end of a session) leaves its pid file and its containerd's,
# and dockerd will not start (or waits for that containerd) while they name a process: remove
# each whose process is gone or a zombie; wait for a live engine instead of starting a second.
alive() {  # pid file → 0 when it names a running process
    local state
    state=$(awk '/^State:/ {print $2}' "/proc/$(cat "$1" 2>/dev/null)/status" 2>/dev/null || true)
    [ -n "$state" ] && [ "$state" != Z ]
}
if [ -e "$PIDFILE" ] && alive "$PIDFILE"; then
    wait_for "$(cat "$PIDFILE")"
fi
for stale in "$PIDFILE" /var/run/docker/containerd/containerd.pid; do
    if [ -e "$stale" ] && ! alive "$stale"; then
        rm -f "$stale"
    fi
done
setsid nohup dockerd --storage-driver="$driver" --bridge=none --iptables=false --ip-masq=false \
    --pidfile="$PIDFILE" >>"$LOG" 2>&1 </dev/null &
wait_for $!
