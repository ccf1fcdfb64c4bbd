from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts import scoping
from accounts.models import Role
from accounts.scoping import scope_of
from common.uploads import download_name
from network import selectors
from network.dashboard import dashboard_context
from network.models import Protocol

COVERAGE_ROLES = (Role.REGIONE, Role.ATS_OFFICER, Role.AUDITOR)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    if scope is not None and scope.role == Role.RECEIVING_SERVICE:
        return redirect("families:referrals_received")  # a receiving service has only its inbox
    if scope is not None and scope.role == Role.ORG_EDITOR:
        return redirect("directory:list")  # an organisation's editor keeps its directory entries only
    context = {
        "scope": scope,
        "centres": selectors.centres_for_dashboard(user=request.user),
        # Coverage is an ATS-level duty (every Ambito covered by a Hub or Spoke): shown to ATS and Regione.
        "coverage": selectors.ambito_coverage(user=request.user) if scope and scope.role in COVERAGE_ROLES else [],
        **dashboard_context(request),  # other apps' parts (funding: the ATS's calls)
    }
    return render(request, "network/dashboard.html", context)


@login_required
def protocol_document(request: HttpRequest, pk: int) -> FileResponse:
    """Protocol documents are served through the scope, never from a public media URL."""
    protocol = scoping.get_for_user(request.user, Protocol.objects.all(), pk)
    if not protocol.document:
        raise Http404
    name = download_name(protocol.document.name, f"protocollo-{protocol.pk}")
    return FileResponse(protocol.document.open("rb"), as_attachment=True, filename=name)
