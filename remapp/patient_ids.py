"""How a patient ID is kept when the site stores IDs hashed: a keyed hash (HMAC-SHA-256) with a per-install key.

Hospital patient IDs are short and often numeric, so an unkeyed hash (what versions before 0.2 stored) can be
reversed by hashing every possible ID. The key makes that impossible without it. It comes from the environment
(``OPENREM_PATIENT_ID_KEY``) or, by default, is made once per install, at first use, in
``$OPENREM_HOME/patient_id_key`` (owner-only permissions). It is deliberately not Django's SECRET_KEY, so that
rotating SECRET_KEY does not orphan every stored ID. Back the key file up with the database: without it the same
patient's later studies get other hashes and can no longer be matched with the earlier ones.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

from openremproject.env import env_secret

HMAC_SHA256 = "hmac-sha256"
LEGACY_SHA256 = "sha256"  # unkeyed, stored by versions before 0.2; kept as it was (the IDs cannot be recovered)

_key: dict[str, bytes] = {}


def patient_id_key() -> bytes:
    """The install's key for patient ID hashes (made on first use when the environment gives none)."""
    home = str(settings.OPENREM_HOME)
    if home not in _key:
        _key[home] = env_secret("OPENREM_PATIENT_ID_KEY", settings.OPENREM_HOME, "patient_id_key").encode("utf-8")
    return _key[home]


def hashed_patient_id(patient_id: str) -> str:
    """The keyed hash of a patient ID as stored (hex), the same for the same ID on this install."""
    return hmac.new(patient_id_key(), patient_id.encode("utf-8"), hashlib.sha256).hexdigest()


def stored_patient_id(patient_id: str) -> tuple[str, str]:
    """(the ID as the site's settings store it, the hash method or ''): nothing unless the site stores IDs."""
    if not patient_id or not settings.OPENREM_STORE_PATIENT_ID:
        return "", ""
    if settings.OPENREM_HASH_PATIENT_ID:
        return hashed_patient_id(patient_id), HMAC_SHA256
    return patient_id, ""
