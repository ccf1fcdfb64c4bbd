"""The portal's part of the operator's desk (`families:home`, through `families.desk`): the
requests to be contacted sent from the public portal that the user's seat or Centre has still
to call back, oldest first; the list read is audited like the desk's other lists. Registered
from `PortalConfig.ready()`, so `families` never imports `portal`."""

from typing import Any

from django.http import HttpRequest

from families.access import audit_list
from portal import selectors


def contact_requests(request: HttpRequest) -> dict[str, Any]:
    requests = selectors.open_contact_requests(user=request.user)
    if requests:
        audit_list(actor=request.user, label="portal.contactrequest", ids=[r.pk for r in requests])
    return {"contact_requests": requests}
