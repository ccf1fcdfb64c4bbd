"""Back-office list/detail/create/edit/delete for registry models, declared once per model.

Every read goes through accounts.scoping and every write through core.records, so a model
registered here gets the scoping, validation, optimistic locking and audit of the platform."""

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext as _

from accounts import scoping
from accounts.types import Actor
from common.concurrency import ConflictError, VersionedModel
from common.display import detail_rows, format_value
from common.forms import attach_errors, style_fields
from core.records import record_create, record_delete, record_update

PAGE_SIZE = 25


def scope_form_choices(form: forms.BaseForm, user: Actor) -> None:
    """Limit every foreign-key choice to rows the user can see. Whether the record may be written
    where it points (e.g. a seat in that Centre) is decided by scoping.check_can_write in the
    service: an administrative lead may add staff to a Centre it cannot edit itself."""
    for form_field in form.fields.values():
        if isinstance(form_field, forms.ModelChoiceField):
            qs = form_field.queryset
            assert qs is not None
            # A choice shows the row's name: its JSON payloads (a comune's GeoJSON boundary, read
            # 1,501 times for a place field) stay in the database.
            heavy = [f.name for f in qs.model._meta.concrete_fields if isinstance(f, models.JSONField)]
            scoped = scoping.scoped(user, qs, scoping.VIEW)
            form_field.queryset = scoped.defer(*heavy) if heavy else scoped


