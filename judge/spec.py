"""The schema of problem.yaml: pydantic models with extra="forbid", so a typo is an error at load.

judge/problemset.py reads a package into these; judge/problem_yaml.py turns their validation
errors into lines naming the file and the field.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from judge.problem_yaml import name_of_test
from judge.verdict import Verdict

PROBLEM_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
TEST_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")  # the database keeps 100
LANGUAGES = ("en", "ja")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Limits(Strict):
    time_ms: int = Field(2000, gt=0, le=60_000, description="CPU time per test")
    wall_ms: int | None = Field(
        None, gt=0, le=120_000, description="wall clock; default 2×time+1 s"
    )
    memory_mb: int = Field(
        256, ge=16, le=8192, description="memory on top of the preloaded runtime"
    )
    output_kb: int = Field(64, gt=0, le=65_536, description="stdout cap")
    processes: int = Field(16, ge=1, le=256, description="processes and threads at once")

    @property
    def wall_limit_ms(self) -> int:
        return self.wall_ms if self.wall_ms is not None else 2 * self.time_ms + 1000


class FloatChecker(Strict):
    type: Literal["float"] = "float"
    abs_tol: float = Field(1e-6, ge=0)
    rel_tol: float = Field(1e-6, ge=0)


class ExactChecker(Strict):
    type: Literal["exact"]


class TokensChecker(Strict):
    type: Literal["tokens"]


class CustomChecker(Strict):
    type: Literal["custom"]
    time_limit_ms: int = Field(5000, gt=0, le=60_000, description="per call of check()")


CheckerSpec = Annotated[
    FloatChecker | ExactChecker | TokensChecker | CustomChecker, Field(discriminator="type")
]


class Expectation(Strict):
    """What an `expect/` submission must get; `score` in points, when it matters."""

    verdict: Verdict
    score: float | None = Field(None, ge=0)

    @model_validator(mode="before")
    @classmethod
    def _verdict_shorthand(cls, value: object) -> object:
        return {"verdict": value} if isinstance(value, str) else value


class GroupSpec(Strict):
    """One test group (subtask) under `groups:`; see problems/README.md, "How a score is made"."""

    name: str = Field(pattern=PROBLEM_ID, max_length=40)
    points: float = Field(ge=0)
    tests: list[str] = Field(min_length=1, description="test names or fnmatch patterns")
    rule: Literal["min", "all-or-nothing"] = "min"
    private: bool = Field(False, description="scores hidden from students until reveal_private_at")

    @field_validator("tests", mode="before")
    @classmethod
    def _numbers_name_tests_too(cls, tests: object) -> object:
        return [name_of_test(t) for t in tests] if isinstance(tests, list) else tests


class FunctionSpec(Strict):
    """`mode: function`: what the submission defines and how the judge calls it."""

    name: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=100)
    signature: str = Field(min_length=1, max_length=300, description="shown in every statement")
    call: Literal["function", "autograd-function"] = "function"


class CompareSpec(Strict):
    """How a returned value is compared (torch.testing.assert_close rules)."""

    rtol: float = Field(1e-5, ge=0)
    atol: float = Field(1e-8, ge=0)
    equal_nan: bool = False


class ProblemSpec(Strict):
    id: str = Field(pattern=PROBLEM_ID, max_length=40)
    title: str = Field(min_length=1, max_length=120)
    title_ja: str | None = Field(None, min_length=1, max_length=120)
    section: int = Field(ge=0, le=7, description="lecture session")
    points: float = Field(100, gt=0)
    limits: Limits = Limits()
    checker: CheckerSpec = FloatChecker()
    samples: list[str] = Field(default_factory=list, description="test names shown to students")
    expect: dict[str, Expectation] = Field(
        default_factory=dict, description="expect/ file → verdict"
    )
    scoring: Literal["mean", "all-or-nothing", "groups"] = "mean"
    groups: list[GroupSpec] | None = None
    reveal_private_at: AwareDatetime | None = Field(
        None, description="when private groups' scores are shown to students"
    )

    mode: Literal["stdout", "function"] = "stdout"
    function: FunctionSpec | None = None
    compare: CompareSpec = CompareSpec()
    requires: Literal["autograd"] | None = None
    languages: list[Literal["en", "ja"]] | None = Field(
        None, min_length=1, description="the statements shipped, when not both"
    )

    @field_validator("samples", mode="before")
    @classmethod
    def _numbers_name_tests_too(cls, samples: object) -> object:
        # `samples: [01, 2]` means the tests named 01 and 2, as tests/01.ans reads.
        return [name_of_test(s) for s in samples] if isinstance(samples, list) else samples

    @field_validator("samples")
    @classmethod
    def _unique_samples(cls, samples: list[str]) -> list[str]:
        if len(set(samples)) != len(samples):
            raise ValueError("a test is named twice")
        return samples
