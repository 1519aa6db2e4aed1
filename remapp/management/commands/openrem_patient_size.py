"""manage.py openrem_patient_size refresh: set every study's effective height and weight again by the site's rule.

Run it after changing OPENREM_PATIENT_SIZE_PRECEDENCE; imports and RIS uploads keep the values up to date
otherwise.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Max

from remapp.models import PatientStudy, effective_size_update, size_precedence

BATCH = 50_000


class Command(BaseCommand):
    help = "Set every study's effective patient height and weight again (after changing the precedence setting)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["refresh"], help="refresh: recompute every study's height and weight")

    def handle(self, *args, **options):
        precedence = size_precedence()
        last = PatientStudy.objects.aggregate(last=Max("pk"))["last"] or 0
        updated = 0
        for start in range(0, last + 1, BATCH):
            with transaction.atomic():
                rows = PatientStudy.objects.filter(pk__gte=start, pk__lt=start + BATCH)
                updated += rows.update(**effective_size_update(precedence))
        self.stdout.write(f"{updated} studies: effective height and weight set, {precedence.upper()} values first")
