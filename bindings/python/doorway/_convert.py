"""Time conversion between Python values and the library's int64 microseconds.

Accepted as a point in time:

- an aware ``datetime.datetime`` (naive ones are rejected: no guessing of time zones);
- an ISO-8601 string with an offset ("2026-01-05T09:00:00Z", "...+01:00");
- an ``int`` or ``float``: **epoch milliseconds**, UTC — the unit the doorway CLI
  and its JSONL touch files use, so a touch dict parsed from a JSONL line means the
  same thing here. (For epoch seconds, e.g. ``time.time()``, multiply by 1000 or
  pass ``datetime.fromtimestamp(t, timezone.utc)``.)
- a ``numpy.datetime64`` (any unit).

Returned times are aware ``datetime`` objects in UTC.
"""
import datetime as _dt

from .errors import InvalidArgument

UTC = _dt.timezone.utc
EPOCH = _dt.datetime(1970, 1, 1, tzinfo=UTC)
_US = _dt.timedelta(microseconds=1)
US_PER_MS = 1000


def to_us(value, what="timestamp"):
    """A point in time as microseconds since the epoch (see the module doc)."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidArgument(
                "%s: naive datetime %s has no time zone; doorway does not guess one: pass an "
                "aware datetime (e.g. datetime(..., tzinfo=timezone.utc))" % (what, value.isoformat()))
        return (value - EPOCH) // _US
    if isinstance(value, bool):
        raise InvalidArgument("%s: a bool is not a time" % what)
    if isinstance(value, int):
        return value * US_PER_MS
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise InvalidArgument("%s: %r is not a time" % (what, value))
        return round(value * US_PER_MS)
    if isinstance(value, str):
        try:
            parsed = _dt.datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
        except ValueError:
            raise InvalidArgument("%s: %r is not an ISO-8601 time (e.g. 2026-01-05T09:00:00Z)"
                                  % (what, value)) from None
        if parsed.tzinfo is None:
            raise InvalidArgument("%s: %r has no offset; doorway does not guess a time zone: "
                                  "add Z or +HH:MM" % (what, value))
        return (parsed - EPOCH) // _US
    if type(value).__name__ == "datetime64":  # numpy scalar, without importing numpy
        import numpy as np  # only reachable when numpy is installed
        if np.isnat(value):
            raise InvalidArgument("%s: NaT is not a time" % what)
        return int(value.astype("datetime64[us]").astype("int64"))
    if hasattr(value, "__index__"):  # numpy integers: epoch milliseconds
        return int(value) * US_PER_MS
    if hasattr(value, "__float__") and not isinstance(value, (bytes, bytearray)):
        return to_us(float(value), what)
    raise InvalidArgument("%s: %r (%s) is not a time: pass an aware datetime, an ISO-8601 "
                          "string with an offset, or epoch milliseconds"
                          % (what, value, type(value).__name__))


def from_us(us):
    """Microseconds since the epoch as an aware UTC datetime."""
    return EPOCH + _dt.timedelta(microseconds=us)


def duration_us(value, what="duration"):
    """A duration: a timedelta, or a number of milliseconds."""
    if isinstance(value, _dt.timedelta):
        return value // _US
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidArgument("%s: %r is not a duration: pass a timedelta or milliseconds"
                              % (what, value))
    return round(value * US_PER_MS)
