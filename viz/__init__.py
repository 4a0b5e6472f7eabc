"""Viz: pyvis views of authorities, practice areas and the national overview."""

from .render import render_view

__all__ = ["render_view"]
