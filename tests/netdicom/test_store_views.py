"""The store node admin page: admin group only; configuration, listening state, counts and last errors."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from remapp.models import ReceivedObject, StoreNode, StoreNodeError

pytestmark = pytest.mark.django_db
URL = "/openrem/admin/storenode/"


def _node(**fields) -> StoreNode:
    now = timezone.now()
    values = {
        "ae_title": "OPENREM",
        "port": 11112,
        "bind_address": "0.0.0.0",
        "allowed_calling_aets": "CT1,MG1",
        "holding_folder": "/srv/openrem/media/dicom_holding",
        "started_at": now - timedelta(hours=1),
        "heartbeat_at": now,
        "received_count": 1234,
        "imported_count": 1200,
        "duplicate_count": 20,
        "rejected_count": 11,
        "store_failed_count": 2,
        "refused_association_count": 5,
    }
    values.update(fields)
    return StoreNode.objects.create(**values)


def test_the_url_is_under_admin_storenode():
    assert reverse("store_node_status") == URL


def test_it_sends_anonymous_users_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith("/openrem/login/")


@pytest.mark.parametrize("user_fixture", ["view_user", "export_user", "no_group_user"])
def test_it_refuses_users_without_the_admin_right(client, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get(URL).status_code == 403


def test_it_shows_a_listening_node_with_its_counts_and_errors(client, admin_group_user):
    node = _node()
    ReceivedObject.objects.create(
        node=node, holding_file="1.2.3_a.dcm", sop_instance_uid="1.2.3", sop_class_uid="1.2", received_at=timezone.now()
    )
    StoreNodeError.objects.create(
        node=node, kind="association", calling_ae_title="INTRUDER", message="association from 'INTRUDER' refused"
    )
    client.force_login(admin_group_user)
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<span class="badge bg-success" id="node-{node.pk}-state">Listening</span>' in page
    for count, shown in [
        ("received", "1,234"),
        ("imported", "1,200"),
        ("duplicate", "20"),
        ("rejected", "11"),
        ("store-failed", "2"),
        ("refused", "5"),
    ]:
        assert f'<td data-count="{count}">{shown}</td>' in page
    assert '<td data-count="waiting">1 (oldest received' in page
    assert "CT1,MG1" in page and "/srv/openrem/media/dicom_holding" in page
    assert "<td>Association refused</td><td>INTRUDER</td><td>association from &#x27;INTRUDER&#x27; refused</td>" in page
    assert "X-Ray Radiation Dose SR Storage <code>1.2.840.10008.5.1.4.1.1.88.67</code>" in page


def test_a_node_whose_heartbeat_stopped_is_not_listening(client, admin_group_user):
    node = _node(heartbeat_at=timezone.now() - timedelta(minutes=5))
    stopped = _node(port=11113, stopped_at=timezone.now())
    client.force_login(admin_group_user)
    page = client.get(URL).content.decode()
    for shown in (node, stopped):
        assert f'<span class="badge bg-secondary" id="node-{shown.pk}-state">Not listening</span>' in page


def test_before_the_first_start_it_says_how_to_start_and_what_it_would_use(client, admin_group_user, monkeypatch):
    monkeypatch.setenv("OPENREM_STORE_AET", "DOSE_NODE")
    monkeypatch.setenv("OPENREM_STORE_PORT", "104")
    client.force_login(admin_group_user)
    page = client.get(URL).content.decode()
    assert 'id="no-node"' in page and "python manage.py openrem_storescp" in page
    assert "AE title <strong>DOSE_NODE</strong>, address 0.0.0.0, port 104" in page


def test_it_changes_nothing_on_post(client, admin_group_user):
    client.force_login(admin_group_user)
    assert client.post(URL).status_code == 405


def test_the_nav_links_to_it_for_the_admin_group_only(client, admin_group_user, view_user):
    client.force_login(view_user)
    assert URL not in client.get("/openrem/").content.decode()
    client.force_login(admin_group_user)
    assert f'href="{URL}">Store node</a>' in client.get("/openrem/").content.decode()
