#!/usr/bin/env bash
# Builds the compose smoke test's images from Debian's packages and PyPI's wheels alone: the base
# (deploy/base-image.sh), mljudge's image (Dockerfile), and PostgreSQL, Redis and Flower
# (deploy/images/), tagged mljudge*:smoke; prints the tags, then the wheelhouse's folder. Needs a
# running engine (docker-engine.sh).
#
# pip runs on the host, not in the build: the host's pip configuration knows where the CPU build
# of torch lies (and the machine's certificates); every wheel goes into a wheelhouse keyed by
# the project's dependencies, served to the builds on loopback, and the builds install with no
# index at all. Docker's layer cache and the kept wheelhouse make a second run take seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."

DOCKER=${DOCKER:-/usr/bin/docker}
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
CACHE=${MLJUDGE_COMPOSE_CACHE:-/var/tmp/mljudge-compose}
# setuptools: the editable install, without build isolation; flower: the monitor; async-timeout:
# redis needs it on Python < 3.11.3, which Debian's 3.11.2 is and the host's Python may not be;
# pytest: the sandbox's tests, run in a worker container by the smoke test (never in an image).
EXTRA=("setuptools" "flower==2.0.1" "async-timeout>=4.0.3" "pytest" "pytest-timeout")

base=$(deploy/base-image.sh)

requirements=$("$PYTHON" -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'], sep='\n')")
key=$(printf '%s\n' "$requirements" "${EXTRA[@]}" | sha256sum | cut -c1-12)
wheels="$CACHE/wheels-$key"
if ! [ -e "$wheels/.complete" ]; then
    mkdir -p "$wheels"
    printf '%s\n' "$requirements" > "$wheels/requirements.txt"
    "$PYTHON" -m pip download --quiet --dest "$wheels" -r "$wheels/requirements.txt" "${EXTRA[@]}"
    # Never a CUDA build: torch must be the local CPU wheel (torch-2.13.0+cpu-…).
    ls "$wheels"/torch-2.13.0+cpu-*.whl >/dev/null 2>&1 || {
        echo "build-images: pip did not take torch 2.13.0's CPU wheel: $(ls "$wheels" | grep '^torch-')" >&2
        exit 1
    }
    touch "$wheels/.complete"
    find "$CACHE" -mindepth 1 -maxdepth 1 -name 'wheels-*' ! -path "$wheels" -exec rm -rf {} +
fi

# The wheelhouse's address is a build argument, and a changed argument rebuilds every step that
# sees it: so the same port each time (the first free one from 38751), not a random one.
touch "$wheels/.key-$key"
server=
trap '[ -z "$server" ] || kill $server' EXIT
for port in $(seq 38751 38770); do
    "$PYTHON" -m http.server "$port" --bind 127.0.0.1 --directory "$wheels" >/dev/null 2>&1 &
    server=$!
    for _ in $(seq 1 30); do
        kill -0 $server 2>/dev/null || break
        if "$PYTHON" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/.key-$key')" 2>/dev/null; then
            break 2
        fi
        sleep 0.1
    done
    kill $server 2>/dev/null || true
    server=
done
[ -n "$server" ] || { echo "build-images: no free port in 38751-38770 for the wheelhouse" >&2; exit 1; }

build() {  # tag, context, [build args...]
    local tag=$1 context=$2
    shift 2
    # Host network: apt and pip reach Debian's archive and the wheelhouse as the host does, and
    # no container network is made.
    "$DOCKER" build --quiet --network host --build-arg BASE_IMAGE="$base" "$@" -t "$tag" "$context" >/dev/null
    echo "$tag"
}
local_wheels=(--build-arg "PIP_FIND_LINKS=http://127.0.0.1:$port/" --build-arg PIP_NO_INDEX=1)
build mljudge:smoke . "${local_wheels[@]}"
build mljudge-postgres:smoke deploy/images/postgres
build mljudge-redis:smoke deploy/images/redis
build mljudge-flower:smoke deploy/images/flower "${local_wheels[@]}"
echo "$wheels"
