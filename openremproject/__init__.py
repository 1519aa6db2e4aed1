"""Django project for OpenREM. Importing it makes the Celery app available to Django."""

from openremproject.celery import app as celery_app

__all__ = ["celery_app"]
