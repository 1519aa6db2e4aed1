"""Model rows from parsed dataclasses: the one copy step every extractor's save uses.

A parsed dataclass names its fields after the model's columns, so saving is a straight copy; codes become
CodedConcept rows, DICOM (site-local) datetimes become aware, and values are fitted to their columns.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db import models
from pydicom.sr.coding import Code

from remapp.extractors.common import aware, coded_concept, fit_to_fields

_shared_fields: dict[tuple[type, type], tuple[str, ...]] = {}


def _shared(model: type[models.Model], data_type: type) -> tuple[str, ...]:
    """Names of the dataclass's fields that are columns of the model (worked out once per pair)."""
    key = (model, data_type)
    names = _shared_fields.get(key)
    if names is None:
        columns = {f.name for f in model._meta.concrete_fields}
        names = tuple(f.name for f in dataclasses.fields(data_type) if f.name in columns)
        _shared_fields[key] = names
    return names


def build_row(model: type[models.Model], data: object, memo: dict, **extra: object) -> models.Model:
    """A model instance from the dataclass fields that match its columns (codes become CodedConcepts)."""
    values: dict[str, object] = {}
    for name in _shared(model, type(data)):
        value = getattr(data, name)
        if isinstance(value, Code):
            value = coded_concept(value, memo)
        elif isinstance(value, dt.datetime):
            value = aware(value)
        values[name] = value
    values.update(extra)
    return fit_to_fields(model(**values))
