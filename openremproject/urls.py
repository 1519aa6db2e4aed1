"""Top-level URLs: the interface under /openrem/, Django admin under /admin/, / redirects to /openrem/."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="home", permanent=False)),
    path("openrem/", include("remapp.urls")),
    path("admin/", admin.site.urls),
]
