"""Build the adapter for one account: real (credentials from the keyring) or dry run; outbox rows."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from socialtui.adapters.registry import load_adapter_class
from socialtui.errors import CredentialError
from socialtui.store.models import OutboxEntry

if TYPE_CHECKING:
    from socialtui.adapters.base import Adapter, RenderedRequest
    from socialtui.context import Practice
    from socialtui.credentials import CredentialStore
    from socialtui.store.models import Account


def adapter_options(practice: Practice, account: Account) -> dict[str, Any]:
    """Options every adapter of this practice gets (timeouts, pinned API versions)."""
    return {"account_name": account.name, "graph_api_version": practice.config.dispatch.facebook_graph_version}


def build_adapter(practice: Practice, account: Account, *, dry_run: bool, credentials: CredentialStore | None = None,
                  record: Callable[[str, list[RenderedRequest]], None] | None = None) -> Adapter:
    """The adapter that publishes to ``account``.

    A dry run (or a dry-run account) gets the dry-run adapter, which needs no
    credential and sends nothing. A real one reads its credentials from the
    keyring; an adapter whose credentials are all optional works without any.

    Raises:
        CredentialError: no safe keyring, or required credentials missing.
        ValidationError: no adapter is installed for the account's platform.
    """
    timeout = practice.config.dispatch.http_timeout_seconds
    options = adapter_options(practice, account)
    if dry_run or account.dry_run:
        from socialtui.adapters.dryrun import DryRunAdapter

        return DryRunAdapter(account.handle, {}, http_timeout=timeout, platform=account.platform, record=record, **options)
    adapter_class = load_adapter_class(account.platform)
    fields: dict[str, str] = {}
    if adapter_class.credential_fields:
        from socialtui.credentials import CredentialStore

        store = credentials or CredentialStore()
        try:
            fields = store.load(account.name, account.platform)
        except CredentialError:
            if any(not f.optional for f in adapter_class.credential_fields):
                raise
        if "on_tokens_refreshed" not in options:
            options["on_tokens_refreshed"] = lambda new: store.save(account.name, new)
    adapter: Adapter = adapter_class(account.handle, fields, http_timeout=timeout, **options)
    return adapter


def outbox_entry(post_id: int | None, account_name: str, platform: str, requests: list[RenderedRequest]) -> OutboxEntry:
    """The outbox row for what a dry run would have sent to ``platform``."""
    return OutboxEntry(post_id=post_id, account_name=account_name, platform=platform,
                       request={"requests": [dataclasses.asdict(r) for r in requests]})
