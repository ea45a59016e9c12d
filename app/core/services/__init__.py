"""Create/read/update/delete of the registries, one transaction per call, validated input.

Each module takes a `Database` and returns plain dataclasses from `app.core.domain.records`.
Pure `validate_*` functions (no database) let forms validate as the clerk types.
"""
