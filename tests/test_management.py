"""Groups from the data migration and the non-interactive admin command."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_the_three_groups_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {"viewgroup", "exportgroup", "admingroup"}


def test_createadmin_makes_a_superuser_in_every_group():
    call_command("openrem_createadmin", "--username", "boss", "--password", "s3cret-pass")
    user = User.objects.get(username="boss")
    assert user.is_superuser and user.is_staff
    assert user.check_password("s3cret-pass")
    assert set(user.groups.values_list("name", flat=True)) == {"viewgroup", "exportgroup", "admingroup"}


def test_createadmin_keeps_an_existing_password_unless_reset():
    call_command("openrem_createadmin", "--username", "boss", "--password", "first-pass")
    call_command("openrem_createadmin", "--username", "boss", "--password", "second-pass")
    assert User.objects.get(username="boss").check_password("first-pass")
    call_command("openrem_createadmin", "--username", "boss", "--password", "second-pass", "--reset")
    assert User.objects.get(username="boss").check_password("second-pass")


def test_createadmin_needs_a_password_for_a_new_user(monkeypatch):
    monkeypatch.delenv("OPENREM_ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="password"):
        call_command("openrem_createadmin", "--username", "nopass", "--password", "")


def test_committed_migrations_match_the_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_collectstatic_works_with_the_production_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    assert (tmp_path / "staticfiles.json").is_file()
    assert list(tmp_path.glob("remapp/vendor/bootstrap/bootstrap.min.*.css"))
