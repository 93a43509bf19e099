"""Loading libdoorway_c, the one argtypes/restype table, and the error check.

Search order (the first that applies wins; no silent fallback from an explicit
choice):

1. ``DOORWAY_LIBRARY``: a path to the shared library (an error if it cannot be
   loaded);
2. a ``libdoorway_c.so*`` / ``libdoorway_c*.dylib`` / ``doorway_c.dll`` in this
   package's own folder (a wheel or an install that bundles the library);
3. the system: ``ctypes.util.find_library("doorway_c")``.

At load, ``doorway_abi_version()`` must equal ``ABI_VERSION``.
"""
import ctypes
import ctypes.util
import glob
import os
import threading
from ctypes import POINTER, c_char_p, c_double, c_int, c_int64, c_size_t, c_uint, c_void_p

from . import _types as T
from .errors import LibraryNotFound, VersionError, error_for, OK

#: The DOORWAY_ABI_VERSION this binding was written for.
ABI_VERSION = T.ABI_VERSION

_HERE = os.path.dirname(os.path.abspath(__file__))
_PATTERNS = ("libdoorway_c.so*", "libdoorway_c*.dylib", "doorway_c.dll")

# Exceptions raised inside Python callbacks (scoring policies, event visitors)
# wait here, per thread, until the C call that ran them returns; the error
# check then raises them instead of the library's generic DOORWAY_EUSER.
_pending = threading.local()


def stash_exception(exc):
    """Called by a callback that caught `exc`: keep the first one of the call."""
    if getattr(_pending, "exc", None) is None:
        _pending.exc = exc


def take_pending():
    exc = getattr(_pending, "exc", None)
    _pending.exc = None
    return exc


def _errcheck(rc, func, args):
    """The one error check, run by ctypes after every status-returning call."""
    if rc == OK:
        _pending.exc = None
        return rc
    err = _LIB.doorway_error_last().contents
    code = err.code if err.code != OK else rc
    message = (err.message or b"").decode("utf-8", "replace") or _strerror(rc)
    pending = take_pending()
    if pending is not None:
        # A Python callback failed: re-raise its own exception, with the
        # library's account of the call attached.
        try:
            pending.add_note("doorway: " + message)
        except AttributeError:  # Python < 3.11
            pass
        raise pending
    raise error_for(code, message)


def _strerror(code):
    return _LIB.doorway_strerror(code).decode("utf-8", "replace")


# name: (restype, argtypes). restype c_int means "a status": errcheck applies.
_STATUS = "status"
_TABLE = {
    "doorway_version": (c_char_p, []),
    "doorway_version_number": (c_uint, []),
    "doorway_abi_version": (c_uint, []),
    "doorway_error_last": (POINTER(T.doorway_error), []),
    "doorway_strerror": (c_char_p, [c_int]),
    "doorway_buf_dispose": (None, [POINTER(T.doorway_buf)]),
    "doorway_model_default": (_STATUS, [POINTER(c_void_p)]),
    "doorway_model_free": (None, [c_void_p]),
    "doorway_model_validate": (_STATUS, [POINTER(c_void_p), c_void_p]),
    "doorway_problems_count": (_STATUS, [POINTER(c_size_t), c_void_p]),
    "doorway_problems_get": (_STATUS, [POINTER(T.doorway_problem), c_void_p, c_size_t]),
    "doorway_problems_free": (None, [c_void_p]),
    "doorway_model_from_json": (_STATUS, [POINTER(c_void_p), POINTER(c_void_p), c_char_p, c_size_t,
                                          c_char_p, c_size_t]),
    "doorway_model_to_json": (_STATUS, [POINTER(T.doorway_buf), c_void_p]),
    "doorway_model_to_dot": (_STATUS, [POINTER(T.doorway_buf), c_void_p]),
    "doorway_model_stage_count": (_STATUS, [POINTER(c_size_t), c_void_p]),
    "doorway_model_stage": (_STATUS, [POINTER(T.doorway_stage_info), c_void_p, c_size_t]),
    "doorway_model_score_count": (_STATUS, [POINTER(c_size_t), c_void_p]),
    "doorway_model_score_name": (_STATUS, [POINTER(T.doorway_str), c_void_p, c_size_t]),
    "doorway_classify": (_STATUS, [POINTER(T.doorway_classification), c_void_p,
                                   POINTER(T.doorway_touch), c_size_t]),
    "doorway_engine_options_init": (_STATUS, [POINTER(T.doorway_engine_options), c_uint]),
    "doorway_engine_new": (_STATUS, [POINTER(c_void_p), c_void_p, POINTER(T.doorway_engine_options)]),
    "doorway_engine_free": (None, [c_void_p]),
    "doorway_engine_ingest": (_STATUS, [POINTER(T.doorway_ingest_result), c_void_p,
                                        c_void_p, c_size_t, c_size_t]),
    "doorway_engine_rejection_count": (_STATUS, [POINTER(c_size_t), c_void_p]),
    "doorway_engine_rejection": (_STATUS, [POINTER(T.doorway_rejection), c_void_p, c_size_t]),
    "doorway_engine_advance": (_STATUS, [c_void_p, c_int64]),
    "doorway_engine_lead": (_STATUS, [POINTER(T.doorway_lead), c_void_p, c_char_p, c_size_t]),
    "doorway_engine_lead_score_at": (_STATUS, [POINTER(T.doorway_score), c_void_p, c_char_p,
                                               c_size_t, c_size_t]),
    "doorway_engine_lead_score": (_STATUS, [POINTER(c_double), c_void_p, c_char_p, c_size_t,
                                            c_char_p, c_size_t]),
    "doorway_engine_lead_count": (_STATUS, [POINTER(c_size_t), c_void_p]),
    "doorway_engine_lead_id_at": (_STATUS, [POINTER(T.doorway_str), c_void_p, c_size_t]),
    "doorway_engine_explain": (_STATUS, [POINTER(T.doorway_buf), c_void_p, c_char_p, c_size_t]),
    "doorway_engine_events_foreach": (_STATUS, [c_void_p, c_char_p, c_size_t,
                                                T.doorway_event_cb, c_void_p]),
    "doorway_engine_events_pending": (_STATUS, [POINTER(c_size_t), c_void_p]),
    "doorway_engine_events_poll": (_STATUS, [POINTER(T.doorway_event), c_size_t,
                                             POINTER(c_size_t), c_void_p]),
    "doorway_engine_events_drain": (_STATUS, [c_void_p, T.doorway_event_cb, c_void_p]),
    "doorway_engine_stats": (_STATUS, [POINTER(T.doorway_stats), c_void_p]),
    "doorway_model_with_policy": (_STATUS, [POINTER(c_void_p), c_void_p, c_char_p, c_size_t,
                                            POINTER(T.doorway_policy_vtable), c_void_p,
                                            T.payload_free_cb]),
    # reports (report.py)
    "doorway_report_new": (_STATUS, [POINTER(c_void_p), c_void_p]),
    "doorway_report_from_json": (_STATUS, [POINTER(c_void_p), c_char_p, c_size_t, c_char_p, c_size_t]),
    "doorway_report_merge": (_STATUS, [c_void_p, c_void_p]),
    "doorway_report_to_json": (_STATUS, [POINTER(T.doorway_buf), c_void_p]),
    "doorway_report_to_text": (_STATUS, [POINTER(T.doorway_buf), c_void_p]),
    "doorway_report_free": (None, [c_void_p]),
    # journeys and attribution (attribution.py)
    "doorway_journeys_new": (_STATUS, [POINTER(c_void_p)]),
    "doorway_journeys_add": (_STATUS, [c_void_p, POINTER(T.doorway_str), c_size_t, c_double, c_double, c_double]),
    "doorway_journeys_from_path_file": (_STATUS, [POINTER(c_void_p), c_char_p, c_size_t, c_char_p, c_size_t]),
    "doorway_journeys_from_engine": (_STATUS, [POINTER(c_void_p), c_void_p, c_char_p, c_size_t, c_char_p,
                                              c_size_t]),
    "doorway_journeys_count": (_STATUS, [POINTER(c_size_t), c_void_p]),
    "doorway_journeys_to_path_file": (_STATUS, [POINTER(T.doorway_buf), c_void_p]),
    "doorway_journeys_free": (None, [c_void_p]),
    "doorway_attribution_options_init": (_STATUS, [POINTER(T.doorway_attribution_options), c_uint]),
    "doorway_attribution_model_from_name": (_STATUS, [POINTER(c_int), c_char_p, c_size_t]),
    "doorway_attribute": (_STATUS, [POINTER(T.doorway_buf), c_void_p, POINTER(T.doorway_attribution_options)]),
}


