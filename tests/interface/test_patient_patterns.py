"""The test-patient patterns page: everyone sees the patterns, only the admin group changes them."""

import pytest
from django.urls import reverse

from remapp.models import TestPatientPattern

pytestmark = pytest.mark.django_db


def test_a_viewer_sees_the_patterns_and_can_try_a_name_but_not_change_them(client, view_user):
    client.force_login(view_user)

    page = client.get(reverse("patient_patterns"), {"patient_name": "TEST^PATIENT"})

    html = page.content.decode()
    assert page.status_code == 200
    assert "*PHANTOM*" in html and "Patient name matches TEST PATIENT*" in html
    assert 'id="add-pattern"' not in html
    refused = client.post(reverse("patient_pattern_add"), {"applies_to": "name", "pattern": "X*"})
    assert refused.status_code == 403
    assert not TestPatientPattern.objects.filter(pattern="X*").exists()


def test_an_admin_adds_and_removes_a_pattern(client, admin_group_user):
    client.force_login(admin_group_user)

    added = client.post(
        reverse("patient_pattern_add"), {"applies_to": "name", "pattern": " SERVICE   ENGINEER* "}, follow=True
    )
    row = TestPatientPattern.objects.get(pattern="SERVICE ENGINEER*")
    assert "Added “Patient name matches SERVICE ENGINEER*”" in added.content.decode()

    client.post(reverse("patient_pattern_remove", args=[row.pk]))
    assert not TestPatientPattern.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize(
    "pattern, message",
    [("**", "it must contain at least one letter or digit"), ("*phantom*", "is already there")],
)
def test_a_pattern_that_would_mark_everyone_or_repeats_one_is_refused(client, admin_group_user, pattern, message):
    client.force_login(admin_group_user)
    before = TestPatientPattern.objects.count()

    page = client.post(reverse("patient_pattern_add"), {"applies_to": "name", "pattern": pattern}, follow=True)

    assert message in page.content.decode()
    assert TestPatientPattern.objects.count() == before
