"""Who may do what: roles carry permissions, and every service asks here before it acts.

The table lives in the services, not in a front end, so the CLI, the TUI and any later
front end obey it alike. Permissions are cumulative: an approver may do all an author
may, an admin all an approver may.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from socialtui.errors import NotFoundError, PermissionDeniedError
from socialtui.store.models import StaffMember


class Role(StrEnum):
    """What a staff member is on the roster."""

    AUTHOR = "author"
    APPROVER = "approver"
    ADMIN = "admin"


class Permission(StrEnum):
    """One thing a role may do."""

    WRITE = "write posts"
    SUBMIT = "submit posts for review"
    APPROVE = "approve posts"
    REJECT = "reject posts"
    MANAGE_STAFF = "manage staff and passphrases"
    MANAGE_ACCOUNTS = "connect and remove accounts"
    MANAGE_CHECKS = "change the check policy and settings"
    REVOKE_CONSENT = "revoke consents"


_AUTHOR = frozenset({Permission.WRITE, Permission.SUBMIT})
_APPROVER = _AUTHOR | {Permission.APPROVE, Permission.REJECT}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.AUTHOR: _AUTHOR,
    Role.APPROVER: _APPROVER,
    Role.ADMIN: frozenset(Permission),
}
"""Every role's permissions."""


def lowest_role_with(permission: Permission) -> Role:
    """The least powerful role that holds ``permission``."""
    return next(role for role in Role if permission in ROLE_PERMISSIONS[role])


def may(member: StaffMember, permission: Permission) -> bool:
    """Whether ``member`` is active and their role holds ``permission``."""
    return member.active and permission in ROLE_PERMISSIONS.get(Role(member.role), frozenset())


def require(session: Session, actor: str, permission: Permission) -> StaffMember:
    """The staff member ``actor``, when they may do ``permission``.

    Raises:
        NotFoundError: nobody called ``actor`` is on the roster.
        PermissionDeniedError: their role does not allow it (the message says which role does).
    """
    member = session.scalar(select(StaffMember).where(StaffMember.name == actor))
    if member is None:
        names = session.scalars(select(StaffMember.name).order_by(StaffMember.name)).all()
        raise NotFoundError(f"No staff member called {actor!r}.", f"Staff: {', '.join(names) or 'none yet'}.")
    if not member.active:
        raise PermissionDeniedError(f"{member.name} is no longer active on the roster.", "Ask an admin.")
    if not may(member, permission):
        needed = lowest_role_with(permission)
        raise PermissionDeniedError(
            f"{member.name} is an {member.role}; only an {needed}{' or admin' if needed is not Role.ADMIN else ''} "
            f"may {permission}.",
            f"Ask {_someone_who_may(session, permission)} to do it.",
        )
    return member


def _someone_who_may(session: Session, permission: Permission) -> str:
    roles = [r.value for r, perms in ROLE_PERMISSIONS.items() if permission in perms]
    names = session.scalars(select(StaffMember.name).where(StaffMember.role.in_(roles), StaffMember.active)
                            .order_by(StaffMember.name).limit(3)).all()
    return " or ".join(names) if names else f"a staff member with the {roles[0]} role"
