"""The store node admin page: configuration, listening or not, counts and last errors (admin group only)."""

from django.db.models import Count, Min
from django.shortcuts import render
from django.views.decorators.http import require_GET

from remapp.models import StoreNode, StoreNodeError
from remapp.netdicom import config
from remapp.netdicom.contexts import ACCEPTED_SOP_CLASSES
from remapp.permissions import require_right

LATEST_ERRORS_SHOWN = 20


def _node_summary(node: StoreNode) -> dict:
    waiting = node.awaiting_import.aggregate(count=Count("pk"), oldest=Min("received_at"))
    return {
        "node": node,
        "waiting_count": waiting["count"],
        "oldest_waiting": waiting["oldest"],
        "errors": list(StoreNodeError.objects.filter(node=node)[:LATEST_ERRORS_SHOWN]),
    }


@require_right("admin")
@require_GET
def store_node_status(request):
    """Every store node that has run here, newest start first, with what the next start would use."""
    nodes = StoreNode.objects.order_by("-started_at")
    try:
        default_port = config.default_port()
    except ValueError as exc:
        default_port = f"invalid: {exc}"
    context = {
        "summaries": [_node_summary(node) for node in nodes],
        "defaults": {
            "ae_title": config.default_ae_title(),
            "port": default_port,
            "bind_address": config.default_bind_address(),
            "allowed": ", ".join(config.default_allowed_calling_aets()) or "any",
        },
        "sop_classes": sorted(ACCEPTED_SOP_CLASSES.items(), key=lambda item: item[1]),
    }
    return render(request, "remapp/store_node.html", context)
