"""EnumCode reads a stored code as its member through the enum's value map (faster than calling the
enum): for every coded column of the models the member read is the one the enum's call gives, and an
unknown code still raises ValueError."""

from __future__ import annotations

import pytest

from app.core.db.models import Base
from app.core.db.models.base import EnumCode


def _coded_columns() -> list[EnumCode]:
    types = [c.type for t in Base.metadata.tables.values() for c in t.columns if isinstance(c.type, EnumCode)]
    assert len(types) >= 10  # status, form, kind, route, area...
    return types


def test_every_code_reads_as_the_enums_member() -> None:
    read = 0
    for coded in _coded_columns():
        for member in coded.enum_cls:
            got = coded.process_result_value(member.value, None)
            assert got is coded.enum_cls(member.value)
            read += 1
        assert coded.process_result_value(None, None) is None
    assert read > 50


def test_an_unknown_code_still_raises() -> None:
    coded = _coded_columns()[0]
    with pytest.raises(ValueError):
        coded.process_result_value("NO-SUCH-CODE", None)
