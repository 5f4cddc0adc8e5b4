"""The report's peers without the peers: each adapter run on fake modules injected into
sys.modules (CI installs none of them), which fail at every call. A peer that fails, or that
cannot do a task, is "n/a" with the reason, in results.json and in report.md; it never ends
the run."""
import json
import sys
import types

import numpy as np
import pytest

import dualnum as dn
from dualnum.bench import cli, peers, speed, suite, workloads

TINY = {"elementwise": (10, 20), "rosenbrock": (3, 4), "grid": (10,), "grid repeats": 1,
        "grid target": 1e-4, "repeats": 1, "target": 1e-4, "limit": 10.0, "taylor": 10}
TASKS = {"scalar": ["f'(1.3)", "f''(1.3)"], "elementwise": ["f' elementwise", "f'' elementwise"],
         "rosenbrock": ["gradient", "Jacobian", "Hessian"], "taylor": list(workloads.TAYLOR_TASKS)}
MODULES = {"jax": ["jax", "jax.numpy", "jax.scipy.special", "jax.nn", "jax.experimental.jet"],
           "num-dual": ["num_dual"], "numdifftools": ["numdifftools"],
           "scipy.differentiate": ["scipy.differentiate"]}


class Failing(types.ModuleType):
    """A module whose every attribute is itself and whose every call raises ``error``."""

    def __init__(self, name, error):
        super().__init__(name)
        self.error = error
        self.config = types.SimpleNamespace(update=lambda *args: None)   # jax's set-up

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self

    def __call__(self, *args, **kwargs):
        raise self.error


def _inject(monkeypatch, name, error=RuntimeError("simulated failure")):
    for module in MODULES[name]:
        monkeypatch.setitem(sys.modules, module, Failing(module, error))


def _no_progress(items, label):
    return items


@pytest.mark.parametrize("name", sorted(peers.PEERS))
def test_each_adapter_degrades_to_na_on_every_failing_task(name, monkeypatch):
    _inject(monkeypatch, name)
    found, skipped = peers.find([name])
    assert skipped == [] and [type(p) for p in found] == [peers.PEERS[name]]
    peer = found[0]
    for fn in suite.SCALAR.values():
        for key, record in peers.accuracy_of(peer, fn, {"f'": 1, "f''": 1}).items():
            assert set(record) == {"n/a"}, (fn.name, key)
            assert "simulated failure" in record["n/a"] or "has no" in record["n/a"]
    timed = {"scalar": speed.scalar(TINY, [peer])}
    for key in ("elementwise", "rosenbrock"):
        timed[key] = speed.against_n(key, TINY, _no_progress, [peer])
    timed["taylor"] = speed.taylor(TINY, [peer])
    for key, tasks in TASKS.items():
        for task in tasks:
            mine = {c: s for c, s in timed[key][task].items() if c.startswith(name)}
            assert mine, (key, task)
            for stats in mine.values():
                for entry in stats if isinstance(stats, list) else [stats]:
                    assert "min" not in entry and entry["n/a"], (key, task)
            assert "dualnum" in timed[key][task]   # the others are timed all the same


def test_the_original_crash_is_now_na(monkeypatch):
    # numdifftools stepping outside ln(sin x)'s domain raised "math domain error" through
    # the whole command
    _inject(monkeypatch, "numdifftools", ValueError("math domain error"))
    peer = peers.find(["numdifftools"])[0][0]
    record = peers.accuracy_of(peer, suite.SCALAR["ln(sin x)"], {"f'": 1, "f''": 1})
    assert record["f'"] == {"n/a": "failed: ValueError: math domain error"}


def test_num_dual_says_what_it_lacks(monkeypatch):
    _inject(monkeypatch, "num-dual")
    peer = peers.find(["num-dual"])[0][0]
    record = peers.accuracy_of(peer, suite.SCALAR["GELU"], {"f'": 1, "f''": 1})
    assert record["f''"] == {"n/a": "num-dual has no erf"}
    group = speed.scalar(TINY, [])   # the elementwise refusal names the reason
    assert "num-dual" not in group["f'(1.3)"]
    refusal = peer.tasks("elementwise", 10)["f' elementwise"]["num-dual"]
    assert peers.reason(peers.attempt(refusal)[1]) == peers.NumDual.NO_ARRAYS


