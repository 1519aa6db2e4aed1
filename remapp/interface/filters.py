"""Study filters, one FilterSet per modality: used by the list pages and replayed by exports.

Filter once, use twice: an export calls ``filtered_studies(modality, saved_query_string)`` and so gets exactly
the studies the list page showed for that query string. Parameter names are part of bookmarked URLs; keep them.
"""

from collections.abc import Mapping

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict

from remapp.dose_checks import ALERT, NOTIFICATION, study_has_raised
from remapp.models import CtIrradiationEvent, GeneralStudy, IrradiationEventXRayData, Modality, UniqueEquipment
from remapp.quantities import quantity

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEST_PATIENT_CHOICES = (("exclude", "Exclude test patients"), ("only", "Only test patients"))
DOSE_CHECK_CHOICES = (("yes", "Alert or notification"), ("no", "Neither"))
DAP = quantity("dap")
# Newest first, then the primary key so pages never overlap when several studies share a time.
DEFAULT_ORDERING = ("-study_datetime", "-pk")
# Source filters: parameter -> condition on UniqueEquipment.
SOURCE_FIELDS = {
    "institution": lambda value: Q(institution_name__icontains=value),
    "manufacturer": lambda value: Q(manufacturer__icontains=value),
    "model": lambda value: Q(manufacturer_model_name__icontains=value),
    "station": lambda value: Q(display_name__icontains=value) | Q(station_name__icontains=value),
}
COMMON_ORDERINGS = {
    "-study_datetime": ("Newest first", ("-study_datetime", "-pk")),
    "study_datetime": ("Oldest first", ("study_datetime", "pk")),
}


def _contains(field_name: str, label: str) -> django_filters.CharFilter:
    return django_filters.CharFilter(field_name=field_name, lookup_expr="icontains", label=label)


def _number(field_name: str, lookup: str, label: str) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(field_name=field_name, lookup_expr=lookup, label=label)


def _dose_range(field_name: str, lookup: str, name: str, label: str) -> django_filters.NumberFilter:
    """A bound on a dose stored and typed in the same unit, labelled with that unit."""
    if quantity(name).converts:
        raise ValueError(f"{name} is typed in another unit than it is stored in: convert the bound")
    return _number(field_name, lookup, quantity(name).heading(label))


class StudyFilterBase(django_filters.FilterSet):
    """Filters every modality shares; subclasses set ``modality`` and add their dose ranges."""

    modality: str = ""
    event_model = IrradiationEventXRayData
    orderings: dict = {}

    institution = django_filters.CharFilter(method="filter_source_field", label="Institution")
    manufacturer = django_filters.CharFilter(method="filter_source_field", label="Manufacturer")
    model = django_filters.CharFilter(method="filter_source_field", label="Model")
    station = django_filters.CharFilter(method="filter_source_field", label="Station or display name")
    study_description = _contains("study_description", "Study description")
    requested_procedure = _contains("requested_procedure", "Requested procedure")
    acquisition_protocol = django_filters.CharFilter(method="filter_acquisition_protocol", label="Acquisition protocol")
    accession_number = _contains("accession_number", "Accession number")
    date_from = django_filters.DateFilter(
        field_name="study_date", lookup_expr="gte", label="Date from", widget=DATE_INPUT
    )
    date_to = django_filters.DateFilter(field_name="study_date", lookup_expr="lte", label="Date to", widget=DATE_INPUT)
    age_from = _number("patient_study__patient_age_years", "gte", "Age from (years)")
    age_to = _number("patient_study__patient_age_years", "lte", "Age to (years)")
    test_patients = django_filters.ChoiceFilter(
        method="filter_test_patients",
        choices=TEST_PATIENT_CHOICES,
        empty_label="Include test patients",
        label="Test patients",
    )
    # The home page links a source by its id; the list shows that choice with a link to clear it.
    source = django_filters.NumberFilter(field_name="station_id", widget=forms.HiddenInput)
    ordering = django_filters.ChoiceFilter(method="filter_ordering", empty_label=None, label="Order by")

    class Meta:
        model = GeneralStudy
        fields: list = []

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = GeneralStudy.objects.filter(modality=self.modality).order_by(*DEFAULT_ORDERING)
        super().__init__(data, queryset=queryset, **kwargs)
        self.filters["ordering"].extra["choices"] = [(key, label) for key, (label, _) in self.all_orderings().items()]

    @classmethod
    def row_annotations(cls) -> dict:
        """Per-row flags the list shows, computed in the page's own query (no query per row)."""
        return {}

    @classmethod
    def all_orderings(cls) -> dict:
        """Ordering key -> (label, order_by fields) for this modality."""
        return {**COMMON_ORDERINGS, **cls.orderings}

    def filter_source_field(self, queryset, name, value):
        # Match on the small equipment table first, so the big study table is read through its
        # (modality, station) index rather than joined row by row.
        stations = UniqueEquipment.objects.filter(SOURCE_FIELDS[name](value)).values("pk")
        return queryset.filter(station__in=stations)

    def filter_acquisition_protocol(self, queryset, name, value):
        # EXISTS, not a join: a study with several matching events must still appear once.
        events = self.event_model.objects.filter(study=OuterRef("pk"), acquisition_protocol__icontains=value)
        return queryset.filter(Exists(events))

    def filter_test_patients(self, queryset, name, value):
        if value == "exclude":
            return queryset.filter(test_patient=False)
        if value == "only":
            return queryset.filter(test_patient=True)
        return queryset

    def filter_ordering(self, queryset, name, value):
        _, fields = self.all_orderings().get(value, (None, DEFAULT_ORDERING))
        return queryset.order_by(*fields)

    def filter_queryset(self, queryset):
        # Default order when the form gives none (or is unbound), so lists and exports agree row for row.
        queryset = queryset.order_by(*DEFAULT_ORDERING)
        return super().filter_queryset(queryset)


