"""Alembic environment: runs on the connection the app hands over (no alembic.ini on disk)."""

from __future__ import annotations

from alembic import context

from oncall.storage.schema import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - we never run alembic offline or from its CLI
    raise RuntimeError("oncall runs its migrations programmatically; see oncall.storage.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
