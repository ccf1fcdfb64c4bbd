"""Screens of the work-life balance programme beyond plain CRUD: the landing page, the checks
(eligibility), the service-backed writes (vouchers, reimbursements, de minimis grants), the de
minimis ledger and the Piano di conciliazione of each ATS with its exports (D.G.R. XII/5464, Allegato A § 4.1)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scoping
from common.forms import attach_errors
from conciliazione import backoffice as bo
from conciliazione import exporters, selectors, services
from conciliazione import models as m
from conciliazione.forms import VoucherRedeemForm
from core.crud import Crud
from core.exports import serve_export
from core.records import record_update


@login_required
def home(request: HttpRequest) -> HttpResponse:
    networks = scoping.scoped(request.user, m.ConciliationNetwork.objects.select_related("ats"))
    return render(request, "conciliazione/home.html", {"networks": networks})


def _service_create(request: HttpRequest, crud: Crud, service: Callable[..., Any]) -> HttpResponse:
    if not scoping.may_write(request.user, crud.model, scoping.CREATE):
        raise PermissionDenied
    initial = {k: request.GET[k] for k in crud.initial_from_query if k in request.GET}
    form = crud.form_class(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            obj = service(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Salvataggio completato: %(name)s.") % {"name": str(obj)})
            return redirect(crud.url("detail", obj.pk))
    context = {
        "crud": crud,
        "form": form,
        "creating": True,
        "title": crud.create_title(),
        "verbose_name": crud.model._meta.verbose_name,
    }
    return render(request, "crud/form.html", context)


@login_required
def voucher_create(request: HttpRequest) -> HttpResponse:
    return _service_create(request, bo.VOUCHER, services.voucher_issue)


@login_required
def reimbursement_create(request: HttpRequest) -> HttpResponse:
    return _service_create(request, bo.REIMBURSEMENT, services.reimbursement_request)


@login_required
def grant_create(request: HttpRequest) -> HttpResponse:
    return _service_create(request, bo.GRANT, services.de_minimis_grant)


@login_required
@require_POST
def voucher_redeem(request: HttpRequest, pk: int) -> HttpResponse:
    voucher = scoping.get_for_user(request.user, m.Voucher.objects.all(), pk, scoping.CHANGE)
    form = VoucherRedeemForm(request.POST)
    if form.is_valid():
        try:
            services.voucher_redeem(
                actor=request.user, voucher=voucher, on=form.cleaned_data["on"], amount=form.cleaned_data["amount"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Voucher utilizzato."))
    else:
        for field_errors in form.errors.values():
            for text in field_errors:
                messages.error(request, str(text))
    return redirect(bo.VOUCHER.url("detail", voucher.pk))


@login_required
@require_POST
def household_check(request: HttpRequest, pk: int) -> HttpResponse:
    household = scoping.get_for_user(request.user, m.Household.objects.all(), pk, scoping.CHANGE)
    outcome = services.household_check_eligibility(actor=request.user, household=household)
    if outcome.eligible:
        messages.success(request, _("Il nucleo soddisfa i requisiti."))
    else:
        messages.warning(request, _("Il nucleo non soddisfa tutti i requisiti: vedi l'elenco."))
    return redirect(bo.HOUSEHOLD.url("detail", household.pk))


@login_required
@require_POST
def reimbursement_approve(request: HttpRequest, pk: int) -> HttpResponse:
    item = scoping.get_for_user(request.user, m.Reimbursement.objects.all(), pk, scoping.CHANGE)
    record_update(actor=request.user, instance=item, data={"approved": True})
    messages.success(request, _("Rimborso approvato."))
    return redirect(bo.REIMBURSEMENT.url("detail", item.pk))


@login_required
def de_minimis_ledger(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    context = {
        "ledger": selectors.de_minimis_ledger(user=request.user, on=today),
        "today": today,
        "can_create": scoping.may_write(request.user, m.DeMinimisGrant, scoping.CREATE),
    }
    return render(request, "conciliazione/de_minimis_ledger.html", context)


def _network_for(request: HttpRequest, ats_code: str) -> m.ConciliationNetwork:
    network = scoping.scoped(request.user, m.ConciliationNetwork.objects.select_related("ats")).filter(
        ats__code=ats_code
    )
    found = network.first()
    if found is None:
        raise Http404(_("Elemento non trovato."))
    return found


@login_required
def plan(request: HttpRequest, ats_code: str) -> HttpResponse:
    network = _network_for(request, ats_code)
    return render(request, "conciliazione/plan.html", selectors.ats_plan(network=network))


def _plan_export(request: HttpRequest, ats_code: str, fmt: str) -> HttpResponseBase:
    network = _network_for(request, ats_code)
    back = reverse("conciliazione:plan", args=[ats_code])
    return serve_export(request, exporters.PlanExporter(), network, fmt, back=back)


@login_required
def plan_xlsx(request: HttpRequest, ats_code: str) -> HttpResponseBase:
    return _plan_export(request, ats_code, "xlsx")


@login_required
def plan_pdf(request: HttpRequest, ats_code: str) -> HttpResponseBase:
    return _plan_export(request, ats_code, "pdf")
