"""One hierarchy for every error a person may see.

Each error carries a ``message`` (what went wrong) and a ``hint`` (what to do next).
The CLI and the TUI print both and never a traceback. Neither may contain a secret
or patient text: callers pass identifiers and field names, not content.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class SocialTuiError(Exception):
    """Base of every error socialtui reports to a person."""

    exit_code = 2

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class ConfigError(SocialTuiError):
    """The configuration file is missing, malformed or invalid."""


class NotFoundError(SocialTuiError):
    """A post, consent, staff member or account does not exist."""


class ValidationError(SocialTuiError):
    """Input a person typed is not acceptable (bad date, unknown kind, ...)."""


class TimeError(ValidationError):
    """A time that does not exist, is ambiguous, or lies in the past."""


class ConflictError(SocialTuiError):
    """Someone else changed the record since it was read (optimistic locking)."""


class IllegalTransitionError(SocialTuiError):
    """A lifecycle transition that the state machine does not allow."""


class PermissionDeniedError(SocialTuiError):
    """The acting staff member may not do this (role, training, own post)."""


class OverridesNotAcknowledgedError(ValidationError):
    """An approver has not acknowledged every warning the author overrode."""

    def __init__(self, message: str, hint: str = "", codes: Sequence[str] = ()) -> None:
        super().__init__(message, hint)
        self.codes = list(codes)


class ChecksBlockedError(SocialTuiError):
    """Safeguard checks found errors, or warnings that have not been overridden."""

    exit_code = 1

    def __init__(self, message: str, hint: str = "", findings: Sequence[Any] = ()) -> None:
        super().__init__(message, hint)
        self.findings = list(findings)


class StoreError(SocialTuiError):
    """The database cannot be reached, is locked, or needs an upgrade."""


class CredentialError(SocialTuiError):
    """A credential is missing, or no safe keyring backend is available."""


class PlatformError(SocialTuiError):
    """A platform refused or failed a request.

    ``transient`` errors (network, 5xx, rate limits) may be retried, after
    ``retry_after`` seconds when the platform said so; ``auth`` errors mean the
    account needs reconnecting; anything else is permanent.
    """

    def __init__(
        self,
        message: str,
        hint: str = "",
        *,
        transient: bool = False,
        auth: bool = False,
        retry_after: float | None = None,
        status: int | None = None,
        code: int | str | None = None,
    ) -> None:
        super().__init__(message, hint)
        self.transient = transient
        self.auth = auth
        self.retry_after = retry_after
        self.status = status
        self.code = code
