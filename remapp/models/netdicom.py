"""The built-in DICOM store node: its state, its counters, objects awaiting their import, and its last errors."""

from datetime import timedelta

from django.db import models
from django.utils import timezone

# The running node updates its heartbeat this often; a page calls it listening while the heartbeat is fresh.
HEARTBEAT_SECONDS = 10


class StoreNode(models.Model):
    """One DICOM Storage SCP (AE title + port): configuration as last started, heartbeat and counters.

    Counters only ever grow, by F() updates from the running node: received when an object is safely in the
    holding folder, then exactly one of imported, duplicate or rejected once its import outcome is known.
    """

    ae_title = models.CharField(max_length=16)
    port = models.PositiveIntegerField()
    bind_address = models.CharField(max_length=64, default="0.0.0.0")
    allowed_calling_aets = models.CharField(
        max_length=1024, blank=True, help_text="Comma-separated calling AE titles allowed; empty allows any"
    )
    holding_folder = models.CharField(max_length=1024, blank=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    received_count = models.PositiveBigIntegerField(default=0)
    imported_count = models.PositiveBigIntegerField(default=0)
    duplicate_count = models.PositiveBigIntegerField(default=0)
    rejected_count = models.PositiveBigIntegerField(default=0)
    store_failed_count = models.PositiveBigIntegerField(default=0, help_text="Objects answered with a failure")
    refused_association_count = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ae_title", "port"], name="store_node_ae_port")]
        ordering = ["ae_title", "port"]

    def __str__(self) -> str:
        return f"{self.ae_title} on port {self.port}"

    @property
    def is_listening(self) -> bool:
        """True while the node runs: started, not stopped since, heartbeat recent."""
        if self.started_at is None or self.heartbeat_at is None:
            return False
        if self.stopped_at is not None and self.stopped_at >= self.started_at:
            return False
        return self.heartbeat_at >= timezone.now() - timedelta(seconds=3 * HEARTBEAT_SECONDS)


class ReceivedObject(models.Model):
    """An object written to the holding folder and queued for import; deleted once its outcome is counted."""

    node = models.ForeignKey(StoreNode, on_delete=models.CASCADE, related_name="awaiting_import")
    holding_file = models.CharField(max_length=255, help_text="File name inside the node's holding folder")
    sop_instance_uid = models.CharField(max_length=64, db_index=True)
    sop_class_uid = models.CharField(max_length=64)
    calling_ae_title = models.CharField(max_length=16, blank=True)
    received_at = models.DateTimeField()
    queued_at = models.DateTimeField(null=True, blank=True, help_text="Empty until the import task was queued")

    class Meta:
        ordering = ["received_at"]


class StoreNodeError(models.Model):
    """A recent problem at the node: refused association, failed store, or import rejection (newest kept)."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", "Association refused"
        STORE = "store", "Store failed"
        IMPORT = "import", "Import rejected"
        QUEUE = "queue", "Could not queue import"

    KEEP_LATEST = 50

    node = models.ForeignKey(StoreNode, on_delete=models.CASCADE, related_name="errors")
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    calling_ae_title = models.CharField(max_length=16, blank=True)
    sop_instance_uid = models.CharField(max_length=64, blank=True)
    message = models.CharField(max_length=512)

    class Meta:
        ordering = ["-occurred_at", "-id"]
