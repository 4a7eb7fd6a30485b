from game.core.clock import TICK_SECONDS, FixedStepClock, format_ticks


def test_accumulates_partial_frames_into_whole_ticks():
    clock = FixedStepClock()
    assert clock.advance(TICK_SECONDS / 2) == 0
    assert clock.advance(TICK_SECONDS / 2 + 1e-9) == 1


def test_a_long_stall_is_clamped():
    clock = FixedStepClock(max_frame_seconds=0.25, max_ticks_per_frame=100)
    assert clock.advance(10.0) == int(0.25 / TICK_SECONDS)
    assert clock.dropped_seconds > 9.7


def test_ticks_per_frame_are_capped_and_the_rest_dropped():
    clock = FixedStepClock(max_ticks_per_frame=5)
    assert clock.advance(0.2) == 5
    # the excess is thrown away, not carried into later frames (the game slows down instead)
    assert clock.advance(0.0) == 0
    assert clock.accumulator < TICK_SECONDS


def test_sixty_frames_of_a_sixtieth_make_sixty_ticks():
    clock = FixedStepClock()
    assert sum(clock.advance(1 / 60) for _ in range(60)) in (59, 60)
    assert 0.0 <= clock.alpha <= 1.0


def test_negative_frame_time_does_nothing():
    clock = FixedStepClock()
    assert clock.advance(-1.0) == 0


def test_format_ticks_is_exact():
    assert format_ticks(0) == "0:00:00.000"
    assert format_ticks(1) == "0:00:00.016"
    assert format_ticks(60) == "0:00:01.000"
    assert format_ticks(60 * 3661 + 30) == "1:01:01.500"
