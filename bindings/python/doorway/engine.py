"""Engines: ingest touches, advance time, read leads, explanations and events."""
import ctypes
import json
from ctypes import byref, c_size_t, c_void_p
from dataclasses import dataclass, field
from datetime import datetime

from . import _types as T
from ._convert import duration_us, from_us, to_us
from ._handle import OwnedHandle
from ._lib import lib, stash_exception, take_buf
from ._touches import build, columns_from_dicts
from .errors import InvalidArgument
from .model import Model

_TOUCH_SIZE = ctypes.sizeof(T.doorway_touch)


@dataclass(frozen=True)
class Rejection:
    index: int       # position in the batch
    kind: str        # "invalid" | "duplicate" | "late"
    event_id: str
    reason: str      # e.g. "lead_id is empty"


@dataclass(frozen=True)
class IngestResult:
    accepted: int
    duplicate: int
    late: int
    invalid: int
    rejections: tuple = ()   # of Rejection, in batch order


@dataclass(frozen=True)
class Lead:
    lead_id: str
    account_id: "str | None"
    stage: str
    stage_id: int
    owner: str                    # "marketing" | "sales"
    temperature: "str | None"     # "cold" | "warm" | "hot"; None without a temperature score
    scores: dict = field(hash=False)  # name -> value, in model order
    touches: int                  # contacts (outcomes excluded)
    marketing_touches: int
    sales_touches: int
    touches_in_stage: int
    as_of: datetime
    entered_stage_at: datetime
    last_touch_at: datetime
    sla_deadline: "datetime | None"   # while the lead waits in an SLA stage


@dataclass(frozen=True)
class Event:
    """A stage event. kind "history_revised" (polling only) means: a late touch
    rewrote this lead's history; drop every event you hold for lead_id with
    seq >= this seq; the lead's events from there on follow."""
    kind: str          # "stage_changed" | "handoff" | "sla_breached" | "recycled" | "history_revised"
    lead_id: str
    from_stage: "str | None"
    to_stage: "str | None"
    reason: "str | None"   # the transition's name; "sla" for sla_breached
    at: datetime
    deadline: "datetime | None"
    seq: int


@dataclass(frozen=True)
class Stats:
    accepted: int
    duplicate: int
    late: int
    invalid: int
    replays: int
    leads: int
    memory_bytes: int
    now: "datetime | None"   # None before any touch or advance


def _event(e):
    return Event(T.name_of(T.EVENT_KINDS, e.kind), T.read_str(e.lead_id),
                 T.read_str(e.from_) if e.from_.ptr else None, T.read_str(e.to) if e.to.ptr else None,
                 T.read_str(e.reason) if e.reason.ptr else None, from_us(e.at),
                 from_us(e.deadline) if e.has_deadline else None, e.seq)


def _id(lead_id):
    if isinstance(lead_id, str):
        return lead_id.encode("utf-8")
    if isinstance(lead_id, bytes):
        return lead_id
    raise InvalidArgument("lead_id must be a str, not %s" % type(lead_id).__name__)


