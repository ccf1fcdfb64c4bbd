from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import scoping
from territory.forms import AreaComuniForm, AreaImportForm
from territory.importers import import_areas_csv
from territory.models import Area, Ats, PopulationSnapshot
from territory.selectors import population_by_ats
from territory.services import area_set_comuni


@login_required
def home(request: HttpRequest) -> HttpResponse:
    snapshots = PopulationSnapshot.objects.all()
    latest = snapshots.filter(level=PopulationSnapshot.Level.COMUNE).first()
    ats_rows = Ats.objects.annotate(n_comuni=Count("comuni")).order_by("code")
    totals = population_by_ats(latest) if latest else {}
    decree_snapshot = snapshots.filter(level=PopulationSnapshot.Level.ATS).first()
    decree = population_by_ats(decree_snapshot) if decree_snapshot else {}
    rows = [(ats, ats.n_comuni, totals.get(ats.code), decree.get(ats.code)) for ats in ats_rows]
    may_import = scoping.may_write(request.user, Area, scoping.CREATE)  # the import link only for them
    context = {"rows": rows, "snapshots": snapshots, "latest": latest, "may_import": may_import}
    return render(request, "territory/home.html", context)


@login_required
def area_import(request: HttpRequest) -> HttpResponse:
    if not scoping.may_write(request.user, Area, scoping.CREATE):
        raise PermissionDenied
    form = AreaImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = import_areas_csv(
            actor=request.user,
            content=form.cleaned_data["file"].read(),
            kind=form.cleaned_data["kind"],
            dry_run=form.cleaned_data["dry_run"],
        )
        if report.applied:
            messages.success(
                request, _("Importazione completata: %(n)d comuni assegnati.") % {"n": report.memberships_written}
            )
    return render(request, "territory/area_import.html", {"form": form, "report": report})


@login_required
def area_comuni(request: HttpRequest, pk: int) -> HttpResponse:
    area = scoping.get_for_user(request.user, Area.objects.select_related("ats"), pk, scoping.CHANGE)
    form = AreaComuniForm(request.POST or None, area=area)
    if request.method == "POST" and form.is_valid():
        try:
            area_set_comuni(actor=request.user, area=area, comuni=form.cleaned_data["comuni"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("comuni", message)
        else:
            messages.success(request, _("Comuni dell'area aggiornati."))
            return redirect("territory:area_detail", pk=area.pk)
    return render(request, "territory/area_comuni.html", {"form": form, "area": area})
