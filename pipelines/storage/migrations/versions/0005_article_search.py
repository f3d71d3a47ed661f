"""article search: PostgreSQL full-text GIN index, SQLite FTS5 table kept in step by triggers

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Keep in step with pipelines/storage/search.py.
PG_DOCUMENT = "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(text, ''))"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX ix_articles_search ON articles USING gin ({PG_DOCUMENT})")
        return
    op.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "INSERT INTO articles_fts(rowid, title, text) SELECT id, coalesce(title, ''), text FROM articles"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
        "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, coalesce(new.title, ''), new.text); END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
        "VALUES ('delete', old.id, coalesce(old.title, ''), old.text); END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
        "VALUES ('delete', old.id, coalesce(old.title, ''), old.text); "
        "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, coalesce(new.title, ''), new.text); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_articles_search")
        return
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER articles_fts_{trigger}")
    op.execute("DROP TABLE articles_fts")
