"""Proving who is at the keyboard: passphrases, one-time setup codes and lock-outs.

A passphrase is stored only as a slow, salted scrypt hash. An admin never learns anyone's
passphrase: they issue a one-time setup code, with which the person sets their own.
Wrong passphrases are counted per person; after ``lockout_attempts`` in a row that person
is locked out for ``lockout_minutes`` (audited). The counting is committed even though
the sign-in fails, so a lock-out cannot be dodged by rolling back.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from socialtui.audit import record
from socialtui.config import IdentitySettings
from socialtui.errors import PermissionDeniedError, ValidationError
from socialtui.practice_time import now_utc
from socialtui.services.permissions import Permission, require
from socialtui.services.staff import get_staff
from socialtui.store.database import Store
from socialtui.store.models import StaffMember

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSPHRASE = 10
_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud or copied by hand


def hash_passphrase(passphrase: str, *, salt: bytes | None = None) -> str:
    """``scrypt$N$r$p$salt$hash`` (base64) for ``passphrase``."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(passphrase.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def passphrase_matches(stored: str, passphrase: str) -> bool:
    """Whether ``passphrase`` hashes to ``stored`` (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(passphrase.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


def sign_in(store: Store, name: str, passphrase: str, settings: IdentitySettings, *,
            allow_setup_code: bool = False, now: datetime | None = None) -> None:
    """Check ``name``'s passphrase (or, when allowed, their one-time setup code).

    Raises:
        NotFoundError: nobody by that name.
        PermissionDeniedError: locked out, no passphrase yet, a setup code where a passphrase
            is needed, or the wrong passphrase (the message says how many tries remain).
    """
    with store.session() as session:
        problem = _check(session, name, passphrase, settings, allow_setup_code=allow_setup_code, now=now or now_utc())
    if problem is not None:
        raise problem


def _check(session: Session, name: str, passphrase: str, settings: IdentitySettings, *,
           allow_setup_code: bool, now: datetime) -> PermissionDeniedError | None:
    member = get_staff(session, name)
    if not member.active:
        return PermissionDeniedError(f"{member.name} is no longer active on the roster.", "Ask an admin.")
    if member.locked_until is not None and member.locked_until > now:
        return PermissionDeniedError(
            f"{member.name} is locked out after {settings.lockout_attempts} wrong passphrases, "
            f"until {member.locked_until:%H:%M} UTC.",
            "Wait, or ask an admin to issue a new setup code.")
    if member.passphrase_hash is None:
        return PermissionDeniedError(f"{member.name} has no passphrase yet.",
                                     f"Ask an admin for a one-time setup code (staff → setup code for {member.name}).")
    if member.passphrase_is_setup_code and not allow_setup_code:
        return PermissionDeniedError(f"{member.name} has a setup code but has not chosen a passphrase yet.",
                                     "Choose your own passphrase with the setup code first.")
    if passphrase_matches(member.passphrase_hash, passphrase):
        member.failed_sign_ins, member.locked_until = 0, None
        return None
    member.failed_sign_ins += 1
    left = settings.lockout_attempts - member.failed_sign_ins
    if left <= 0:
        member.failed_sign_ins = 0
        member.locked_until = now + timedelta(minutes=settings.lockout_minutes)
        record(session, actor=member.name, action="identity.lockout", subject=("staff", member.id),
               details={"minutes": settings.lockout_minutes, "attempts": settings.lockout_attempts})
        return PermissionDeniedError(f"Wrong passphrase. {member.name} is now locked out for "
                                     f"{settings.lockout_minutes} minutes.", "Wait, or ask an admin for a new setup code.")
    return PermissionDeniedError(f"Wrong passphrase for {member.name}.",
                                 f"{left} tr{'y' if left == 1 else 'ies'} left before a {settings.lockout_minutes}-minute lock-out.")


def issue_setup_code(session: Session, name: str, *, actor: str) -> str:
    """An admin issues ``name`` a one-time setup code (shown once, stored only as a hash).

    Any passphrase ``name`` had stops working, and any lock-out ends.
    """
    require(session, actor, Permission.MANAGE_STAFF)
    member = get_staff(session, name)
    code = "-".join("".join(secrets.choice(_CODE_ALPHABET) for _ in range(4)) for _ in range(4))
    member.passphrase_hash, member.passphrase_is_setup_code = hash_passphrase(code), True
    member.failed_sign_ins, member.locked_until = 0, None
    record(session, actor=actor, action="identity.setup_code", subject=("staff", member.id))
    return code


def set_passphrase(store: Store, name: str, current: str, new: str, settings: IdentitySettings) -> None:
    """``name`` replaces their passphrase or setup code ``current`` with ``new`` (audited).

    Raises:
        PermissionDeniedError: ``current`` is wrong (counted towards a lock-out).
        ValidationError: ``new`` is too short or is the person's name.
    """
    _require_good(name, new)
    sign_in(store, name, current, settings, allow_setup_code=True)
    with store.session() as session:
        set_first_passphrase(session, get_staff(session, name), new)


def set_first_passphrase(session: Session, member: StaffMember, new: str) -> None:
    """Give a member their passphrase directly (the first admin at setup, tests); audited.

    Raises:
        ValidationError: ``new`` is too short or is the person's name.
    """
    _require_good(member.name, new)
    member.passphrase_hash, member.passphrase_is_setup_code = hash_passphrase(new), False
    record(session, actor=member.name, action="identity.passphrase_set", subject=("staff", member.id))


def _require_good(name: str, new: str) -> None:
    if len(new) < MIN_PASSPHRASE:
        raise ValidationError(f"A passphrase needs at least {MIN_PASSPHRASE} characters.",
                              "A few unrelated words make a good one.")
    if name.lower() in new.lower():
        raise ValidationError("A passphrase must not contain your name.", "Choose a few unrelated words.")
