from django.apps import AppConfig


class RemappConfig(AppConfig):
    name = "remapp"
    verbose_name = "OpenREM"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every process that loads the app (web, worker, store node, eager tasks in tests) gets the hook that
        # keeps a rejected holding file aside with its reason after the import task ran there.
        import remapp.netdicom.worker_hooks  # noqa: F401
