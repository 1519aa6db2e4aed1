"""Home page: total studies, studies per modality, and per modality the sources that sent them."""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db.models import Count, Exists, Max, OuterRef, Subquery
from django.shortcuts import render

from remapp.models import GeneralStudy, Modality, UniqueEquipment
from remapp.permissions import require_right

# Home page order, as the menus show them.
MODALITY_ORDER = (Modality.CT, Modality.RF, Modality.MG, Modality.DX)
# Study modalities a source may have, including none recorded.
ALL_MODALITIES = (*Modality.values, "")
HOME_CACHE_KEY = "openrem:home:source-groups"
HOME_CACHE_SECONDS = 60


@dataclass
class SourceRow:
    station: UniqueEquipment | None
    study_count: int
    latest_study: datetime | None


@dataclass
class ModalitySummary:
    modality: str
    label: str
    slug: str
    study_count: int
    sources: list[SourceRow]


def source_groups() -> list[dict]:
    """Per (modality, source): number of studies and latest study time, from the study table.

    Counting every study is the slow part on a big database, so the result is cached per process for
    HOME_CACHE_SECONDS, keyed on the newest study id: a new study changes the key and is counted at once;
    a deleted study drops out when its deletion clears the cache (see ``forget_home_summary``) or at expiry.
    """
    newest = GeneralStudy.objects.aggregate(newest=Max("pk"))["newest"]
    key = f"{HOME_CACHE_KEY}:{newest}"
    groups = cache.get(key)
    if groups is None:
        groups = count_source_groups()
        cache.set(key, groups, HOME_CACHE_SECONDS)
    return groups


def _per_pair(studies) -> list[dict]:
    return list(
        studies.order_by()
        .values("modality", "station_id")
        .annotate(study_count=Count("*"), latest_study=Max("study_datetime"))
    )


def count_source_groups() -> list[dict]:
    """Studies and latest study time per (modality, source), exactly, without grouping by modality.

    Grouping a million rows by modality and source costs twice as much as counting them by source alone,
    and nearly every source sends one modality. So: count per source (one pass over the small source
    index), ask each source which modalities it has and their latest time (a few index probes), and group
    by modality only the studies of sources with several modalities, and of studies with no source.
    """
    per_source = dict(GeneralStudy.objects.order_by().values_list("station_id").annotate(n=Count("*")))
    probes = {}
    for modality in ALL_MODALITIES:
        of_modality = GeneralStudy.objects.filter(station=OuterRef("pk"), modality=modality)
        newest = of_modality.filter(study_datetime__isnull=False).order_by("-study_datetime")
        probes[f"has_{modality}"] = Exists(of_modality)
        probes[f"latest_{modality}"] = Subquery(newest.values("study_datetime")[:1])
    groups, mixed = [], []
    for source in UniqueEquipment.objects.filter(pk__in=per_source.keys() - {None}).annotate(**probes):
        present = [modality for modality in ALL_MODALITIES if getattr(source, f"has_{modality}")]
        if len(present) == 1:
            latest = getattr(source, f"latest_{present[0]}")
            groups.append(
                {
                    "modality": present[0],
                    "station_id": source.pk,
                    "study_count": per_source[source.pk],
                    "latest_study": latest,
                }
            )
        else:
            mixed.append(source.pk)
    if mixed:
        groups += _per_pair(GeneralStudy.objects.filter(station_id__in=mixed))
    if per_source.get(None):
        groups += _per_pair(GeneralStudy.objects.filter(station__isnull=True))
    return groups


def forget_home_summary() -> None:
    """Drop cached home figures (after a deletion, which does not change the newest study id)."""
    newest = GeneralStudy.objects.aggregate(newest=Max("pk"))["newest"]
    cache.delete(f"{HOME_CACHE_KEY}:{newest}")


def home_summary() -> tuple[int, list[ModalitySummary]]:
    """Total studies and, per modality, its sources with study counts and latest study time."""
    groups = source_groups()
    # Sources are read fresh so an edited display name shows at once.
    stations = UniqueEquipment.objects.in_bulk({group["station_id"] for group in groups if group["station_id"]})
    total = sum(group["study_count"] for group in groups)
    summaries = []
    for modality in MODALITY_ORDER:
        rows = [
            SourceRow(stations.get(group["station_id"]), group["study_count"], group["latest_study"])
            for group in groups
            if group["modality"] == modality
        ]
        rows.sort(key=lambda row: (row.station.display_name.lower() if row.station else "", -row.study_count))
        summaries.append(
            ModalitySummary(
                modality=modality.value,
                label=modality.label,
                slug=modality.value.lower(),
                study_count=sum(row.study_count for row in rows),
                sources=rows,
            )
        )
    return total, summaries


@require_right("view")
def home(request):
    """The home summary."""
    total, summaries = home_summary()
    return render(request, "remapp/home.html", {"total_studies": total, "summaries": summaries})
