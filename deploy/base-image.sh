#!/usr/bin/env bash
# Builds a Debian bookworm base image from Debian's packages alone (debootstrap → docker import),
# for machines that reach Debian's archive but no image registry. Prints the image's name.
#
# The tag carries a hash of this file, so the image is rebuilt only when the recipe changes; a
# second run finds it and returns at once. bookworm's python3 is 3.11, as the project requires.
#   docker build --build-arg BASE_IMAGE="$(deploy/base-image.sh)" .
set -euo pipefail

DOCKER=${DOCKER:-/usr/bin/docker}
PACKAGES=python3,python3-venv,ca-certificates
recipe=$(sha256sum "$0" | cut -c1-12)
image="mljudge-base:bookworm-$recipe"

if "$DOCKER" image inspect "$image" >/dev/null 2>&1; then
    echo "$image"
    exit 0
fi
command -v debootstrap >/dev/null || {
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
}
root=$(mktemp -d /var/tmp/mljudge-base.XXXXXX)
trap 'rm -rf "$root"' EXIT
# minbase: essential packages and apt only; the mirror is debootstrap's default for Debian.
debootstrap --variant=minbase --include="$PACKAGES" bookworm "$root" >&2
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar --numeric-owner -C "$root" -c . | "$DOCKER" import \
    --change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/bash"]' - "$image" >&2
echo "$image"
