"""The Celery app: JSON messages only, explicit time limits, Django settings and logging."""

import os

from celery import Celery

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
