from core.crud import ScopedModelForm
from network import models as m


class EnteForm(ScopedModelForm):
    class Meta:
        model = m.Ente
        fields = [
            "name",
            "kind",
            "tax_code",
            "vat_number",
            "comune",
            "address",
            "email",
            "pec",
            "phone",
            "website",
            "manages_udo",
        ]


class CentreForm(ScopedModelForm):
    class Meta:
        model = m.Centre
        fields = [
            "name",
            "ats",
            "lead_ente",
            "partners",
            "start_date",
            "end_date",
            "status",
            "description",
            "email",
            "phone",
            "website",
        ]


class SeatForm(ScopedModelForm):
    class Meta:
        model = m.Seat
        fields = [
            "centre",
            "kind",
            "name",
            "managing_ente",
            "address",
            "postal_code",
            "comune",
            "local_area",
            "latitude",
            "longitude",
            "phone",
            "email",
            "access_modes",
            "step_free_access",
            "accessible_toilet",
            "accessibility_notes",
            "has_welcome_space",
            "has_play_area",
            "has_info_desk",
            "has_interview_room",
            "has_multipurpose_room",
            "is_active",
        ]


class OpeningSlotForm(ScopedModelForm):
    class Meta:
        model = m.OpeningSlot
        fields = ["seat", "weekday", "opens", "closes", "valid_from", "valid_to"]


class OpeningExceptionForm(ScopedModelForm):
    class Meta:
        model = m.OpeningException
        fields = ["seat", "day", "closed", "opens", "closes", "note"]


class StaffMemberForm(ScopedModelForm):
    class Meta:
        model = m.StaffMember
        fields = [
            "centre",
            "first_name",
            "last_name",
            "profile",
            "engagement",
            "hours_per_week",
            "kind",
            "hub_role",
            "employer",
            "seats",
            "qualification",
            "years_in_family_services",
            "start_date",
            "end_date",
        ]


class ServiceOfferingForm(ScopedModelForm):
    class Meta:
        model = m.ServiceOffering
        fields = ["seat", "area", "name", "description", "target", "how_to_access", "is_free", "is_active", "tags"]


class ProtocolForm(ScopedModelForm):
    class Meta:
        model = m.Protocol
        fields = [
            "centre",
            "title",
            "subject",
            "parties",
            "referral_paths",
            "signed_on",
            "valid_from",
            "valid_to",
            "document",
        ]


class ReferralDestinationForm(ScopedModelForm):
    class Meta:
        model = m.ReferralDestination
        fields = ["name", "kind", "ats", "ente", "comune", "address", "phone", "email", "notes", "is_active"]
