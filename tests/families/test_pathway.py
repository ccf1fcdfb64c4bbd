import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from audit.models import AuditEntry
from common.concurrency import ConflictError
from families.models import Consent, Contact, Family, Referral, Scheda, SchedaChange
from families.services import consent, contacts, privacy, referrals, schede
from tests.families.helpers import make_family
from tests.personas import Personas


def test_anonymous_contact_counts_without_a_family(personas: Personas) -> None:
    contacts.contact_log(actor=personas.op_a1, seat=personas.spoke_a1, channel="telefono", reason="informazioni")
    assert Contact.objects.filter(family__isnull=True).count() == 1


def test_operator_cannot_log_a_contact_at_another_centres_seat(personas: Personas) -> None:
    with pytest.raises(PermissionDenied):
        contacts.contact_log(actor=personas.op_a1, seat=personas.hub_b, channel="telefono", reason="informazioni")


def test_scheda_changes_are_kept_in_a_readable_history_without_free_text(personas: Personas) -> None:
    family = make_family(personas)
    scheda = schede.scheda_open(actor=personas.op_a1, family=family, access_reason="genitorialita")
    schede.scheda_update(
        actor=personas.op_a1,
        scheda=scheda,
        data={"needs": ["lingua"], "access_reason_text": "testo riservato"},
        expected_version=scheda.version,
    )
    rows = {c.field: c for c in SchedaChange.objects.filter(scheda=scheda)}
    assert rows["needs"].after == "Barriera linguistica"
    assert rows["access_reason_text"].after == ""
    entry = AuditEntry.objects.get(action="families.scheda.updated")
    assert "testo riservato" not in str(entry.changes)


def test_second_editor_gets_a_conflict_and_nothing_is_overwritten(personas: Personas) -> None:
    family = make_family(personas)
    scheda = schede.scheda_open(actor=personas.op_a1, family=family, access_reason="genitorialita")
    start = scheda.version
    schede.scheda_update(
        actor=personas.coord_a,
        scheda=scheda,
        data={"is_fragile": True, "fragility_category": "violenza"},
        expected_version=start,
    )
    stale = Scheda.objects.get(pk=scheda.pk)
    with pytest.raises(ConflictError):
        schede.scheda_update(actor=personas.op_a1, scheda=stale, data={"needs": ["lavoro"]}, expected_version=start)
    fresh = Scheda.objects.get(pk=scheda.pk)
    assert fresh.is_fragile and fresh.needs == []


def test_closing_a_scheda_requires_an_outcome(personas: Personas) -> None:
    scheda = schede.scheda_open(actor=personas.op_a1, family=make_family(personas), access_reason="altro")
    with pytest.raises(ValidationError, match="esito"):
        schede.scheda_update(actor=personas.op_a1, scheda=scheda, data={"status": "chiusa"})


def test_referral_without_consent_is_blocked(personas: Personas) -> None:
    family = make_family(personas)
    with pytest.raises(ValidationError, match="Condivisione bloccata"):
        referrals.referral_send(actor=personas.op_a1, family=family, destination=personas.destination_a, reason="altro")
    assert not Referral.objects.exists()


def test_withdrawn_or_expired_consent_does_not_unlock_sharing(personas: Personas) -> None:
    family = make_family(personas)
    kind = personas.destination_a.kind
    c = consent.consent_record(
        actor=personas.op_a1, family=family, purpose="condivisione", legal_basis="consenso", recipient_kind=kind
    )
    consent.consent_withdraw(actor=personas.op_a1, consent=c)
    expired = {
        "purpose": "condivisione",
        "legal_basis": "consenso",
        "recipient_kind": kind,
        "given_on": timezone.localdate() - dt.timedelta(days=30),
        "expires_on": timezone.localdate() - dt.timedelta(days=1),
    }
    with pytest.raises(ValidationError, match="già scaduto"):  # it would unblock nothing: refused
        consent.consent_record(actor=personas.op_a1, family=family, **expired)
    Consent.objects.create(family=family, **expired)  # as if recorded before it expired
    with pytest.raises(ValidationError, match="Condivisione bloccata"):
        referrals.referral_send(actor=personas.op_a1, family=family, destination=personas.destination_a, reason="altro")


