#!/bin/sh
# The judge container's entry: make its own cgroup writable, then run the command (mljudge worker).
#
# Without `privileged`, Docker mounts the cgroup hierarchies read-only, each showing only the
# container's own group. The sandbox makes a group per test under the worker's group (memory,
# pids, CPU accounting, freezing); a writable bind of the same mount gives it exactly that
# subtree and nothing above it. Needs CAP_SYS_ADMIN, which the sandbox needs anyway.
set -eu
findmnt -rn -t cgroup,cgroup2 -O ro -o TARGET | while read -r point; do
    mount -o remount,bind,rw "$point"
done
exec "$@"
