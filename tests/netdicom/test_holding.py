"""The holding folder: safe names from hostile UIDs, atomic writes, rejected files kept with their reason."""

import os

import pytest

from remapp.netdicom.holding import holding_file_name, set_aside, waiting_files, write_atomically


@pytest.mark.parametrize(
    "uid, stem",
    [
        ("1.2.840.113619.2.55.3", "1.2.840.113619.2.55.3"),
        ("../../etc/passwd", "no-uid"),
        ("/1.2/../3", "1.2..3"),
        ("..", "no-uid"),
        ("", "no-uid"),
        ("1.2.3\x00\\..\\4", "1.2.3..4"),
    ],
)
def test_it_makes_a_file_name_of_only_digits_and_dots(uid, stem):
    name = holding_file_name(uid)
    assert name.startswith(f"{stem}_") and name.endswith(".dcm")
    assert "/" not in name and "\\" not in name and not name.startswith(".")


def test_it_gives_the_same_uid_two_different_names():
    assert holding_file_name("1.2.3") != holding_file_name("1.2.3")


def test_a_hostile_uid_cannot_write_outside_the_folder(tmp_path):
    folder = tmp_path / "holding"
    folder.mkdir()
    path = write_atomically(folder, holding_file_name("../../../" + str(tmp_path) + "/escaped"), b"DICM")
    assert path.parent == folder
    assert [p.name for p in tmp_path.iterdir()] == ["holding"]


def test_it_refuses_a_file_name_that_is_a_path(tmp_path):
    with pytest.raises(ValueError, match="unsafe holding file name"):
        write_atomically(tmp_path, "../x.dcm", b"DICM")


def test_a_failed_write_leaves_nothing_behind(tmp_path, monkeypatch):
    def no_space(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(tmp_path, "1.2.3_a.dcm", b"DICM")
    assert list(tmp_path.iterdir()) == []


def test_a_complete_write_holds_exactly_the_bytes(tmp_path):
    path = write_atomically(tmp_path, "1.2.3_a.dcm", b"\x00" * 128 + b"DICM")
    assert path.read_bytes() == b"\x00" * 128 + b"DICM"
    assert waiting_files(tmp_path) == [path]


def test_waiting_files_skips_temporaries_and_rejected(tmp_path):
    (tmp_path / ".1.2_a.dcm.part").write_bytes(b"x")
    kept = tmp_path / "1.2_b.dcm"
    kept.write_bytes(b"x")
    set_aside(kept, "not a dose object")
    assert waiting_files(tmp_path) == []


def test_a_rejected_file_is_kept_with_its_reason(tmp_path):
    path = tmp_path / "1.2_c.dcm"
    path.write_bytes(b"DICM")
    moved = set_aside(path, "ESR_non-dose.dcm: not a dose report")
    assert moved == tmp_path / "rejected" / "1.2_c.dcm"
    assert moved.read_bytes() == b"DICM"
    assert (tmp_path / "rejected" / "1.2_c.dcm.reason.txt").read_text() == "ESR_non-dose.dcm: not a dose report\n"
    assert not path.exists()
