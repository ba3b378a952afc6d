"""What a submission's Python has: the sandbox runs the judge's own interpreter and packages.

The zygote is started from `sys.executable`, so the versions read here with importlib.metadata
are the ones a test imports. Shown to students (the /runtime page, GET /api/runtime) and to an
author whose solution imports a module the runtime lacks (judge/runner/missing_module.py).
"""

from __future__ import annotations

import ast
import functools
import platform
from collections.abc import Iterable
from importlib import metadata

# (import name, distribution name): the packages a submission may rely on, in the order shown.
PACKAGES = (
    ("numpy", "numpy"),
    ("torch", "torch"),
    ("pandas", "pandas"),
    ("sklearn", "scikit-learn"),
    ("scipy", "scipy"),
)

# Imported (and exercised once) by the zygote before it forks: a test using them pays neither
# their import time nor their memory, which every test shares copy-on-write. scikit-learn (and
# with it most of scipy) is not: its ~1,000 extra mappings made every fork and exit cost ~4 ms
# more CPU, twice the budget of 2 ms per test; a test importing it pays instead (README.md,
# "The runtime", has the figures from bench/judge_overhead.py).
# torch.optim: constructing the first optimizer imports torch._dynamo, ~1 s of CPU per test.
PRELOAD = ("numpy", "torch", "torch.optim")

# Preloaded only for the tests of a problem whose own solutions import it, or a package that
# imports it (scikit-learn imports pandas), by a second zygote (preload_for): pandas' mappings
# cost every test of a zygote that holds it ~2-3 ms of CPU more in fork and exit, and only a
# few problems use it.
ON_DEMAND = {"pandas": ("pandas", "sklearn")}

# Every BLAS/OpenMP pool in a test is held to one thread (the environment the runner gives the
# zygote and each test); a test may start no process beyond its `processes` limit.
THREADS = 1


def preload_for(sources: Iterable[str]) -> tuple[str, ...]:
    """What the zygote of a problem preloads: PRELOAD, and each ON_DEMAND module that one of
    the problem's own solutions (`sources`) imports, itself or through a package."""
    imported: set[str] = set()
    for source in sources:
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):  # an expected-CE example: it imports nothing
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module.split(".")[0])
    return PRELOAD + tuple(name for name, by in ON_DEMAND.items() if imported.intersection(by))


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


@functools.cache
def describe() -> dict:
    """The runtime as plain JSON-safe data (the body of GET /api/runtime)."""
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "packages": [
            {
                "name": distribution,
                "import_name": name,
                "version": _version(distribution),
                "preloaded": name in PRELOAD,
                "preloaded_on_demand": name in ON_DEMAND,
            }
            for name, distribution in PACKAGES
        ],
        "threads": THREADS,
        "network": False,
        "gpu": False,
    }


def importable() -> str:
    """One line: what a submission can import, with versions."""
    info = describe()
    packages = ", ".join(
        f"{p['import_name']} {p['version']}"
        + (f" ({p['name']})" if p["name"] != p["import_name"] else "")
        for p in info["packages"]
        if p["version"] is not None
    )
    return f"the standard library of Python {info['python']}, {packages}"
