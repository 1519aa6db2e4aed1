"""The built-in DICOM store node: a pynetdicom Storage SCP that writes received objects to a holding folder and
hands each to the import task queue. The network threads only write files; imports run elsewhere.

What the rest of OpenREM uses (the modules behind these are the node's own):

``next_start() -> NextStart``
    The configuration a start of ``openrem_storescp`` without options would use (the admin page shows it).
``accepted_sop_classes() -> list[tuple[str, str]]``
    (UID, name) of every storage SOP class the node accepts, by name.
``keep_rejected_file(path, outcome)``
    After the import of a received file (task ``remapp.import_received_file``): a rejected one goes to the
    holding folder's ``rejected/`` with its reason.
``StoreNodeServer``, ``StoreNodeConfig`` in ``remapp.netdicom.server`` / ``.config``
    Running the node (the ``openrem_storescp`` command and the tests).
"""

from remapp.netdicom.config import NextStart, next_start
from remapp.netdicom.contexts import accepted_sop_classes
from remapp.netdicom.holding import keep_rejected_file

__all__ = ["NextStart", "accepted_sop_classes", "keep_rejected_file", "next_start"]
