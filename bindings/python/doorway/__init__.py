"""doorway: a buyer-journey engine (Python binding over the stable C ABI).

    import doorway
    from datetime import datetime, timezone

    with doorway.Engine(doorway.Model.default()) as engine:
        engine.ingest([{"event_id": "e1", "lead_id": "ann", "type": "demo_request",
                        "timestamp": "2026-01-05T09:00:00Z"}])
        print(engine.lead("ann").stage)   # "sal"

Times: aware datetimes, ISO-8601 strings with an offset, or numbers of epoch
**milliseconds** (as in the CLI's JSONL files); naive datetimes are rejected.
The shared library is found through DOORWAY_LIBRARY, the package folder, or the
system, and its ABI version is checked at import.
"""
from ._lib import ABI_VERSION, __version__, lib as _cdll
from ._convert import to_us, from_us
from .errors import (DataError, Error, InternalError, InvalidArgument, LibraryNotFound, NotFound,
                     OutOfMemory, StateError, UserError, VersionError)
from .model import Classification, Model, Problem, Stage, classify
from .policy import Policy, PolicyTouch
from .engine import Engine, Event, IngestResult, Lead, Rejection, Stats
from .report import Report
from .attribution import Attribution, ChannelCredit, Journeys, attribute


def library_version():
    """The loaded library's version string, e.g. "0.3.0"."""
    return _cdll.doorway_version().decode()


__all__ = [
    "ABI_VERSION", "Attribution", "ChannelCredit", "Classification", "DataError", "Engine", "Error", "Event", "IngestResult",
    "InternalError", "InvalidArgument", "Lead", "LibraryNotFound", "Model", "NotFound", "OutOfMemory",
    "Policy", "PolicyTouch", "Problem", "Rejection", "Report", "Journeys", "Stage", "StateError", "Stats", "UserError",
    "VersionError", "attribute", "classify", "from_us", "library_version", "to_us",
]
