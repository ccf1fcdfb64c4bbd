"""De minimis aid (the deliberation's premises and DELIBERA point 4: Reg. (UE) 1407/2013, now
2023/2831), checked over ALL the stored grants of the single undertaking and registered in the RNA."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.types import Actor
from conciliazione import models as m
from conciliazione import rules, selectors
from conciliazione.services._common import raise_violations
from core.records import record_create
from network.models import Ente


def de_minimis_check(*, undertaking: Ente, regime: str, grant_date: dt.date, amount: Decimal) -> rules.DeMinimisOutcome:
    """Pure check of a prospective grant against the undertaking's stored grants (no write)."""
    if regime not in m.REGIMES:
        raise ValidationError({"regime": _("Regime de minimis sconosciuto.")})
    return rules.check_de_minimis(
        selectors.undertaking_grants(undertaking), rules.Grant(grant_date, amount), m.REGIMES[regime]
    )


def de_minimis_grant(
    *,
    actor: Actor,
    ats: Any,
    undertaking: Ente,
    regime: str,
    grant_date: dt.date,
    amount: Decimal,
    rna_reference: str,
    project: m.ConciliationProject | None = None,
) -> m.DeMinimisGrant:
    """Records a grant with its RNA reference; blocked over the cap of the regime. The undertaking
    row is locked so two ATS cannot both use the same residual at once."""
    grant = m.DeMinimisGrant(
        ats=ats,
        undertaking=undertaking,
        regime=regime,
        grant_date=grant_date,
        amount=amount,
        rna_reference=rna_reference.strip(),
        project=project,
    )
    scoping.check_can_write(actor, grant, scoping.CREATE)
    if not grant.rna_reference:
        raise ValidationError({"rna_reference": _("Indicare il codice di registrazione nel Registro nazionale aiuti.")})
    if project is not None and project.alliance.ats_id != getattr(ats, "pk", None):
        raise ValidationError({"project": _("Il progetto non appartiene a questa ATS.")})
    with transaction.atomic():
        Ente.objects.select_for_update().filter(pk=undertaking.pk).first()
        outcome = de_minimis_check(undertaking=undertaking, regime=regime, grant_date=grant_date, amount=amount)
        raise_violations(outcome.violations)
        return record_create(actor=actor, instance=grant)
