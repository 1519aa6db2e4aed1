"""Interface URLs under /openrem/."""

from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from remapp.interface import details, lists, manage, patient_pattern_views, views


class ModalityConverter:
    """The modality part of a URL: ct, rf, mg or dx (lower case, as OpenREM users know them)."""

    regex = "ct|rf|mg|dx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return str(value).lower()


register_converter(ModalityConverter, "modality")

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/sizeimports/", include("remapp.interface.ptsize_urls")),
    path("admin/storenode/", include("remapp.interface.store_urls")),
    path("equipment/names/", manage.equipment_names, name="equipment_names"),
    path("testpatients/", patient_pattern_views.patient_patterns, name="patient_patterns"),
    path("testpatients/add/", patient_pattern_views.pattern_add, name="patient_pattern_add"),
    path("testpatients/<int:pk>/remove/", patient_pattern_views.pattern_remove, name="patient_pattern_remove"),
    path("testpatients/legacy/clear/", patient_pattern_views.legacy_clear, name="patient_pattern_legacy_clear"),
    path("exports/", include("remapp.interface.export_urls")),
    path("<modality:modality>/", lists.study_list, name="study_list"),
    path("<modality:modality>/<int:pk>/", details.study_detail, name="study_detail"),
    path("<modality:modality>/<int:pk>/delete/", manage.study_delete, name="study_delete"),
]
