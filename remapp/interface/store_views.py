"""The store node admin page: configuration, listening or not, counts and last errors (admin group only)."""

from django.db.models import Count, Min
from django.shortcuts import render
from django.views.decorators.http import require_GET

from remapp.models import StoreNode, StoreNodeError
from remapp.netdicom import accepted_sop_classes, next_start
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
    planned = next_start()
    context = {
        "summaries": [_node_summary(node) for node in nodes],
        "defaults": {
            "ae_title": planned.ae_title,
            "port": planned.port if planned.port is not None else f"invalid: {planned.port_problem}",
            "bind_address": planned.bind_address,
            "allowed": ", ".join(planned.allowed_calling_aets) or "any",
        },
        "sop_classes": accepted_sop_classes(),
    }
    return render(request, "remapp/store_node.html", context)
