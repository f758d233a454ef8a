"""Publishing: claim due publications, send them once, reconcile after a crash.

The database is the only source of truth; APScheduler only decides *when* to look.
"""

from socialtui.dispatch.claims import claim_due, sweep_missed
from socialtui.dispatch.publisher import Publisher

__all__ = ["Publisher", "claim_due", "sweep_missed"]
