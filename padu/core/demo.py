"""The demo's shared secrets: every demo account's password and the demo staff's TOTP secret.

The demo itself is the apps' seeders, run in dependency order (padu.core.manifest.demo_seed).
"""

DEMO_PASSWORD = "padu-demo-2026"  # noqa: S105 - printed for the demo on purpose
# A fixed TOTP secret for demo staff whose roles need two factors; `padu demo --totp` prints the code.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - demo only
