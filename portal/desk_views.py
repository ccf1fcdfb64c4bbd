"""The operator's side of «Chiedi di essere contattato»: mark as called back, or turn the request
into an accesso (and a family record) in one click. Through the scoping layer; audited."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scoping
from accounts.types import AuthedRequest
from families.access import check_family_reader
from portal import services
from portal.models import ContactRequest


def _request(request: AuthedRequest, pk: str) -> ContactRequest:
    check_family_reader(request.user)
    return scoping.get_for_user(request.user, ContactRequest.objects.select_related("seat"), pk, scoping.CHANGE)


@login_required
@require_POST
def convert(request: AuthedRequest, pk: str) -> HttpResponse:
    item = _request(request, pk)
    as_family = request.POST.get("as") == "family"
    try:
        result = services.contact_request_convert(actor=request.user, request=item, as_family=as_family)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("families:home")
    if as_family:
        messages.success(request, _("Richiesta registrata: famiglia creata e contatto telefonico registrato."))
        return redirect("families:family_detail", result.pk)
    messages.success(request, _("Richiesta registrata come contatto telefonico."))
    return redirect("families:home")


@login_required
@require_POST
def close(request: AuthedRequest, pk: str) -> HttpResponse:
    services.contact_request_close(actor=request.user, request=_request(request, pk))
    messages.success(request, _("Richiesta segnata come richiamata."))
    return redirect("families:home")
