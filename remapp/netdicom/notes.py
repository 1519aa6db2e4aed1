"""Messages from the network threads to the bookkeeper: plain data, so network threads never touch the database."""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.utils import timezone


@dataclass(frozen=True)
class Received:
    """An object safely written to the holding folder, ready to be recorded and queued for import."""

    path: Path
    sop_instance_uid: str
    sop_class_uid: str
    calling_ae_title: str
    received_at: datetime = field(default_factory=timezone.now)


@dataclass(frozen=True)
class Problem:
    """Something the node refused or failed to do, for the counters and the admin page's last errors."""

    kind: str  # a StoreNodeError.Kind value
    message: str
    calling_ae_title: str = ""
    sop_instance_uid: str = ""
    occurred_at: datetime = field(default_factory=timezone.now)
