"""``INSERT ... ON CONFLICT`` for SQLite and PostgreSQL: writes that can race never
check-then-insert."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

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
    """Insert ``rows``; on a conflict on ``key`` update the ``update`` columns (or do nothing)."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        statement: Any = postgresql.insert(model).values(list(rows))
    elif dialect == "sqlite":
        statement = sqlite.insert(model).values(list(rows))
    else:  # pragma: no cover - only the two supported databases
        raise NotImplementedError(f"upsert on {dialect}")
    if update:
        statement = statement.on_conflict_do_update(
            index_elements=list(key), set_={column: statement.excluded[column] for column in update}
        )
    else:
        statement = statement.on_conflict_do_nothing(index_elements=list(key))
    session.execute(statement)
