"""Who acts on the platform, as the type checker sees it.

`Actor` is whoever a service writes or reads for: a signed-in `User`, the anonymous user of a
request (refused by the scoping layer), or `None` for system jobs (retention, imports run from a
command). `AuthedRequest` is the request of a view behind `login_required`, whose `user` is a
`User`."""

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from accounts.models import User

Actor: TypeAlias = User | AnonymousUser | None


class AuthedRequest(HttpRequest):
    user: User


def user_of(actor: Actor) -> User | None:
    """The signed-in `User` behind an actor (for "who did it" columns), else None."""
    return actor if isinstance(actor, User) else None
