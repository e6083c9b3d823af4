from django.db import connection
from django.http import HttpRequest
from ninja import Router, Schema

router = Router(tags=["health"])


class HealthOut(Schema):
    status: str
    database: str


@router.get("/healthz", response={200: HealthOut, 503: HealthOut}, auth=None)
def healthz(request: HttpRequest) -> tuple[int, dict[str, str]]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return 503, {"status": "error", "database": "unavailable"}
    return 200, {"status": "ok", "database": "ok"}
