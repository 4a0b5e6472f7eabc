"""Benchmarks of inspectkg at real-corpus scale: ingest, named queries, persistence reads (not tests)."""
