"""Models: the default model, model files (JSON in and out, DOT out),
custom-policy models, validation, stages, scores, and classification of single
touches."""
import ctypes
import threading
from ctypes import byref, c_size_t, c_void_p
from dataclasses import dataclass
from datetime import timedelta

from . import _types as T
from ._handle import OwnedHandle
from ._lib import lib, take_buf
from ._touches import build, columns_from_dicts
from .errors import DataError


@dataclass(frozen=True)
class Problem:
    """One problem found by Model.validate() or Model.from_json() (whose
    messages start with "source:line:column: ")."""
    code: str     # stable id, e.g. "journey.unreachable_stage"
    path: str     # where, e.g. "stages[3]"
    message: str  # what, in a sentence a user can act on


@dataclass(frozen=True)
class Stage:
    id: int
    name: str
    owner: str                # "marketing" | "sales" | "unknown"
    kind: str                 # "entry" | "inventory" | "sla" | "won" | "lost"
    sla: "timedelta | None"   # for "sla" stages


@dataclass(frozen=True)
class Classification:
    rule: str
    team: str
    audience: str
    interaction: str
    initiator: str
    kind: str                 # "contact" | "door" | "outcome"
    known_type: bool
    initiated_contact: bool


class Model(OwnedHandle):
    """An immutable model (touch catalog, scores, journey). Share it freely
    across engines and threads. Engines keep their model alive on the C side,
    so a Model may be closed or collected before the engines made from it."""

    __slots__ = ("_handle", "_policy", "__weakref__")
    _free = "doorway_model_free"
    _what = "model"

    def __init__(self, _handle, _policy=None):
        if not isinstance(_handle, int) or not _handle:
            raise TypeError("use Model.default(), Model.from_json(...) or model.with_policy(...)")
        self._handle = _handle
        self._policy = _policy  # keeps the Python policy reachable for introspection

    @classmethod
    def default(cls):
        """The embedded default model (subscriber -> lead -> mql -> sal -> sql ->
        opportunity -> customer -> advocate, with nurture, disqualified, lost;
        scores "engagement" and "temperature")."""
        out = c_void_p()
        lib.doorway_model_default(byref(out))
        return cls(out.value)

    @classmethod
    def from_json(cls, text, source="model.json"):
        """A model read from a model file's text (str, or UTF-8 bytes); `source`
        names the file in problems. Raises doorway.DataError when the text is not
        a valid model: its message lists every problem found, each as
        "source:line:column: path: message", and its ``problems`` attribute holds
        them as a tuple of Problem."""
        if isinstance(text, str):
            data = text.encode("utf-8")
        elif isinstance(text, (bytes, bytearray, memoryview)):
            data = bytes(text)
        else:
            raise TypeError("Model.from_json: text must be str or bytes, not %s" % type(text).__name__)
        name = str(source).encode("utf-8")
        out = c_void_p()
        problems = c_void_p()
        try:
            lib.doorway_model_from_json(byref(out), byref(problems), data, len(data), name, len(name))
        except DataError as e:
            e.problems = tuple(_read_problems(problems))
            raise
        finally:
            lib.doorway_problems_free(problems)
        return cls(out.value)

    def to_json(self):
        """The model as a model file (str, canonical form): Model.from_json()
        reads it back to the same model. Raises doorway.StateError when a score
        has no JSON form (a custom policy)."""
        return self._buf(lib.doorway_model_to_json)

    def to_dot(self):
        """The journey as a Graphviz DOT digraph (str)."""
        return self._buf(lib.doorway_model_to_dot)

    def _buf(self, fn):
        return take_buf(fn, self.handle)

    def with_policy(self, name, policy):
        """A new model: this one plus a score `name` computed by `policy` (see
        doorway.Policy). This model is unchanged."""
        from .policy import attach  # a cycle otherwise
        return attach(self, name, policy)

    @property
    def handle(self):
        return self._h()

    def close(self):
        """Frees the handle now (engines made from it keep working). Idempotent."""
        super().close()

    def validate(self):
        """Every problem found in the model, as a list of Problem (empty: valid)."""
        problems = c_void_p()
        lib.doorway_model_validate(byref(problems), self.handle)
        try:
            return _read_problems(problems)
        finally:
            lib.doorway_problems_free(problems)

    @property
    def stages(self):
        """The journey's stages, in id order (tuple of Stage)."""
        n = c_size_t()
        lib.doorway_model_stage_count(byref(n), self.handle)
        info = T.doorway_stage_info()
        out = []
        for i in range(n.value):
            lib.doorway_model_stage(byref(info), self.handle, i)
            out.append(Stage(i, T.read_str(info.name), T.name_of(T.TEAMS, info.owner),
                             T.name_of(T.STAGE_KINDS, info.kind),
                             timedelta(microseconds=info.sla_us) if info.sla_us else None))
        return tuple(out)

    @property
    def scores(self):
        """The score names, in model order (tuple of str)."""
        n = c_size_t()
        lib.doorway_model_score_count(byref(n), self.handle)
        s = T.doorway_str()
        out = []
        for i in range(n.value):
            lib.doorway_model_score_name(byref(s), self.handle, i)
            out.append(T.read_str(s))
        return tuple(out)

    def classify(self, touch):
        """How `touch` (a dict; only type, channel, audience, interaction,
        initiator and team are read) is classified by this model."""
        columns, n = columns_from_dicts([touch])
        touches, keep = build(columns, n)
        c = T.doorway_classification()
        lib.doorway_classify(byref(c), self.handle, touches, ctypes.sizeof(T.doorway_touch))
        del keep
        return Classification(T.read_str(c.rule), T.name_of(T.TEAMS, c.team),
                              T.name_of(T.AUDIENCES, c.audience), T.name_of(T.INTERACTIONS, c.interaction),
                              T.name_of(T.INITIATORS, c.initiator), T.name_of(T.TOUCH_KINDS, c.kind),
                              bool(c.known_type), bool(c.initiated_contact))


def _read_problems(problems):
    """The Problems of a doorway_problems list (not freed here; none for NULL)."""
    if not problems:
        return []
    n = c_size_t()
    lib.doorway_problems_count(byref(n), problems)
    out = []
    p = T.doorway_problem()
    for i in range(n.value):
        lib.doorway_problems_get(byref(p), problems, i)
        out.append(Problem(T.read_str(p.code), T.read_str(p.path), T.read_str(p.message)))
    return out


_default = None
_default_lock = threading.Lock()


def classify(touch, model=None):
    """Classifies one touch (a dict) by `model` (default: the default model)."""
    global _default
    if model is None:
        with _default_lock:
            if _default is None:
                _default = Model.default()
        model = _default
    return model.classify(touch)
