"""graphbuild: knowledge graphs from Chinese local-government newspaper pages."""

__version__ = "0.1.0"
