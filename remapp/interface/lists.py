"""Study list pages, one per modality: the modality's FilterSet, the number of matches and one page of rows.

Each page costs the same few queries whatever its size: the summary fields on the study row and
select_related station and patient study mean no per-row queries.
"""

from django.core.paginator import Paginator
from django.shortcuts import render

from remapp.interface.filters import filterset_for
from remapp.models import Modality, UniqueEquipment
from remapp.permissions import require_right

PAGE_SIZES = (10, 25, 50, 100, 200)
DEFAULT_PAGE_SIZE = 25


def page_size_from(request) -> int:
    """The page size the request asks for, if it is one of the offered sizes."""
    try:
        size = int(request.GET.get("per_page", DEFAULT_PAGE_SIZE))
    except ValueError:
        return DEFAULT_PAGE_SIZE
    return size if size in PAGE_SIZES else DEFAULT_PAGE_SIZE


@require_right("view")
def study_list(request, modality: str):
    """Filtered, paginated studies of one modality."""
    code = modality.upper()
    filterset = filterset_for(code)(request.GET)
    studies = filterset.qs.select_related("station", "patient_study")
    per_page = page_size_from(request)
    page = Paginator(studies, per_page).get_page(request.GET.get("page"))
    source = None
    if filterset.form.is_valid() and filterset.form.cleaned_data.get("source"):
        source = UniqueEquipment.objects.filter(pk=filterset.form.cleaned_data["source"]).first()
    context = {
        "modality": code,
        "modality_label": Modality(code).label,
        "slug": modality,
        "filter": filterset,
        "page_obj": page,
        "studies": page.object_list,
        "per_page": per_page,
        "page_sizes": PAGE_SIZES,
        "source": source,
    }
    return render(request, f"remapp/list_{modality}.html", context)
