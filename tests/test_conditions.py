import pytest

from game.story.conditions import ConditionError, parse_condition
from game.story.state import StoryState


def state():
    s = StoryState()
    s.set_flag("met_malik")
    s.add("trust", 2)
    s.visit("jenna_intro")
    return s


@pytest.mark.parametrize("text,expected", [
    ("met_malik", True),
    ("not met_malik", False),
    ("trust >= 2", True),
    ("trust > 2", False),
    ("trust", True),
    ("letter_read", False),
    ("visited(jenna_intro)", True),
    ("visited(debate)", False),
    ("met_malik and (trust < 1 or visited(jenna_intro))", True),
    ("not (met_malik and trust == 2)", False),
])
def test_conditions_evaluate(text, expected):
    assert parse_condition(text).evaluate(state()) is expected


@pytest.mark.parametrize("text", ["", "and", "trust >", "trust >= x", "(met_malik", "met_malik)", "a b",
                                  "visited()", "trust = 2", "@"])
def test_bad_conditions_are_refused_with_a_column(text):
    with pytest.raises(ConditionError) as err:
        parse_condition(text)
    assert "column" in str(err.value)


def test_names_lists_what_a_condition_reads():
    cond = parse_condition("a and not b or trust > 1 or visited(n1)")
    assert cond.names == {"a", "b", "trust"}
    assert cond.counters == {"trust"}
    assert cond.visited_nodes == {"n1"}


def test_state_round_trips_and_digest_ignores_set_order():
    s = state()
    again = StoryState.from_data(s.to_data())
    assert again == s and again.state_bytes() == s.state_bytes()
