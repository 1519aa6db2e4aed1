from django.apps import AppConfig


class RemappConfig(AppConfig):
    name = "remapp"
    verbose_name = "OpenREM"
    default_auto_field = "django.db.models.BigAutoField"
