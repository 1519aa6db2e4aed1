"""Web views: read-only over the models, every one behind login and a group right."""

from django.shortcuts import render

from remapp.models import GeneralStudy
from remapp.permissions import require_right


@require_right("view")
def home(request):
    return render(request, "remapp/home.html", {"total_studies": GeneralStudy.objects.count()})
