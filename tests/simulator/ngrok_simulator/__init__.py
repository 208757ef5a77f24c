"""A local, stateful simulator of the ngrok REST API (version 2)."""

__version__ = "1.0.0"
