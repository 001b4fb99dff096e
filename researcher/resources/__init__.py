"""The register of local resources that can meet needs, referrals to them, and matching."""
