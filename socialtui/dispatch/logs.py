"""Structured logs for the service: one JSON object a line, no secret and no post text.

Only whitelisted ``extra`` fields (ids, names of accounts, outcomes, counts) are
written; anything else a library attaches is left out.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

SAFE_FIELDS = ("worker", "post_id", "pub_id", "account", "reason", "dry_run", "post_ids", "outcome",
               "rescheduled", "published", "needs_attention", "sent", "checked", "reused")


class JsonFormatter(logging.Formatter):
    """``{"ts", "level", "logger", "event", ...ids}`` per record."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        for name in SAFE_FIELDS:
            if name in record.__dict__:
                data[name] = record.__dict__[name]
        if record.exc_info and record.exc_info[0] is not None:
            data["error_type"] = record.exc_info[0].__name__
        return json.dumps(data, default=str)


def configure_service_logging(level: int = logging.INFO) -> None:
    """Send every log record to stderr as JSON (journald keeps it)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("alembic", "apscheduler", "urllib3", "requests_oauthlib", "oauthlib", "tweepy", "facebook"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    from socialtui.adapters.http import guard_library_logs

    guard_library_logs()
