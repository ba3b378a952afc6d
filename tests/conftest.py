import pytest


@pytest.fixture(scope="session")
def runner():
    """One real sandbox for the whole run; the machine must be able to isolate (CI runs as root)."""
    from judge.runner.sandbox import SandboxRunner

    with SandboxRunner.start() as sandbox:
        yield sandbox
