from django.http import HttpRequest
from ninja import Router, Schema

from heard.core.health import health

router = Router(tags=["health"])


class HealthOut(Schema):
    status: str
    database: str


@router.get("/healthz", response={200: HealthOut, 503: HealthOut}, auth=None)
def healthz(request: HttpRequest) -> tuple[int, dict[str, str]]:
    return health()
