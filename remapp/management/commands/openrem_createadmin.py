"""Create (or update) an OpenREM administrator without prompts: for install scripts and containers."""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import CommandError

from remapp.management.base import DataCommand
from remapp.permissions import GROUPS


class Command(DataCommand):
    help = (
        "Create a superuser in every OpenREM group. The password comes from --password or the "
        "OPENREM_ADMIN_PASSWORD environment variable; an existing user keeps its password unless --reset."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("OPENREM_ADMIN_USER", "admin"))
        parser.add_argument("--email", default=os.environ.get("OPENREM_ADMIN_EMAIL", ""))
        parser.add_argument("--password", default=os.environ.get("OPENREM_ADMIN_PASSWORD"))
        parser.add_argument("--reset", action="store_true", help="set the password of an existing user")

    def handle(self, *args, username, email, password, reset, **options):
        if not username:
            raise CommandError("--username must not be empty")
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        created = user is None
        if created or reset:
            if not password:
                raise CommandError("Give the password with --password or OPENREM_ADMIN_PASSWORD")
        if created:
            user = user_model.objects.create_superuser(username=username, email=email, password=password)
        else:
            user.is_staff = user.is_superuser = True
            if reset:
                user.set_password(password)
            user.save()
        missing = set(GROUPS) - set(Group.objects.filter(name__in=GROUPS).values_list("name", flat=True))
        if missing:
            raise CommandError(f"Groups {sorted(missing)} are missing: run 'manage.py migrate' first")
        user.groups.add(*Group.objects.filter(name__in=GROUPS))
        self.stdout.write(f"{'Created' if created else 'Updated'} administrator '{username}'")
