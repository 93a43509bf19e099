"""Building arrays of doorway_touch from columns (and dicts) without a Python
object per touch where possible: each column is written into the array's bytes
with one strided memoryview assignment."""
import ctypes
from array import array
from itertools import accumulate

from . import _types as T
from ._convert import US_PER_MS, to_us
from .errors import InvalidArgument

FIELDS = ("event_id", "lead_id", "account_id", "timestamp", "type", "channel", "audience",
          "interaction", "initiator", "team", "value", "outcome")
_STRING_FIELDS = ("event_id", "lead_id", "account_id", "type", "channel", "outcome")
_ENUM_FIELDS = {"audience": T.AUDIENCES, "interaction": T.INTERACTIONS,
                "initiator": T.INITIATORS, "team": T.TEAMS}
_ENUM_CODES = {field: {name: i for i, name in enumerate(names)} for field, names in _ENUM_FIELDS.items()}

_SIZE = ctypes.sizeof(T.doorway_touch)
_OFF = {name: getattr(T.doorway_touch, name).offset for name, _ in T.doorway_touch._fields_}


def _address(blob):
    return ctypes.cast(ctypes.c_char_p(blob), ctypes.c_void_p).value or 0


def _encode(value, field, index):
    if value is None:
        return b""
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    if hasattr(value, "item") and not hasattr(value, "__len__"):  # numpy scalar (str_ or bytes_)
        return _encode(value.item(), field, index)
    raise InvalidArgument("touches[%d].%s: %r is not a string" % (index, field, value))


def _string_column(col, n, field, keep):
    """(pointers, lengths) arrays for one string column; the bytes go into `keep`."""
    joined = None
    if isinstance(col, list) or isinstance(col, tuple):
        try:
            joined = "".join(col)  # TypeError unless every item is a str
        except TypeError:
            joined = None
    if joined is not None and joined.isascii():
        blob = joined.encode("ascii")
        lengths = array("Q", map(len, col))
    else:
        parts = [_encode(v, field, i) for i, v in enumerate(col)]
        blob = b"".join(parts)
        lengths = array("Q", map(len, parts))
    keep.append(blob)
    base = _address(blob)
    offsets = accumulate(lengths, initial=base)
    pointers = array("Q", offsets)
    pointers.pop()
    return pointers, lengths


def _timestamp_column(col, n):
    dtype = getattr(col, "dtype", None)
    if dtype is not None and dtype.kind == "M":  # numpy datetime64: any unit
        import numpy as np
        us = np.asarray(col).astype("datetime64[us]")
        if np.isnat(us).any():
            raise InvalidArgument("touches[%d].timestamp: NaT is not a time" % int(np.argmax(np.isnat(us))))
        out = array("q")
        out.frombytes(us.astype("<i8").tobytes())
        return out
    if dtype is not None and dtype.kind in "iu":  # numpy integers: epoch milliseconds
        import numpy as np
        ms = np.asarray(col).astype("<i8")
        if ms.size and (np.abs(ms).max() > (2**63 - 1) // US_PER_MS):
            raise InvalidArgument("timestamp: epoch milliseconds out of range")
        out = array("q")
        out.frombytes((ms * US_PER_MS).tobytes())
        return out
    try:  # every item an int: epoch milliseconds, no per-item Python call
        if all(type(v) is int for v in col):
            return array("q", map(US_PER_MS.__mul__, col))
    except OverflowError:
        pass
    out = array("q")
    for i, v in enumerate(col):
        try:
            out.append(to_us(v, "touches[%d].timestamp" % i))
        except OverflowError:
            raise InvalidArgument("touches[%d].timestamp: %r is out of range" % (i, v)) from None
    return out


def _enum_column(col, field):
    codes = _ENUM_CODES[field]

    def code(item):
        i, v = item
        if v is None:
            return 0
        if isinstance(v, str):
            c = codes.get(v)
            if c is None:
                raise InvalidArgument("touches[%d].%s: %r is not one of %s"
                                      % (i, field, v, ", ".join(_ENUM_FIELDS[field])))
            return c
        if isinstance(v, bool) or not hasattr(v, "__index__"):
            raise InvalidArgument("touches[%d].%s: %r is not a name or a number" % (i, field, v))
        return int(v)  # numbers pass through: the library rejects unknown values per touch

    try:
        return array("i", map(code, enumerate(col)))
    except OverflowError:
        raise InvalidArgument("%s: a value is out of range" % field) from None


def _value_column(col):
    values = array("d")
    has = array("i")
    for i, v in enumerate(col):
        if v is None:
            values.append(0.0)
            has.append(0)
        elif isinstance(v, bool) or not isinstance(v, (int, float)) and not hasattr(v, "__float__"):
            raise InvalidArgument("touches[%d].value: %r is not a number" % (i, v))
        else:
            values.append(float(v))
            has.append(1)
    return values, has


def _put(view, field, values):
    """Writes `values` into field `field` of every touch (strided assignment)."""
    itemsize = view.itemsize
    start = _OFF[field] // itemsize
    view[start::_SIZE // itemsize] = values


def build(columns, n):
    """A ctypes array of n doorway_touch from {field: sequence}, and what keeps its
    strings alive. Fields not given stay zero (empty / unknown / no value)."""
    for field, col in columns.items():
        if field not in FIELDS:
            raise InvalidArgument("unknown touch field %r (fields: %s)" % (field, ", ".join(FIELDS)))
        if isinstance(col, (str, bytes)):
            raise InvalidArgument("%s: expected a sequence of values, not a single string" % field)
        if len(col) != n:
            raise InvalidArgument("%s: %d values, but %d touches" % (field, len(col), n))
    buf = bytearray(_SIZE * n)
    keep = [buf]
    if n:
        raw = memoryview(buf)
        q, u, i32, d = raw.cast("q"), raw.cast("Q"), raw.cast("i"), raw.cast("d")
        for field in _STRING_FIELDS:
            if columns.get(field) is not None:
                pointers, lengths = _string_column(columns[field], n, field, keep)
                _put(u, field, pointers)
                u[(_OFF[field] + 8) // 8::_SIZE // 8] = lengths
        if columns.get("timestamp") is not None:
            _put(q, "timestamp", _timestamp_column(columns["timestamp"], n))
        for field in _ENUM_FIELDS:
            if columns.get(field) is not None:
                _put(i32, field, _enum_column(columns[field], field))
        if columns.get("value") is not None:
            values, has = _value_column(columns["value"])
            _put(d, "value", values)
            _put(i32, "has_value", has)
    array_type = T.doorway_touch * n
    return array_type.from_buffer(buf), keep


def columns_from_dicts(touches):
    """{field: list} from an iterable of dicts keyed by the canonical JSON names."""
    rows = touches if isinstance(touches, (list, tuple)) else list(touches)
    allowed = frozenset(FIELDS)
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            raise InvalidArgument("touches[%d]: expected a dict, not %s" % (i, type(row).__name__))
        if not allowed.issuperset(row):
            bad = sorted(set(row) - allowed)
            raise InvalidArgument("touches[%d]: unknown key %r (keys: %s)" % (i, bad[0], ", ".join(FIELDS)))
    columns = {}
    for field in FIELDS:
        if any(field in row for row in rows):
            columns[field] = [row.get(field) for row in rows]
    return columns, len(rows)
