"""Admin-group actions: delete a study (confirmation page, then POST) and edit equipment display names."""

import logging

from django import forms
from django.contrib import messages
from django.db import transaction
from django.forms import modelformset_factory
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from remapp.interface.details import study_for
from remapp.interface.views import forget_home_summary
from remapp.models import UniqueEquipment
from remapp.permissions import require_right

logger = logging.getLogger(__name__)


@require_right("admin")
@require_http_methods(["GET", "POST"])
def study_delete(request, modality: str, pk: int):
    """GET asks for confirmation; only a POST (with its CSRF token) deletes the study and everything under it."""
    study = study_for(modality, pk)
    if request.method == "POST":
        label = f"{study.get_modality_display()} study {study.accession_number or study.study_instance_uid}"
        with transaction.atomic():
            study.delete()
        forget_home_summary()
        logger.info("%s deleted %s (id %s)", request.user.get_username(), label, pk)
        messages.success(request, f"Deleted {label}.")
        return redirect("study_list", modality=modality)
    return render(request, "remapp/study_confirm_delete.html", {"study": study, "slug": modality})


class DisplayNameForm(forms.ModelForm):
    class Meta:
        model = UniqueEquipment
        fields = ("display_name",)
        error_messages = {"display_name": {"required": "Display name: enter a name."}}


DisplayNameFormSet = modelformset_factory(UniqueEquipment, form=DisplayNameForm, extra=0)


@require_right("admin")
@require_http_methods(["GET", "POST"])
def equipment_names(request):
    """Edit the display name of every source."""
    sources = UniqueEquipment.objects.order_by("institution_name", "display_name", "pk")
    formset = DisplayNameFormSet(request.POST or None, queryset=sources)
    if request.method == "POST" and formset.is_valid():
        changed = formset.save()
        messages.success(request, f"Saved {len(changed)} display name{'' if len(changed) == 1 else 's'}.")
        return redirect("equipment_names")
    return render(request, "remapp/equipment_names.html", {"formset": formset})
