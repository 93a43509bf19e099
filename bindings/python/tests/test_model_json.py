"""Model files through the binding: Model.from_json, Model.to_json, Model.to_dot.
Expected values come from the default model's rules (src/default_model.cpp)."""
import pytest

import doorway
from conftest import HOUR, T0, touch

# "version": 7 on line 3: two spaces, the quoted key in columns 3-11, ':' at 12,
# a space at 13, the value at column 14. An unknown version stops the reading.
BAD_VERSION = '{\n  "format": "doorway.model",\n  "version": 7\n}\n'

# A comma after the last member: the parser stops at the '}' on line 4, column 1.
TRAILING_COMMA = '{\n  "format": "doorway.model",\n  "version": 1,\n}\n'


def test_round_trip_of_the_default_model_gives_identical_text():
    text = doorway.Model.default().to_json()
    assert text.startswith("{")
    assert '"format": "doorway.model"' in text
    model = doorway.Model.from_json(text, source="default.json")
    again = model.to_json()
    assert again == text
    assert doorway.Model.from_json(again.encode("utf-8")).to_json() == text
    assert model.stages == doorway.Model.default().stages
    assert model.scores == ("engagement", "temperature")


def test_a_model_read_from_json_runs_the_journey():
    model = doorway.Model.from_json(doorway.Model.default().to_json())
    with doorway.Engine(model) as e:
        e.ingest([touch("e1", "ann", T0, "website_visit"),
                  touch("e2", "ann", T0 + HOUR, "website_visit"),
                  touch("e3", "ann", T0 + 2 * HOUR, "demo_request")])
        lead = e.lead("ann")
        assert lead.stage == "sal"  # demo_request is a door touch: subscriber -> sal
        assert lead.owner == "sales"


def test_a_broken_model_lists_its_problems_with_line_and_column():
    with pytest.raises(doorway.DataError) as info:
        doorway.Model.from_json(BAD_VERSION, source="broken.json")
    err = info.value
    assert err.code == doorway.errors.EDATA
    assert "broken.json:3:14: version: unsupported version 7" in str(err)
    assert len(err.problems) == 1
    p = err.problems[0]
    assert isinstance(p, doorway.Problem)
    assert p.path == "version"
    assert p.message.startswith("broken.json:3:14: unsupported version 7")


def test_a_syntax_error_is_located():
    with pytest.raises(doorway.DataError) as info:
        doorway.Model.from_json(TRAILING_COMMA.encode("utf-8"))
    assert [p.code for p in info.value.problems] == ["json.syntax"]
    assert info.value.problems[0].message.startswith("model.json:4:1: ")
    assert "model.json:4:1: " in str(info.value)


def test_from_json_wants_text():
    with pytest.raises(TypeError):
        doorway.Model.from_json(42)


def test_to_dot():
    dot = doorway.Model.default().to_dot()
    assert '\ndigraph "doorway-default" {\n' in dot
    assert "subscriber" in dot and "sal" in dot


def test_a_custom_policy_has_no_json_form():
    class Count(doorway.Policy):
        def apply(self, state, touch):
            return 1.0

        def value(self, state, now):
            return 0.0

    model = doorway.Model.default().with_policy("custom", Count())
    with pytest.raises(doorway.StateError, match='score "custom".*no JSON form'):
        model.to_json()
    assert "\ndigraph " in model.to_dot()
