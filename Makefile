# One command each, on a fresh machine: `make test` sets up .venv and runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup test lint check bench serve chromium fonts messages editor test-cgroup2 vm-tools

setup: $(STAMP) chromium fonts

# The browser test drives Debian's Chromium (never a downloaded browser); CI runs as root on
# Debian, so install it only when it is missing.
chromium:
	test -x /usr/bin/chromium || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)

# Screenshots of the Japanese pages need a CJK font, else every label is a row of boxes.
fonts:
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-noto-cjk)

# torch is installed first and exactly as torch==2.13.0: the CPU wheel on the machine's disk.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

test: setup
	$(PY) -m pytest

# The sandbox's tests on a cgroup v2 kernel (this machine's cgroups are v1): a Debian guest under
# QEMU's emulation, its image cached under ~/.cache/mljudge/cgroup2-vm. About 10-15 minutes.
test-cgroup2: $(STAMP) vm-tools
	$(PY) tools/cgroup2_vm/run.py

vm-tools:
	command -v qemu-system-x86_64 >/dev/null && command -v debootstrap >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends qemu-system-x86 debootstrap)

# ruff and mypy as pinned in pyproject.toml's dev extras; which files each covers is configured
# there too (problems/ and markdown are never reformatted).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

check: $(STAMP)
	$(VENV)/bin/mljudge problems check

bench: $(STAMP)
	$(PY) bench/judge_overhead.py
	$(PY) bench/service.py

# The pages' labels: extract the English ones from templates and page code (babel.cfg), merge
# them into the Japanese catalogue (new labels come in with an empty msgstr: translate them there,
# tests/web/test_i18n.py lists any left), then compile it.
# The compiled .mo is committed, so serving needs no step of its own.
TRANSLATIONS := app/web/translations
messages: $(STAMP)
	$(VENV)/bin/pybabel -q extract -F babel.cfg --project=mljudge --no-wrap --sort-by-file --add-location=file -o $(TRANSLATIONS)/messages.pot .
	$(VENV)/bin/pybabel -q update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) -l ja --no-wrap --no-fuzzy-matching --ignore-obsolete
	$(VENV)/bin/pybabel compile --statistics -d $(TRANSLATIONS) -l ja

# The embedded service: SQLite under ./var, the shipped problems, judges in-process, on :8000.
serve: $(STAMP)
	$(VENV)/bin/mljudge serve

# The problem page's editor (CodeMirror 6): app/web/frontend/ bundled into app/web/static/editor.js
# from the pinned package-lock.json. The bundle is committed, so only changing it needs Node.
# --ignore-scripts: no package runs code at install (esbuild finds its binary without its own).
editor:
	cd app/web/frontend && npm ci --ignore-scripts --no-audit --no-fund && node build.mjs
