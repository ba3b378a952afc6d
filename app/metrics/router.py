from __future__ import annotations

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST

from app.metrics import service

router = APIRouter()


# Not in the API's document: it is for a Prometheus server, in its own text format. It gives
# counts only (no user, no problem, no code), as /api/health does to anyone.
@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    body = service.exposition(request.app.state.metrics)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
