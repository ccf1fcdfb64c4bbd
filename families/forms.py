"""Forms of the family pathway: shape only; rules live in the models and services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import StyledForm, style_fields
from families import codes
from families.models import Consent, Family, IntegratedFollowUp, Person, Referral, Scheda
from network.models import Ente, ReferralDestination, Seat, ServiceArea
from territory.models import Comune


class DateInput(forms.DateInput):
    input_type = "date"


class QuickContactForm(StyledForm):
    """The desk's few-keystrokes contact: channel, reason, optional family code."""

    channel = forms.ChoiceField(label=_("Canale"), choices=codes.Channel.choices, initial=codes.Channel.IN_PERSON)
    reason = forms.ChoiceField(label=_("Motivo"), choices=codes.AccessReason.choices)
    family_code = forms.CharField(label=_("Codice famiglia (facoltativo)"), required=False, max_length=20)
    people_count = forms.IntegerField(label=_("Persone"), min_value=1, max_value=50, initial=1)


class FamilySearchForm(StyledForm):
    """The family search, always sent by POST (a name or a fiscal code never goes into a URL)."""

    q = forms.CharField(label=_("Codice, nome o codice fiscale"), max_length=200, required=False)
    page = forms.IntegerField(min_value=1, max_value=10**6, required=False, widget=forms.HiddenInput)


