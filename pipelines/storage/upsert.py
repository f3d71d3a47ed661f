"""``INSERT ... ON CONFLICT`` for SQLite and PostgreSQL: writes that can race never
check-then-insert."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def upsert(
    session: Session,
    model: type[Any],
    rows: Sequence[dict[str, Any]],
    *,
    key: Sequence[str],
    update: Sequence[str] = (),
) -> None:
    """Insert ``rows``; on a conflict on ``key`` update the ``update`` columns (or do nothing).

    Every row must have the same columns. The statement is built once per shape and run as one
    executemany, so SQLAlchemy compiles it once (the crawl runs it for every stored article).
    """
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    statement = _statement(dialect, model.__table__, tuple(key), tuple(update))
    session.connection().execute(statement, list(rows))


@lru_cache(maxsize=32)
def _statement(dialect: str, table: Table, key: tuple[str, ...], update: tuple[str, ...]) -> Any:
    if dialect == "postgresql":
        statement: Any = postgresql.insert(table)
    elif dialect == "sqlite":
        statement = sqlite.insert(table)
    else:  # pragma: no cover - only the two supported databases
        raise NotImplementedError(f"upsert on {dialect}")
    if update:
        return statement.on_conflict_do_update(
            index_elements=list(key), set_={column: statement.excluded[column] for column in update}
        )
    return statement.on_conflict_do_nothing(index_elements=list(key))
