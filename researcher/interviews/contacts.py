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
