"""A real task through the configured broker to a real worker: filesystem by default, RabbitMQ/Redis in CI."""

import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker

from openremproject.celery import app
from remapp.models import WorkerHeartbeat
from remapp.tasks import ping

pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def real_worker():
    """A Celery worker consuming from the configured broker, with eager execution switched off."""
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10, loglevel="WARNING"):
            yield
    finally:
        app.conf.task_always_eager = True


def test_a_task_sent_through_the_broker_is_run_by_a_worker(real_worker):
    marker = uuid.uuid4().hex
    ping.delay(marker)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not WorkerHeartbeat.objects.filter(marker=marker).exists():
        time.sleep(0.1)
    heartbeat = WorkerHeartbeat.objects.get(marker=marker)
    assert heartbeat.worker_hostname
