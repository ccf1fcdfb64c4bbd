"""The daily reminder to the people who work with families (`families.reminders` job): per
recipient, how many referrals wait for an answer past their deadline, how many schede are due for
review and how many consents expire soon, counted through the recipient's own scope
(`families.access.family_scoped`: an operator's seat, a Hub coordinator's Centre).

The e-mail carries counts and a link only: no family name, code, fiscal code or identifier leaves
by mail. Counting rows is not a read of a family record, so nothing is audited here; opening the
linked page is (as any other visit)."""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Role, User
from families.access import family_scoped
from families.codes import CONSENT_EXPIRY_NOTICE_DAYS
from families.models import Referral
from families.selectors import consents_expiring, schede_to_review

logger = logging.getLogger(__name__)

# The roles that work with families' records and so receive the reminder.
RECIPIENT_ROLES = (Role.HUB_COORDINATOR, Role.SPOKE_OPERATOR)


@dataclass(frozen=True)
class Digest:
    overdue_referrals: int
    schede_to_review: int
    consents_expiring: int

    @property
    def is_empty(self) -> bool:
        return not (self.overdue_referrals or self.schede_to_review or self.consents_expiring)


def digest_for(*, user: User, today: dt.date) -> Digest:
    """The counts for one recipient, in their scope. Overdue referrals: sent or received and not
    answered after `respond_by` (the deadline set from the urgency, `codes.RESPONSE_DAYS`), as
    `Referral.is_overdue`; schede and consents: as the desk lists them
    (`selectors.schede_to_review`, `selectors.consents_expiring`)."""
    referrals = family_scoped(user, Referral.objects.filter(status__in=Referral.AWAITING, respond_by__lt=today))
    return Digest(
        overdue_referrals=referrals.count(),
        schede_to_review=schede_to_review(user=user, today=today).count(),
        consents_expiring=consents_expiring(user=user, today=today).count(),
    )


def recipients() -> "list[User]":
    """Active coordinators and operators with an e-mail address, by Centre."""
    users = User.objects.filter(is_active=True, role__in=RECIPIENT_ROLES).exclude(email="")
    return list(users.order_by("centre_id", "seat_id", "pk"))


def site_address() -> str:
    """The platform's public address for links in e-mails: the first trusted origin
    (DJANGO_CSRF_TRUSTED_ORIGINS), else the first served host name; empty when neither is known."""
    if settings.CSRF_TRUSTED_ORIGINS:
        return str(settings.CSRF_TRUSTED_ORIGINS[0]).rstrip("/")
    hosts = [h for h in settings.ALLOWED_HOSTS if h and h != "*" and not h.startswith(".")]
    return f"https://{hosts[0]}" if hosts else ""


def message(digest: Digest, link: str) -> tuple[str, str]:
    """Subject and body of the reminder, in the active language: counts and the link only."""
    subject = _("Promemoria: attività da seguire nel tuo Centro per la Famiglia")
    lines = [_("Buongiorno,"), "", _("nel tuo ambito di lavoro oggi risultano:"), ""]
    lines.append(
        "- "
        + ngettext(
            "%(count)d invio in attesa di risposta oltre la scadenza",
            "%(count)d invii in attesa di risposta oltre la scadenza",
            digest.overdue_referrals,
        )
        % {"count": digest.overdue_referrals}
    )
    lines.append(
        "- "
        + ngettext(
            "%(count)d scheda progettuale da rivedere",
            "%(count)d schede progettuali da rivedere",
            digest.schede_to_review,
        )
        % {"count": digest.schede_to_review}
    )
    lines.append(
        "- "
        + ngettext(
            "%(count)d consenso in scadenza entro %(days)d giorni",
            "%(count)d consensi in scadenza entro %(days)d giorni",
            digest.consents_expiring,
        )
        % {"count": digest.consents_expiring, "days": CONSENT_EXPIRY_NOTICE_DAYS}
    )
    lines += ["", _("I dettagli sono nella piattaforma, dopo l'accesso:"), link, ""]
    lines.append(_("Per riservatezza questo messaggio non contiene dati delle famiglie. È un messaggio automatico."))
    return subject, "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Outcome:
    sent: int
    failed: int
    nothing_due: int


def send_reminders(*, today: dt.date | None = None) -> Outcome:
    """One e-mail per recipient with something due; none for the others."""
    today = today or timezone.localdate()
    link = site_address() + reverse("families:home")
    sent = failed = nothing = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user in recipients():
            digest = digest_for(user=user, today=today)
            if digest.is_empty:
                nothing += 1
                continue
            subject, body = message(digest, link)
            try:
                send_mail(subject=subject, message=body, from_email=None, recipient_list=[user.email])
            except OSError as exc:  # smtplib errors are OSErrors; the address is not logged
                logger.warning("reminder e-mail not sent (user %s): %s", user.pk, type(exc).__name__)
                failed += 1
                continue
            sent += 1
    return Outcome(sent=sent, failed=failed, nothing_due=nothing)
