"""Multi-touch attribution: which channels earned the conversions.

    import doorway
    result = doorway.attribute([(["a", "b"], 3, 30, 1), ("a > c", 1, 20, 1)], model="markov")
    result.conversions        # {"a": 2.0, "b": 1.5, "c": 0.5}
    result["b"].removal_effect  # 0.75

    doorway.attribute("paths.csv", model="shapley")           # a path file
    doorway.attribute(engine, model="w_shaped", stage="customer")  # journeys of an engine's leads

Journeys are given as
- a list of ``(channels, conversions, value, nulls)`` tuples, ``channels`` a
  list of names or one ``"a > b > c"`` string (``value`` and ``nulls`` may be
  left out: 0);
- a path file: a ``str`` or ``os.PathLike`` naming a file in the
  ``a > b;conversions;value;nulls`` layout (header optional), or ``bytes`` with
  its text;
- a ``doorway.Engine``: each lead's touches up to its first entry into ``stage``
  (default ``customer``); leads that never entered it are nulls;
- a ``doorway.Journeys`` (see ``Journeys``), to run several models on one set.

The models and their exact semantics are in README "Attribution": first_touch,
last_touch, linear, linear_distinct, time_decay, position_decay, u_shaped,
w_shaped, full_path, markov, shapley.
"""
import ctypes
import json
import os
from collections import namedtuple
from ctypes import byref, c_int, c_size_t, c_void_p
from datetime import timedelta

from . import _types as T
from ._convert import duration_us
from ._handle import OwnedHandle
from ._lib import lib, take_buf
from .errors import InvalidArgument

OPTIONS_VERSION = 1


_Options = T.doorway_attribution_options


def _utf8(s, what):
    if not isinstance(s, str):
        raise InvalidArgument("%s: %r is not a string" % (what, s))
    return s.encode("utf-8")


class Journeys(OwnedHandle):
    """A set of journeys held by the library; reuse it to run several models.

    ``Journeys(paths)`` takes what ``attribute`` takes (a list of tuples, a path
    file, or an engine with ``stage=``). ``len(j)`` counts the journeys;
    ``j.to_path_file()`` gives them in the path-file layout."""

    _free = "doorway_journeys_free"
    _what = "journeys"

    def __init__(self, source=(), stage="customer", opportunity_stage="opportunity", source_name=None):
        self._handle = None
        h = c_void_p()
        from .engine import Engine
        if isinstance(source, Engine):
            conv = _utf8(stage, "stage")
            opp = _utf8(opportunity_stage, "opportunity_stage")
            lib.doorway_journeys_from_engine(byref(h), source._h(), conv, len(conv), opp, len(opp))
        elif isinstance(source, (bytes, bytearray)):
            name = (source_name or "paths.csv").encode("utf-8")
            text = bytes(source)
            lib.doorway_journeys_from_path_file(byref(h), text, len(text), name, len(name))
        elif isinstance(source, (str, os.PathLike)):
            path = os.fspath(source)
            with open(path, "rb") as f:
                text = f.read()
            name = (source_name or path).encode("utf-8")
            lib.doorway_journeys_from_path_file(byref(h), text, len(text), name, len(name))
        else:
            lib.doorway_journeys_new(byref(h))
            self._handle = h.value
            for i, row in enumerate(source):
                self.add(*_row(row, i))
            return
        self._handle = h.value

    def add(self, channels, conversions, value=0.0, nulls=0.0):
        """Adds one journey: channels as a list of names or an "a > b" string."""
        if isinstance(channels, str):
            channels = [c.strip() for c in channels.split(">")]
        names = [_utf8(c, "channels[%d]" % i) for i, c in enumerate(channels)]
        # One blob holds every name; `blob` stays alive for the call.
        blob = b"".join(names)
        base = ctypes.cast(ctypes.c_char_p(blob), c_void_p).value or 0
        arr = (T.doorway_str * max(1, len(names)))()
        at = 0
        for i, n in enumerate(names):
            arr[i].ptr = base + at if n else None
            arr[i].len = len(n)
            at += len(n)
        lib.doorway_journeys_add(self._h(), arr, len(names), _number(conversions, "conversions"),
                                 _number(value, "value"), _number(nulls, "nulls"))

    def __len__(self):
        n = c_size_t()
        lib.doorway_journeys_count(byref(n), self._h())
        return n.value

    def to_path_file(self):
        """The journeys as path-file text (header line, then "a > b;3;120.5;1")."""
        return take_buf(lib.doorway_journeys_to_path_file, self._h())



def _number(v, what):
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise InvalidArgument("%s: %r is not a number" % (what, v))
    return float(v)


