"""Patient height and weight from RIS CSV files: read and check the file, apply it to studies, log each row.

Used by the command line (scripts/openrem_ptsizecsv.py) and by the web import through the Celery task
(remapp.tasks.run_patient_size_import -> remapp.ptsize.runner.run_import).
"""

from remapp.ptsize.apply import apply_size_table
from remapp.ptsize.csvfile import PatientSizeCsvError, read_column_titles, read_size_table
from remapp.ptsize.outcomes import IdType, ImportSummary, RowOutcome

__all__ = [
    "IdType",
    "ImportSummary",
    "PatientSizeCsvError",
    "RowOutcome",
    "apply_size_table",
    "read_column_titles",
    "read_size_table",
]
