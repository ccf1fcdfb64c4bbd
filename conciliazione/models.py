"""Work-life balance programme (conciliazione vita-lavoro), D.G.R. XII/5464 of 09/12/2025,
Allegato A. Every row is owned by one ATS (`scope_path`); the rules live in
conciliazione.rules and the writes in conciliazione.services. Households are PSEUDONYMOUS: a code
and the flags the eligibility rules need, never names or fiscal codes (GDPR art. 5(1)(c))."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.policy import AuditKeeps
from common.concurrency import VersionedModel
from common.fields import MoneyField
from common.scope import ScopePath
from conciliazione import rules

POSITIVE = MinValueValidator(Decimal("0.01"), message=_("L'importo deve essere positivo."))
PSEUDONYM = RegexValidator(
    r"^[A-Z0-9][A-Z0-9-]{2,29}$",
    message=_("Il codice del nucleo è pseudonimo: solo lettere maiuscole, cifre e trattini (es. NUC-001)."),
)


def _money(label: Any, **kwargs: Any) -> MoneyField:
    return MoneyField(label, max_digits=12, decimal_places=2, validators=[POSITIVE], **kwargs)


COMMUNITY_CHOICES: list[tuple[str, Any]] = [
    (rules.CommunityMemberKind.TRADE_UNION.value, _("Associazione sindacale")),
    (rules.CommunityMemberKind.EMPLOYERS.value, _("Associazione datoriale / impresa")),
    (rules.CommunityMemberKind.THIRD_SECTOR.value, _("Ente del Terzo settore")),
    (rules.CommunityMemberKind.AMBITO.value, _("Ambito territoriale")),
    (rules.CommunityMemberKind.CHAMBER_OF_COMMERCE.value, _("Camera di commercio")),
    (rules.CommunityMemberKind.PROFESSIONAL_ORDER.value, _("Ordine professionale")),
    (rules.CommunityMemberKind.JOB_SERVICES_OPERATOR.value, _("Operatore dei servizi al lavoro")),
    (rules.CommunityMemberKind.EDUCATION_TRAINING_OPERATOR.value, _("Operatore accreditato istruzione e formazione")),
    (rules.CommunityMemberKind.VOCATIONAL_TRAINING_INSTITUTION.value, _("Istituzione formativa (IeFP / IFTS)")),
    (rules.CommunityMemberKind.ITS_FOUNDATION.value, _("Fondazione ITS")),
    (rules.CommunityMemberKind.OTHER.value, _("Altro")),
]
PARTNER_KIND_CHOICES: list[tuple[str, Any]] = [
    (rules.PartnerKind.THIRD_SECTOR.value, _("Ente del Terzo settore")),
    (rules.PartnerKind.SOCIAL_COOP_A.value, _("Cooperativa sociale di tipo A")),
    (rules.PartnerKind.SOCIAL_COOP_B.value, _("Cooperativa sociale di tipo B")),
    (rules.PartnerKind.COMUNE.value, _("Comune")),
    (rules.PartnerKind.COMUNITA_MONTANA.value, _("Comunità Montana")),
    (rules.PartnerKind.UNIONE_COMUNI.value, _("Unione di Comuni")),
    (rules.PartnerKind.AMBITO.value, _("Ambito territoriale")),
    (rules.PartnerKind.OTHER_LOCAL_PUBLIC_BODY.value, _("Altro ente pubblico locale (Provincia, Città metropolitana)")),
    (rules.PartnerKind.OTHER_PUBLIC_BODY.value, _("Altro ente pubblico")),
    (rules.PartnerKind.COMPANY.value, _("Impresa")),
    (rules.PartnerKind.OTHER_PRIVATE.value, _("Altro soggetto privato")),
]
PARTNER_ROLE_CHOICES: list[tuple[str, Any]] = [
    (rules.PartnerRole.BENEFICIARY.value, _("Beneficiario")),
    (rules.PartnerRole.SUPPORT_NETWORK.value, _("Rete di supporto (senza contributo)")),
]
CATEGORY_CHOICES: list[tuple[str, Any]] = [
    (rules.InterventionCategory.CARE_SERVICES.value, _("a) Servizi di conciliazione per la cura")),
    (rules.InterventionCategory.TIME_SAVING.value, _("b) Time saving")),
    (rules.InterventionCategory.HOME_WORK_MOBILITY.value, _("c) Mobilità casa-lavoro")),
    (rules.InterventionCategory.SELF_EMPLOYED_SERVICES.value, _("d) Servizi per autonomi e liberi professionisti")),
    (rules.InterventionCategory.LR28_SERVICE_HOURS.value, _("l.r. 28/2004: armonizzazione degli orari")),
    (rules.InterventionCategory.LR28_PUBLIC_TRANSPORT_TIME.value, _("l.r. 28/2004: tempi del trasporto pubblico")),
    (rules.InterventionCategory.LR28_PA_ACCESS.value, _("l.r. 28/2004: accesso alla PA")),
    (rules.InterventionCategory.LR28_TIME_BANKS.value, _("l.r. 28/2004: banche del tempo")),
    (rules.InterventionCategory.CONTEXT_STUDY.value, _("Studio di contesto (non finanziabile)")),
    (rules.InterventionCategory.INSTITUTIONAL_TABLE.value, _("Tavolo istituzionale (non finanziabile)")),
    (rules.InterventionCategory.MONITORING_EVALUATION.value, _("Monitoraggio e valutazione (non finanziabile)")),
]
DELIVERY_CHOICES: list[tuple[str, Any]] = [
    (rules.DeliveryMode.DIRECT_FREE.value, _("Diretto, gratuito")),
    (rules.DeliveryMode.DIRECT_CAPPED_PRICE.value, _("Diretto, a costo calmierato")),
    (rules.DeliveryMode.VOUCHER.value, _("Voucher")),
    (rules.DeliveryMode.REIMBURSEMENT.value, _("Rimborso")),
]
WORK_KIND_CHOICES: list[tuple[str, Any]] = [
    (rules.WorkKind.EMPLOYEE_FIXED_TERM.value, _("Dipendente a tempo determinato")),
    (rules.WorkKind.EMPLOYEE_PERMANENT.value, _("Dipendente a tempo indeterminato")),
    (rules.WorkKind.COOPERATIVE_WORKER_MEMBER.value, _("Socio lavoratore di cooperativa")),
    (rules.WorkKind.AGENCY_WORKER.value, _("Lavoratore somministrato")),
    (rules.WorkKind.ENTREPRENEUR.value, _("Imprenditore (art. 2082 c.c.)")),
    (rules.WorkKind.SELF_EMPLOYED.value, _("Lavoratore autonomo (art. 2222 c.c.)")),
    (rules.WorkKind.PROFESSIONAL.value, _("Libero professionista iscritto (art. 2229 c.c.)")),
    (rules.WorkKind.PROFESSIONAL_UNREGISTERED.value, _("Professionista non iscritto ad albo")),
    (rules.WorkKind.AUTONOMOUS_COLLABORATOR.value, _("Collaboratore autonomo con partita IVA")),
]
DEPENDENT_CHOICES: list[tuple[str, Any]] = [
    (rules.DependentKind.MINOR.value, _("Minore a carico")),
    (rules.DependentKind.OTHER_FAMILY_MEMBER.value, _("Altro familiare a carico")),
]


class RegimeChoices(models.TextChoices):
    REG_1407_2013 = "reg_1407_2013", _("Reg. (UE) 1407/2013")
    REG_2023_2831 = "reg_2023_2831", _("Reg. (UE) 2023/2831")


REGIMES: dict[str, rules.DeMinimisRegime] = {
    RegimeChoices.REG_1407_2013: rules.REG_1407_2013,
    RegimeChoices.REG_2023_2831: rules.REG_2023_2831,
}


class ConciliationNetwork(VersionedModel):
    """Rete Territoriale di Conciliazione led by the ATS (Allegato A §4.1)."""

    scope_path = ScopePath(ats="ats")

    ats = models.OneToOneField(
        "territory.Ats", on_delete=models.PROTECT, related_name="conciliation_network", verbose_name=_("ATS")
    )
    name = models.CharField(_("nome"), max_length=200)

    class Meta:
        ordering = ["ats__code"]
        verbose_name = _("rete territoriale di conciliazione")
        verbose_name_plural = _("reti territoriali di conciliazione")

    def __str__(self) -> str:
        return self.name


class NetworkMember(VersionedModel):
    """A member of the RTC; `in_community_of_practice` marks the Comunità di pratica (§4.1)."""

    scope_path = ScopePath(ats="network__ats")

    network = models.ForeignKey(
        ConciliationNetwork, on_delete=models.CASCADE, related_name="members", verbose_name=_("rete")
    )
    ente = models.ForeignKey("network.Ente", on_delete=models.PROTECT, related_name="+", verbose_name=_("ente"))
    representation = models.CharField(_("rappresentanza"), max_length=40, choices=COMMUNITY_CHOICES)
    in_community_of_practice = models.BooleanField(_("nella Comunità di pratica"), default=True)

    class Meta:
        ordering = ["network", "representation", "ente__name"]
        verbose_name = _("membro della rete")
        verbose_name_plural = _("membri della rete")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "ente", "representation"],
                name="uniq_network_member",
                violation_error_message=_("L'ente è già nella rete con questa rappresentanza."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.ente} — {self.get_representation_display()}"


class LocalAlliance(VersionedModel):
    """Alleanza locale: the partnership of beneficiaries and its support network (§4.2).
    `lead_kind` empty means «as the lead Ente's type» (see conciliazione.selectors)."""

    scope_path = ScopePath(ats="ats")

    ats = models.ForeignKey("territory.Ats", on_delete=models.PROTECT, related_name="+", verbose_name=_("ATS"))
    name = models.CharField(_("nome"), max_length=200)
    lead = models.ForeignKey("network.Ente", on_delete=models.PROTECT, related_name="+", verbose_name=_("capofila"))
    lead_kind = models.CharField(
        _("tipologia del capofila"),
        max_length=30,
        choices=PARTNER_KIND_CHOICES,
        blank=True,
        help_text=_("Vuoto: dedotta dal tipo di ente."),
    )
    lead_signs_piano_di_zona_agreement = models.BooleanField(
        _("capofila firmatario dell'accordo di programma del Piano di Zona"), default=False
    )
    start_date = models.DateField(_("inizio"))
    end_date = models.DateField(_("fine"))

    class Meta:
        ordering = ["ats__code", "name"]
        verbose_name = _("alleanza locale")
        verbose_name_plural = _("alleanze locali")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("La data di fine precede la data di inizio.")})


