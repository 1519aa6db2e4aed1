"""The test-patient patterns page: everyone with the view right sees them; the admin group adds and removes them."""

import logging

from django import forms
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from remapp.analysis.patient_flags import add_pattern, clear_legacy_marks, legacy_marks, remove_pattern
from remapp.extractors.study.patient_patterns import compile_pattern, matching_pattern
from remapp.models import PatternTarget, TestPatientPattern
from remapp.permissions import require_right, user_rights

logger = logging.getLogger(__name__)


class PatternForm(forms.Form):
    applies_to = forms.ChoiceField(choices=PatternTarget.choices, label="Matches the")
    pattern = forms.CharField(max_length=48, label="Pattern")
    note = forms.CharField(max_length=200, required=False, label="Note")

    def clean_pattern(self):
        pattern = " ".join(self.cleaned_data["pattern"].split())
        if pattern.strip("*?") == "":
            raise forms.ValidationError("Pattern: it must contain at least one letter or digit, or it marks everyone.")
        return pattern

    def clean(self):
        cleaned = super().clean()
        applies_to, pattern = cleaned.get("applies_to"), cleaned.get("pattern")
        if (
            applies_to
            and pattern
            and TestPatientPattern.objects.filter(applies_to=applies_to, pattern__iexact=pattern).exists()
        ):
            raise forms.ValidationError(f"Pattern: {pattern} is already there.")
        return cleaned


class TryForm(forms.Form):
    patient_id = forms.CharField(max_length=64, required=False, label="Patient ID")
    patient_name = forms.CharField(max_length=200, required=False, label="Patient name")


@require_right("view")
def patient_patterns(request):
    """The patterns, a box to try a name or ID against them, and (admins) the forms to change them."""
    trial = TryForm(request.GET or None)
    trial_result = None
    if trial.is_bound and trial.is_valid() and (trial.cleaned_data["patient_id"] or trial.cleaned_data["patient_name"]):
        patterns = [compile_pattern(row) for row in TestPatientPattern.objects.order_by("applies_to", "pk")]
        found = matching_pattern(trial.cleaned_data["patient_id"], trial.cleaned_data["patient_name"], patterns)
        trial_result = found.indicator() if found else "no pattern matches: not a test patient"
    context = {
        "patterns": TestPatientPattern.objects.annotate(marked=Count("studies")).order_by("applies_to", "pattern"),
        "form": PatternForm() if user_rights(request.user).admin else None,
        "trial": trial,
        "trial_result": trial_result,
        "legacy": legacy_marks(),
    }
    return render(request, "remapp/patient_patterns.html", context)


@require_right("admin")
@require_POST
def pattern_add(request):
    form = PatternForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect("patient_patterns")
    data = form.cleaned_data
    row, change = add_pattern(data["applies_to"], data["pattern"], data["note"])
    logger.info("%s added test-patient pattern %s (%s)", request.user.get_username(), row, change.message())
    messages.success(request, f"Added “{row}”. {change.message()}.")
    return redirect("patient_patterns")


@require_right("admin")
@require_POST
def pattern_remove(request, pk: int):
    row = get_object_or_404(TestPatientPattern, pk=pk)
    label = str(row)
    change = remove_pattern(row)
    logger.info("%s removed test-patient pattern %s (%s)", request.user.get_username(), label, change.message())
    messages.success(request, f"Removed “{label}”. {change.message()}.")
    return redirect("patient_patterns")


@require_right("admin")
@require_POST
def legacy_clear(request):
    word = request.POST.get("word", "")
    change = clear_legacy_marks(word)
    logger.info("%s cleared the old word rule's marks for %r (%s)", request.user.get_username(), word, change.message())
    messages.success(request, f"Cleared the marks of the old word rule for “{word}”. {change.message()}.")
    return redirect("patient_patterns")
