"""The access log: who read, looked up, exported or erased what, and when (DOMAIN §3.5)."""
