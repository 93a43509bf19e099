"""Shared values. Expected values come from the default model's rules
(src/default_model.cpp; reasons in tests/default_model_test.cpp)."""
from datetime import datetime, timedelta, timezone

import pytest

import doorway

# 2026-01-05T09:00:00Z, a Monday: the same T0 as the C and C++ tests.
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
T0_MS = 1767603600000
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def touch(event_id, lead, at, type_, **extra):
    return dict(event_id=event_id, lead_id=lead, timestamp=at, type=type_, **extra)


@pytest.fixture
def engine():
    with doorway.Engine(doorway.Model.default()) as e:
        yield e
