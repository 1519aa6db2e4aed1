"""What every source of dose data shares about a study: header modules, the study-level rows, the summary.

- ``header``: the General Study, Patient, General Equipment and SOP Common modules parsed into dataclasses
  (no database).
- ``save``: the study (locked), patient, equipment and DoseObject rows of one object, in the caller's transaction.
- ``equipment``: which unit an object came from (UniqueEquipment).
- ``events``: the one rule for irradiation event identity (stand-in UIDs, events already stored).
- ``summary``: the one rule for the per-study totals.
- ``rows``: dataclass -> model row copying, coded concepts, aware datetimes, values fitted to their columns.
- ``retry``: running a save again after a deadlock or busy database.
- ``committed_rows``: per-process caches of rows known to be committed.
"""
