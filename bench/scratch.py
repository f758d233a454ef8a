"""A throw-away practice for the dispatch benchmarks: private XDG folders and an empty store.

``with scratch_store("bench", pg=False) as (folder, url):`` gives a temp folder (the XDG
data, config, cache and state homes point inside it) and a database URL: a SQLite file
there, or a PostgreSQL schema of its own that is dropped afterwards.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_ADMIN_URL = os.environ.get("SOCIALTUI_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


@contextmanager
def scratch_store(prefix: str, *, pg: bool) -> Iterator[tuple[Path, str]]:
    """A temp folder with its own XDG homes, and an empty database URL in it (or a PostgreSQL schema)."""
    with tempfile.TemporaryDirectory(prefix=f"socialtui-{prefix}-") as tmp:
        folder = Path(tmp)
        for name in ("DATA", "CONFIG", "CACHE", "STATE"):
            os.environ[f"XDG_{name}_HOME"] = str(folder / name.lower())
        os.environ["SOCIALTUI_KEYRING"] = "memory"  # the webhook needs no token
        os.environ.pop("SOCIALTUI_TEST_FAULT", None)
        schema = None
        if pg:
            schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
            _pg(f'CREATE SCHEMA "{schema}"')
            url = "postgresql+psycopg://" + PG_ADMIN_URL.split("://", 1)[1] + f"?options=-csearch_path%3D{schema}"
        else:
            url = f"sqlite:///{folder / 'socialtui.db'}"
        try:
            yield folder, url
        finally:
            if schema:
                _pg(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _pg(statement: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(statement)
