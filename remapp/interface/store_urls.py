"""Store node admin page URLs (included under /openrem/admin/storenode/)."""

from django.urls import path

from remapp.interface import store_views

urlpatterns = [
    path("", store_views.store_node_status, name="store_node_status"),
]
