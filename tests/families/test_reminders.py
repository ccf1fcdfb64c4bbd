"""The daily reminder (families.reminders, job `families.reminders`): one e-mail per coordinator
or operator with something due, counts in their own scope, nothing personal in the mail."""

import datetime as dt
from typing import Any

from django.core import mail
from django.utils import timezone

from families import reminders
from families.jobs import reminders as reminders_job
from families.models import Referral, Scheda
from families.services import consent as consent_services
from families.services import referrals, schede
from jobs.runner import start_job
from tests.families.helpers import CHILD_CF, make_family
from tests.personas import Personas


def _due(p: Personas, *, seat: Any, actor: Any, first_name: str, fiscal_code: str = "") -> Any:
    """A family with one overdue referral, one scheda past its review date and one consent
    expiring in ten days."""
    today = timezone.localdate()
    family = make_family(p, actor=actor, seat=seat, first_name=first_name, fiscal_code=fiscal_code)
    scheda = schede.scheda_open(actor=actor, family=family, access_reason="altro")
    Scheda.objects.filter(pk=scheda.pk).update(review_on=today - dt.timedelta(days=1))
    destination = p.destination_a if seat.centre_id == p.centre_a.pk else p.destination_b
    referral = referrals.referral_send(
        actor=actor, family=family, destination=destination, reason="altro", override_reason="Obbligo di legge"
    )
    Referral.objects.filter(pk=referral.pk).update(respond_by=today - dt.timedelta(days=2))
    consent_services.consent_record(
        actor=actor,
        family=family,
        purpose="servizio",
        legal_basis="consenso",
        given_on=today - dt.timedelta(days=300),
        expires_on=today + dt.timedelta(days=10),
    )
    return family


def _with_email(*users: Any) -> None:
    for user in users:
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])


def _run() -> None:
    mail.outbox.clear()
    start_job(actor=None, definition=reminders_job)


def test_counts_per_scope_one_mail_each_and_nothing_personal(personas: Personas) -> None:
    p = personas
    _with_email(p.coord_a, p.op_a1, p.op_b, p.admin_a, p.ats_a)
    family = _due(p, seat=p.spoke_a1, actor=p.op_a1, first_name="Bimba", fiscal_code=CHILD_CF)
    _due(p, seat=p.spoke_a1, actor=p.op_a1, first_name="Secondo")
    _due(p, seat=p.hub_a, actor=p.coord_a, first_name="Terzo")
    # Not due: answered in time, review date ahead, consent expiring after 30 days or withdrawn.
    quiet = make_family(p, first_name="Quieto")
    later = schede.scheda_open(actor=p.op_a1, family=quiet, access_reason="altro")
    Scheda.objects.filter(pk=later.pk).update(review_on=timezone.localdate() + dt.timedelta(days=5))
    consent_services.consent_record(
        actor=p.op_a1,
        family=quiet,
        purpose="foto",
        legal_basis="consenso",
        expires_on=timezone.localdate() + dt.timedelta(days=31),
    )

    today = timezone.localdate()
    assert reminders.digest_for(user=p.op_a1, today=today) == reminders.Digest(2, 2, 2)
    assert reminders.digest_for(user=p.coord_a, today=today) == reminders.Digest(3, 3, 3)
    assert reminders.digest_for(user=p.op_b, today=today).is_empty  # another Centre: nothing of Centre A

    _run()
    by_recipient = {m.to[0]: m for m in mail.outbox}
    # One each for the two with something due; Centre B's operator, the administrative lead and
    # the ATS officer get nothing.
    assert sorted(by_recipient) == ["coord_a@example.org", "op_a1@example.org"]
    assert len(mail.outbox) == 2
    coordinator = by_recipient["coord_a@example.org"].body
    assert "3 invii in attesa di risposta oltre la scadenza" in coordinator
    assert "3 schede progettuali da rivedere" in coordinator
    assert "3 consensi in scadenza entro 30 giorni" in coordinator
    assert "2 invii in attesa" in by_recipient["op_a1@example.org"].body
    assert "/famiglie/" in coordinator
    for message in mail.outbox:
        text = message.subject + "\n" + message.body
        for personal in ("Prova", "Bimba", "Secondo", "Terzo", CHILD_CF, family.code, str(family.pk)):
            assert personal not in text
        assert "Promemoria" in message.subject


def test_an_operator_of_another_centre_gets_only_their_own_counts(personas: Personas) -> None:
    p = personas
    _with_email(p.coord_a, p.op_a1, p.op_b)
    _due(p, seat=p.hub_b, actor=p.op_b, first_name="Bruno")
    _run()
    assert [m.to for m in mail.outbox] == [["op_b@example.org"]]
    body = mail.outbox[0].body
    assert "1 invio in attesa di risposta oltre la scadenza" in body
    assert "1 scheda progettuale da rivedere" in body and "1 consenso in scadenza" in body
    assert "Bruno" not in body and "Prova" not in body


def test_no_mail_when_nothing_is_due(personas: Personas) -> None:
    p = personas
    _with_email(p.coord_a, p.op_a1, p.op_b)
    family = make_family(p, first_name="Serena")
    referral = referrals.referral_send(
        actor=p.op_a1, family=family, destination=p.destination_a, reason="altro", override_reason="Obbligo di legge"
    )
    Referral.objects.filter(pk=referral.pk).update(
        respond_by=timezone.localdate() - dt.timedelta(days=5), status=Referral.Status.ACCEPTED
    )  # answered: no longer waiting
    _run()
    assert mail.outbox == []


def test_the_job_is_daily() -> None:
    from jobs.schedule import daily_jobs

    kinds = {entry.definition.kind: entry for entry in daily_jobs()}
    assert "families.reminders" in kinds and "families.retention" in kinds
    assert kinds["families.reminders"].definition.max_attempts == 1  # never two e-mails for one day


def test_the_desk_the_mail_links_to_lists_the_consents_about_to_expire_in_scope(personas: Personas) -> None:
    from django.test import Client
    from django.urls import reverse

    p = personas
    family = _due(p, seat=p.spoke_a1, actor=p.op_a1, first_name="Bimba")
    for user, shown in ((p.op_a1, True), (p.coord_a, True), (p.op_b, False)):
        client = Client()
        client.force_login(user)
        html = client.get(reverse("families:home")).content.decode()
        section = html.split('data-testid="consents-expiring"', 1)[1].split("</ul>", 1)[0]
        assert (family.code in section) is shown, user
        assert ("Nessun consenso in scadenza." in section) is not shown
