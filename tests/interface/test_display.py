"""The "time since" text (quantities are tested in tests/test_quantities.py)."""

import datetime
from zoneinfo import ZoneInfo

from remapp.interface.display import time_since

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def test_time_since_counts_real_elapsed_time_across_the_spring_clock_change():
    # 00:30 GMT, then clocks go forward at 01:00; 02:30 BST is 01:30 UTC: one hour later, not two.
    before = datetime.datetime(2024, 3, 31, 0, 30, tzinfo=LONDON)
    after = datetime.datetime(2024, 3, 31, 2, 30, tzinfo=LONDON)
    assert time_since(before, now=after) == "1 hour ago"


def test_time_since_counts_real_elapsed_time_across_the_autumn_clock_change():
    # 00:30 BST is 23:30 UTC; 02:30 GMT is 02:30 UTC: three hours later.
    before = datetime.datetime(2024, 10, 27, 0, 30, tzinfo=LONDON)
    after = datetime.datetime(2024, 10, 27, 2, 30, tzinfo=LONDON)
    assert time_since(before, now=after) == "3 hours ago"


def test_time_since_compares_different_time_zones_by_instant():
    study = datetime.datetime(2024, 6, 1, 12, 0, tzinfo=LONDON)  # 11:00 UTC
    now = datetime.datetime(2024, 6, 1, 7, 3, tzinfo=NEW_YORK)  # 11:03 UTC
    assert time_since(study, now=now) == "3 minutes ago"


def test_time_since_words():
    now = datetime.datetime(2024, 6, 1, 12, 0, tzinfo=datetime.UTC)
    assert time_since(now - datetime.timedelta(seconds=20), now=now) == "just now"
    assert time_since(now - datetime.timedelta(minutes=1), now=now) == "1 minute ago"
    assert time_since(now - datetime.timedelta(days=2, hours=5), now=now) == "2 days ago"
    assert time_since(now - datetime.timedelta(days=400), now=now) == "1 year ago"
    assert time_since(now + datetime.timedelta(minutes=5), now=now) == "in the future"
    assert time_since(None) == ""
