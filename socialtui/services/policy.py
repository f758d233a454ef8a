"""The check policy is itself a safeguard: its fingerprint is recorded, and every change audited.

The *policy* is what decides whether a post is safe to send: the ``[checks]`` table, how
people prove who they are (``[identity]``) and who the computer logins are
(``[staff_users]``). Changed from the app, it needs the admin role; changed in the file by
an editor or a deployment tool, the next socialtui process to load it records the change
(source ``file``) and it is shown until an admin acknowledges it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from socialtui.audit import record
from socialtui.config import Config, parse_config
from socialtui.errors import ConfigError, ValidationError
from socialtui.services.permissions import Permission, require
from socialtui.store.models import PolicyRecord, utcnow

FILE_EDITOR = "config file (edited outside socialtui)"
"""Who a change found in the file is recorded as: socialtui cannot know who made it."""

POLICY_SECTIONS = ("checks", "identity", "staff_users", "accounts")
"""The config sections that are policy: what is checked, who is who, and where posts go."""

_STRICTNESS = {"trust": 0, "os-user": 1, "passphrase": 2}


def effective_policy(config: Config) -> dict[str, Any]:
    """The policy as the file sets it, as plain JSON data (no secret: the config never holds one).

    Only values the file sets are included, so a new release that changes a built-in default
    is not mistaken for somebody's edit of the file.
    """
    data = config.model_dump(mode="json", exclude_unset=True)
    return {section: data[section] for section in POLICY_SECTIONS if section in data}


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def policy_fingerprint(config: Config) -> str:
    """SHA-256 of the effective policy."""
    return hashlib.sha256(_canonical(effective_policy(config)).encode()).hexdigest()


def active_rules(config: Config) -> list[str]:
    """The codes of every check switched on under this config."""
    from socialtui.checks import all_rules

    disabled = {c.upper() for c in config.checks.disabled}
    return sorted(rule.code for rule in all_rules() if rule.code not in disabled)


def changed_keys(old: dict[str, Any], new: dict[str, Any], prefix: str = "") -> list[str]:
    """Dotted keys whose values differ between two policy snapshots."""
    keys: list[str] = []
    for key in sorted(set(old) | set(new)):
        a, b, name = old.get(key), new.get(key), f"{prefix}{key}"
        if isinstance(a, dict) or isinstance(b, dict):  # a table only one side has: name its keys
            keys += changed_keys(a if isinstance(a, dict) else {}, b if isinstance(b, dict) else {}, name + ".")
        elif a != b:
            keys.append(name)
    return keys


def _value_hash(snapshot: dict[str, Any], dotted: str) -> str | None:
    value: Any = snapshot
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return hashlib.sha256(_canonical(value).encode()).hexdigest()[:16]


def latest_record(session: Session) -> PolicyRecord | None:
    """The newest policy record."""
    return session.scalar(select(PolicyRecord).order_by(PolicyRecord.id.desc()).limit(1))


def _record(session: Session, config: Config, *, source: str, actor: str, acknowledged: bool) -> PolicyRecord:
    previous = latest_record(session)
    snapshot = effective_policy(config)
    row = PolicyRecord(fingerprint=policy_fingerprint(config), snapshot=snapshot, source=source, changed_by=actor,
                       recorded_at=utcnow())
    if acknowledged:
        row.acknowledged_by, row.acknowledged_at = actor, row.recorded_at
    session.add(row)
    session.flush()
    keys = changed_keys(previous.snapshot, snapshot) if previous is not None else []
    record(session, actor=actor, action="policy.change" if previous is not None else "policy.initial",
           subject=("policy", row.id),
           details={"source": source, "fingerprint": row.fingerprint,
                    "keys": [{"key": k, "old": _value_hash(previous.snapshot, k) if previous else None,
                              "new": _value_hash(snapshot, k)} for k in keys],
                    "disabled": sorted(config.checks.disabled)})
    return row


def observe_policy(session: Session, config: Config) -> PolicyRecord | None:
    """Record the policy if it differs from the last one recorded; the new record, or None.

    Called whenever a socialtui process opens the practice. A difference nobody made
    through the app was made in the file: it is recorded as such and stays unacknowledged.
    """
    previous = latest_record(session)
    if previous is not None and previous.fingerprint == policy_fingerprint(config):
        return None
    if previous is None:
        return _record(session, config, source="initial", actor="socialtui (first start)", acknowledged=True)
    return _record(session, config, source="file", actor=FILE_EDITOR, acknowledged=False)


def last_acknowledged(session: Session) -> PolicyRecord | None:
    """The newest policy an admin acknowledged (the first one recorded counts as acknowledged)."""
    return session.scalar(select(PolicyRecord).where(PolicyRecord.acknowledged_at.is_not(None))
                          .order_by(PolicyRecord.id.desc()).limit(1))


def enforced_config(session: Session, config: Config) -> Config:
    """The config socialtui enforces: a loosening nobody has acknowledged does not take effect.

    While a change found in the file waits for an admin, a check it switches off stays on,
    an identity mode it weakens stays as strict as the acknowledged one, and a changed
    ``[staff_users]`` mapping is not used. Tightenings take effect at once.
    """
    if unacknowledged_change(session) is None:
        return config
    acked = last_acknowledged(session)
    if acked is None:
        return config
    rest = {k: v for k, v in config.model_dump(mode="json", exclude_unset=True).items() if k not in POLICY_SECTIONS}
    before = parse_config({**rest, **acked.snapshot})  # a section the acknowledged file left out had its defaults
    checks = config.checks.model_copy(update={
        "disabled": [c for c in config.checks.disabled if c.upper() in {d.upper() for d in before.checks.disabled}]})
    identity = config.identity
    if _STRICTNESS[before.identity.mode] > _STRICTNESS[identity.mode]:
        identity = identity.model_copy(update={"mode": before.identity.mode})
    return config.model_copy(update={"checks": checks, "identity": identity, "staff_users": before.staff_users})


def pending_disabled(config: Config, enforced: Config) -> list[str]:
    """Checks the file switches off that stay on until an admin acknowledges the change."""
    on = {c.upper() for c in enforced.checks.disabled}
    return sorted({c.upper() for c in config.checks.disabled} - on)


def unacknowledged_change(session: Session) -> PolicyRecord | None:
    """The newest policy change no admin has acknowledged yet, if any."""
    row = latest_record(session)
    return row if row is not None and row.acknowledged_at is None else None


def acknowledge(session: Session, *, actor: str) -> PolicyRecord:
    """An admin confirms they have seen the current policy (audited).

    Raises:
        PermissionDeniedError: ``actor`` is not an admin.
        ValidationError: there is nothing to acknowledge.
    """
    require(session, actor, Permission.MANAGE_CHECKS)
    row = unacknowledged_change(session)
    if row is None:
        raise ValidationError("There is no policy change waiting to be acknowledged.", "Nothing to do.")
    row.acknowledged_by, row.acknowledged_at = actor, utcnow()
    record(session, actor=actor, action="policy.acknowledge", subject=("policy", row.id),
           details={"fingerprint": row.fingerprint})
    return row


@dataclass(frozen=True)
class DisabledRule:
    """A check switched off: by whom, since when, and why."""

    code: str
    by: str
    on: date | None
    reason: str

    def describe(self) -> str:
        """``PRV001 disabled by Lee Park on 2026-12-01: reason``."""
        when = f" on {self.on}" if self.on else ""
        return f"{self.code} disabled by {self.by}{when}: {self.reason or 'no reason given'}"


def disabled_rules(session: Session, config: Config) -> list[DisabledRule]:
    """Every switched-off check with who switched it off and when (from the policy records)."""
    records = list(session.scalars(select(PolicyRecord).order_by(PolicyRecord.id.desc())))
    reasons = config.checks.disabled_reasons
    result = []
    for code in sorted({c.upper() for c in config.checks.disabled}):
        since: PolicyRecord | None = None
        for row in records:  # newest first: the oldest record of the newest streak that has it off
            if code not in {c.upper() for c in row.snapshot.get("checks", {}).get("disabled", [])}:
                break
            since = row
        result.append(DisabledRule(code, since.changed_by if since else "unknown", since.recorded_at.date() if since else None,
                                   reasons.get(code, "")))
    return result


@dataclass(frozen=True)
class PendingChange:
    """A policy change no admin has acknowledged yet."""

    recorded_at: datetime
    source: str
    changed_by: str
    keys: list[str]


@dataclass(frozen=True)
class PolicySummary:
    """What every front end shows about the policy: switched-off checks and an unacknowledged change."""

    fingerprint: str
    identity_mode: str
    disabled: list[DisabledRule]
    pending: PendingChange | None
    held_back: list[str]
    """Checks the file switches off that stay on until an admin acknowledges the change."""

    @property
    def needs_attention(self) -> bool:
        """Whether anything here should be in front of people: a check off, or an unreviewed change."""
        return bool(self.disabled) or self.pending is not None


def summarize(session: Session, config: Config, file_config: Config | None = None) -> PolicySummary:
    """The policy in force (``config``), its switched-off checks and any change waiting for an admin.

    Args:
        file_config: the config as the file has it, when it differs from the one enforced.
    """
    row = unacknowledged_change(session)
    pending = None
    if row is not None:
        before = session.scalar(select(PolicyRecord).where(PolicyRecord.id < row.id)
                                .order_by(PolicyRecord.id.desc()).limit(1))
        pending = PendingChange(row.recorded_at, row.source, row.changed_by,
                                changed_keys(before.snapshot, row.snapshot) if before is not None else [])
    held_back = pending_disabled(file_config, config) if file_config is not None else []
    return PolicySummary(policy_fingerprint(config), config.identity.mode, disabled_rules(session, config), pending,
                         held_back)


def save_settings(session: Session, config: Config, path: Path, source: str, *, actor: str) -> Config:
    """Validate ``source`` (TOML) and write it to ``path``, as ``actor``.

    Any change to the policy or to ``[[accounts]]`` needs the admin role; a policy change is
    recorded and audited (who, which keys, hashes of the old and new values). The file is
    written atomically, exactly as typed (comments kept).

    Raises:
        ConfigError: the text is not valid TOML or not a valid config.
        PermissionDeniedError: a guarded section changed and ``actor`` is not an admin.
    """
    try:
        raw = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"This is not valid TOML: {exc}.", "Fix the line it names; nothing was saved.") from None
    new = parse_config(raw, path)
    policy_changed = policy_fingerprint(new) != policy_fingerprint(config)
    accounts_changed = new.model_dump(mode="json")["accounts"] != config.model_dump(mode="json")["accounts"]
    if policy_changed or accounts_changed:
        require(session, actor, Permission.MANAGE_CHECKS)
    else:
        require(session, actor, Permission.WRITE)
    # Recorded first, in the caller's transaction: if writing the file fails, the record rolls back.
    if policy_changed:
        _record(session, new, source="app", actor=actor, acknowledged=True)
    if accounts_changed:
        record(session, actor=actor, action="config.accounts", subject=("config", path.name),
               details={"accounts": sorted(a.name for a in new.accounts)})
    session.flush()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(source, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise ConfigError(f"Cannot write {path}: {exc.strerror}.", "Check the file's permissions; nothing was saved.") from None
    return new
