"""URLs of the patient-size import pages (included under /openrem/admin/sizeimports/)."""

from django.urls import path

from remapp.interface import ptsize_views

urlpatterns = [
    path("", ptsize_views.import_list, name="ptsize_list"),
    path("upload/", ptsize_views.upload, name="ptsize_upload"),
    path("<int:pk>/", ptsize_views.detail, name="ptsize_detail"),
    path("<int:pk>/columns/", ptsize_views.choose_columns, name="ptsize_columns"),
    path("<int:pk>/progress/", ptsize_views.progress_json, name="ptsize_progress"),
    path("<int:pk>/abort/", ptsize_views.abort, name="ptsize_abort"),
    path("<int:pk>/delete/", ptsize_views.delete, name="ptsize_delete"),
    path("<int:pk>/log/", ptsize_views.download_log, name="ptsize_log"),
]
