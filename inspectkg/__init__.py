"""inspectkg: a knowledge graph of Ofsted inspection evidence."""

__version__ = "0.1.0"
__all__ = ["__version__"]
