"""Other bodies in the scheda and integrated follow-up with partner services: consent-gated
sharing, scope, audit, worklist, UI and API."""

import datetime as dt
import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from common.concurrency import ConflictError
from families import selectors
from families.models import IntegratedFollowUp, InvolvedBody, Scheda
from families.services import consent, followups, schede
from tests import factories as f
from tests.families.helpers import make_family
from tests.personas import Personas

ALLOWED = {"op_a1", "coord_a"}
DENIED = ["op_b", "ats_a", "regione", "auditor", "admin_a"]


def _scheda(p: Personas, *, shared: bool = True) -> Scheda:
    family = make_family(p)
    if shared:
        consent.consent_record(
            actor=p.op_a1,
            family=family,
            purpose="condivisione",
            legal_basis="consenso",
            recipient_kind=p.destination_a.kind,
        )
    return schede.scheda_open(actor=p.op_a1, family=family, access_reason="altro")


def _client(p: Personas, who: str) -> Client:
    client = Client()
    client.force_login(getattr(p, who))
    return client


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


# Bodies -----------------------------------------------------------------------------------------


def test_involving_a_body_needs_the_familys_consent_for_it(personas: Personas) -> None:
    scheda = _scheda(personas, shared=False)
    ente = f.EnteFactory()
    with pytest.raises(ValidationError, match="Condivisione bloccata"):
        schede.body_add(actor=personas.op_a1, scheda=scheda, ente=ente, role="Sostegno scolastico")
    assert not InvolvedBody.objects.exists()
    consent.consent_record(
        actor=personas.op_a1, family=scheda.family, purpose="condivisione", legal_basis="consenso", recipient_ente=ente
    )
    schede.body_add(actor=personas.op_a1, scheda=scheda, ente=ente, role="Sostegno scolastico")
    assert InvolvedBody.objects.get().ente_id == ente.pk
    assert AuditEntry.objects.filter(action="families.involvedbody.created").exists()
    with pytest.raises(ValidationError, match="già coinvolto"):
        schede.body_add(actor=personas.op_a1, scheda=scheda, ente=ente, role="Altro")


def test_involving_a_body_without_consent_for_a_legal_obligation_is_audited(personas: Personas) -> None:
    scheda = _scheda(personas, shared=False)
    schede.body_add(
        actor=personas.op_a1, scheda=scheda, ente=f.EnteFactory(), role="Tutela", override_reason="Decreto del TM"
    )
    assert AuditEntry.objects.filter(action="families.family.sharing_override").count() == 1


@pytest.mark.parametrize("who", ["op_a1", "coord_a", *DENIED])
def test_body_api_follows_the_matrix(personas: Personas, who: str) -> None:
    scheda = _scheda(personas)
    ente = f.EnteFactory()
    client = _client(personas, who)
    body = {"ente_id": ente.pk, "role": "Doposcuola", "override_reason": "Obbligo di legge"}
    response = _post(client, f"/api/v1/families/schede/{scheda.pk}/bodies", body)
    if who in ALLOWED:
        assert response.status_code == 201 and response.json()["ente_id"] == ente.pk
    else:
        assert response.status_code in (403, 404)
        assert not InvolvedBody.objects.exists()


def test_body_form_on_the_scheda_page(personas: Personas) -> None:
    scheda = _scheda(personas, shared=False)
    ente = f.EnteFactory(name="Parrocchia San Luca")
    client = _client(personas, "op_a1")
    page = client.get(reverse("families:scheda_detail", args=[scheda.pk])).content.decode()
    assert 'data-testid="body-form"' in page and 'data-testid="followup-form"' in page
    url = reverse("families:body_add", args=[scheda.pk])
    refused = client.post(url, {"ente": ente.pk, "role": "Doposcuola"})
    assert refused.status_code == 200 and "Condivisione bloccata" in refused.content.decode()
    ok = client.post(url, {"ente": ente.pk, "role": "Doposcuola", "override_reason": "Obbligo di legge"}, follow=True)
    assert "Parrocchia San Luca" in ok.content.decode()


# Integrated follow-up -----------------------------------------------------------------------------


def _open(p: Personas, scheda: Scheda, **extra: Any) -> IntegratedFollowUp:
    data: dict[str, Any] = {"plan": "Incontri mensili di rete", "destinations": [p.destination_a]}
    data.update(extra)
    return followups.followup_open(actor=p.op_a1, scheda=scheda, **data)


