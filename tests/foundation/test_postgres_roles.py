"""The shipped PostgreSQL role setup (config/postgres-roles.sql): least privilege, an append-only audit log."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from .helpers import new_post

ROLES_SQL = Path(__file__).resolve().parents[2] / "config" / "postgres-roles.sql"


@pytest.fixture
def pg_with_roles(staffed, staff):
    if not staffed.store.engine.dialect.name == "postgresql":
        pytest.skip("the role setup is for PostgreSQL")
    with staffed.store.session() as session:
        new_post(session, staff.author)
    with staffed.store.engine.begin() as conn:  # as psql would run it: the raw driver, no placeholders
        conn.connection.dbapi_connection.execute(ROLES_SQL.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    return staffed


def refused(practice, statement: str, role: str | None = None) -> str:
    with pytest.raises(DBAPIError) as error, practice.store.engine.begin() as conn:
        if role:
            conn.execute(text(f"SET LOCAL ROLE {role}"))
        conn.execute(text(statement))
    return str(error.value.orig)


def test_even_the_owner_cannot_update_or_delete_an_audit_event(pg_with_roles):
    assert "append-only" in refused(pg_with_roles, "UPDATE audit_events SET actor = 'someone else'")
    assert "append-only" in refused(pg_with_roles, "DELETE FROM audit_events")
    assert "append-only" in refused(pg_with_roles, "TRUNCATE audit_events")


def test_the_audit_head_only_moves_forward(pg_with_roles):
    assert "only moves forward" in refused(pg_with_roles, "UPDATE audit_head SET seq = 0, hash = 'x'")


def test_the_app_still_appends_under_the_trigger(pg_with_roles, staff):
    with pg_with_roles.store.session() as session:
        new_post(session, staff.author)


def test_a_workstation_role_cannot_touch_the_log_or_promote_anyone(pg_with_roles):
    assert "permission denied" in refused(pg_with_roles, "UPDATE audit_events SET actor = 'x'", role="socialtui_app")
    assert "permission denied" in refused(pg_with_roles, "UPDATE staff SET role = 'admin'", role="socialtui_app")
    assert "permission denied" in refused(pg_with_roles, "INSERT INTO staff (name, role, active, created_at, "
                                          "passphrase_is_setup_code, failed_sign_ins) VALUES ('x', 'admin', true, now(), "
                                          "false, 0)", role="socialtui_app")


def test_the_scheduler_role_cannot_approve_anything(pg_with_roles):
    assert "permission denied" in refused(pg_with_roles, "UPDATE approvals SET content_hash = 'x'", role="socialtui_serve")
