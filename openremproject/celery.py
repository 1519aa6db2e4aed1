"""The Celery app: JSON messages only, explicit time limits, Django settings and logging."""

import os
from pathlib import Path

from celery import Celery
from celery.signals import before_task_publish, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openremproject.settings")

app = Celery("openremproject")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    # Progress lives on database rows, so no result backend is needed.
    task_ignore_result=True,
    task_acks_late=True,
    worker_prefetch_multiplier=1,
    task_soft_time_limit=6 * 3600,
    task_time_limit=6 * 3600 + 300,
    worker_hijack_root_logger=False,
    broker_connection_retry_on_startup=True,
)
app.autodiscover_tasks()

# kombu's filesystem transport reads and writes these folders but never creates them.
FILESYSTEM_BROKER_FOLDERS = ("data_folder_in", "data_folder_out", "processed_folder", "control_folder")


@before_task_publish.connect(weak=False)
@worker_init.connect(weak=False)
def make_broker_folders(**_signal_arguments) -> None:
    """Create the filesystem broker's folders before a task is sent or a worker starts (other brokers: nothing)."""
    if not str(app.conf.broker_url or "").startswith("filesystem"):
        return
    options = app.conf.broker_transport_options or {}
    for key in FILESYSTEM_BROKER_FOLDERS:
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)