class AlliancePartner(VersionedModel):
    scope_path = ScopePath(ats="alliance__ats")

    alliance = models.ForeignKey(
        LocalAlliance, on_delete=models.CASCADE, related_name="partners", verbose_name=_("alleanza")
    )
    ente = models.ForeignKey("network.Ente", on_delete=models.PROTECT, related_name="+", verbose_name=_("ente"))
    kind = models.CharField(
        _("tipologia"),
        max_length=30,
        choices=PARTNER_KIND_CHOICES,
        blank=True,
        help_text=_("Vuoto: dedotta dal tipo di ente."),
    )
    role = models.CharField(
        _("ruolo"), max_length=20, choices=PARTNER_ROLE_CHOICES, default=rules.PartnerRole.BENEFICIARY.value
    )
    signs_piano_di_zona_agreement = models.BooleanField(
        _("firmatario dell'accordo di programma del Piano di Zona"), default=False
    )

    class Meta:
        ordering = ["alliance", "ente__name"]
        verbose_name = _("partner dell'alleanza")
        verbose_name_plural = _("partner delle alleanze")
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "ente"],
                name="uniq_alliance_partner",
                violation_error_message=_("L'ente è già partner di questa alleanza."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.ente} ({self.alliance})"


class ConciliationProject(VersionedModel):
    """A two-year project of an alliance (§4.1 «durata biennale»)."""

    scope_path = ScopePath(ats="alliance__ats")

    alliance = models.ForeignKey(
        LocalAlliance, on_delete=models.PROTECT, related_name="projects", verbose_name=_("alleanza")
    )
    title = models.CharField(_("titolo"), max_length=200)
    start_date = models.DateField(_("inizio"))
    end_date = models.DateField(_("fine"))
    budget = _money(_("budget"))

    class Meta:
        ordering = ["alliance", "title"]
        verbose_name = _("progetto di conciliazione")
        verbose_name_plural = _("progetti di conciliazione")

    def __str__(self) -> str:
        return self.title


