"""Model rows from parsed dataclasses: the one copy step every extractor's save uses.

A parsed dataclass names its fields after the model's columns, so saving is a straight copy (``build_row``):
codes become CodedConcept rows (``coded_concept``: stored once, in SNOMED CT where a legacy SNOMED-RT code was
given), DICOM (site-local) datetimes become aware (``aware``), and values are fitted to their columns
(``fit_to_fields``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from decimal import Decimal, InvalidOperation

from django.db import models, transaction
from django.db.models.signals import post_migrate
from django.utils import timezone
from pydicom.sr.coding import Code

from remapp.dicom.content import code_key
from remapp.extractors.study import committed_rows
from remapp.models import CodedConcept

logger = logging.getLogger(__name__)


def aware(value: dt.datetime | None) -> dt.datetime | None:
    """A DICOM datetime (site-local unless it carried an offset) as an aware datetime."""
    if value is None or timezone.is_aware(value):
        return value
    try:
        return timezone.make_aware(value)
    except (ValueError, OverflowError):
        return None


_field_cache: dict[type, list[models.Field]] = {}


def _checked_fields(model: type[models.Model]) -> list[models.Field]:
    fields = _field_cache.get(model)
    if fields is None:
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.DecimalField)
        ]
        _field_cache[model] = fields
    return fields


def fit_to_fields(instance: models.Model) -> models.Model:
    """Clip strings to their column (and drop NULs); a decimal too large for its column becomes None (logged)."""
    for f in _checked_fields(type(instance)):
        value = getattr(instance, f.attname)
        if value is None:
            continue
        if isinstance(f, models.DecimalField):
            limit = Decimal(10) ** (f.max_digits - f.decimal_places)
            try:
                ok = isinstance(value, Decimal) and value.is_finite() and abs(value) < limit
            except InvalidOperation:
                ok = False
            if not ok:
                logger.warning("%s.%s: %r does not fit the column; not stored", type(instance).__name__, f.name, value)
                setattr(instance, f.attname, None)
        elif isinstance(value, str):
            if "\x00" in value:
                value = value.replace("\x00", "")
            if f.max_length and len(value) > f.max_length:
                value = value[: f.max_length]
            setattr(instance, f.attname, value)
    return instance


def concept_triplet(code: Code) -> tuple[str, str, str]:
    """(code value, scheme, meaning) as stored: a legacy SNOMED-RT code becomes its SNOMED CT code, meaning kept."""
    value, scheme = code_key(code)
    return value[:64], scheme[:32], code.meaning[:128].replace("\x00", "")


def concept_value(code: Code | None) -> str:
    """The code value ``code`` is stored under ('' for none), to compare a parsed code with stored rows."""
    return concept_triplet(code)[0] if code is not None else ""


def coded_concept(code: Code | None, memo: dict | None = None) -> CodedConcept | None:
    """The CodedConcept row for ``code`` (created on first use), cached per process; treat it as read-only.

    Every concept is stored once, in one scheme (SNOMED CT for what SNOMED-RT also names), under the meaning
    it was first seen with, so a filter or a count never sees one concept as two rows (vendors spell meanings
    differently: "Aluminum or Aluminum compound", "Aluminium or Aluminium Compound"). ``memo``: an optional dict
    the caller keeps for one import (one transaction), so codes first seen in this still-uncommitted
    transaction are looked up once.
    """
    if code is None or not code.value:
        return None
    value, scheme, meaning = concept_triplet(code)
    key = (value, scheme)
    row = committed_rows.codes.get(key)
    if row is None and memo is not None:
        row = memo.get(key)
    if row is None:
        row, _ = CodedConcept.objects.get_or_create(
            code_value=value, coding_scheme_designator=scheme, defaults={"code_meaning": meaning}
        )
        if memo is not None:
            memo[key] = row
        transaction.on_commit(lambda: committed_rows.codes.__setitem__(key, row))
    return row


def clear_caches(**_kwargs: object) -> None:
    """Forget cached rows (after the tables were flushed, e.g. between transactional tests)."""
    committed_rows.clear()


post_migrate.connect(clear_caches, dispatch_uid="remapp.extractors.study.rows.clear_caches")

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
