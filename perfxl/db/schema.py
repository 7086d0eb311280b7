"""The database tables ``perfxl db load`` fills, and connecting to a database (SQLAlchemy 2 Core).

Tables ``units``, ``department_goals``, ``projects``, ``schedules``,
``indicators`` and ``sources`` are keyed by (year, division, unit[, project]).
Amounts (万元) are stored as whole hundredths in BIGINT columns named
``*_cents`` on every backend: SQLite keeps NUMERIC as a float, and SUM over
floats is not exact.  SQLAlchemy is imported inside the functions so that
importing this module stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from perfxl.core.errors import PerfxlError
from perfxl.db.stages import STAGE_TABLES, add_stage_tables

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine, MetaData

DEFAULT_URL = "perfxl.db"
MONEY_COLUMNS: tuple[str, ...] = ("budget_total_cents", "budget_fiscal_cents", "budget_other_cents")
TABLES: tuple[str, ...] = (
    "sources",
    "units",
    "department_goals",
    "projects",
    "schedules",
    "indicators",
    *STAGE_TABLES,
)
# schedules: one column per month (cumulative % spent by its end); a plan fills the checkpoints it has.
MONTH_COLUMNS: tuple[str, ...] = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def normalize_url(url: str) -> str:
    """A SQLAlchemy URL from what people type: a file path, sqlite:///…, postgresql://… (→ psycopg 3)."""
    if "://" not in url:
        return f"sqlite:///{url}"
    scheme, rest = url.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return url


def _key_columns(*extra: str) -> list[Any]:
    from sqlalchemy import Column, Integer, String

    cols: list[Any] = [
        Column("year", Integer, primary_key=True),
        Column("division_code", String(32), primary_key=True),
        Column("unit_code", String(64), primary_key=True),
    ]
    names: dict[str, Any] = {"project_code": String(64), "seq": Integer}
    cols += [Column(n, names[n], primary_key=True, autoincrement=False) for n in extra]
    return cols


def metadata() -> MetaData:
    """The schema (built on call so that importing this module stays cheap)."""
    from sqlalchemy import BigInteger, Column, DateTime, Integer, MetaData, Numeric, String, Table, Text

    md = MetaData()
    pct = Numeric(7, 2)
    Table(
        "sources",
        md,
        *_key_columns(),
        Column("division_name", Text),
        # Amounts of every table are hundredths of this unit; one database holds one unit (see load).
        Column("amount_unit", String(16), nullable=False),
        Column("file", Text, nullable=False),
        Column("sha256", String(64)),
        Column("projects", Integer),
        Column("indicators", Integer),
        Column("loaded_at", DateTime),
    )
    Table("units", md, *_key_columns(), Column("name", Text), Column("parent_code", String(64)))
    Table(
        "department_goals",
        md,
        *_key_columns("seq"),
        Column("part", Text),
        Column("number", Text),
        Column("title", Text),
        Column("text", Text),
    )
    Table(
        "projects",
        md,
        *_key_columns("project_code"),
        Column("name", Text),
        *(Column(name, BigInteger) for name in MONEY_COLUMNS),
        Column("purpose", Text),
        Column("goals", Text),
    )
    Table(
        "schedules",
        md,
        *_key_columns("project_code"),
        *(Column(name, pct) for name in MONTH_COLUMNS),
    )
    Table(
        "indicators",
        md,
        *_key_columns("project_code", "seq"),
        Column("level1", Text),
        Column("level2", Text),
        Column("level3", Text),
        Column("description", Text),
        Column("sign", Text),
        Column("value", Text),
        Column("unit", Text),
        Column("basis", Text),
        Column("previous_value", Text),
        Column("printed", Text),
    )
    add_stage_tables(md, _key_columns)
    return md


def create_engine_for(url: str) -> Engine:
    from sqlalchemy import create_engine

    url = normalize_url(url)
    # A cluster created without a locale is SQL_ASCII, where psycopg would hand back bytes.
    args = {"client_encoding": "utf8"} if url.startswith("postgresql") else {}
    return create_engine(url, connect_args=args)


def check_schema(conn: Connection) -> None:
    """A database made before amounts were stored in hundredths would fail on insert with a cryptic error."""
    from sqlalchemy import inspect

    columns = {c["name"] for c in inspect(conn).get_columns("projects")}
    if MONEY_COLUMNS[0] not in columns:
        raise PerfxlError(
            "table projects was created by an older perfxl (amounts not in *_cents columns); "
            "load into a new database or drop the perfxl tables first"
        )
    if "amount_unit" not in {c["name"] for c in inspect(conn).get_columns("sources")}:
        raise PerfxlError(
            "table sources was created by an older perfxl (no amount_unit column); "
            "load into a new database or drop the perfxl tables first"
        )
    months = {c["name"] for c in inspect(conn).get_columns("schedules")}
    if months and not set(MONTH_COLUMNS) <= months:
        raise PerfxlError(
            "table schedules was created by an older perfxl (plans in four columns, not one per month); "
            "load into a new database or drop the perfxl tables first"
        )


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    if "://" in url and "@" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}@{host}"
    return url
