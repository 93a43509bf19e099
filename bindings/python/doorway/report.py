"""Reports: the funnel, handoff ledger, workload and diagnoses of an engine's leads.

    report = engine.report()            # a Report (read-only mapping of the JSON form)
    report["handoffs"]["sla_breached"]  # counts, as in README "Reports"
    report.stage("sal")["time_in_stage_us"]["median"]
    for finding in report.diagnoses:    # balance, cadence, ownership
        print(finding["severity"], finding["sentence"])
    report.merge(other_engine.report())  # the engines of a lead-hash partition
    print(report)                       # the text `doorway report` prints

A Report is a copy: it does not change with the engine. Reports merge when they
come from the same journey (stages and transitions) and options; N engines over a
lead-hash partition of the same touches, advanced to the same time, merge into
exactly the report of one engine. ``Report.from_json(text)`` reads what
``to_json()`` (or ``doorway report --json``) wrote.
"""
import json
from collections.abc import Mapping
from ctypes import byref, c_void_p

from ._handle import OwnedHandle
from ._lib import lib, take_buf
from .errors import InvalidArgument, NotFound

class Report(OwnedHandle, Mapping):
    """A report: a read-only mapping of its JSON form (keys of README "Reports"),
    plus merge(), stage(name), diagnoses, to_json() and to_text()."""

    _free = "doorway_report_free"
    _what = "report"

    def __init__(self, handle):
        # Made by Engine.report() or Report.from_json(); not meant to be called directly.
        if not handle:
            raise InvalidArgument("doorway.Report: use engine.report() or Report.from_json(text)")
        self._handle = handle
        self._data = None

    @classmethod
    def _of_engine(cls, engine_handle):
        out = c_void_p()
        lib.doorway_report_new(byref(out), engine_handle)
        return cls(out.value)

    @classmethod
    def from_json(cls, text, source="report.json"):
        """Reads a report from its JSON form (str or bytes). Raises DataError
        listing every problem as "source:line:column: path: what"."""
        data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        name = source.encode("utf-8")
        out = c_void_p()
        lib.doorway_report_from_json(byref(out), data, len(data), name, len(name))
        return cls(out.value)

    # ----- lifetime
    # ----- merging
    def merge(self, other):
        """Adds `other` into this report and returns self. Raises DataError when
        the two come from different journeys or options (this one is then
        unchanged)."""
        if not isinstance(other, Report):
            raise InvalidArgument("Report.merge(other): expected a doorway.Report, not %s" % type(other).__name__)
        lib.doorway_report_merge(self._h(), other._h())
        self._data = None
        return self

    def copy(self):
        """An independent copy (through the JSON form)."""
        return Report.from_json(self.to_json())

    def __add__(self, other):
        """A new report: this one merged with `other`."""
        return self.copy().merge(other)

    # ----- output
    def to_json(self):
        """The JSON text (stable keys; diagnoses with the default thresholds)."""
        return take_buf(lib.doorway_report_to_json, self._h())

    def to_text(self):
        """The text `doorway report` prints."""
        return take_buf(lib.doorway_report_to_text, self._h())

    def __str__(self):
        return self.to_text()

    def __repr__(self):
        if not self._handle:
            return "<doorway.Report (closed)>"
        return "<doorway.Report %d leads as of %s>" % (self["leads"], self["as_of"])

    # ----- the mapping (the JSON form, parsed once per state)
    @property
    def data(self):
        if self._data is None:
            self._data = json.loads(self.to_json())
        return self._data

    def __getitem__(self, key):
        return self.data[key]

    def __iter__(self):
        return iter(self.data)

    def __len__(self):
        return len(self.data)

    def __eq__(self, other):
        if not isinstance(other, Report):
            return NotImplemented
        return self.to_json() == other.to_json()

    __hash__ = None

    # ----- named accessors
    @property
    def stages(self):
        """Per stage, in journey order: a list of dicts."""
        return self.data["stages"]

    def stage(self, name):
        """The stage named `name` (a dict); raises NotFound (a LookupError) when absent."""
        for s in self.data["stages"]:
            if s["stage"] == name:
                return s
        raise NotFound("doorway: the report has no stage %r (stages: %s)"
                       % (name, ", ".join(s["stage"] for s in self.data["stages"])))

    @property
    def handoffs(self):
        return self.data["handoffs"]

    @property
    def outcomes(self):
        return self.data["outcomes"]

    @property
    def diagnoses(self):
        """The findings: dicts with code, topic, severity, subject (when about a
        channel), sentence and figures ([{name, value, unit}])."""
        return self.data["diagnoses"]
