"""Encryption of respondents' contact data (F1 = Tak), kept apart from the answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from flask import current_app


def _key() -> bytes:
    # Like SECRET_KEY: from the config/environment, else generated once into instance/.
    configured = current_app.config.get("CONTACT_KEY")
    if configured:
        return configured.encode()
    path = Path(current_app.instance_path) / "contact_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(Fernet.generate_key())
        path.chmod(0o600)
    return path.read_bytes().strip()


def encrypt_contact(contact: dict[str, Any]) -> bytes:
    return Fernet(_key()).encrypt(json.dumps(contact, ensure_ascii=False).encode())


def decrypt_contact(token: bytes) -> dict[str, Any]:
    return json.loads(Fernet(_key()).decrypt(token))


#: Where a record's contact data are kept, encrypted, outside the `contacts` table
#: (quarantine, conflicting versions): the Fernet token as text, instead of `contact`.
SEALED = "contact_sealed"


def seal_record(raw: Any) -> Any:
    """A copy of a synced record whose `data.contact` is replaced by its encrypted token, to be
    stored anywhere but `contacts`; anything else comes back as it is."""
    data = raw.get("data") if isinstance(raw, dict) else None
    if not isinstance(data, dict) or "contact" not in data:
        return raw
    return {**raw, "data": seal_data(data)}


def seal_data(data: dict[str, Any]) -> dict[str, Any]:
    """`data` (a record's answers) with `contact` encrypted into `contact_sealed`."""
    if "contact" not in data:
        return data
    sealed = {k: v for k, v in data.items() if k != "contact"}
    sealed[SEALED] = encrypt_contact(data["contact"]).decode("ascii")
    return sealed


def unseal_record(raw: Any) -> Any:
    """The record as it was sent: `seal_record` undone."""
    data = raw.get("data") if isinstance(raw, dict) else None
    if not isinstance(data, dict) or SEALED not in data:
        return raw
    plain = {k: v for k, v in data.items() if k != SEALED}
    plain["contact"] = decrypt_contact(data[SEALED].encode("ascii"))
    return {**raw, "data": plain}
