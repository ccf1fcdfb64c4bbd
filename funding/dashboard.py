"""The ATS's calls on the network dashboard (the ATS officer's home), registered in
`FundingConfig.ready()`: each call in scope with its deadline, the projects it received and the
reporting periods waiting for the ATS's review. One query, whatever the number of calls."""

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest

from accounts import scoping
from accounts.models import Role
from funding.models import Call, ReportingPeriod

DASHBOARD_ROLES = frozenset({Role.ATS_OFFICER, Role.REGIONE})


def calls_for_dashboard(request: HttpRequest) -> dict[str, Any]:
    scope = scoping.scope_of(request.user)
    if scope is None or scope.role not in DASHBOARD_ROLES:
        return {}
    calls = (
        scoping.scoped(request.user, Call.objects.all())
        .select_related("ats")
        .annotate(
            project_count=Count("projects", distinct=True),
            periods_to_review=Count(
                "projects__periods",
                filter=Q(projects__periods__status=ReportingPeriod.Status.SUBMITTED),
                distinct=True,
            ),
        )
        .order_by("-deadline")
    )
    return {"calls": list(calls[:50]), "show_calls": True}
