"""The manager's review of the service types (D3) grouped for the diagnosis."""
