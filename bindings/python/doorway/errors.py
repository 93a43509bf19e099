"""Typed exceptions: one class per doorway_status code of the C ABI.

Every exception raised for a failed library call carries the status ``code``
(a negative ``DOORWAY_E*`` value) and the library's ``message`` (from
``doorway_error_last()``), which names the function and the argument or input
at fault.
"""

OK = 0
EINVAL = -1
ENOTFOUND = -2
ENOMEM = -3
EDATA = -4
ESTATE = -5
EUSER = -6
EINTERNAL = -7
EVERSION = -8
EBUFFER = -9


class Error(Exception):
    """Base class of every doorway error. ``code``: the doorway_status;
    ``message``: the library's (or the binding's) message."""

    default_code = 0

    def __init__(self, message, code=None):
        super().__init__(message)
        self.message = message
        self.code = self.default_code if code is None else code


class InvalidArgument(Error, ValueError):
    """DOORWAY_EINVAL: an argument is invalid (also raised by the binding for a
    value it cannot convert, e.g. a naive datetime)."""

    default_code = EINVAL


class NotFound(Error, LookupError):
    """DOORWAY_ENOTFOUND: no such lead, score, stage or item."""

    default_code = ENOTFOUND


class OutOfMemory(Error, MemoryError):
    """DOORWAY_ENOMEM."""

    default_code = ENOMEM


class DataError(Error):
    """DOORWAY_EDATA: input data is invalid (e.g. a model that does not validate).
    ``problems``: for a model file (Model.from_json), every problem found, as a
    tuple of doorway.Problem whose messages start with "source:line:column: "."""

    default_code = EDATA
    problems = ()


class StateError(Error):
    """DOORWAY_ESTATE: the object cannot take the call now (e.g. a closed engine)."""

    default_code = ESTATE


class UserError(Error):
    """DOORWAY_EUSER: a custom scoring policy's callback failed. When the policy
    is written in Python, the exception it raised is re-raised instead."""

    default_code = EUSER


class InternalError(Error):
    """DOORWAY_EINTERNAL: a bug in doorway; please report it with the message."""

    default_code = EINTERNAL


class VersionError(Error):
    """DOORWAY_EVERSION, or the loaded library's ABI is not the one this binding
    was written for."""

    default_code = EVERSION


class LibraryNotFound(Error, ImportError):
    """The shared library libdoorway_c could not be found or loaded."""


_BY_CODE = {
    EINVAL: InvalidArgument,
    ENOTFOUND: NotFound,
    ENOMEM: OutOfMemory,
    EDATA: DataError,
    ESTATE: StateError,
    EUSER: UserError,
    EINTERNAL: InternalError,
    EVERSION: VersionError,
}


def error_for(code, message):
    """The exception for a status code (Error for codes this binding does not know)."""
    return _BY_CODE.get(code, Error)(message, code)
