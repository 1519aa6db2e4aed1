"""Retrying a save after a transient database error, told apart by the driver's error codes (real errors)."""

import sqlite3
import threading

import pytest
from django.db import IntegrityError, OperationalError, connection, transaction

from remapp.extractors.study.retry import is_foreign_key_violation, is_transient, retry_transient
from remapp.models import GeneralEquipment, GeneralStudy


def _wrapped(driver_error: Exception, django_class=OperationalError):
    """The error as Django raises it: its own class, with the driver's error as the cause."""
    try:
        raise django_class(*driver_error.args) from driver_error
    except django_class as error:
        return error


def _sqlite_busy(tmp_path) -> sqlite3.OperationalError:
    path = str(tmp_path / "busy.sqlite3")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        return error
    finally:
        other.close()
        holder.close()
    raise AssertionError("the second writer was not refused")


def test_a_busy_sqlite_database_is_transient(tmp_path):
    assert is_transient(_wrapped(_sqlite_busy(tmp_path)))


def test_a_missing_table_is_not_transient(tmp_path):
    db = sqlite3.connect(str(tmp_path / "empty.sqlite3"))
    with pytest.raises(sqlite3.OperationalError) as raised:
        db.execute("SELECT * FROM remapp_generalstudy")
    assert not is_transient(_wrapped(raised.value))
    assert not is_transient(OperationalError("database is locked"))  # the words alone decide nothing


def test_a_transient_error_is_retried_and_others_are_not(tmp_path):
    busy = _wrapped(_sqlite_busy(tmp_path))
    calls = []

    def busy_once():
        calls.append(1)
        if len(calls) == 1:
            raise busy
        return "saved"

    assert retry_transient(busy_once) == "saved"
    assert len(calls) == 2

    def broken():
        raise OperationalError("no such table: remapp_generalstudy")

    with pytest.raises(OperationalError):
        retry_transient(broken)


@pytest.mark.django_db(transaction=True)
def test_a_foreign_key_failing_at_commit_is_recognised():
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        study = GeneralStudy.objects.create(study_instance_uid="1.2.3")
        GeneralEquipment.objects.create(study=study, unique_equipment_id=987654)
    assert is_foreign_key_violation(raised.value)
    assert not is_transient(raised.value)


@pytest.mark.django_db(transaction=True)
def test_a_postgresql_deadlock_is_transient():
    if connection.vendor != "postgresql":
        pytest.skip("deadlocks are detected by PostgreSQL; SQLite serialises writers instead")
    import psycopg2

    settings = connection.settings_dict
    dsn = {"dbname": settings["NAME"], "user": settings["USER"], "host": settings["HOST"], "port": settings["PORT"]}
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE retry_probe (id int primary key, value int)")
        cursor.execute("INSERT INTO retry_probe VALUES (1, 0), (2, 0)")
    first, second = psycopg2.connect(**dsn), psycopg2.connect(**dsn)
    errors = []
    try:
        a, b = first.cursor(), second.cursor()
        a.execute("UPDATE retry_probe SET value = 1 WHERE id = 1")
        b.execute("UPDATE retry_probe SET value = 1 WHERE id = 2")

        def cross(cursor, row):
            try:
                cursor.execute("UPDATE retry_probe SET value = 2 WHERE id = %s", (row,))
            except psycopg2.Error as error:
                errors.append(error)

        threads = [threading.Thread(target=cross, args=(a, 2)), threading.Thread(target=cross, args=(b, 1))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    finally:
        first.rollback(), second.rollback()
        first.close(), second.close()
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE retry_probe")
    assert len(errors) == 1
    assert is_transient(_wrapped(errors[0]))