def _row(row, i):
    if isinstance(row, dict):
        try:
            return (row["channels"], row.get("conversions", 0), row.get("value", 0), row.get("nulls", 0))
        except KeyError:
            raise InvalidArgument("paths[%d]: a dict needs \"channels\"" % i) from None
    if not isinstance(row, (tuple, list)) or not 2 <= len(row) <= 4:
        raise InvalidArgument("paths[%d]: %r is not (channels, conversions[, value[, nulls]])" % (i, row))
    channels, conversions, *rest = row
    return (channels, conversions, *(list(rest) + [0, 0])[:2])


ChannelCredit = namedtuple("ChannelCredit", [
    "channel", "conversions", "value", "removal_effect", "value_removal_effect",
    "conversions_std_error", "value_std_error"])
ChannelCredit.__doc__ = """One channel's credit. removal_effect and value_removal_effect are
set by the markov model, the standard errors by sampled shapley (else 0)."""


class Attribution:
    """The result of one model: ``channels`` (ChannelCredit, by name), the totals,
    and the model's own figures (``order``, ``states``, ``conversion_probability``
    for markov; ``sampled``, ``samples``, ``players`` for shapley). ``data`` is the
    JSON object the library wrote."""

    def __init__(self, data):
        self.data = data
        self.model = data["model"]
        self.journeys = data["journeys"]
        self.touches = data["touches"]
        self.total_conversions = data["total_conversions"]
        self.total_value = data["total_value"]
        self.total_nulls = data["total_nulls"]
        self.channels = [ChannelCredit(c["channel"], c["conversions"], c["value"], c.get("removal_effect", 0.0),
                                       c.get("value_removal_effect", 0.0), c.get("conversions_std_error", 0.0),
                                       c.get("value_std_error", 0.0)) for c in data["channels"]]
        for key in ("order", "states", "largest_block", "sweeps", "conversion_probability", "sampled", "samples",
                    "players"):
            setattr(self, key, data.get(key))

    @property
    def conversions(self):
        """{channel: attributed conversions}"""
        return {c.channel: c.conversions for c in self.channels}

    @property
    def value(self):
        """{channel: attributed conversion value}"""
        return {c.channel: c.value for c in self.channels}

    def __getitem__(self, channel):
        for c in self.channels:
            if c.channel == channel:
                return c
        raise KeyError(channel)

    def __repr__(self):
        return "Attribution(model=%r, total_conversions=%r, conversions=%r)" % (
            self.model, self.total_conversions, self.conversions)


def model_id(name):
    """The library's number for a model name (InvalidArgument, with a suggestion,
    for an unknown one)."""
    raw = _utf8(name, "model")
    out = c_int()
    lib.doorway_attribution_model_from_name(byref(out), raw, len(raw))
    return out.value


def attribute(paths, model="markov", order=1, include_nulls=True, collapse_repeats=True,
              half_life=timedelta(days=7), position_half_life=1.0, max_exact_channels=15, samples=1000,
              seed=1, stage="customer", opportunity_stage="opportunity"):
    """Runs one attribution model over journeys and returns an Attribution.

    paths: a list of (channels, conversions[, value[, nulls]]), a path file
    (str / PathLike / bytes), a doorway.Engine (journeys up to `stage`), or a
    Journeys. model: a name (see the module doc). half_life: a timedelta or
    milliseconds (time_decay). Bad options raise InvalidArgument naming them."""
    opts = _Options()
    lib.doorway_attribution_options_init(byref(opts), OPTIONS_VERSION)
    opts.model = model_id(model)
    for name, v in (("order", order), ("max_exact_channels", max_exact_channels)):
        if isinstance(v, bool) or not isinstance(v, int):
            raise InvalidArgument("%s: %r is not an integer" % (name, v))
    for name, v in (("samples", samples), ("seed", seed)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise InvalidArgument("%s: %r is not a non-negative integer" % (name, v))
    opts.order = order
    opts.include_nulls = 1 if include_nulls else 0
    opts.collapse_repeats = 1 if collapse_repeats else 0
    opts.half_life_us = duration_us(half_life, "half_life")
    opts.position_half_life = float(position_half_life)
    opts.max_exact_channels = max_exact_channels
    opts.samples = samples
    opts.seed = seed
    if isinstance(paths, Journeys):
        return Attribution(json.loads(take_buf(lib.doorway_attribute, paths._h(), byref(opts))))
    with Journeys(paths, stage=stage, opportunity_stage=opportunity_stage) as j:
        return Attribution(json.loads(take_buf(lib.doorway_attribute, j._h(), byref(opts))))
