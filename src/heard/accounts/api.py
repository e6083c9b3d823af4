from django.http import HttpRequest
from ninja import Router, Schema

router = Router(tags=["accounts"])


class MeOut(Schema):
    id: int
    username: str
    email: str
    time_zone: str
    country: str


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> object:
    return request.user