class InboxFilterForm(StyledForm):
    """Filters of the referral inbox: status, urgency, sending date (all optional)."""

    status = forms.ChoiceField(label=_("Stato"), required=False, choices=[("", _("Tutti")), *Referral.Status.choices])
    urgency = forms.ChoiceField(label=_("Urgenza"), required=False, choices=[("", _("Tutte")), *codes.Urgency.choices])
    since = forms.DateField(label=_("Inviati dal"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Inviati fino al"), required=False, widget=DateInput())


class FamilyForm(StyledForm):
    seat = forms.ModelChoiceField(label=_("Sede di accoglienza"), queryset=Seat.objects.none())
    name = forms.CharField(label=_("Nome del nucleo (facoltativo)"), required=False, max_length=120)
    residence_kind = forms.ChoiceField(label=_("Recapito"), choices=Family.Residence.choices)
    comune = forms.ModelChoiceField(label=_("Comune"), queryset=Comune.objects.none(), required=False)

    def __init__(self, *args: Any, seats: Any, comuni: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seat"].queryset = seats  # type: ignore[attr-defined]
        self.fields["comune"].queryset = comuni  # type: ignore[attr-defined]


class PersonForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Person
        fields = [
            "role",
            "first_name",
            "last_name",
            "birth_date",
            "birth_year",
            "sex",
            "citizenship",
            "languages",
            "fiscal_code",
        ]
        widgets = {"birth_date": DateInput()}


class SchedaForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    access_reason = forms.ChoiceField(label=_("Motivo dell'accesso"), choices=codes.AccessReason.choices)
    access_reason_text = forms.CharField(label=_("Descrizione"), required=False, widget=forms.Textarea({"rows": 2}))
    needs = forms.MultipleChoiceField(
        label=_("Bisogni principali"), choices=codes.Need.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    status = forms.ChoiceField(label=_("Stato"), choices=Scheda.Status.choices, initial=Scheda.Status.OPEN)
    outcome = forms.ChoiceField(label=_("Esito"), choices=[("", "—"), *Scheda.Outcome.choices], required=False)
    is_fragile = forms.BooleanField(label=_("Fragilità particolare"), required=False)
    fragility_category = forms.ChoiceField(
        label=_("Categoria di fragilità"), choices=[("", "—"), *codes.FragilityCategory.choices], required=False
    )
    review_on = forms.DateField(label=_("Da rivedere entro"), required=False, widget=DateInput())


class InterventionForm(StyledForm):
    service_area = forms.ModelChoiceField(
        label=_("Servizio del catalogo"), queryset=ServiceArea.objects.none(), required=False
    )
    activity = forms.CharField(label=_("Oppure attività libera"), required=False, max_length=200)
    start_date = forms.DateField(label=_("Inizio"), widget=DateInput())
    end_date = forms.DateField(label=_("Fine"), required=False, widget=DateInput())
    outcome = forms.CharField(label=_("Esito"), required=False, max_length=200)

    def __init__(self, *args: Any, areas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_area"].queryset = areas  # type: ignore[attr-defined]


class ConsentForm(StyledForm):
    """A consent. For sharing, ONE recipient: a specialist service of the registry (by name), an
    Ente, or a category (the Italian names of the service and Ente kinds, never a typed code)."""

    purpose = forms.ChoiceField(label=_("Finalità"), choices=Consent.Purpose.choices)
    legal_basis = forms.ChoiceField(label=_("Base giuridica"), choices=Consent.LegalBasis.choices)
    recipient_destination = forms.ModelChoiceField(
        label=_("Servizio specialistico destinatario"),
        queryset=ReferralDestination.objects.none(),
        required=False,
        empty_label="—",
    )
    recipient_kind = forms.ChoiceField(label=_("Oppure una categoria di servizi o di enti"), required=False)
    recipient_ente = forms.ModelChoiceField(
        label=_("Oppure un altro ente destinatario"), queryset=Ente.objects.none(), required=False, empty_label="—"
    )
    given_on = forms.DateField(label=_("Data del consenso"), widget=DateInput())
    expires_on = forms.DateField(label=_("Scadenza (facoltativa)"), required=False, widget=DateInput())
    form = forms.FileField(label=_("Modulo firmato (facoltativo)"), required=False)

    def __init__(self, *args: Any, entes: Any, destinations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient_destination"].queryset = destinations  # type: ignore[attr-defined]
        self.fields["recipient_ente"].queryset = entes  # type: ignore[attr-defined]
        self.fields["recipient_kind"].choices = [("", "—"), *codes.recipient_kind_choices()]  # type: ignore[attr-defined]


class ReferralForm(StyledForm):
    destination = forms.ModelChoiceField(label=_("Servizio"), queryset=ReferralDestination.objects.none())
    reason = forms.ChoiceField(label=_("Motivo"), choices=codes.AccessReason.choices)
    reason_text = forms.CharField(label=_("Descrizione"), required=False, widget=forms.Textarea({"rows": 2}))
    urgency = forms.ChoiceField(label=_("Urgenza"), choices=codes.Urgency.choices, initial=codes.Urgency.NORMAL)
    override_reason = forms.CharField(
        label=_("Senza consenso: obbligo di legge che impone l'invio"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )

    def __init__(self, *args: Any, destinations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["destination"].queryset = destinations  # type: ignore[attr-defined]


class TransitionForm(StyledForm):
    to = forms.ChoiceField(label=_("Nuovo stato"), choices=Referral.Status.choices)
    note = forms.CharField(label=_("Motivazione o esito"), required=False, widget=forms.Textarea({"rows": 2}))


class FeedbackForm(StyledForm):
    feedback = forms.CharField(label=_("Riscontro del servizio"), widget=forms.Textarea({"rows": 3}))


class FamilyEditForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("Nome del nucleo (facoltativo)"), required=False, max_length=120)
    residence_kind = forms.ChoiceField(label=_("Recapito"), choices=Family.Residence.choices)
    comune = forms.ModelChoiceField(label=_("Comune"), queryset=Comune.objects.none(), required=False)

    def __init__(self, *args: Any, comuni: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comune"].queryset = comuni  # type: ignore[attr-defined]


class PersonEditForm(PersonForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta(PersonForm.Meta):
        pass

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self)


class PersonMoveForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    target = forms.ModelChoiceField(label=_("Famiglia di destinazione"), queryset=Family.objects.none())

    def __init__(self, *args: Any, families: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = families  # type: ignore[attr-defined]
        self.fields["target"].label_from_instance = lambda f: f.code  # type: ignore[attr-defined]


class BodyForm(StyledForm):
    ente = forms.ModelChoiceField(label=_("Ente"), queryset=Ente.objects.none())
    role = forms.CharField(label=_("Ruolo nel percorso"), max_length=200)
    override_reason = forms.CharField(
        label=_("Senza consenso: obbligo di legge che impone la condivisione"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )

    def __init__(self, *args: Any, entes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ente"].queryset = entes  # type: ignore[attr-defined]


class FollowUpForm(StyledForm):
    """Open an integrated follow-up (and, with version/status/outcome, change it)."""

    destinations = forms.ModelMultipleChoiceField(
        label=_("Servizi specialistici partner"),
        queryset=ReferralDestination.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    entes = forms.ModelMultipleChoiceField(label=_("Altri enti partner"), queryset=Ente.objects.none(), required=False)
    plan = forms.CharField(label=_("Piano condiviso"), widget=forms.Textarea({"rows": 3}))
    goals = forms.CharField(label=_("Obiettivi"), required=False, widget=forms.Textarea({"rows": 2}))
    start_date = forms.DateField(label=_("Inizio"), widget=DateInput())
    review_on = forms.DateField(label=_("Da rivedere entro"), required=False, widget=DateInput())
    override_reason = forms.CharField(
        label=_("Senza consenso: obbligo di legge che impone la condivisione"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )

    def __init__(self, *args: Any, destinations: Any, entes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["destinations"].queryset = destinations  # type: ignore[attr-defined]
        self.fields["entes"].queryset = entes  # type: ignore[attr-defined]


class FollowUpEditForm(FollowUpForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Stato"), choices=IntegratedFollowUp.Status.choices)
    outcome = forms.ChoiceField(
        label=_("Esito"), choices=[("", "—"), *IntegratedFollowUp.Outcome.choices], required=False
    )
    outcome_note = forms.CharField(label=_("Note sull'esito"), required=False, widget=forms.Textarea({"rows": 2}))