class CtStudyFilter(StudyFilterBase):
    """CT studies: DLP total and highest CTDIvol ranges."""

    modality = Modality.CT
    event_model = CtIrradiationEvent
    orderings = {
        "-total_dlp_mgycm": ("Highest DLP first", ("-total_dlp_mgycm", "-pk")),
        "total_dlp_mgycm": ("Lowest DLP first", ("total_dlp_mgycm", "pk")),
    }

    dlp_min = _dose_range("total_dlp_mgycm", "gte", "dlp", "Total DLP from")
    dlp_max = _dose_range("total_dlp_mgycm", "lte", "dlp", "Total DLP to")
    ctdivol_min = _dose_range("max_ctdivol_mgy", "gte", "ctdivol", "CTDIvol from")
    ctdivol_max = _dose_range("max_ctdivol_mgy", "lte", "ctdivol", "CTDIvol to")
    dose_check = django_filters.ChoiceFilter(
        method="filter_dose_check", choices=DOSE_CHECK_CHOICES, empty_label="Any", label="Dose check alert/notification"
    )

    @classmethod
    def row_annotations(cls) -> dict:
        return {"dose_check_alert": study_has_raised(ALERT), "dose_check_notification": study_has_raised(NOTIFICATION)}

    def filter_dose_check(self, queryset, name, value):
        # EXISTS: a study with several raised checks is still listed once.
        if value == "yes":
            return queryset.filter(study_has_raised())
        if value == "no":
            return queryset.filter(~study_has_raised())
        return queryset


class _DapRangeMixin(django_filters.FilterSet):
    """DAP range typed in the display unit and compared with the stored unit."""

    dap_min = django_filters.NumberFilter(method="filter_dap_min", label=DAP.heading("Total DAP from"))
    dap_max = django_filters.NumberFilter(method="filter_dap_max", label=DAP.heading("Total DAP to"))

    def filter_dap_min(self, queryset, name, value):
        return queryset.filter(total_dap_gym2__gte=DAP.to_stored(value))

    def filter_dap_max(self, queryset, name, value):
        return queryset.filter(total_dap_gym2__lte=DAP.to_stored(value))


DAP_ORDERINGS = {
    "-total_dap_gym2": ("Highest DAP first", ("-total_dap_gym2", "-pk")),
    "total_dap_gym2": ("Lowest DAP first", ("total_dap_gym2", "pk")),
}


class RfStudyFilter(_DapRangeMixin, StudyFilterBase):
    """Fluoroscopy studies: total DAP range."""

    modality = Modality.RF
    orderings = DAP_ORDERINGS


class DxStudyFilter(_DapRangeMixin, StudyFilterBase):
    """Radiography studies: total DAP range."""

    modality = Modality.DX
    orderings = DAP_ORDERINGS


class MgStudyFilter(StudyFilterBase):
    """Mammography studies: range of the summed average glandular dose."""

    modality = Modality.MG
    orderings = {
        "-total_agd_mgy": ("Highest AGD first", ("-total_agd_mgy", "-pk")),
        "total_agd_mgy": ("Lowest AGD first", ("total_agd_mgy", "pk")),
    }

    agd_min = _dose_range("total_agd_mgy", "gte", "agd", "AGD from")
    agd_max = _dose_range("total_agd_mgy", "lte", "agd", "AGD to")


FILTERSETS = {
    Modality.CT.value: CtStudyFilter,
    Modality.RF.value: RfStudyFilter,
    Modality.MG.value: MgStudyFilter,
    Modality.DX.value: DxStudyFilter,
}


def filterset_for(modality: str) -> type[StudyFilterBase]:
    """The FilterSet class for a modality code ("CT", "RF", "MG", "DX"; any case); KeyError if unknown."""
    return FILTERSETS[str(modality).upper()]


def filtered_studies(modality: str, query: Mapping | str | None) -> QuerySet:
    """The studies a list page shows for this query (a QueryDict, a dict or a saved query string), in its order.

    Invalid values (e.g. a malformed date) are ignored exactly as the list page ignores them.
    """
    if query is None or isinstance(query, str):
        query = QueryDict(query or "")
    filterset = filterset_for(modality)(query)
    return filterset.qs.select_related("station", "patient_study")