class ScopedModelForm(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1)

    def __init__(self, *args: Any, user: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope_form_choices(self, user)
        if not isinstance(self.instance, VersionedModel) or self.instance.pk is None:
            del self.fields["version"]
        elif not self.is_bound:
            self.initial["version"] = self.instance.version
        style_fields(self)

    def clean(self) -> dict[str, Any]:
        """An edit that does not say which version it started from (or a garbled one) is refused,
        never saved as if nothing had changed meanwhile. The field is hidden, so the message goes
        to the whole form."""
        cleaned: dict[str, Any] = super().clean() or {}
        errors: Any = self._errors  # type: ignore[attr-defined]
        if "version" in self.fields and (errors.pop("version", None) or cleaned.get("version") is None):
            cleaned.pop("version", None)
            raise forms.ValidationError(
                _("Manca la versione del record: ricarica la pagina e ripeti la modifica."), code="version"
            )
        return cleaned


Column = tuple["str | StrPromise", Callable[[Any], Any]]


@dataclass
class Crud:
    """Declaration of a registry model's back-office pages (see network/backoffice.py)."""

    model: type[models.Model]
    form_class: type[ScopedModelForm]
    namespace: str
    columns: Sequence[Column]
    search_fields: Sequence[str] = ()
    filters: Sequence[str] = ()
    select_related: Sequence[str] = ()
    prefetch_related: Sequence[str] = ()
    detail_template: str = "crud/detail.html"
    detail_context: Callable[[HttpRequest, Any], dict[str, Any]] | None = None
    initial_from_query: Sequence[str] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    # The create page's title, agreeing in gender with the model ("Nuova sede", "Nuovo Centro").
    new_title: "str | StrPromise | None" = None

    def create_title(self) -> str:
        if self.new_title:
            return str(self.new_title)
        return _("Aggiungi: %(name)s") % {"name": self.model._meta.verbose_name}

    @property
    def name(self) -> str:
        return self.model._meta.model_name  # type: ignore[return-value]

    def url(self, action: str, *args: Any) -> str:
        return reverse(f"{self.namespace}:{self.name}_{action}", args=args)

    def base_queryset(self) -> "models.QuerySet[Any]":
        qs = self.model._default_manager.all()
        if not qs.ordered:  # pages must be stable
            qs = qs.order_by("pk")
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs

    def filter_fields(self, user: Actor) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """(name, label, options) for the list filters, options limited to the user's scope."""
        result = []
        for name in self.filters:
            model_field: Any = self.model._meta.get_field(name)
            if model_field.choices:
                options = [(str(k), str(v)) for k, v in model_field.choices if k != ""]
            elif isinstance(model_field, models.BooleanField):
                options = [("1", _("Sì")), ("0", _("No"))]
            elif model_field.is_relation:
                related = model_field.related_model._default_manager.all()
                options = [(str(o.pk), str(o)) for o in scoping.scoped(user, related)]
            else:  # a plain column (e.g. the comuni's province): the values present in scope
                present = scoping.scoped(user, self.model._default_manager.all()).values_list(name, flat=True)
                options = [(str(v), str(v)) for v in present.order_by(name).distinct() if v not in (None, "")]
            result.append((name, str(model_field.verbose_name), options))
        return result

    def apply_filters(self, qs: "models.QuerySet[Any]", params: Any) -> "models.QuerySet[Any]":
        term = params.get("q", "").strip()
        if term and self.search_fields:
            condition = Q()
            for lookup in self.search_fields:
                condition |= Q(**{f"{lookup}__icontains": term})
            qs = qs.filter(condition)
        for name in self.filters:
            value = params.get(name, "")
            if value == "":
                continue
            model_field = self.model._meta.get_field(name)
            if isinstance(model_field, models.BooleanField):
                qs = qs.filter(**{name: value == "1"})
            elif model_field.is_relation:
                qs = qs.filter(**{f"{name}_id": value}) if value.isdigit() else qs.none()
            else:
                qs = qs.filter(**{name: value})
        return qs

    # Views -----------------------------------------------------------------------------------

    def list_view(self, request: HttpRequest) -> HttpResponse:
        qs = self.apply_filters(scoping.scoped(request.user, self.base_queryset()), request.GET)
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "crud": self,
            "page": page,
            "rows": [(obj, [format_value(getter(obj)) for _label, getter in self.columns]) for obj in page.object_list],
            "headers": [label for label, _getter in self.columns],
            "filters": self.filter_fields(request.user),
            "params": request.GET,
            "querystring": query.urlencode(),
            "can_create": scoping.may_write(request.user, self.model, scoping.CREATE),
            "verbose_name_plural": self.model._meta.verbose_name_plural,
            "verbose_name": self.model._meta.verbose_name,
        }
        template = "crud/_table.html" if getattr(request, "htmx", False) else "crud/list.html"
        return render(request, template, context)

    def detail_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = scoping.get_for_user(request.user, self.base_queryset(), pk)
        fields = detail_rows(obj)
        context: dict[str, Any] = {
            "crud": self,
            "object": obj,
            "fields": fields,
            "can_change": scoping.scoped(
                request.user, self.model._default_manager.filter(pk=obj.pk), scoping.CHANGE
            ).exists(),
            "verbose_name": self.model._meta.verbose_name,
        }
        if self.detail_context:
            context.update(self.detail_context(request, obj))
        return render(request, self.detail_template, context)

    def _m2m(self, form: forms.BaseForm) -> dict[str, Any]:
        return {f.name: form.cleaned_data[f.name] for f in self.model._meta.many_to_many if f.name in form.cleaned_data}

    def create_view(self, request: HttpRequest) -> HttpResponse:
        if not scoping.may_write(request.user, self.model, scoping.CREATE):
            raise PermissionDenied
        initial = {k: request.GET[k] for k in self.initial_from_query if k in request.GET}
        form = self.form_class(_posted(request), request.FILES or None, user=request.user, initial=initial)
        if request.method == "POST" and form.is_valid():
            instance = form.save(commit=False)
            try:
                record_create(actor=request.user, instance=instance, m2m=self._m2m(form))
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("Salvataggio completato: %(name)s.") % {"name": str(instance)})
                return redirect(self.url("detail", instance.pk))
        return render(
            request,
            "crud/form.html",
            {
                "crud": self,
                "form": form,
                "creating": True,
                "title": self.create_title(),
                "verbose_name": self.model._meta.verbose_name,
            },
        )

    def edit_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = scoping.get_for_user(request.user, self.base_queryset(), pk, scoping.CHANGE)
        # The form validates a copy: record_update needs the stored values to compute the change.
        form = self.form_class(_posted(request), request.FILES or None, user=request.user, instance=copy.copy(obj))
        if request.method == "POST" and form.is_valid():
            data = {
                name: form.cleaned_data[name]
                for name in form.cleaned_data
                if name != "version" and name not in {f.name for f in self.model._meta.many_to_many}
            }
            try:
                record_update(
                    actor=request.user,
                    instance=obj,
                    data=data,
                    expected_version=form.cleaned_data.get("version"),
                    m2m=self._m2m(form),
                )
            except ConflictError as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("Modifiche salvate."))
                return redirect(self.url("detail", obj.pk))
        return render(
            request,
            "crud/form.html",
            {"crud": self, "form": form, "object": obj, "verbose_name": self.model._meta.verbose_name},
        )

    def delete_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = scoping.get_for_user(request.user, self.base_queryset(), pk, scoping.CHANGE)
        error = None
        if request.method == "POST":
            try:
                record_delete(actor=request.user, instance=obj)
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                messages.success(request, _("Elemento eliminato."))
                return redirect(self.url("list"))
        return render(request, "crud/confirm_delete.html", {"crud": self, "object": obj, "error": error})

    def urls(self, prefix: str) -> list[URLPattern]:
        guard = login_required
        return [
            path(f"{prefix}/", guard(self.list_view), name=f"{self.name}_list"),
            path(f"{prefix}/nuovo/", guard(self.create_view), name=f"{self.name}_create"),
            path(f"{prefix}/<int:pk>/", guard(self.detail_view), name=f"{self.name}_detail"),
            path(f"{prefix}/<int:pk>/modifica/", guard(self.edit_view), name=f"{self.name}_edit"),
            path(f"{prefix}/<int:pk>/elimina/", guard(self.delete_view), name=f"{self.name}_delete"),
        ]


def _posted(request: HttpRequest) -> Any:
    """The submitted data of a POST, even when empty (an empty form is validated, not re-shown)."""
    return request.POST if request.method == "POST" else None
