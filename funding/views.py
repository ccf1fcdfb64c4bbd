from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scoping
from audit.services import audit_log
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
    form = AllocationForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        try:
            components = form.components()
            data = form.cleaned_data
            if "preview" in request.POST:
                preview = services.allocation_compute(
                    total=data["total"], components=components, rounding_unit=data["rounding_unit"]
                )
            else:
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
    return render(request, "funding/allocation_form.html", {"form": form, "preview": preview})


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


def _export(request: HttpRequest, obj: Allocation | Project, fmt: str) -> None:
    # Exports are audited like any other disclosure of platform data.
    with transaction.atomic():
        audit_log(actor=request.user, action=f"{obj._meta.label_lower}.exported_{fmt}", obj=obj)


@login_required
def allocation_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = scoping.get_for_user(request.user, Allocation.objects.select_related("fund"), pk)
    _export(request, allocation, "xlsx")
    response = HttpResponse(
        exporters.allocation_xlsx(allocation),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="riparto-{allocation.pk}.xlsx"'
    return response


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
def allocation_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = scoping.get_for_user(request.user, Allocation.objects.select_related("fund"), pk)
    try:
        content = exporters.allocation_pdf(allocation)
    except exporters.PdfUnavailable:
        messages.error(
            request,
            _(
                "Il PDF non è disponibile su questo server (manca la libreria di sistema Pango). "
                "Usa l'esportazione XLSX."
            ),
        )
        return redirect("funding:allocation_detail", pk=allocation.pk)
    _export(request, allocation, "pdf")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="riparto-{allocation.pk}.pdf"'
    return response


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


@login_required
def project_report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    project = scoping.get_for_user(request.user, Project.objects.select_related("call", "centre"), pk)
    _export(request, project, "report_xlsx")
    response = HttpResponse(
        exporters.project_report_xlsx(reporting.project_report(project=project)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="rendiconto-progetto-{project.pk}.xlsx"'
    return response


@login_required
def project_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    project = scoping.get_for_user(request.user, Project.objects.select_related("call", "centre__ats"), pk)
    try:
        content = exporters.project_report_pdf(reporting.project_report(project=project))
    except exporters.PdfUnavailable:
        messages.error(
            request,
            _(
                "Il PDF non è disponibile su questo server (manca la libreria di sistema Pango). "
                "Usa l'esportazione XLSX."
            ),
        )
        return redirect("funding:project_detail", pk=project.pk)
    _export(request, project, "report_pdf")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="rendiconto-progetto-{project.pk}.pdf"'
    return response


@login_required
def expense_document(request: HttpRequest, pk: int) -> FileResponse:
    """Supporting documents are served through the scope, never from a public media URL."""
    expense = scoping.get_for_user(request.user, Expense.objects.all(), pk)
    if not expense.document:
        raise Http404
    name = expense.document.name.rsplit("/", 1)[-1]
    return FileResponse(expense.document.open("rb"), as_attachment=True, filename=name)
