from __future__ import annotations

from fastapi import APIRouter

from app.runtime.schemas import Runtime
from judge import runtime

router = APIRouter(prefix="/api/runtime", tags=["runtime"])


@router.get("", response_model=Runtime)
def get_runtime() -> Runtime:
    """Read from this interpreter, which is the one the sandbox runs submissions with."""
    return Runtime.model_validate(runtime.describe())
