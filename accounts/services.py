from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken, User
from audit.services import audit_log


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its raw value, which is shown once and never stored."""
    raw = ApiToken.generate()
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name.strip()[:100] or "token", digest=ApiToken.hash(raw))
        audit_log(actor=user, action="accounts.apitoken.created", obj=token, changes={"name": token.name})
    return token, raw


def api_token_revoke(*, user: User, token: ApiToken) -> None:
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_log(actor=user, action="accounts.apitoken.revoked", obj=token)


def api_token_authenticate(raw: str) -> User | None:
    token = ApiToken.objects.active().select_related("user").filter(digest=ApiToken.hash(raw)).first()
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
