"""Data-subject rights on a family record: export (JSON, PDF) and anonymisation."""

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from families import exporters, selectors
from families.models import Family
from families.services import privacy


@login_required
def family_export(request: HttpRequest, pk: str) -> HttpResponse:
    family = selectors.family_detail(user=request.user, family_id=pk)
    data: dict[str, Any] = privacy.family_export(actor=request.user, family=family)
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="famiglia-{family.code}.json"'
    return response


@login_required
def family_export_pdf(request: HttpRequest, pk: str) -> HttpResponse:
    family = selectors.family_detail(user=request.user, family_id=pk)
    data: dict[str, Any] = privacy.family_export(actor=request.user, family=family)
    try:
        content = exporters.family_export_pdf(data, family.seat.centre.ats.name)
    except exporters.PdfUnavailable:
        messages.error(request, _("Il PDF non è disponibile su questo server (manca la libreria di sistema Pango)."))
        return redirect("families:family_detail", pk=family.pk)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="famiglia-{family.code}.pdf"'
    return response


@login_required
@require_POST
def family_anonymise(request: HttpRequest, pk: str) -> HttpResponse:
    family: Family = selectors.family_detail(user=request.user, family_id=pk)
    privacy.family_anonymise(actor=request.user, family=family)
    messages.success(request, _("Dati identificativi della famiglia cancellati; i conteggi restano."))
    return redirect("families:family_detail", pk=family.pk)
