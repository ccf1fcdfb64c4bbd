from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken, User
from accounts.scoping import placement_of
from accounts.types import Actor
from audit.services import audit_log


def audit_account(*, actor: Actor, action: str, target: User, changes: dict[str, Any] | None = None) -> None:
    """One audit entry on an account, owned by the ATS and Centre where the account works (so an
    ATS officer's audit view holds the changes to its ATS's accounts). Call inside the change's
    transaction. `changes` holds roles, ids and field names; never passwords, codes or secrets."""
    placement = placement_of(target)
    audit_log(
        actor=actor,
        action=action,
        obj=target,
        changes=changes,
        ats_id=placement.ats_id,
        centre_id=placement.centre_id,
    )


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
