from game.core.rng import RunRandom


def test_same_seed_same_sequence():
    a, b = RunRandom(42), RunRandom(42)
    assert [a.randint(0, 1000) for _ in range(50)] == [b.randint(0, 1000) for _ in range(50)]


def test_named_streams_are_independent_of_other_draws():
    a, b = RunRandom(7), RunRandom(7)
    a.randint(0, 10)  # drawing from the parent does not shift a child stream
    assert a.stream("swarm").randint(0, 10**9) == b.stream("swarm").randint(0, 10**9)
    assert a.stream("swarm").randint(0, 10**9) != a.stream("spectra").randint(0, 10**9)


def test_numpy_streams_repeat():
    x = RunRandom(3).numpy("bots").integers(0, 1 << 30, 16)
    y = RunRandom(3).numpy("bots").integers(0, 1 << 30, 16)
    assert (x == y).all()


def test_uniform_is_in_range_and_shuffle_is_a_permutation():
    r = RunRandom(5)
    assert all(0.0 <= r.uniform01() < 1.0 for _ in range(100))
    items = list(range(20))
    r.shuffle(items)
    assert sorted(items) == list(range(20)) and items != list(range(20))
