"""Study list pages, one per modality: the modality's FilterSet, the number of matches and one page of rows.

Each page costs the same few queries whatever its size (count, at most one id query, one page of rows): the
summary fields on the study row, select_related station and patient study, and the FilterSet's row
annotations (such as the CT dose check flags, EXISTS in the page's query) mean no per-row queries.
"""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import QueryDict
from django.shortcuts import render

from remapp.interface.filters import filterset_for
from remapp.models import GeneralStudy, Modality, UniqueEquipment
from remapp.permissions import require_right

PAGE_SIZES = (10, 25, 50, 100, 200)
DEFAULT_PAGE_SIZE = 25
# Up to this many matches, the matches are found first and then ordered (see study_page).
FEW_MATCHES = 1000


def page_size_from(request) -> int:
    """The page size the request asks for, if it is one of the offered sizes."""
    try:
        size = int(request.GET.get("per_page", DEFAULT_PAGE_SIZE))
    except ValueError:
        return DEFAULT_PAGE_SIZE
    return size if size in PAGE_SIZES else DEFAULT_PAGE_SIZE


def form_cache_key(modality: str, query: QueryDict) -> str:
    """What the rendered filter form depends on: the modality and the query without the page number.

    Rendering a form's widgets costs more than the page's queries, and the form's HTML is a function of the
    query alone (a GET form: no CSRF token, no data from the database), so the template caches it by this key.
    """
    without_page = query.copy()
    without_page.pop("page", None)
    return f"{modality}?{without_page.urlencode()}"


def study_page(studies: QuerySet, number, per_page: int, annotations: dict | None = None) -> Page:
    """One page of the filtered studies, in the list's order, whatever the number of matches.

    With few matches the database may walk the whole date-ordered index looking for them (it cannot know a
    text filter matches almost nothing), so those few are found first by the filter alone and then ordered.
    ``annotations`` are added to the page's rows only (the count and the id query leave them out).
    """
    annotations = annotations or {}
    page = Paginator(studies.annotate(**annotations), per_page).get_page(number)
    if 0 < page.paginator.count <= FEW_MATCHES:
        matches = list(studies.order_by().values_list("pk", flat=True))
        ordered = GeneralStudy.objects.filter(pk__in=matches).select_related("station", "patient_study")
        ordered = ordered.annotate(**annotations).order_by(*studies.query.order_by)
        page.object_list = ordered[page.start_index() - 1 : page.end_index()]
    return page


@require_right("view")
def study_list(request, modality: str):
    """Filtered, paginated studies of one modality."""
    code = modality.upper()
    filterset = filterset_for(code)(request.GET)
    studies = filterset.qs.select_related("station", "patient_study")
    page = study_page(studies, request.GET.get("page"), page_size_from(request), filterset.row_annotations())
    source = None
    if filterset.form.is_valid() and filterset.form.cleaned_data.get("source"):
        source = UniqueEquipment.objects.filter(pk=filterset.form.cleaned_data["source"]).first()
    context = {
        "form_cache_key": form_cache_key(code, request.GET),
        "modality": code,
        "modality_label": Modality(code).label,
        "slug": modality,
        "filter": filterset,
        "page_obj": page,
        "studies": page.object_list,
        "per_page": page.paginator.per_page,
        "page_sizes": PAGE_SIZES,
        "source": source,
    }
    return render(request, f"remapp/list_{modality}.html", context)