def _candidates():
    """(description, path) pairs to try, in order."""
    env = os.environ.get("DOORWAY_LIBRARY")
    if env:
        return [("DOORWAY_LIBRARY=%s" % env, env)]
    found = []
    for pattern in _PATTERNS:
        for path in sorted(glob.glob(os.path.join(_HERE, pattern))):
            found.append(("the package folder (%s)" % path, path))
    system = ctypes.util.find_library("doorway_c")
    if system:
        found.append(('the system (find_library("doorway_c") = %s)' % system, system))
    return found


_HOW_TO_FIX = (
    "Set DOORWAY_LIBRARY to the path of the libdoorway_c shared library built from the same "
    "doorway version as this binding (e.g. DOORWAY_LIBRARY=build/capi/libdoorway_c.so), "
    "copy it into %s, or install it where the system loader finds it." % _HERE)


def load(expected_abi=None):
    """Loads the library, declares every function, checks the ABI. Returns the CDLL."""
    expected = ABI_VERSION if expected_abi is None else expected_abi
    candidates = _candidates()
    if not candidates:
        raise LibraryNotFound("doorway: cannot find libdoorway_c (DOORWAY_LIBRARY is not set, "
                              "none in the package folder, none on the system). " + _HOW_TO_FIX)
    errors = []
    for where, path in candidates:
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            errors.append("%s: %s" % (where, e))
            continue
        _declare(lib)
        found = lib.doorway_abi_version()
        if found != expected:
            raise VersionError(
                "doorway: the library loaded from %s (version %s) has ABI version %d, but this "
                "binding (doorway %s) was written for ABI version %d. %s"
                % (where, lib.doorway_version().decode(), found, __version__, expected, _HOW_TO_FIX))
        return lib
    raise LibraryNotFound("doorway: cannot load libdoorway_c: " + "; ".join(errors) + ". " + _HOW_TO_FIX)


def _declare(lib):
    for name, (restype, argtypes) in _TABLE.items():
        fn = getattr(lib, name)
        fn.argtypes = argtypes
        if restype is _STATUS:
            fn.restype = c_int
            fn.errcheck = _errcheck
        else:
            fn.restype = restype


__version__ = "0.3.0"
_LIB = load()
lib = _LIB


def take_buf(call, *args):
    """Calls call(&buf, *args) and returns the doorway_buf's text, disposing of it."""
    buf = T.doorway_buf()
    try:
        call(ctypes.byref(buf), *args)
        return ctypes.string_at(buf.ptr, buf.size).decode("utf-8")
    finally:
        _LIB.doorway_buf_dispose(ctypes.byref(buf))
