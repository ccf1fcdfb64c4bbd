from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scoping
from common.uploads import download_name
from core.exports import serve_export
from funding import exporters, reporting, selectors, services
from funding import jobs as funding_jobs
from funding.forms import AllocationForm, ReviewForm
from funding.models import Allocation, Expense, Project, ReportingPeriod
from jobs.runner import start_job


@login_required
def allocation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "funding/allocation_list.html",
        {
            "allocations": selectors.allocations_for(user=request.user),
            "can_create": scoping.may_write(request.user, Allocation, scoping.CREATE),
        },
    )


@login_required
def allocation_create(request: HttpRequest) -> HttpResponse:
    if not scoping.may_write(request.user, Allocation, scoping.CREATE):
        raise PermissionDenied
    form = AllocationForm(request.POST or None, existing=selectors.allocations_for(user=request.user))
    preview = None
    duplicates: list[Allocation] = []
    if request.method == "POST" and form.is_valid():
        duplicates = form.duplicates()
        try:
            components = form.components()
            data = form.cleaned_data
            if "preview" in request.POST:
                preview = services.allocation_compute(
                    total=data["total"], components=components, rounding_unit=data["rounding_unit"]
                )
            else:
                form.check_duplicate()
                allocation = services.allocation_create(
                    actor=request.user,
                    fund=data["fund"],
                    label=data["label"],
                    year=data["year"],
                    total=data["total"],
                    components=components,
                    rounding_unit=data["rounding_unit"],
                )
                messages.success(request, _("Riparto salvato."))
                return redirect("funding:allocation_detail", pk=allocation.pk)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
    preview_lines = (
        [(form.ats_names.get(line.recipient, line.recipient), line.amount) for line in preview.lines] if preview else []
    )
    return render(
        request,
        "funding/allocation_form.html",
        {
            "form": form,
            "preview": preview,
            "preview_lines": preview_lines,
            "duplicates": duplicates,
        },
    )


@login_required
def allocation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = scoping.get_for_user(request.user, Allocation.objects.select_related("fund"), pk)
    context = {
        "allocation": allocation,
        **selectors.allocation_table(allocation=allocation),
        "verified": services.allocation_verify(allocation=allocation),
        "criteria": [exporters.component_label(c) for c in allocation.components],
    }
    return render(request, "funding/allocation_detail.html", context)


@login_required
def allocation_xlsx(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _allocation_export(request, pk, "xlsx")


def _allocation_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    allocation = scoping.get_for_user(request.user, Allocation.objects.select_related("fund"), pk)
    back = reverse("funding:allocation_detail", args=[allocation.pk])
    return serve_export(request, exporters.AllocationExporter(), allocation, fmt, back=back)


@login_required
@require_POST
def allocation_xlsx_job(request: HttpRequest, pk: int) -> HttpResponse:
    """The same export as a background job: the user follows its progress and downloads the file."""
    allocation = scoping.get_for_user(request.user, Allocation.objects.all(), pk)
    job = start_job(
        actor=request.user, definition=funding_jobs.allocation_xlsx, params={"allocation_id": allocation.pk}
    )
    return redirect("jobs:detail", job_id=job.pk)


@login_required
def allocation_pdf(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _allocation_export(request, pk, "pdf")


@login_required
@require_POST
def period_submit(request: HttpRequest, pk: int) -> HttpResponse:
    period = scoping.get_for_user(request.user, ReportingPeriod.objects.select_related("project__centre"), pk)
    try:
        reporting.period_submit(actor=request.user, period=period)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Rendicontazione inviata all'ATS."))
    return redirect("funding:reportingperiod_detail", pk=period.pk)


@login_required
@require_POST
def period_review(request: HttpRequest, pk: int) -> HttpResponse:
    period = scoping.get_for_user(request.user, ReportingPeriod.objects.select_related("project__centre"), pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("funding:reportingperiod_detail", pk=period.pk)
    try:
        reporting.period_review(
            actor=request.user,
            period=period,
            approve=form.cleaned_data["decision"] == "approved",
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Esito della revisione registrato."))
    return redirect("funding:reportingperiod_detail", pk=period.pk)


def _project_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    project = scoping.get_for_user(request.user, Project.objects.select_related("call", "centre__ats"), pk)
    back = reverse("funding:project_detail", args=[project.pk])
    return serve_export(request, exporters.ProjectReportExporter(), project, fmt, back=back)


@login_required
def project_report_xlsx(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _project_report(request, pk, "xlsx")


@login_required
def project_report_pdf(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _project_report(request, pk, "pdf")


@login_required
def expense_document(request: HttpRequest, pk: int) -> FileResponse:
    """Supporting documents are served through the scope, never from a public media URL."""
    expense = scoping.get_for_user(request.user, Expense.objects.all(), pk)
    if not expense.document:
        raise Http404
    name = download_name(expense.document.name, f"giustificativo-{expense.pk}")
    return FileResponse(expense.document.open("rb"), as_attachment=True, filename=name)