def test_a_peer_that_breaks_on_import_or_set_up_is_skipped(monkeypatch):
    class Broken(types.ModuleType):
        def __getattr__(self, name):
            raise RuntimeError("no backend found")
    monkeypatch.setitem(sys.modules, "jax", Broken("jax"))
    found, skipped = peers.find(["jax"])
    assert found == []
    assert skipped == ["jax: skipped (failed: RuntimeError: no backend found)"]


def test_a_broken_peer_cannot_crash_the_run(monkeypatch, tmp_path):
    pytest.importorskip("mpmath")
    for name in MODULES:
        _inject(monkeypatch, name)
    monkeypatch.setattr(speed, "QUICK", TINY)
    assert cli.main(["--quick", "--only", "accuracy,speed", "--out", str(tmp_path)]) == 0
    results = json.loads((tmp_path / "results.json").read_text())
    for row in results["accuracy"]["scalar"]:
        assert sorted(row["peers"]) == sorted(peers.PEERS)
        assert all(set(r) == {"n/a"} for cells in row["peers"].values() for r in cells.values())
    hessian = results["speed"]["rosenbrock"]["Hessian"]
    assert hessian["jax (jit)"][0]["n/a"] == "failed: RuntimeError: simulated failure"
    report = (tmp_path / "report.md").read_text()
    assert "| jax (jit) | n/a: failed: RuntimeError: simulated failure |" in report
    assert "- num-dual (GELU f', GELU f''): num-dual has no erf" in report


class Echo:
    """A peer whose gradient is dualnum's own (right), whose Jacobian has the wrong shape
    and whose Hessian is NaN."""
    name = "echo"

    def tasks(self, key, n):
        x = workloads.rosenbrock_point(n)
        return {"gradient": {"echo": lambda: lambda: dn.gradient(workloads.rosen, x)},
                "Jacobian": {"echo": lambda: lambda: np.zeros(3)},
                "Hessian": {"echo": lambda: lambda: np.full((n, n), np.nan)}} \
            if key == "rosenbrock" else {}


def test_wrong_results_are_na_and_right_ones_carry_their_deviation():
    timed = speed.against_n("rosenbrock", TINY, _no_progress, [Echo()])
    assert [s["deviation"] for s in timed["gradient"]["echo"]] == [0.0, 0.0]
    assert "min" in timed["gradient"]["echo"][0]
    assert timed["Jacobian"]["echo"][0]["n/a"] == \
        "failed: ValueError: result of shape (3,), dualnum's (4, 3)"
    assert timed["Hessian"]["echo"][1]["n/a"] == \
        "failed: ValueError: non-finite result at 16 of 16 points"


def test_a_candidate_over_the_limit_is_not_timed_at_larger_n():
    timed = speed.against_n("rosenbrock", {**TINY, "limit": 0.0}, _no_progress, [Echo()])
    first, second = timed["gradient"]["echo"]
    assert first["over limit"] and first["n/a"].startswith("one call took")
    assert first["n/a"].endswith("over the run's limit of 0 s: not timed")
    assert second["n/a"] == "over the limit at n = 3 already: not timed"
    assert "min" in timed["gradient"]["dualnum"][1]   # dualnum's own are always timed


def test_the_limits_per_call_are_the_readmes():
    assert speed.FULL["limit"] == 1.0 and speed.QUICK["limit"] == 0.25


class Sleeper:
    """A peer whose gradient is right and takes 30 ms a call, whatever n."""
    name = "sleeper"

    def tasks(self, key, n):
        import time
        x = workloads.rosenbrock_point(n)

        def call():
            time.sleep(0.03)
            return dn.gradient(workloads.rosen, x)
        return {"gradient": {"sleeper": lambda: call}} if key == "rosenbrock" else {}


def test_a_candidate_whose_next_call_would_pass_the_limit_is_not_tried():
    """No method costs less than linear in n: 30 ms at n = 3 means at least 40 ms at n = 4,
    over a limit of 35 ms, so the call at n = 4 is not made."""
    timed = speed.against_n("rosenbrock", {**TINY, "limit": 0.035}, _no_progress,
                            [Sleeper()])
    first, second = timed["gradient"]["sleeper"]
    assert "min" in first and first["first call"] >= 0.03
    assert second["n/a"].startswith("one call at n = 3 took 0.03")
    assert "at n = 4 it would take at least 0.04" in second["n/a"]
    assert second["n/a"].endswith("over the run's limit of 0.035 s: not timed")