class Engine(OwnedHandle):
    """Runs touches through a model. One thread at a time (reads included).

    ``Engine(model, late_window=timedelta(days=7))``: late_window is how far behind
    the latest touch a touch may arrive and still be applied (a timedelta, or
    milliseconds). Use as a context manager, or call close(); a closed engine
    raises StateError; closing twice is fine.
    """

    _free = "doorway_engine_free"
    _what = "engine"

    def __init__(self, model, *, late_window=None):
        if not isinstance(model, Model):
            raise InvalidArgument("Engine(model): expected a doorway.Model, not %s" % type(model).__name__)
        options = T.doorway_engine_options()
        lib.doorway_engine_options_init(byref(options), T.ENGINE_OPTIONS_VERSION)
        if late_window is not None:
            options.late_window_us = duration_us(late_window, "late_window")
        out = c_void_p()
        lib.doorway_engine_new(byref(out), model.handle, byref(options))
        self._handle = out.value
        self._model = model  # for .model; the C engine keeps its own reference
        self.last_result = None

    # ----- lifetime
    @property
    def model(self):
        return self._model

    @property
    def closed(self):
        return not self._handle

    def close(self):
        self._model = None  # the Python side lets go of the model (and its policy) too
        super().close()

    # ----- ingest
    def ingest(self, touches):
        """Applies an iterable of touch dicts (keys: event_id, lead_id, account_id,
        timestamp, type, channel, audience, interaction, initiator, team, value,
        outcome). Returns an IngestResult; rejected touches are listed, not raised."""
        columns, n = columns_from_dicts(touches)
        return self._ingest(columns, n)

    def ingest_columns(self, **columns):
        """Applies touches given as one sequence per field (same names as
        ingest(); lists, tuples, or numpy arrays). Strings: str or bytes (None:
        empty); timestamps: see doorway.to_us (ints are epoch milliseconds;
        numpy datetime64 arrays in any unit); audience/interaction/initiator/team:
        names ("one_to_one") or pinned numbers; value: numbers, None for none."""
        lengths = {len(c) for c in columns.values() if c is not None}
        if len(lengths) > 1:
            raise InvalidArgument("ingest_columns: columns differ in length: %s"
                                  % ", ".join("%s=%d" % (k, len(v)) for k, v in columns.items() if v is not None))
        return self._ingest(columns, lengths.pop() if lengths else 0)

    def _ingest(self, columns, n):
        h = self._h()
        touches, keep = build(columns, n)
        r = T.doorway_ingest_result()
        try:
            lib.doorway_engine_ingest(byref(r), h, touches, n, _TOUCH_SIZE)
        except BaseException as e:
            # A Python policy failed: the batch was applied all the same.
            self.last_result = self._result(r)
            try:
                e.add_note("doorway: the batch was applied; see engine.last_result")
            except AttributeError:
                pass
            raise
        finally:
            del keep
        self.last_result = self._result(r)
        return self.last_result

    def _result(self, r):
        n = c_size_t()
        lib.doorway_engine_rejection_count(byref(n), self._h())
        rej = T.doorway_rejection()
        rejections = []
        for i in range(n.value):
            lib.doorway_engine_rejection(byref(rej), self._h(), i)
            rejections.append(Rejection(rej.index, T.name_of(T.REJECT_KINDS, rej.kind),
                                        T.read_str(rej.event_id), T.read_str(rej.reason)))
        return IngestResult(r.accepted, r.duplicate, r.late, r.invalid, tuple(rejections))

    # ----- time
    def advance(self, now):
        """Moves the clock to `now` (never backwards): fires due SLA deadlines."""
        lib.doorway_engine_advance(self._h(), to_us(now, "now"))

    # ----- leads
    def lead(self, lead_id):
        """The lead as of the engine's time. NotFound (a LookupError) if unknown."""
        h = self._h()
        key = _id(lead_id)
        l = T.doorway_lead()
        lib.doorway_engine_lead(byref(l), h, key, len(key))
        scores = {}
        s = T.doorway_score()
        for i in range(l.score_count):
            lib.doorway_engine_lead_score_at(byref(s), h, key, len(key), i)
            scores[T.read_str(s.name)] = s.value
        return Lead(T.read_str(l.lead_id), T.read_str(l.account_id) or None, T.read_str(l.stage_name), l.stage,
                    T.name_of(T.TEAMS, l.owner),
                    T.name_of(T.TEMPERATURES, l.temperature) if l.has_temperature else None,
                    scores, l.touches, l.marketing_touches, l.sales_touches, l.touches_in_stage,
                    from_us(l.as_of), from_us(l.entered_stage_at), from_us(l.last_touch_at),
                    from_us(l.sla_deadline) if l.has_sla_deadline else None)

    def score(self, lead_id, name):
        """One score of one lead."""
        key, nm = _id(lead_id), name.encode("utf-8")
        out = ctypes.c_double()
        lib.doorway_engine_lead_score(byref(out), self._h(), key, len(key), nm, len(nm))
        return out.value

    def lead_ids(self):
        """Every lead id, in byte-wise sorted order (a list)."""
        h = self._h()
        n = c_size_t()
        lib.doorway_engine_lead_count(byref(n), h)
        s = T.doorway_str()
        out = []
        for i in range(n.value):
            lib.doorway_engine_lead_id_at(byref(s), h, i)
            out.append(T.read_str(s))
        return out

    def leads(self):
        """An iterator of Lead, in sorted id order (ids taken when called)."""
        return (self.lead(i) for i in self.lead_ids())

    def explain(self, lead_id):
        """Why the lead is where it is: the library's explanation JSON, parsed."""
        key = _id(lead_id)
        return json.loads(take_buf(lib.doorway_engine_explain, self._h(), key, len(key)))

    # ----- events
    def pending_events(self):
        n = c_size_t()
        lib.doorway_engine_events_pending(byref(n), self._h())
        return n.value

    def events(self):
        """Delivers (polls) every event not delivered yet, as a list of Event, in
        (time, lead id, seq) order. May contain "history_revised" events (see
        Event); history(lead_id) gives a lead's current history directly."""
        h = self._h()
        out = []
        batch = (T.doorway_event * 64)()
        n = c_size_t()
        while True:
            lib.doorway_engine_events_poll(batch, 64, byref(n), h)
            out.extend(_event(batch[i]) for i in range(n.value))
            if n.value < 64:
                return out

    def history(self, lead_id=None):
        """The current history (no history_revised entries) of one lead, or of
        every lead in (time, lead id, seq) order. Does not affect events()."""
        h = self._h()
        out = []

        def visit(ev, payload):
            try:
                out.append(_event(ev.contents))
                return 0
            except BaseException as e:
                stash_exception(e)
                return 1

        cb = T.doorway_event_cb(visit)
        if lead_id is None:
            lib.doorway_engine_events_foreach(h, None, 0, cb, None)
        else:
            key = _id(lead_id)
            lib.doorway_engine_events_foreach(h, key, len(key), cb, None)
        return out

    # ----- reports
    def report(self):
        """The report of every lead as of the engine's time: a doorway.Report
        (funnel, handoffs, workload, diagnoses; mergeable across engines)."""
        from .report import Report
        return Report._of_engine(self._h())

    # ----- statistics
    def stats(self):
        s = T.doorway_stats()
        lib.doorway_engine_stats(byref(s), self._h())
        return Stats(s.accepted, s.duplicate, s.late, s.invalid, s.replays, s.leads, s.memory_bytes,
                     from_us(s.now) if s.now else None)
