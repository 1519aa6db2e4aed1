"""Every URL in the URL configuration, walked for every kind of user: each gets exactly its rights.

Views declare their right with ``remapp.permissions.require_right`` (which marks them with ``openrem_right``);
a view with no declared right fails this test unless it is one of the few public pages.
"""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from remapp.models import Export, GeneralStudy, PatientSizeImport, UniqueEquipment
from tests.factories import add_ct_event, make_station, make_study

pytestmark = pytest.mark.django_db

# One id shared by one row of every model a URL can name, so any <int:...> in any pattern is a real row.
REAL_ID = 4242
PUBLIC_NAMES = {"login", "logout", None}  # None: the unnamed / -> /openrem/ redirect
CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
ALLOWED = {
    "anonymous": set(),
    "nogroup": set(),
    "viewer": {"view"},
    "exporter": {"view", "export"},
    "physicist": {"view", "export", "admin"},
    "superuser": {"view", "export", "admin"},
}


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route, entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            yield route, entry, namespace


def _fill(route: str) -> str:
    def value(match):
        return "ct" if match["converter"] == "modality" else str(REAL_ID)

    return "/" + CONVERTER.sub(value, route)


def interface_urls():
    """(url, name, right) for every non-admin-site pattern; right is None for public pages."""
    urls = []
    for route, pattern, namespace in _walk(get_resolver().url_patterns):
        if namespace == "admin":
            continue
        right = getattr(pattern.callback, "openrem_right", None)
        urls.append((_fill(route), pattern.name, right))
    return urls


@pytest.fixture
def real_rows(db):
    station = make_station("Walker CT", pk=REAL_ID)
    study = make_study("CT", station=station, pk=REAL_ID)
    add_ct_event(study)
    Export.objects.create(pk=REAL_ID, modality="CT", export_format="csv")
    PatientSizeImport.objects.create(pk=REAL_ID)
    return study


@pytest.fixture
def clients(real_rows, view_user, export_user, admin_group_user, no_group_user):
    superuser = User.objects.create_superuser("root", password="pass-word-1")
    by_kind = {"anonymous": Client(raise_request_exception=False)}
    for kind, user in {
        "nogroup": no_group_user,
        "viewer": view_user,
        "exporter": export_user,
        "physicist": admin_group_user,
        "superuser": superuser,
    }.items():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        by_kind[kind] = client
    return by_kind


def _row_counts():
    return tuple(model.objects.count() for model in (GeneralStudy, Export, PatientSizeImport, UniqueEquipment))


def test_the_walk_finds_the_interface_pages():
    names = {name for _, name, _ in interface_urls()}
    assert {"home", "study_list", "study_detail", "study_delete", "equipment_names", "login", "logout"} <= names


def test_every_interface_view_declares_a_right_unless_it_is_public():
    undeclared = [(url, name) for url, name, right in interface_urls() if right is None and name not in PUBLIC_NAMES]
    assert undeclared == []


@pytest.mark.parametrize("kind", list(ALLOWED))
def test_each_kind_of_user_gets_exactly_its_rights_on_every_url(clients, kind):
    client = clients[kind]
    before = _row_counts()
    wrong = []
    for url, name, right in interface_urls():
        if right is None:
            continue
        response = client.get(url)
        if response.status_code == 405 and right not in ALLOWED[kind]:
            # A POST-only action: the refusal must come on the POST (which must then change nothing).
            response = client.post(url)
        if kind == "anonymous":
            ok = response.status_code == 302 and response.url.startswith("/openrem/login/?next=")
        elif right in ALLOWED[kind]:
            ok = response.status_code not in (302, 403, 500) or (
                response.status_code == 302 and "/login/" not in response.url
            )
        else:
            ok = response.status_code == 403
        if not ok:
            wrong.append((url, name, right, response.status_code))
    assert wrong == []
    assert _row_counts() == before, "a GET, or a refused POST, changed stored rows"


@pytest.mark.parametrize("kind", ["anonymous", "nogroup", "viewer", "exporter", "physicist"])
def test_only_superusers_reach_the_django_admin(clients, kind):
    response = clients[kind].get("/admin/auth/user/")
    assert response.status_code == 302 and response.url.startswith("/admin/login/")


def test_a_superuser_manages_users_in_the_django_admin(clients):
    assert clients["superuser"].get("/admin/auth/user/").status_code == 200


def test_root_redirects_to_the_interface(client):
    response = client.get("/")
    assert response.status_code == 302 and response.url == "/openrem/"


def test_every_post_without_a_csrf_token_is_refused(real_rows):
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.create_superuser("root", password="pass-word-1"))
    before = _row_counts()
    accepted = []
    for url, name, _ in interface_urls():
        response = client.post(url, {})
        if response.status_code != 403 or b"CSRF" not in response.content:
            accepted.append((url, name, response.status_code))
    assert accepted == []
    assert _row_counts() == before


def test_a_study_is_deleted_by_a_post_with_its_csrf_token_and_not_by_a_get(real_rows, admin_group_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_group_user)
    url = f"/openrem/ct/{REAL_ID}/delete/"
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert GeneralStudy.objects.filter(pk=REAL_ID).exists()
    token = client.cookies["csrftoken"].value
    response = client.post(url, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert not GeneralStudy.objects.filter(pk=REAL_ID).exists()


def test_a_viewer_cannot_delete_even_with_a_valid_token(real_rows, view_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(view_user)
    client.get("/openrem/")
    response = client.post(f"/openrem/ct/{REAL_ID}/delete/", {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    assert response.status_code == 403
    assert GeneralStudy.objects.filter(pk=REAL_ID).exists()


def test_an_exporter_cannot_edit_display_names(real_rows, export_user):
    client = Client()
    client.force_login(export_user)
    data = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": str(REAL_ID), "form-0-display_name": "X"}
    assert client.post("/openrem/equipment/names/", data).status_code == 403
    assert UniqueEquipment.objects.get(pk=REAL_ID).display_name == "Walker CT"
