"""Coded lists of the family pathway (reasons, needs, channels…): stable codes, Italian labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessReason(models.TextChoices):
    INFORMATION = "informazioni", _("Informazioni e orientamento")
    PARENTING = "genitorialita", _("Sostegno alla genitorialità")
    COUPLE = "coppia", _("Relazione di coppia o separazione")
    CARE = "cura", _("Cura di un familiare fragile o anziano")
    ECONOMIC = "economico", _("Difficoltà economiche")
    WORK_LIFE = "conciliazione", _("Conciliazione vita-lavoro")
    SCHOOL = "scuola", _("Scuola e crescita dei figli")
    SOCIAL = "socialita", _("Socialità e attività per la famiglia")
    OTHER = "altro", _("Altro")


class Need(models.TextChoices):
    """The needs taxonomy of the scheda progettuale (several at once)."""

    INFORMATION = "informazione", _("Informazione e orientamento ai servizi")
    PARENTING_SKILLS = "competenze_genitoriali", _("Competenze genitoriali")
    EARLY_CHILDHOOD = "prima_infanzia", _("Primi mille giorni e prima infanzia")
    ADOLESCENCE = "adolescenza", _("Adolescenza")
    COUPLE_CONFLICT = "conflitto_coppia", _("Conflittualità di coppia")
    CAREGIVING = "caregiving", _("Carico di cura")
    ECONOMIC = "economico", _("Bisogno economico")
    HOUSING = "abitativo", _("Bisogno abitativo")
    WORK = "lavoro", _("Lavoro e conciliazione")
    ISOLATION = "isolamento", _("Isolamento sociale")
    DISABILITY = "disabilita", _("Disabilità")
    LANGUAGE = "lingua", _("Barriera linguistica")
    OTHER = "altro", _("Altro")


class FragilityCategory(models.TextChoices):
    VIOLENCE = "violenza", _("Violenza domestica o di genere")
    DISABILITY = "disabilita", _("Disabilità grave")
    SEVERE_POVERTY = "poverta_grave", _("Povertà grave")
    MIGRATION = "migrazione", _("Migrazione recente o irregolarità")
    JUSTICE = "giustizia", _("Provvedimenti dell'autorità giudiziaria")
    ADDICTION = "dipendenze", _("Dipendenze")
    OTHER = "altro", _("Altra fragilità")


class Channel(models.TextChoices):
    IN_PERSON = "presenza", _("In presenza in sede")
    PHONE = "telefono", _("Telefono")
    EMAIL = "email", _("E-mail")
    SOCIAL = "social", _("Social media")
    EVENT = "evento", _("A un evento")
    OUTREACH = "territorio", _("Sul territorio (outreach)")


class Urgency(models.TextChoices):
    LOW = "bassa", _("Bassa")
    NORMAL = "media", _("Media")
    HIGH = "alta", _("Alta")
    URGENT = "urgente", _("Urgente")


# Expected response time of a referral, in days, by urgency.
RESPONSE_DAYS: dict[str, int] = {Urgency.LOW: 30, Urgency.NORMAL: 15, Urgency.HIGH: 5, Urgency.URGENT: 1}

# Closed schede older than this many years are anonymised by `anonymise_closed_schede`.
RETENTION_YEARS = 5

# How far ahead the desk and the daily reminder announce a consent's expiry. An operational
# choice (time to meet the family and renew it), not a rule of the decree.
CONSENT_EXPIRY_NOTICE_DAYS = 30


def recipient_kind_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Categories a sharing consent may name, grouped, by their Italian names: the kinds of
    specialist service of the registry (`ReferralDestination.Kind`), then the kinds of Ente
    (`Ente.Kind`) not already listed. `sharing_consent` matches a category against both."""
    from network.models import Ente, ReferralDestination

    services = [(str(v), str(label)) for v, label in ReferralDestination.Kind.choices]
    seen = {v for v, _label in services}
    entes = [(str(v), str(label)) for v, label in Ente.Kind.choices if v not in seen]
    return [(str(_("Categorie di servizi specialistici")), services), (str(_("Tipi di ente")), entes)]


def recipient_kind_label(code: str) -> str:
    """The Italian name of a consent's category (a service kind or an Ente kind)."""
    if not code:
        return ""
    for _group, options in recipient_kind_choices():
        for value, label in options:
            if value == code:
                return label
    return str(_("Categoria sconosciuta"))
