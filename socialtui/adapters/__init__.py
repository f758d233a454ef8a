"""Platform adapters: X, Facebook Pages, dry run, and third-party plugins."""
