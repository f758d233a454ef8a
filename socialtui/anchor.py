"""The audit log's head, anchored outside the database.

After every commit that appended audit events, the process appends the new head
(sequence number and hash) to a local, append-only journal in the user's state
directory. ``audit verify`` compares the log with every head this computer anchored:
a log that was truncated, rewritten or emptied no longer contains them. A signed
checkpoint (``audit anchor export``) carries one head off the machine, for the same
comparison later.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from socialtui.errors import ValidationError
from socialtui.integrity import integrity_key

log = logging.getLogger(__name__)
_PENDING = "socialtui.anchor.pending"


def journal_path() -> Path:
    """The anchor journal: ``audit-anchors.jsonl`` in the user state directory."""
    return Path(platformdirs.user_state_dir("socialtui")) / "audit-anchors.jsonl"


def database_id(url: str) -> str:
    """A short, stable name for one database (its URL without the password, hashed)."""
    from socialtui.store.database import redact_url

    return hashlib.sha256(redact_url(url).encode()).hexdigest()[:16]


def remember_head(session: Session, seq: int, digest: str) -> None:
    """Note the head ``session`` will leave behind; it is anchored once the commit succeeds."""
    session.info[_PENDING] = (seq, digest)


@event.listens_for(Session, "after_commit")
def _anchor_after_commit(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if pending is None:
        return
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    append(database_id(engine.url.render_as_string(hide_password=False)), *pending)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)


def append(db: str, seq: int, digest: str) -> None:
    """Append one head to the journal (0600, in a 0700 directory); a failure is logged, not raised."""
    path = journal_path()
    line = json.dumps({"db": db, "seq": seq, "hash": digest, "at": datetime.now(UTC).isoformat(timespec="seconds")})
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, (line + "\n").encode())
        finally:
            os.close(fd)
    except OSError as exc:
        log.warning("could not anchor the audit head in %s (%s)", path, exc.strerror)


def anchors_for(url: str) -> dict[int, str]:
    """Every head this computer anchored for the database at ``url``: ``{seq: hash}``."""
    db = database_id(url)
    found: dict[int, str] = {}
    try:
        lines = journal_path().read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return found
    except OSError as exc:
        log.warning("could not read the audit anchor journal (%s)", exc.strerror)
        return found
    for line in lines:
        try:
            entry = json.loads(line)
            if entry["db"] == db:
                found[int(entry["seq"])] = str(entry["hash"])
        except (ValueError, KeyError, TypeError):
            continue  # a torn last line after a crash: the other anchors still count
    return found


def forget(url: str) -> None:
    """Drop this computer's anchors for ``url`` (the database was deliberately recreated)."""
    path = journal_path()
    if not path.exists():
        return
    db = database_id(url)
    keep = [line for line in path.read_text(encoding="utf-8").splitlines() if f'"db": "{db}"' not in line]
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("".join(line + "\n" for line in keep))
    os.replace(tmp, path)


def checkpoint(url: str, seq: int, digest: str) -> dict[str, Any]:
    """A signed checkpoint of the head ``(seq, digest)``, to keep off the machine."""
    body = {"database": database_id(url), "seq": seq, "hash": digest,
            "at": datetime.now(UTC).isoformat(timespec="seconds"), "key_id": integrity_key().key_id}
    return body | {"signature": integrity_key().sign(json.dumps(body, sort_keys=True).encode())}


def read_checkpoint(text: str) -> tuple[int, str]:
    """The ``(seq, hash)`` of a checkpoint, once its signature is checked.

    Raises:
        ValidationError: not a checkpoint, or its signature does not match this practice's key.
    """
    try:
        data = json.loads(text)
        signature = data.pop("signature")
        seq, digest = int(data["seq"]), str(data["hash"])
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ValidationError("That file is not an audit checkpoint.", "Use a file written by `socialtui audit anchor export`.") from None
    if integrity_key().sign(json.dumps(data, sort_keys=True).encode()) != signature:
        raise ValidationError("The checkpoint's signature does not match (it was changed, or it is another practice's).",
                              "Use the checkpoint exactly as exported, on a computer that holds the practice's key.")
    return seq, digest
