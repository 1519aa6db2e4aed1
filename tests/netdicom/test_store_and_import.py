"""Store then import, for real: every study arrives with the same values as a direct file import."""

import time
from pathlib import Path

import pytest

from remapp.extractors.router import import_path
from remapp.extractors.study.rows import clear_caches
from remapp.models import CtIrradiationEvent, GeneralStudy, IrradiationEventXRayData, ReceivedObject, StoreNode
from tests.netdicom.conftest import database_allows_concurrent_writers, network_db, send_with_pynetdicom
from tests.netdicom.test_association import DCMTK_UNREADABLE

pytestmark = [network_db, pytest.mark.corpus]

_PARENT_KEYS = {"id", "study_id", "ct_radiation_dose_id", "projection_xray_dose_id", "created_at", "updated_at"}
_direct: dict = {}  # the direct import of the whole corpus, made once per test session


def _rows(queryset) -> list[dict]:
    """Rows as dicts, with parent keys left out and other foreign keys replaced by the related row's values
    (primary keys and row timestamps differ between database states; coded concepts, equipment and the
    test-patient pattern that matched must not)."""
    foreign_keys = {
        field.attname: field.related_model for field in queryset.model._meta.concrete_fields if field.is_relation
    }
    rows = []
    for row in queryset.values():
        natural = {}
        for key, value in row.items():
            if key in _PARENT_KEYS:
                continue
            if key in foreign_keys and value is not None:
                related = foreign_keys[key].objects.filter(pk=value).values().get()
                value = {k: v for k, v in related.items() if k not in _PARENT_KEYS and not k.endswith("_id")}
            natural[key] = value
        rows.append(natural)
    return rows


def _database_snapshot() -> dict:
    """Every study's own fields and summary, and its irradiation events' values, keyed by Study Instance UID."""
    snapshot = {}
    for study in GeneralStudy.objects.order_by("study_instance_uid"):
        snapshot[study.study_instance_uid] = {
            "study": _rows(GeneralStudy.objects.filter(pk=study.pk)),
            "dose_objects": sorted(study.dose_objects.values_list("sop_instance_uid", flat=True)),
            "ct_events": sorted(_rows(CtIrradiationEvent.objects.filter(study=study)), key=repr),
            "projection_events": sorted(_rows(IrradiationEventXRayData.objects.filter(study=study)), key=repr),
        }
    return snapshot


def _direct_import(corpus: list[Path]) -> dict:
    """Each file's outcome and study, and the snapshot, of importing the corpus straight from disk."""
    if not _direct:
        statuses, study_uids = {}, {}
        for path in corpus:
            outcome = import_path(path)
            statuses[path.name] = outcome.status.value
            study = GeneralStudy.objects.filter(pk=outcome.study_id).first() if outcome.study_id else None
            study_uids[path.name] = study.study_instance_uid if study else None
        _direct.update(statuses=statuses, study_uids=study_uids, snapshot=_database_snapshot())
        GeneralStudy.objects.all().delete()
    return _direct


def _node_outcomes() -> dict:
    node = StoreNode.objects.get()
    return {"imported": node.imported_count, "duplicate": node.duplicate_count, "rejected": node.rejected_count}


def _assert_same_as_direct_import(sent: list[Path], corpus: list[Path], holding: Path) -> None:
    snapshot = _database_snapshot()
    counts = _node_outcomes()
    GeneralStudy.objects.all().delete()
    direct = _direct_import(corpus)
    names = {path.name for path in sent}
    expected_counts = {status: 0 for status in ("imported", "duplicate", "rejected")}
    for name in names:
        expected_counts[direct["statuses"][name]] += 1
    sent_studies = {direct["study_uids"][name] for name in names} - {None}
    unsent_studies = {uid for name, uid in direct["study_uids"].items() if name not in names} - {None}
    assert not sent_studies & unsent_studies, "a study shared with an unsent file cannot be compared"
    assert counts == expected_counts
    assert StoreNode.objects.get().received_count == len(sent)
    assert snapshot.keys() == sent_studies
    for study_uid in sent_studies:
        assert snapshot[study_uid] == direct["snapshot"][study_uid], study_uid
    assert ReceivedObject.objects.count() == 0
    # Imported files are gone from the holding folder; the rejected ones wait in rejected/ with the reason.
    assert list(holding.glob("*.dcm")) == []
    assert len(list((holding / "rejected").glob("*.dcm"))) == expected_counts["rejected"]


@pytest.fixture(autouse=True)
def fresh_importer_caches():
    """The importer caches coded concepts per process; the flush between network tests removes those rows."""
    clear_caches()


def test_pynetdicom_scu_corpus_imports_as_a_direct_import_does(start_node, corpus_dir, tmp_path):
    node = start_node()  # the real import task, run eagerly on the node's bookkeeping thread
    sent = sorted(corpus_dir.glob("*.dcm"))
    assert send_with_pynetdicom(node.port, sent) == [0x0000] * len(sent)
    node.wait_until_idle()
    _assert_same_as_direct_import(sent, sent, tmp_path / "holding")


def test_dcmtk_storescu_corpus_imports_as_a_direct_import_does(start_node, dcmtk, corpus_dir, tmp_path):
    node = start_node()
    corpus = sorted(corpus_dir.glob("*.dcm"))
    sent = [path for path in corpus if path.name not in DCMTK_UNREADABLE]
    result = dcmtk.storescu(node.port, sent)
    node.wait_until_idle()
    assert result.returncode == 0, result.stderr
    _assert_same_as_direct_import(sent, corpus, tmp_path / "holding")
    reasons = sorted((tmp_path / "holding" / "rejected").glob("*.reason.txt"))
    assert len(reasons) == 1, [(path.name, path.read_text()) for path in reasons]
    reason_file = reasons[0]
    assert reason_file.read_text() == "not an X-Ray Radiation Dose Report (document title: Diagnostic Imaging Report)\n"


@pytest.fixture
def concurrent_writers():
    """Skip where the database fails a second writer at once: the worker thread and the node both write."""
    if not database_allows_concurrent_writers():
        pytest.skip("a worker thread and the node write at once: in-memory SQLite fails that; runs on PostgreSQL")


@pytest.mark.broker
def test_with_a_task_worker_the_node_counts_outcomes_it_did_not_see(
    concurrent_writers, real_worker, start_node, corpus_dir, tmp_path
):
    node = start_node(heartbeat_seconds=0.2)
    names = ["CT-RDSR-GEPixelMed.dcm", "ESR_non-dose.dcm", "DX-Im-GE_XR220-1.dcm"]
    # The second image is the same exposure as the first: a duplicate with a SOP Instance UID of its own.
    names += ["MG-Im-GE_Seno_1_ForPresentation.dcm", "MG-Im-GE_Seno_1_ForProcessing.dcm"]
    sent = [corpus_dir / name for name in names]
    assert send_with_pynetdicom(node.port, sent) == [0x0000] * len(sent)
    deadline = time.monotonic() + 60
    while ReceivedObject.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _node_outcomes() == {"imported": 3, "duplicate": 1, "rejected": 1}
    through_the_worker = _database_snapshot()
    GeneralStudy.objects.all().delete()
    for path in sent:
        import_path(path)
    assert through_the_worker == _database_snapshot()
    assert {values["study"][0]["modality"] for values in through_the_worker.values()} == {"CT", "DX", "MG"}
    [kept] = (tmp_path / "holding" / "rejected").glob("*.dcm")
    assert Path(f"{kept}.reason.txt").read_text().startswith("not an X-Ray Radiation Dose Report")
