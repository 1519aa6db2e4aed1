"""A real task through the configured broker to a real worker: filesystem by default, RabbitMQ/Redis in CI."""

import time
import uuid

import pytest

from remapp.models import WorkerHeartbeat
from remapp.tasks import ping

pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True)]


def test_a_task_sent_through_the_broker_is_run_by_a_worker(real_worker):
    marker = uuid.uuid4().hex
    ping.delay(marker)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not WorkerHeartbeat.objects.filter(marker=marker).exists():
        time.sleep(0.1)
    heartbeat = WorkerHeartbeat.objects.get(marker=marker)
    assert heartbeat.worker_hostname
