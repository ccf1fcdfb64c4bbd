"""Plain create/edit/delete of activities through the platform's CRUD engine (core.crud):
scoping, validation, optimistic locking and audit come with it. List and detail pages are the
app's own (activities.views)."""

from django.utils.translation import gettext_lazy as _

from activities.forms import ActivityForm
from activities.models import Activity
from core.crud import Crud

ACTIVITY = Crud(
    model=Activity,
    form_class=ActivityForm,
    namespace="activities",
    new_title=_("Nuova attività"),
    columns=[(_("Titolo"), str)],
    select_related=["seat__centre", "area"],
)
