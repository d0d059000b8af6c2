"""Ingestion: files → pages → articles (see docs/CONTRACTS.md)."""

from graphbuild.ingest.page import iter_input_files, read_page
from graphbuild.ingest.segment import segment

__all__ = ["iter_input_files", "read_page", "segment"]
