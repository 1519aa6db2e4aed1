"""Bookkeeping for background tasks: exports and patient-size imports, with progress the web page polls."""

from django.conf import settings
from django.db import models


class TaskState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    COMPLETE = "complete", "Complete"
    FAILED = "failed", "Failed"
    ABORTED = "aborted", "Aborted"


class BackgroundTask(models.Model):
    """What every background task records: state, "n of m" progress, times, error and the abort flag."""

    task_id = models.CharField(max_length=64, blank=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=16, choices=TaskState.choices, default=TaskState.QUEUED, db_index=True)
    progress = models.CharField(max_length=256, blank=True)
    done_count = models.PositiveIntegerField(default=0)
    total_count = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    abort_requested = models.BooleanField(default=False)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def is_finished(self) -> bool:
        return self.state in {TaskState.COMPLETE, TaskState.FAILED, TaskState.ABORTED}

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None


class Export(BackgroundTask):
    """One CSV or XLSX export: the filter it replays, and the file it wrote under MEDIA_ROOT/exports/."""

    modality = models.CharField(max_length=8)
    export_format = models.CharField(max_length=16)
    query_string = models.TextField(blank=True, help_text="The list page filter this export replays")
    file = models.FileField(upload_to="exports/%Y/%m/%d/", max_length=255, blank=True)


class PatientSizeImport(BackgroundTask):
    """One RIS CSV import of patient heights and weights, with its column choices and its log file."""

    csv_file = models.FileField(upload_to="patient_size_csv/", max_length=255, blank=True)
    original_file_name = models.CharField(max_length=255, blank=True)
    id_column = models.CharField(max_length=128, blank=True)
    id_type = models.CharField(max_length=16, blank=True, help_text="accession or si-uid")
    height_column = models.CharField(max_length=128, blank=True)
    weight_column = models.CharField(max_length=128, blank=True)
    log_file = models.FileField(upload_to="patient_size_logs/%Y/%m/%d/", max_length=255, blank=True)


class WorkerHeartbeat(models.Model):
    """The last time a task worker answered a ping: lets pages and tests see that a worker is alive."""

    marker = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField()
    worker_hostname = models.CharField(max_length=255, blank=True)
