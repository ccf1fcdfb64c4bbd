"""Every generic form (core.crud create page, for every mounted model) goes through the one field
renderer (templates/forms/): required fields carry a visible "*" explained at the top, `required`
and aria-required; an invalid submission shows an error summary (focusable, each error linking to
its field) and each invalid field has aria-invalid and aria-describedby pointing at its message."""

from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.core.test_generic_pages import CRUDS, _creator, build_world
from tests.personas import Personas

NOTE = "I campi con * sono obbligatori."


class Fields(HTMLParser):
    """Controls by id with their attributes, labels by target with their text, the summary's links."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: dict[str, dict[str, str | None]] = {}
        self.labels: dict[str, str] = {}
        self.ids: set[str] = set()
        self.summary_links: list[str] = []
        self.summary: dict[str, str | None] | None = None
        self._label: str | None = None
        self._in_summary = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag in {"input", "select", "textarea"} and a.get("id") and a.get("type") != "hidden":
            self.controls[str(a["id"])] = a
        if tag == "label" and a.get("for"):
            self._label = str(a["for"])
            self.labels[self._label] = ""
        if "data-error-summary" in a:
            self.summary = a
            self._in_summary = 1
        elif self._in_summary and tag == "div":
            self._in_summary += 1
        if self._in_summary and tag == "a":
            self.summary_links.append(str(a.get("href")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._label = None
        if self._in_summary and tag == "div":
            self._in_summary -= 1

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            self.labels[self._label] += data


def _parse(html: str) -> Fields:
    parsed = Fields()
    parsed.feed(html)
    return parsed


CREATABLE = sorted(key for key, (_crud, actions) in CRUDS.items() if "create" in actions)


def test_every_generic_create_form_is_checked() -> None:
    assert len(CREATABLE) >= 25


@pytest.mark.parametrize("key", CREATABLE, ids=lambda k: f"{k[0]}.{k[1]}")
def test_generic_form_marks_required_fields_and_links_errors(personas: Personas, key: tuple[str, str]) -> None:
    build_world(personas)
    crud, _actions = CRUDS[key]
    user = _creator(personas, crud.model)
    if user is None:
        pytest.skip(f"no persona may create a {crud.name}")
    client = Client()
    client.force_login(user)
    form = crud.form_class(user=user)
    required = [bf for bf in form.visible_fields() if bf.field.required]
    page = _parse(client.get(crud.url("create")).content.decode())
    for bf in required:
        if bf.widget_type in {"checkboxselectmultiple", "radioselect"}:
            continue  # a group: marked on its legend
        control = page.controls[bf.id_for_label]
        assert control.get("aria-required") == "true", (crud.name, bf.name)
        # HTML's `required` wherever HTML allows it (not on a select without an empty choice)
        assert ("required" in control) == bf.field.widget.use_required_attribute(bf.initial), (crud.name, bf.name)
        assert "*" in page.labels[bf.id_for_label], (crud.name, bf.name)
    if required:
        assert NOTE in client.get(crud.url("create")).content.decode()

    html = client.post(crud.url("create"), {}).content.decode()
    posted = _parse(html)
    assert posted.summary is not None and posted.summary.get("tabindex") == "-1", crud.name
    invalid = [bf for bf in crud.form_class({}, user=user).visible_fields() if bf.errors]
    for bf in invalid:
        target = f"{bf.auto_id}_0" if bf.widget_type in {"checkboxselectmultiple", "radioselect"} else bf.id_for_label
        assert f"#{target}" in posted.summary_links, (crud.name, bf.name)
        assert target in posted.ids
        if target in posted.controls and bf.widget_type not in {"checkboxselectmultiple", "radioselect"}:
            control = posted.controls[target]
            assert control.get("aria-invalid") == "true", (crud.name, bf.name)
            assert f"{bf.auto_id}_error" in str(control.get("aria-describedby")).split(), (crud.name, bf.name)
            assert f"{bf.auto_id}_error" in posted.ids