class Intervention(VersionedModel):
    scope_path = ScopePath(ats="project__alliance__ats")

    project = models.ForeignKey(
        ConciliationProject, on_delete=models.CASCADE, related_name="interventions", verbose_name=_("progetto")
    )
    title = models.CharField(_("titolo"), max_length=200)
    category = models.CharField(_("categoria"), max_length=40, choices=CATEGORY_CHOICES)
    delivery = models.CharField(_("modalità di erogazione"), max_length=30, choices=DELIVERY_CHOICES, blank=True)

    class Meta:
        ordering = ["project", "title"]
        verbose_name = _("intervento")
        verbose_name_plural = _("interventi")

    def __str__(self) -> str:
        return self.title


class Household(VersionedModel):
    """A final recipient household (§4.3), pseudonymous. The last eligibility check is stored
    with its reasons (Italian messages) and the codes of the requirements met."""

    audit_keeps = AuditKeeps.FIELDS  # personal data: the audit keeps field names only

    scope_path = ScopePath(ats="project__alliance__ats")

    project = models.ForeignKey(
        ConciliationProject, on_delete=models.PROTECT, related_name="households", verbose_name=_("progetto")
    )
    code = models.CharField(_("codice pseudonimo"), max_length=30, unique=True, validators=[PSEUDONYM])
    request_date = models.DateField(_("data della richiesta"))
    eligible = models.BooleanField(_("requisiti soddisfatti"), null=True, blank=True, editable=False)
    checked_on = models.DateField(_("verificato il"), null=True, blank=True, editable=False)
    eligibility_reasons = models.JSONField(_("requisiti mancanti"), default=list, blank=True, editable=False)
    eligibility_satisfied = models.JSONField(_("requisiti soddisfatti"), default=list, blank=True, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("nucleo familiare")
        verbose_name_plural = _("nuclei familiari")

    def __str__(self) -> str:
        return self.code


class HouseholdMember(VersionedModel):
    """Only what §4.3 needs: residence, one work position, care duties, dependency, DID/PSP."""

    audit_keeps = AuditKeeps.FIELDS  # personal data: the audit keeps field names only

    class Role(models.TextChoices):
        PARENT = "parent", _("Genitore")
        CHILD = "child", _("Figlio/a")
        OTHER_RELATIVE = "other_relative", _("Altro familiare")

    scope_path = ScopePath(ats="household__project__alliance__ats")

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members", verbose_name=_("nucleo"))
    role = models.CharField(_("ruolo nel nucleo"), max_length=20, choices=Role.choices)
    age = models.PositiveSmallIntegerField(_("età"), null=True, blank=True)
    resident_in_lombardy = models.BooleanField(_("residente in Lombardia"), default=True)
    domiciled_in_lombardy = models.BooleanField(_("domiciliato/a in Lombardia"), default=False)
    work_kind = models.CharField(_("tipologia di lavoro"), max_length=40, choices=WORK_KIND_CHOICES, blank=True)
    work_start = models.DateField(_("lavoro dal"), null=True, blank=True)
    work_end = models.DateField(_("lavoro fino al"), null=True, blank=True)
    recognised_association_member = models.BooleanField(_("iscritto ad associazione professionale"), default=False)
    has_vat_number = models.BooleanField(_("titolare di partita IVA"), default=False)
    inps_gestione_separata = models.BooleanField(_("iscritto alla gestione separata INPS"), default=False)
    has_care_duties = models.BooleanField(_("ha compiti di cura"), default=False)
    dependent = models.CharField(_("a carico"), max_length=30, choices=DEPENDENT_CHOICES, blank=True)
    unemployed = models.BooleanField(_("disoccupato/a"), default=False)
    did_date = models.DateField(_("data DID"), null=True, blank=True)
    psp_date = models.DateField(_("data PSP"), null=True, blank=True)

    class Meta:
        ordering = ["household", "pk"]
        verbose_name = _("componente del nucleo")
        verbose_name_plural = _("componenti dei nuclei")

    def __str__(self) -> str:
        age = f", {self.age} anni" if self.age is not None else ""
        return f"{self.household} — {self.get_role_display()}{age}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.work_kind and not self.work_start:
            errors["work_start"] = _("Indicare la data di inizio del lavoro.")
        if self.work_start and self.work_end and self.work_end < self.work_start:
            errors["work_end"] = _("La fine del lavoro precede l'inizio.")
        if errors:
            raise ValidationError(errors)


class Voucher(VersionedModel):
    """A voucher «prima di usufruire del servizio» (§4.1); issued and redeemed by the services."""

    scope_path = ScopePath(ats="project__alliance__ats")

    project = models.ForeignKey(
        ConciliationProject, on_delete=models.PROTECT, related_name="vouchers", verbose_name=_("progetto")
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="vouchers", verbose_name=_("nucleo")
    )
    provider = models.ForeignKey(
        "network.Ente", on_delete=models.PROTECT, related_name="+", verbose_name=_("ente erogatore")
    )
    code = models.CharField(_("codice"), max_length=30, unique=True)
    value = _money(_("valore"))
    valid_from = models.DateField(_("valido dal"))
    valid_until = models.DateField(_("valido fino al"))
    redeemed_on = models.DateField(_("utilizzato il"), null=True, blank=True, editable=False)
    redeemed_amount = MoneyField(
        _("importo utilizzato"), max_digits=12, decimal_places=2, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-valid_from", "code"]
        verbose_name = _("voucher")
        verbose_name_plural = _("voucher")

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("La scadenza precede l'inizio della validità.")
        if self.household_id and self.project_id and self.household.project_id != self.project_id:
            errors["household"] = _("Il nucleo non appartiene a questo progetto.")
        if errors:
            raise ValidationError(errors)


class Reimbursement(VersionedModel):
    """A reimbursement «dopo la fruizione del servizio» (§4.1)."""

    scope_path = ScopePath(ats="project__alliance__ats")

    project = models.ForeignKey(
        ConciliationProject, on_delete=models.PROTECT, related_name="reimbursements", verbose_name=_("progetto")
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="reimbursements", verbose_name=_("nucleo")
    )
    receipts_total = _money(_("totale giustificativi"))
    requested = _money(_("importo richiesto"))
    receipt_date = models.DateField(_("data dell'ultimo giustificativo"))
    request_date = models.DateField(_("data della richiesta"))
    approved = models.BooleanField(_("approvato"), default=False)

    class Meta:
        ordering = ["-request_date"]
        verbose_name = _("rimborso")
        verbose_name_plural = _("rimborsi")

    def __str__(self) -> str:
        return f"{self.household} — {self.request_date:%d/%m/%Y}"

    def clean(self) -> None:
        if self.household_id and self.project_id and self.household.project_id != self.project_id:
            raise ValidationError({"household": _("Il nucleo non appartiene a questo progetto.")})


class DeMinimisGrant(VersionedModel):
    """An aid granted by the ATS to an undertaking (delibera, premises and point 4), registered
    in the RNA. The cap is checked over ALL the undertaking's grants, whichever ATS granted them."""

    scope_path = ScopePath(ats="ats")

    ats = models.ForeignKey("territory.Ats", on_delete=models.PROTECT, related_name="+", verbose_name=_("ATS"))
    undertaking = models.ForeignKey(
        "network.Ente", on_delete=models.PROTECT, related_name="de_minimis_grants", verbose_name=_("impresa")
    )
    regime = models.CharField(_("regime"), max_length=20, choices=RegimeChoices.choices)
    grant_date = models.DateField(_("data di concessione"))
    amount = _money(_("importo"))
    rna_reference = models.CharField(_("codice RNA (COR)"), max_length=40)
    project = models.ForeignKey(
        ConciliationProject,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="de_minimis_grants",
        verbose_name=_("progetto"),
    )

    class Meta:
        ordering = ["undertaking__name", "-grant_date"]
        verbose_name = _("aiuto de minimis")
        verbose_name_plural = _("aiuti de minimis")

    def __str__(self) -> str:
        return f"{self.undertaking} — {self.grant_date:%d/%m/%Y}"