def test_followup_with_a_consented_partner_is_opened_and_audited_without_text(personas: Personas) -> None:
    scheda = _scheda(personas)
    item = _open(personas, scheda, goals="Rientro a scuola", review_on=timezone.localdate() + dt.timedelta(days=30))
    assert list(item.partner_destinations.all()) == [personas.destination_a]
    entries = AuditEntry.objects.filter(object_id=str(item.pk))
    assert {e.action for e in entries} >= {
        "families.integratedfollowup.created",
        "families.integratedfollowup.partners_set",
    }
    assert "Incontri mensili" not in str([e.changes for e in entries])
    assert scheda.changes.filter(field="followups").exists()


def test_followup_sharing_without_consent_is_blocked_like_a_referral(personas: Personas) -> None:
    scheda = _scheda(personas, shared=False)
    with pytest.raises(ValidationError, match="Condivisione bloccata"):
        _open(personas, scheda)
    with pytest.raises(ValidationError, match="Condivisione bloccata"):
        _open(personas, scheda, destinations=[], entes=[f.EnteFactory()])
    assert not IntegratedFollowUp.objects.exists()
    _open(personas, scheda, override_reason="Prescrizione dell'autorità giudiziaria")
    assert AuditEntry.objects.filter(action="families.family.sharing_override").count() == 1


def test_followup_needs_a_partner_in_the_network_and_an_open_scheda(personas: Personas) -> None:
    scheda = _scheda(personas)
    with pytest.raises(ValidationError, match="almeno un servizio"):
        _open(personas, scheda, destinations=[])
    with pytest.raises(ValidationError, match="rete della tua ATS"):
        _open(personas, scheda, destinations=[personas.destination_b], override_reason="x")
    with pytest.raises(ValidationError, match="piano condiviso"):
        _open(personas, scheda, plan="  ")
    schede.scheda_update(actor=personas.op_a1, scheda=scheda, data={"status": "chiusa", "outcome": "altro"})
    with pytest.raises(ValidationError, match="chiusa"):
        _open(personas, scheda)


def test_followup_outside_scope_is_refused(personas: Personas) -> None:
    scheda = _scheda(personas)
    with pytest.raises(PermissionDenied):
        followups.followup_open(actor=personas.op_b, scheda=scheda, plan="x", destinations=[personas.destination_a])


def test_adding_a_partner_is_consent_checked_and_closing_needs_an_outcome(personas: Personas) -> None:
    scheda = _scheda(personas)
    item = _open(personas, scheda)
    ente = f.EnteFactory()
    with pytest.raises(ValidationError, match="Condivisione bloccata"):
        followups.followup_update(actor=personas.op_a1, followup=item, data={}, entes=[ente])
    item = IntegratedFollowUp.objects.get(pk=item.pk)
    assert not item.partner_entes.exists() and item.version == 1
    with pytest.raises(ValidationError, match="esito"):
        followups.followup_update(actor=personas.op_a1, followup=item, data={"status": "chiusa"})
    item = IntegratedFollowUp.objects.get(pk=item.pk)
    followups.followup_close(actor=personas.op_a1, followup=item, outcome="obiettivi_raggiunti")
    item.refresh_from_db()
    assert item.status == "chiusa" and item.closed_on == timezone.localdate()
    with pytest.raises(ValidationError, match="già chiusa"):
        followups.followup_close(actor=personas.op_a1, followup=item, outcome="altro")


def test_stale_followup_edit_is_a_conflict(personas: Personas) -> None:
    item = _open(personas, _scheda(personas))
    followups.followup_update(actor=personas.coord_a, followup=item, data={"goals": "A"}, expected_version=1)
    stale = IntegratedFollowUp.objects.get(pk=item.pk)
    with pytest.raises(ConflictError):
        followups.followup_update(actor=personas.op_a1, followup=stale, data={"goals": "B"}, expected_version=1)
    assert IntegratedFollowUp.objects.get(pk=item.pk).goals == "A"