def test_legal_obligation_override_needs_a_reason_and_is_audited(personas: Personas) -> None:
    family = make_family(personas)
    referral = referrals.referral_send(
        actor=personas.op_a1,
        family=family,
        destination=personas.destination_a,
        reason="altro",
        override_reason="Segnalazione obbligatoria all'autorità giudiziaria",
    )
    assert referral.consent is None
    assert AuditEntry.objects.filter(action="families.family.sharing_override").count() == 1


def test_referral_to_another_ats_destination_is_refused(personas: Personas) -> None:
    family = make_family(personas)
    with pytest.raises(ValidationError, match="rete della tua ATS"):
        referrals.referral_send(
            actor=personas.op_a1, family=family, destination=personas.destination_b, reason="altro", override_reason="x"
        )


def _referral(p: Personas) -> Referral:
    family = make_family(p)
    consent.consent_record(
        actor=p.op_a1,
        family=family,
        purpose="condivisione",
        legal_basis="consenso",
        recipient_kind=p.destination_a.kind,
    )
    return referrals.referral_send(
        actor=p.op_a1, family=family, destination=p.destination_a, reason="altro", urgency="alta"
    )


def test_referral_state_machine_runs_to_closure(personas: Personas) -> None:
    r = _referral(personas)
    assert r.respond_by == timezone.localdate() + dt.timedelta(days=5)
    referrals.referral_transition(actor=personas.op_a1, referral=r, to="ricevuto")
    with pytest.raises(ValidationError, match="Passaggio non consentito"):
        referrals.referral_transition(actor=personas.op_a1, referral=r, to="chiuso", note="x")
    with pytest.raises(ValidationError):
        referrals.referral_transition(actor=personas.op_a1, referral=r, to="rifiutato")
    referrals.referral_transition(actor=personas.op_a1, referral=r, to="accettato")
    referrals.referral_transition(actor=personas.op_a1, referral=r, to="in_carico")
    referrals.referral_feedback(actor=personas.op_a1, referral=r, feedback="Colloquio fissato")
    referrals.referral_transition(actor=personas.op_a1, referral=r, to="chiuso", note="Percorso concluso")
    assert Referral.objects.get().status == "chiuso"
    assert AuditEntry.objects.filter(action="families.referral.chiuso").exists()


def test_overdue_referrals_surface_in_the_worklist(personas: Personas) -> None:
    from families import selectors

    r = _referral(personas)
    Referral.objects.filter(pk=r.pk).update(respond_by=timezone.localdate() - dt.timedelta(days=1))
    assert [x.pk for x in selectors.worklist(user=personas.op_a1).overdue_referrals] == [r.pk]
    assert [x.pk for x in selectors.worklist(user=personas.coord_a).overdue_referrals] == [r.pk]
    assert selectors.worklist(user=personas.op_b).overdue_referrals == []


def test_export_and_erasure_keep_counts_but_remove_identities(personas: Personas) -> None:
    family = make_family(personas)
    contacts.contact_log(actor=personas.op_a1, seat=personas.spoke_a1, family=family, channel="email", reason="altro")
    data = privacy.family_export(actor=personas.op_a1, family=family)
    assert data["members"][0]["first_name"] == "Bimba"
    with pytest.raises(PermissionDenied):
        privacy.family_anonymise(actor=personas.op_a1, family=family)
    privacy.family_anonymise(actor=personas.coord_a, family=family)
    person = family.members.get()
    assert person.first_name == "" and person.birth_date is None and person.birth_year == 2015
    assert Family.objects.count() == 1 and Contact.objects.count() == 1


def test_retention_command_anonymises_old_closed_schede(personas: Personas) -> None:
    old = make_family(personas)
    recent = make_family(personas)
    for family, closed in ((old, timezone.localdate() - dt.timedelta(days=6 * 366)), (recent, timezone.localdate())):
        Scheda.objects.create(family=family, access_reason="altro", status="chiusa", outcome="altro", closed_on=closed)
    call_command("anonymise_closed_schede", "--years", "5")
    assert Family.objects.get(pk=old.pk).is_anonymised
    assert not Family.objects.get(pk=recent.pk).is_anonymised
    assert Consent.objects.count() == 0
