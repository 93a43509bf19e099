"""ctypes mirrors of the structs in capi/include/doorway.h (ABI version 1).

Field order, types and names follow the header exactly; never reorder.
Strings are ``doorway_str`` with ``ptr`` as ``c_void_p`` (they are not
NUL-terminated in general): read them with ``ctypes.string_at(ptr, len)``.
"""
import ctypes
from ctypes import c_char_p, c_double, c_int, c_int64, c_size_t, c_uint, c_uint32, c_uint64, c_void_p

ABI_VERSION = 3
ENGINE_OPTIONS_VERSION = 1
POLICY_VTABLE_VERSION = 1
POLICY_STATE_MAX = 65536


class doorway_error(ctypes.Structure):
    _fields_ = [("code", c_int), ("message", c_char_p)]


class doorway_buf(ctypes.Structure):
    _fields_ = [("ptr", c_void_p), ("size", c_size_t)]


class doorway_str(ctypes.Structure):
    _fields_ = [("ptr", c_void_p), ("len", c_size_t)]


class doorway_problem(ctypes.Structure):
    _fields_ = [("code", doorway_str), ("path", doorway_str), ("message", doorway_str)]


class doorway_stage_info(ctypes.Structure):
    _fields_ = [("name", doorway_str), ("owner", c_int), ("kind", c_int), ("sla_us", c_int64)]


class doorway_touch(ctypes.Structure):
    _fields_ = [
        ("event_id", doorway_str),
        ("lead_id", doorway_str),
        ("account_id", doorway_str),
        ("type", doorway_str),
        ("channel", doorway_str),
        ("outcome", doorway_str),
        ("timestamp", c_int64),
        ("value", c_double),
        ("has_value", c_int),
        ("audience", c_int),
        ("interaction", c_int),
        ("initiator", c_int),
        ("team", c_int),
        ("reserved", c_int),
    ]


class doorway_classification(ctypes.Structure):
    _fields_ = [
        ("rule", doorway_str),
        ("team", c_int),
        ("audience", c_int),
        ("interaction", c_int),
        ("initiator", c_int),
        ("kind", c_int),
        ("known_type", c_int),
        ("initiated_contact", c_int),
    ]


class doorway_engine_options(ctypes.Structure):
    _fields_ = [("version", c_uint), ("late_window_us", c_int64)]


class doorway_attribution_options(ctypes.Structure):
    """doorway_attribution_options (version 1)."""
    _fields_ = [
        ("version", c_uint),
        ("model", c_int),
        ("order", c_int),
        ("include_nulls", c_int),
        ("collapse_repeats", c_int),
        ("half_life_us", c_int64),
        ("position_half_life", c_double),
        ("max_exact_channels", c_int),
        ("samples", c_uint64),
        ("seed", c_uint64),
    ]


class doorway_ingest_result(ctypes.Structure):
    _fields_ = [("accepted", c_uint64), ("duplicate", c_uint64), ("late", c_uint64), ("invalid", c_uint64)]


class doorway_rejection(ctypes.Structure):
    _fields_ = [("event_id", doorway_str), ("reason", doorway_str), ("index", c_size_t), ("kind", c_int)]


class doorway_lead(ctypes.Structure):
    _fields_ = [
        ("lead_id", doorway_str),
        ("account_id", doorway_str),
        ("stage_name", doorway_str),
        ("stage", c_size_t),
        ("score_count", c_size_t),
        ("owner", c_int),
        ("has_temperature", c_int),
        ("temperature", c_int),
        ("has_sla_deadline", c_int),
        ("touches", c_uint32),
        ("marketing_touches", c_uint32),
        ("sales_touches", c_uint32),
        ("touches_in_stage", c_uint32),
        ("as_of", c_int64),
        ("entered_stage_at", c_int64),
        ("last_touch_at", c_int64),
        ("sla_deadline", c_int64),
    ]


class doorway_score(ctypes.Structure):
    _fields_ = [("name", doorway_str), ("value", c_double)]


class doorway_event(ctypes.Structure):
    _fields_ = [
        ("kind", c_int),
        ("has_deadline", c_int),
        ("lead_id", doorway_str),
        ("from_", doorway_str),  # `from` in the header (a Python keyword)
        ("to", doorway_str),
        ("reason", doorway_str),
        ("at", c_int64),
        ("deadline", c_int64),
        ("seq", c_uint64),
    ]


class doorway_stats(ctypes.Structure):
    _fields_ = [
        ("accepted", c_uint64),
        ("duplicate", c_uint64),
        ("late", c_uint64),
        ("invalid", c_uint64),
        ("replays", c_uint64),
        ("leads", c_uint64),
        ("memory_bytes", c_uint64),
        ("now", c_int64),
    ]


class doorway_policy_touch(ctypes.Structure):
    _fields_ = [
        ("type", doorway_str),
        ("channel", doorway_str),
        ("rule", doorway_str),
        ("at", c_int64),
        ("value", c_double),
        ("has_value", c_int),
        ("team", c_int),
        ("audience", c_int),
        ("interaction", c_int),
        ("initiator", c_int),
        ("kind", c_int),
    ]


doorway_event_cb = ctypes.CFUNCTYPE(c_int, ctypes.POINTER(doorway_event), c_void_p)
policy_init_cb = ctypes.CFUNCTYPE(c_int, c_void_p, c_void_p)
policy_apply_cb = ctypes.CFUNCTYPE(c_int, c_void_p, ctypes.POINTER(doorway_policy_touch),
                                   ctypes.POINTER(c_double), c_void_p)
policy_value_cb = ctypes.CFUNCTYPE(c_int, c_void_p, c_int64, ctypes.POINTER(c_double), c_void_p)
policy_factor_cb = ctypes.CFUNCTYPE(c_int, c_int64, c_int64, ctypes.POINTER(c_double), c_void_p)
payload_free_cb = ctypes.CFUNCTYPE(None, c_void_p)


class doorway_policy_vtable(ctypes.Structure):
    _fields_ = [
        ("version", c_uint),
        ("state_size", c_size_t),
        ("init", policy_init_cb),
        ("apply", policy_apply_cb),
        ("value", policy_value_cb),
        ("factor", policy_factor_cb),
    ]


# Vocabulary: pinned enum values <-> the names the JSON formats use.
TEAMS = ("unknown", "marketing", "sales")
AUDIENCES = ("unknown", "one_to_many", "one_to_one")
INTERACTIONS = ("unknown", "one_way", "two_way")
INITIATORS = ("unknown", "business", "prospect")
TOUCH_KINDS = ("contact", "door", "outcome")
TEMPERATURES = ("cold", "warm", "hot")
STAGE_KINDS = ("entry", "inventory", "sla", "won", "lost")
EVENT_KINDS = ("stage_changed", "handoff", "sla_breached", "recycled", "history_revised")
REJECT_KINDS = ("invalid", "duplicate", "late")


def name_of(names, value):
    """The name of an enum value; an int this binding does not know stays an int."""
    return names[value] if 0 <= value < len(names) else value


def read_str(s):
    """A doorway_str as a Python str (UTF-8, invalid bytes replaced)."""
    if not s.len:
        return ""
    return ctypes.string_at(s.ptr, s.len).decode("utf-8", "replace")
