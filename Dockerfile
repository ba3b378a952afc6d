# One image for every mljudge process: `mljudge serve` (api) and `mljudge worker`.
# The sandbox needs namespaces and cgroups, so judging containers run privileged (see
# docker-compose.yml); what a submission can reach is limited by the sandbox, not by Docker.
FROM python:3.11-slim

# torch is pinned exactly (as everywhere in this project). Point PIP_EXTRA_INDEX_URL at an index
# of CPU wheels when building, or the default index serves a CUDA build of several GB.
ARG PIP_EXTRA_INDEX_URL=""
ENV PIP_EXTRA_INDEX_URL=${PIP_EXTRA_INDEX_URL} \
    PIP_NO_CACHE_DIR=1 \
    PYTHONUNBUFFERED=1

WORKDIR /srv/mljudge
RUN pip install torch==2.13.0

# Installed in place (editable): the migrations, templates and problems stay beside the code,
# where `mljudge` finds them.
COPY pyproject.toml README.md alembic.ini ./
COPY judge ./judge
COPY app ./app
COPY migrations ./migrations
COPY problems ./problems
RUN pip install -e .

ENV MLJUDGE_PROBLEMS_DIR=/srv/mljudge/problems
EXPOSE 8000
CMD ["mljudge", "serve", "--host", "0.0.0.0", "--port", "8000"]
