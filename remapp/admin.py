"""Django admin: superusers manage users and groups here; equipment display names are editable too."""

from django.contrib import admin

from remapp.models import GeneralStudy, UniqueEquipment


@admin.register(UniqueEquipment)
class UniqueEquipmentAdmin(admin.ModelAdmin):
    list_display = ("display_name", "institution_name", "manufacturer", "manufacturer_model_name", "station_name")
    list_editable = ("display_name",)
    list_display_links = ("institution_name",)
    search_fields = ("display_name", "institution_name", "manufacturer_model_name", "station_name")


@admin.register(GeneralStudy)
class GeneralStudyAdmin(admin.ModelAdmin):
    list_display = ("study_date", "modality", "accession_number", "study_description", "station")
    list_filter = ("modality",)
    search_fields = ("accession_number", "study_instance_uid")
    list_select_related = ("station",)
    # On millions of rows an exact count of the unfiltered table on every page view is the slow part.
    show_full_result_count = False
    raw_id_fields = ("station", "requested_procedure_code", "procedure_code")
