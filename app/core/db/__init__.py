"""Persistence: engine, ORM models, migrations. Only `app.core` services and repositories use it."""
