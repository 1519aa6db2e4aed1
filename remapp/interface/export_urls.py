"""Export URLs, under /openrem/exports/."""

from django.urls import path

from remapp.interface import export_views

urlpatterns = [
    path("", export_views.export_list, name="exports"),
    path("start/", export_views.start_export, name="export_start"),
    path("progress/", export_views.export_progress, name="export_progress"),
    path("delete/", export_views.delete_exports, name="export_delete"),
    path("<int:pk>/abort/", export_views.abort_export, name="export_abort"),
    path("<int:pk>/download/", export_views.download_export, name="export_download"),
]
