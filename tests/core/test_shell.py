"""The back-office shell: header, menu per role, footer, information pages, home per role."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role, User
from core.navigation import MENUS, SECTIONS, menu_for
from funding.models import Call, Project, ReportingPeriod
from tests import factories as f
from tests.personas import Personas


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("page", ["note-legali", "privacy", "accessibilita", "contatti"])
def test_information_pages_are_public_and_linked_from_the_footer(client: Client, page: str) -> None:
    response = client.get(reverse("info:page", args=[page]))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("info:page", args=["privacy"]) in html  # the footer links every page
    assert "lorem" not in html.lower()


def test_information_pages_say_what_the_installation_must_fill_in(client: Client, settings: object) -> None:
    settings.PLATFORM_SUPPORT_EMAIL = ""  # type: ignore[attr-defined]
    html = client.get(reverse("info:page", args=["contatti"])).content.decode()
    assert "CPF_SUPPORT_EMAIL" in html
    settings.PLATFORM_SUPPORT_EMAIL = "assistenza@example.org"  # type: ignore[attr-defined]
    html = client.get(reverse("info:page", args=["contatti"])).content.decode()
    assert "CPF_SUPPORT_EMAIL" not in html and "mailto:assistenza@example.org" in html


def test_unknown_information_page_is_404(client: Client) -> None:
    assert client.get("/informazioni/segreti/").status_code == 404


@pytest.mark.parametrize(
    ("username", "landing"),
    [
        ("op_a1", "families:home"),
        ("coord_a", "families:centre_review"),
        ("admin_a", "funding:project_list"),
        ("ats_a", "network:dashboard"),
        ("regione", "monitoring:dashboard"),
        ("auditor", "monitoring:dashboard"),
    ],
)
def test_each_role_lands_on_its_own_work(personas: Personas, username: str, landing: str) -> None:
    user = personas.users()[username]
    response = _client(user).get(reverse("accounts:home"))
    assert response.status_code == 302 and response["Location"] == reverse(landing)
    assert _client(user).get(response["Location"]).status_code == 200


def test_every_menu_link_of_every_role_answers_200(personas: Personas) -> None:
    for user in personas.users().values():
        client = _client(user)
        for entry in menu_for(user, "/"):
            for item in entry.children or [entry]:
                response = client.get(item.url, follow=True)
                assert response.status_code == 200, (user.username, item.url)


def test_operator_menu_hides_regional_work(personas: Personas) -> None:
    labels = {e.label for e in menu_for(personas.op_a1, "/")}
    assert {"Famiglie", "Attività"} <= labels
    assert not {"Finanziamenti", "Conciliazione", "Territorio"} & labels
    regional = {e.label for e in menu_for(personas.regione, "/")}
    assert "Famiglie" not in regional  # family records are for those who work with the family


def test_current_section_is_marked_in_the_header(personas: Personas) -> None:
    html = _client(personas.regione).get(reverse("network:seat_list")).content.decode()
    assert 'href="/rete/sedi/" aria-current="page"' in html
    assert html.count('aria-current="page"') >= 1


def test_menus_name_only_declared_sections() -> None:
    for sections in MENUS.values():
        assert set(sections) <= set(SECTIONS)


def test_shell_has_no_inline_script_and_loads_titillium(personas: Personas) -> None:
    html = _client(personas.op_a1).get(reverse("families:home")).content.decode()
    assert "<script>" not in html and "css/fonts.css" in html and "favicon.svg" in html
    assert 'data-bs-toggle="navbarcollapsible"' in html


def _service_and_editor(personas: Personas) -> list[User]:
    service = User.objects.create(username="cav_a", role=Role.RECEIVING_SERVICE, destination=personas.destination_a)
    editor = f.UserFactory(
        username="editor_coop", role=Role.ORG_EDITOR, ente=f.EnteFactory(name="Cooperativa Il Girasole")
    )
    return [service, editor]


def test_receiving_service_and_org_editor_land_on_their_work(personas: Personas) -> None:
    service, editor = _service_and_editor(personas)
    for user, landing in ((service, "families:referrals_received"), (editor, "directory:list")):
        client = _client(user)
        response = client.get(reverse("accounts:home"))
        assert response.status_code == 302 and response["Location"] == reverse(landing)
        assert client.get(response["Location"]).status_code == 200


def test_receiving_service_and_org_editor_menus_are_short_and_all_usable(personas: Personas) -> None:
    service, editor = _service_and_editor(personas)
    assert "Invii ricevuti" in {e.label for e in menu_for(service, "/")}
    for user in (service, editor):
        labels = {e.label for e in menu_for(user, "/")}
        assert not {"Famiglie", "Rete", "Finanziamenti", "Monitoraggio", "Territorio"} & labels, labels
        client = _client(user)
        for entry in menu_for(user, "/"):
            for item in entry.children or [entry]:
                assert client.get(item.url, follow=True).status_code == 200, (user.username, item.url)


def test_links_to_actions_the_role_may_not_take_are_not_shown(personas: Personas) -> None:
    """The area import (Region and ATS only) and "Aggiungi spesa" (Hub staff only) are not offered
    to those who would get a 403."""
    import_url = reverse("territory:area_import")
    assert import_url in _client(personas.regione).get(reverse("territory:home")).content.decode()
    assert import_url not in _client(personas.auditor).get(reverse("territory:home")).content.decode()
    call = Call.objects.create(
        ats=personas.ats_a_obj, title="Avviso", deadline=dt.date(2025, 1, 31), eligible_applicants=["comuni"]
    )
    project = Project.objects.create(
        call=call,
        centre=personas.centre_a,
        title="CpF A 2025",
        total_cost=Decimal("100000.00"),
        contribution_requested=Decimal("70000.00"),
        accepted_on=dt.date(2025, 1, 1),
    )
    period = ReportingPeriod.objects.create(project=project, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    url = reverse("funding:reportingperiod_detail", args=[period.pk])
    assert "Aggiungi spesa" in _client(personas.admin_a).get(url).content.decode()
    response = _client(personas.ats_a).get(url)
    assert response.status_code == 200 and "Aggiungi spesa" not in response.content.decode()
