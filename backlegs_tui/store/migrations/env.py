"""Alembic environment: migrations run on the connection the app hands over.

The same migrations serve SQLite and PostgreSQL: batch mode (copy-and-move tables, SQLite's
way to alter one) only on SQLite; on PostgreSQL the DDL runs in the caller's transaction
(store.db.migrate_server holds an advisory lock around it)."""

from alembic import context

from backlegs_tui.store.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # `alembic revision --autogenerate` from a developer's shell
        from sqlalchemy import create_engine

        url = config.get_main_option("sqlalchemy.url") or "sqlite:///dev.db"
        with create_engine(url).connect() as con:
            context.configure(
                connection=con, target_metadata=target_metadata, render_as_batch=con.dialect.name == "sqlite"
            )
            with context.begin_transaction():
                context.run_migrations()
        return
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


run()
