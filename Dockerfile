# One image for every mljudge process: `mljudge serve` (api) and `mljudge worker`.
# What a judge container needs for the sandbox is in docker-compose.yml (worker service).
#
# BASE_IMAGE: any Debian-like image with Python 3.11 and its venv module. The default is the
# public Python image; where no image registry is reachable, deploy/base-image.sh builds one
# from Debian's packages (tests/compose/ does that for the smoke test).
ARG BASE_IMAGE=python:3.11-slim

# The dependencies, read from pyproject.toml in a stage of their own: the install below is
# redone only when this list changes, not at every edit of pyproject.toml.
FROM ${BASE_IMAGE} AS requirements
COPY pyproject.toml /tmp/
RUN python3 -c "import tomllib; print(*tomllib.load(open('/tmp/pyproject.toml', 'rb'))['project']['dependencies'], sep='\n')" > /tmp/requirements.txt

FROM ${BASE_IMAGE}

# torch is pinned exactly (as everywhere in this project) and must be the CPU build: point
# PIP_EXTRA_INDEX_URL (or PIP_FIND_LINKS) at CPU wheels when building, else the default index
# serves a CUDA build of several GB. The check after the install refuses any other build.
# Build arguments reach pip as environment variables of the RUN steps, not of the image.
# PIP_NO_INDEX=1 with PIP_FIND_LINKS: every wheel from a local wheelhouse (tests/compose/).
ARG PIP_EXTRA_INDEX_URL=""
ARG PIP_FIND_LINKS=""
ARG PIP_NO_INDEX=0
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/mljudge/bin:$PATH

# A virtual environment: the same on the public image and on Debian's python3 (which refuses
# system-wide pip installs). The sandbox mounts it read-only into every test.
RUN python3 -m venv /opt/mljudge
RUN pip install torch==2.13.0 \
    && python -c "import torch, sys; sys.exit(torch.version.cuda and f'a CUDA build of torch: {torch.__version__}')"

WORKDIR /srv/mljudge
COPY --from=requirements /tmp/requirements.txt /tmp/
RUN pip install -r /tmp/requirements.txt setuptools && rm /tmp/requirements.txt

# Installed in place (editable): the migrations, templates and problems stay beside the code,
# where `mljudge` finds them.
COPY pyproject.toml README.md alembic.ini ./
COPY judge ./judge
COPY app ./app
COPY migrations ./migrations
COPY problems ./problems
COPY deploy/worker-entrypoint.sh /usr/local/bin/mljudge-worker-entrypoint
RUN pip install --no-deps --no-build-isolation -e .

ENV MLJUDGE_PROBLEMS_DIR=/srv/mljudge/problems
EXPOSE 8000
CMD ["mljudge", "serve", "--host", "0.0.0.0", "--port", "8000"]
