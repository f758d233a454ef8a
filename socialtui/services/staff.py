"""The staff roster: who writes, who approves, and whose training is in date."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from socialtui.audit import record
from socialtui.errors import NotFoundError, PermissionDeniedError, ValidationError
from socialtui.services.permissions import Permission, Role, require
from socialtui.store.models import StaffMember

__all__ = ["Role", "add_staff", "get_staff", "record_training", "require_approver", "training_in_date"]


def get_staff(session: Session, name: str) -> StaffMember:
    """The staff member called ``name``.

    Raises:
        NotFoundError: nobody by that name is on the roster.
    """
    member = session.scalar(select(StaffMember).where(StaffMember.name == name))
    if member is None:
        names = session.scalars(select(StaffMember.name).order_by(StaffMember.name)).all()
        raise NotFoundError(f"No staff member called {name!r}.", f"Staff: {', '.join(names) or 'none yet'}; add one with `socialtui staff add`.")
    return member


def add_staff(session: Session, name: str, role: str, trained_on: date | None, *, actor: str) -> StaffMember:
    """Add someone to the roster: an admin's job, except the very first member, who must be an admin.

    Raises:
        ValidationError: the role is unknown, the name is taken, or the first member is not an admin.
        PermissionDeniedError: ``actor`` is not an admin.
    """
    first = session.scalar(select(StaffMember.id).limit(1)) is None
    if not first:
        require(session, actor, Permission.MANAGE_STAFF)
    elif role != Role.ADMIN:
        raise ValidationError("The first staff member must be an admin, who then adds everyone else.",
                              "Add yourself (or the practice's administrator) with the admin role first.")
    name = name.strip()
    if not name:
        raise ValidationError("A staff member needs a name.", "Pass the name, e.g. `socialtui staff add \"Dana Reyes\" --role author`.")
    try:
        role = Role(role).value
    except ValueError:
        raise ValidationError(f"Unknown role {role!r}.", f"Use one of: {', '.join(r.value for r in Role)}.") from None
    if session.scalar(select(StaffMember.id).where(StaffMember.name == name)) is not None:
        raise ValidationError(f"{name!r} is already on the roster.", "Use `socialtui staff train` to update their training date.")
    member = StaffMember(name=name, role=role, trained_on=trained_on)
    session.add(member)
    session.flush()
    record(session, actor=actor, action="staff.add", subject=("staff", member.id), details={"role": role})
    return member


def record_training(session: Session, name: str, on: date, *, actor: str) -> StaffMember:
    """Record that ``name`` completed social-media training on ``on`` (an admin's job)."""
    require(session, actor, Permission.MANAGE_STAFF)
    member = get_staff(session, name)
    if on > date.today():
        raise ValidationError("A training date cannot be in the future.", "Enter the day the training was completed.")
    member.trained_on = on
    record(session, actor=actor, action="staff.train", subject=("staff", member.id), details={"on": on.isoformat()})
    return member


def training_in_date(member: StaffMember, *, valid_months: int, today: date | None = None) -> bool:
    """Whether ``member`` completed training within ``valid_months`` of ``today``."""
    if member.trained_on is None:
        return False
    return add_months(member.trained_on, valid_months) >= (today or date.today())


def add_months(day: date, months: int) -> date:
    """``day`` moved ``months`` calendar months on, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def require_approver(member: StaffMember, *, valid_months: int) -> None:
    """Refuse anyone but an approver (or admin) with in-date training.

    Raises:
        PermissionDeniedError: wrong role, or training missing or out of date.
    """
    if member.role not in (Role.APPROVER, Role.ADMIN):
        raise PermissionDeniedError(f"{member.name} is an {member.role}, not an approver.", "Ask a staff member with the approver role to review it.")
    if not training_in_date(member, valid_months=valid_months):
        when = f"last trained {member.trained_on}" if member.trained_on else "no training on record"
        raise PermissionDeniedError(
            f"{member.name}'s social-media training is not in date ({when}).",
            f"Training must be within {valid_months} months; record it with `socialtui staff train \"{member.name}\" --on DATE`.",
        )
