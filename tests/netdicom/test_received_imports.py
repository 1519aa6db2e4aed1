"""The store node's own import task sets a rejected file aside; the generic import task only imports."""

import ast
from pathlib import Path

import pytest

from remapp.netdicom.holding import REJECTED_FOLDER, prepare_holding_folder
from remapp.netdicom.server import queue_import_task
from remapp.synthetic import ct_rdsr, write
from remapp.tasks import import_dicom_file, import_received_file

pytestmark = pytest.mark.django_db

NOT_DICOM = "not a DICOM file (no DICOM file preamble and header)"


@pytest.fixture
def holding(tmp_path) -> Path:
    folder = tmp_path / "holding"
    prepare_holding_folder(folder)
    return folder


def _not_dicom(folder: Path) -> Path:
    path = folder / "1.2.3_abc.dcm"
    path.write_text("not DICOM")
    return path


def test_the_generic_import_task_leaves_a_rejected_holding_file_where_it_is(holding):
    path = _not_dicom(holding)
    outcome = import_dicom_file.delay(str(path), delete_after_import=True).get()
    assert (outcome["status"], outcome["reason"]) == ("rejected", NOT_DICOM)
    assert path.is_file()
    assert not (holding / REJECTED_FOLDER).exists()


def test_a_rejected_received_file_is_set_aside_with_its_reason(holding):
    path = _not_dicom(holding)
    outcome = import_received_file.delay(str(path)).get()
    assert (outcome["status"], outcome["reason"]) == ("rejected", NOT_DICOM)
    assert not path.exists()
    assert (holding / REJECTED_FOLDER / path.name).read_text() == "not DICOM"
    assert (holding / REJECTED_FOLDER / f"{path.name}.reason.txt").read_text() == f"{NOT_DICOM}\n"


def test_an_imported_received_file_is_removed(holding):
    path = holding / "ct.dcm"
    write(ct_rdsr(seed=5), path)
    outcome = import_received_file.delay(str(path)).get()
    assert outcome["status"] == "imported"
    assert not path.exists() and not (holding / REJECTED_FOLDER).exists()


def test_a_file_outside_a_holding_folder_is_never_moved(tmp_path):
    path = _not_dicom(tmp_path)
    assert import_received_file.delay(str(path)).get()["status"] == "rejected"
    assert path.is_file() and not (tmp_path / REJECTED_FOLDER).exists()


def test_the_store_node_queues_the_received_file_task(holding):
    path = _not_dicom(holding)
    result = queue_import_task(str(path))
    assert result.name == "remapp.import_received_file"
    assert result.get()["status"] == "rejected" and (holding / REJECTED_FOLDER / path.name).is_file()


def _netdicom_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    return [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module] + [
        alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    ]


def test_the_rest_of_openrem_uses_only_the_store_nodes_public_functions():
    """The package's own names (remapp/netdicom/__init__.py); only the command that runs the node goes deeper."""
    remapp = Path(__file__).resolve().parents[2] / "remapp"
    runs_the_node = remapp / "management" / "commands" / "openrem_storescp.py"
    deeper = []
    for path in sorted(remapp.rglob("*.py")):
        if remapp / "netdicom" in path.parents or path == runs_the_node:
            continue
        deeper += [
            f"{path.relative_to(remapp)}: {name}"
            for name in _netdicom_imports(path)
            if name.startswith("remapp.netdicom.")
        ]
    assert deeper == []
