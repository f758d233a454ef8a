"""Safeguard checks: the practice's social-media rulebook as code."""
