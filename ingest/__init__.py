"""Ingest: readers, structure, classification and RDF mapping of Ofsted documents."""

from .pipeline import IngestResult, expand_paths, ingest_paths, process_file

__all__ = ["IngestResult", "expand_paths", "ingest_paths", "process_file"]
