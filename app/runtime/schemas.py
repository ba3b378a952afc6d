from __future__ import annotations

from pydantic import BaseModel


class Package(BaseModel):
    name: str  # the distribution, as pip knows it
    import_name: str  # what a submission imports
    version: str | None  # None: not installed in the judge's interpreter
    preloaded: bool  # imported by the sandbox's warm process: no import time or memory per test
    # preloaded for the tests of a problem whose reference solution imports it, and only those
    preloaded_on_demand: bool


class Runtime(BaseModel):
    """What a submission runs on: the judge's own interpreter, read from it."""

    python: str
    implementation: str
    packages: list[Package]
    threads: int  # every BLAS/OpenMP pool and joblib hold to this many threads
    network: bool
    gpu: bool
