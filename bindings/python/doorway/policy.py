"""Custom scoring policies written in Python.

A policy is any object with

- ``state_type``: a ctypes type (usually a ``ctypes.Structure`` subclass) for the
  per-lead state, or ``None`` for no state. The engine owns the state bytes: it
  zeroes them for a new lead, replays leads (calling ``init`` again), and restores
  them when ``apply`` fails. So **all per-lead state must live in the struct**;
  the ``state`` objects given to callbacks are views valid only during the call
  (the engine moves the buffer): never keep them.
- ``apply(state, touch) -> points`` (required): a touch arrives (per lead, in time
  order); update ``state`` in place and return what the touch added (0 leaves it
  out of explanations). ``touch`` is a PolicyTouch.
- ``value(state, now) -> float`` (required): the score at ``now`` (an aware
  datetime). ``state`` is a read-only copy.
- ``init(state)`` (optional): set up a new (zeroed) state.
- ``factor(at, now) -> float`` (optional, default 1): what one point added at
  ``at`` is worth at ``now``. Keep value == sum(points * factor(at, now)).

Subclassing ``doorway.Policy`` is optional. An exception raised by a callback
makes it fail (the library then applies the documented fallback: state restored,
points or value read as 0) and is re-raised, unchanged, from the Python call that
ran it (ingest, advance, lead, explain...), with the library's message added as a
note. Callbacks run on the thread calling the engine, and may run concurrently
when engines sharing the model are used on several threads.
"""
import ctypes
import itertools
import threading
from ctypes import byref, c_void_p
from dataclasses import dataclass

from . import _types as T
from ._convert import from_us
from ._lib import lib, stash_exception
from .errors import InvalidArgument


@dataclass(frozen=True)
class PolicyTouch:
    """What a policy sees of one touch."""
    type: str          # the catalog type ("" when not in the catalog)
    channel: str       # the effective channel
    rule: str          # the classification rule, e.g. "seed.one_way"
    at: object         # aware datetime (UTC)
    value: "float | None"
    team: str          # "marketing" | "sales" | "unknown", as classified
    audience: str
    interaction: str
    initiator: str
    kind: str          # "contact" | "door" | "outcome"


class Policy:
    """Optional base class; see the module documentation."""

    state_type = None

    def apply(self, state, touch):
        raise NotImplementedError

    def value(self, state, now):
        raise NotImplementedError


# Live adapters by payload key, until the library calls payload_free: this keeps
# the CFUNCTYPE thunks (and the policy) alive exactly as long as C may call them.
_live = {}
_live_lock = threading.Lock()
_keys = itertools.count(1)


@T.payload_free_cb
def _payload_free(payload):
    with _live_lock:
        _live.pop(payload, None)


class _Adapter:
    def __init__(self, name, policy):
        self.name = name
        self.policy = policy
        st = getattr(policy, "state_type", None)
        if st is None:
            self.size = 0
        else:
            try:
                self.size = ctypes.sizeof(st)
            except TypeError:
                raise InvalidArgument("policy %r: state_type must be a ctypes type, not %r" % (name, st)) from None
        self.state_type = st
        for required in ("apply", "value"):
            if not callable(getattr(policy, required, None)):
                raise InvalidArgument("policy %r: no %s() method" % (name, required))
        self.vtable = T.doorway_policy_vtable()
        self.vtable.version = T.POLICY_VTABLE_VERSION
        self.vtable.state_size = self.size
        # Optional callbacks stay NULL when the policy has none.
        if callable(getattr(policy, "init", None)):
            self.init_cb = T.policy_init_cb(self._init)
            self.vtable.init = self.init_cb
        self.apply_cb = T.policy_apply_cb(self._apply)
        self.value_cb = T.policy_value_cb(self._value)
        self.vtable.apply = self.apply_cb
        self.vtable.value = self.value_cb
        if callable(getattr(policy, "factor", None)):
            self.factor_cb = T.policy_factor_cb(self._factor)
            self.vtable.factor = self.factor_cb

    def _view(self, ptr):
        return None if self.state_type is None else self.state_type.from_address(ptr)

    def _copy(self, ptr):
        if self.state_type is None:
            return None
        return self.state_type.from_buffer_copy(ctypes.string_at(ptr, self.size))

    # Each callback runs the policy method and reports 0; an exception is stashed
    # (re-raised later from the Python call that triggered it) and reported as 1.
    def _init(self, state, payload):
        return _guarded(lambda: self.policy.init(self._view(state)))

    def _apply(self, state, touch, points, payload):
        def run():
            t = touch.contents
            pt = PolicyTouch(T.read_str(t.type), T.read_str(t.channel), T.read_str(t.rule), from_us(t.at),
                             t.value if t.has_value else None, T.name_of(T.TEAMS, t.team),
                             T.name_of(T.AUDIENCES, t.audience), T.name_of(T.INTERACTIONS, t.interaction),
                             T.name_of(T.INITIATORS, t.initiator), T.name_of(T.TOUCH_KINDS, t.kind))
            result = self.policy.apply(self._view(state), pt)
            points[0] = 0.0 if result is None else float(result)
        return _guarded(run)

    def _value(self, state, now, out, payload):
        def run():
            out[0] = float(self.policy.value(self._copy(state), from_us(now)))
        return _guarded(run)

    def _factor(self, at, now, out, payload):
        def run():
            out[0] = float(self.policy.factor(from_us(at), from_us(now)))
        return _guarded(run)


def _guarded(run):
    try:
        run()
        return 0
    except BaseException as e:  # noqa: BLE001 - every exception goes back to the caller
        stash_exception(e)
        return 1

def attach(base, name, policy):
    from .model import Model
    if not isinstance(name, str) or not name:
        raise InvalidArgument("policy name must be a non-empty str, not %r" % (name,))
    adapter = _Adapter(name, policy)
    key = next(_keys)
    with _live_lock:
        _live[key] = adapter
    encoded = name.encode("utf-8")
    out = c_void_p()
    # On failure the library has already called payload_free (dropping the adapter).
    lib.doorway_model_with_policy(byref(out), base.handle, encoded, len(encoded), byref(adapter.vtable),
                                  c_void_p(key), _payload_free)
    return Model(out.value, _policy=policy)