def test_followups_past_their_review_date_are_on_the_worklist(personas: Personas) -> None:
    scheda = _scheda(personas)
    due = _open(personas, scheda, start_date=timezone.localdate() - dt.timedelta(days=60))
    IntegratedFollowUp.objects.filter(pk=due.pk).update(review_on=timezone.localdate() - dt.timedelta(days=1))
    _open(personas, scheda, review_on=timezone.localdate() + dt.timedelta(days=5))
    assert [x.pk for x in selectors.worklist(user=personas.op_a1).followups_to_review] == [due.pk]
    assert [x.pk for x in selectors.worklist(user=personas.coord_a).followups_to_review] == [due.pk]
    assert selectors.worklist(user=personas.op_b).followups_to_review == []
    assert selectors.worklist(user=personas.ats_a).followups_to_review == []
    body = _client(personas, "op_a1").get(reverse("families:home")).content.decode()
    assert reverse("families:followup_detail", args=[due.pk]) in body


@pytest.mark.parametrize("who", ["op_a1", "coord_a", *DENIED])
def test_followup_api_follows_the_matrix(personas: Personas, who: str) -> None:
    scheda = _scheda(personas)
    existing = _open(personas, scheda)
    client = _client(personas, who)
    created = _post(
        client,
        f"/api/v1/families/schede/{scheda.pk}/followups",
        {"plan": "Piano", "destination_ids": [personas.destination_a.pk]},
    )
    read = client.get(f"/api/v1/families/followups/{existing.pk}")
    patched = client.patch(
        f"/api/v1/families/followups/{existing.pk}",
        json.dumps({"version": 1, "goals": "Nuovi obiettivi"}),
        content_type="application/json",
    )
    ui = client.get(reverse("families:followup_detail", args=[existing.pk]))
    if who in ALLOWED:
        assert (created.status_code, read.status_code, patched.status_code, ui.status_code) == (201, 200, 200, 200)
        assert created.json()["destination_ids"] == [personas.destination_a.pk]
        assert patched.json()["version"] == 2
        assert AuditEntry.objects.filter(action="families.integratedfollowup.viewed").count() == 2
    else:
        for response in (created, read, patched, ui):
            assert response.status_code in (403, 404)
        assert IntegratedFollowUp.objects.count() == 1
        assert "Piano" not in read.content.decode()


def test_followup_api_close_conflict_and_errors(personas: Personas) -> None:
    item = _open(personas, _scheda(personas))
    client = _client(personas, "op_a1")
    url = f"/api/v1/families/followups/{item.pk}"
    no_outcome = client.patch(url, json.dumps({"version": 1, "status": "chiusa"}), content_type="application/json")
    assert no_outcome.status_code == 422
    closed = _post(client, f"{url}/close", {"version": 1, "outcome": "parziale", "outcome_note": "Da riprendere"})
    assert closed.status_code == 200 and closed.json()["status"] == "chiusa"
    stale = client.patch(url, json.dumps({"version": 1, "goals": "x"}), content_type="application/json")
    assert stale.status_code == 409 and "modificato da un altro utente" in stale.json()["detail"]
    bad = client.patch(url, json.dumps({"version": 2, "ente_ids": [999999]}), content_type="application/json")
    assert bad.status_code == 422
    other_ats = _post(
        client,
        f"/api/v1/families/schede/{item.scheda_id}/followups",
        {"plan": "x", "destination_ids": [personas.destination_b.pk], "override_reason": "x"},
    )
    assert other_ats.status_code == 422


def test_followup_forms_open_and_close(personas: Personas) -> None:
    scheda = _scheda(personas)
    client = _client(personas, "op_a1")
    today = timezone.localdate().isoformat()
    url = reverse("families:followup_add", args=[scheda.pk])
    missing = client.post(url, {"plan": "Piano di rete", "start_date": today})
    assert "almeno un servizio" in missing.content.decode()
    ok = client.post(url, {"plan": "Piano di rete", "start_date": today, "destinations": [personas.destination_a.pk]})
    assert ok.status_code == 302
    item = IntegratedFollowUp.objects.get()
    detail = reverse("families:followup_detail", args=[item.pk])
    form = {
        "version": 1,
        "plan": "Piano di rete",
        "start_date": today,
        "destinations": [personas.destination_a.pk],
        "status": "chiusa",
        "outcome": "",
    }
    assert "indica l&#x27;esito" in client.post(detail, form).content.decode()
    assert client.post(detail, {**form, "outcome": "obiettivi_raggiunti"}).status_code == 302
    assert IntegratedFollowUp.objects.get().status == "chiusa"
    page = client.get(reverse("families:scheda_detail", args=[scheda.pk])).content.decode()
    assert detail in page
