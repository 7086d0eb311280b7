"""Load workbooks into a relational database (``perfxl db load``): the tables, then the loading."""

from perfxl.db.load import LoadReport, amount_problems, load_datasets, load_paths
from perfxl.db.schema import DEFAULT_URL, TABLES, metadata, normalize_url

__all__ = [
    "DEFAULT_URL",
    "TABLES",
    "LoadReport",
    "amount_problems",
    "load_datasets",
    "load_paths",
    "metadata",
    "normalize_url",
]
