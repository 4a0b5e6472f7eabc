"""API: the SPARQL 1.1 Protocol endpoint, the REST API and the served views."""

from .app import create_app

__all__ = ["create_app"]
