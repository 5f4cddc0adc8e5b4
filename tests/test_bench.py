"""The report command, ``python -m dualnum.bench``: a quick run end to end, its figures
against independent references, the report against its raw figures, and the command's
behaviour without its optional dependencies and with bad arguments."""
import json
import math
import subprocess
import sys

import numpy as np
import pytest

from dualnum.bench import accuracy, cli, gradients, peers, suite, timing, workloads, writer

mpmath = pytest.importorskip("mpmath")
pytest.importorskip("matplotlib")


@pytest.fixture(scope="module")
def quick(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    assert cli.main(["--quick", "--out", str(out)]) == 0
    return out, json.loads((out / "results.json").read_text())


def test_quick_run_writes_the_report_the_data_and_the_figures(quick):
    out, results = quick
    assert sorted(p.name for p in out.iterdir()) == [
        "elementwise.png", "report.md", "results.json", "rosenbrock.png", "steps.png"]
    report = (out / "report.md").read_text()
    for name in results["plots"]:
        assert "](%s)" % name in report
        assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert {"accuracy", "steps", "speed", "gradcheck"} <= set(results)


def test_dualnum_is_at_rounding_level_and_the_differences_within_their_bounds(quick):
    rows = quick[1]["accuracy"]["scalar"]
    assert len(rows) == len(suite.SCALAR)
    for row in rows:
        assert row["dualnum f'"]["error"] < 1e-14 and row["dualnum f''"]["error"] < 1e-14
        if "complex step" in row:
            assert row["complex step"]["error"] < 1e-14
        for scheme in accuracy.SCHEMES:
            assert row[scheme]["error"] <= row[scheme]["bound"], (row["function"], scheme)
    # where theory puts them: the bounds' orders at the standard steps (eps^(1/2),
    # eps^(1/3), eps^(1/5), eps^(1/4)) on these well-scaled functions
    orders = {"forward": 1e-6, "central": 1e-9, "five-point": 1e-10, "second central": 1e-5}
    for scheme, order in orders.items():
        assert max(row[scheme]["bound"] for row in rows) < order, scheme
    smooth = [row for row in rows if row["function"] not in ("ReLU", "3x^2+5x-2")]
    assert min(row["forward"]["error"] for row in smooth) > 1e-11


def test_gradients_and_hessians_exact_and_the_differences_within_their_bounds(quick):
    rows = quick[1]["accuracy"]["vector"]
    assert [row["function"] for row in rows] == list(suite.VECTOR)
    for row in rows:
        for method in ("dualnum gradient", "complex step gradient", "dualnum Hessian"):
            assert row[method]["error"] < 1e-14, (row["function"], method)
        for method, order in (("fd.gradient", 1e-8), ("fd.hessian", 1e-5)):
            assert row[method]["error"] <= row[method]["bound"] < order, (row["function"],
                                                                          method)
            assert row[method]["error"] > 1e-12   # finite differences are not exact


def test_gradient_references_are_the_analytic_ones():
    # Rosenbrock's gradient and Hessian in closed form (SciPy's, run on mpmath numbers), the
    # network's gradient by central differences at 80 digits with h = 1e-25 (error ~ h^2)
    from scipy.optimize import rosen_der, rosen_hess
    mp = suite.mpmath_namespace()
    fn = suite.VECTOR["Rosenbrock (n=4)"]
    grad, hess = gradients.references(fn, mp)
    with mpmath.workdps(50):
        x = np.array([mpmath.mpf(c) for c in fn.x], dtype=object)
        assert max(abs(a - b) for a, b in zip(rosen_der(x), grad)) < mpmath.mpf(10) ** -40
        assert max(abs(a - b) for a, b in zip(rosen_hess(x).ravel(), np.ravel(hess))
                   ) < mpmath.mpf(10) ** -40
    fn = suite.VECTOR["two-layer network loss"]
    grad, _ = gradients.references(fn, mp)
    with mpmath.workdps(80):
        h, x = mpmath.mpf(10) ** -25, [mpmath.mpf(c) for c in fn.x]
        for i, g in enumerate(grad):
            up, down = list(x), list(x)
            up[i], down[i] = x[i] + h, x[i] - h
            exact = (fn.f(up, mp) - fn.f(down, mp)) / (2 * h)
            assert abs(g - exact) < mpmath.mpf(10) ** -45


def test_a_mixed_bound_catches_a_wrong_step():
    fn, mp = suite.VECTOR["two-layer network loss"], suite.mpmath_namespace()
    _, hess = gradients.references(fn, mp)
    bound = gradients.mixed_bound(fn, mp, 0, 4, hess[0][4])
    wide = accuracy.fd.hessian(fn.bound(suite.MATH), np.array(fn.x),
                               step=100 * accuracy.fd.SECOND_STEP)
    assert abs(wide[0, 4] - float(hess[0][4])) > 10 * bound


def test_results_json_holds_the_references_to_50_digits(quick):
    """Every error of results.json can be recomputed from its raw figures."""
    mp = suite.mpmath_namespace()
    for row in quick[1]["accuracy"]["scalar"]:
        fresh = accuracy.references(suite.SCALAR[row["function"]], mp, orders=1)[1]
        with mpmath.workdps(50):
            exact = mpmath.mpf(row["f'"])
            assert abs(exact - fresh) <= mpmath.mpf(10) ** -45 * abs(fresh)
            again = float(abs(mpmath.mpf(row["dualnum f'"]["value"]) - exact) / abs(exact))
        assert math.isclose(again, row["dualnum f'"]["error"], rel_tol=1e-12, abs_tol=1e-300)
    for row in quick[1]["accuracy"]["vector"]:
        fresh, _ = gradients.references(suite.VECTOR[row["function"]], mp)
        with mpmath.workdps(50):
            assert all(abs(mpmath.mpf(g) - e) <= mpmath.mpf(10) ** -45 * abs(e)
                       for g, e in zip(row["gradient"], fresh, strict=True))


def test_complex_step_runs_where_the_function_allows():
    assert not suite.SCALAR["ReLU"].runs_on(suite.COMPLEX)
    assert suite.SCALAR["GELU"].runs_on(suite.COMPLEX)   # SciPy's erf takes complex numbers


@pytest.mark.parametrize("name, derivative", [
    ("x^2 sin x", lambda x: 2 * x * mpmath.sin(x) + x ** 2 * mpmath.cos(x)),
    ("sigmoid", lambda x: mpmath.exp(-x) / (1 + mpmath.exp(-x)) ** 2),
    ("ln(sin x)", lambda x: mpmath.cot(x)),
])
def test_references_are_the_analytic_derivatives(name, derivative):
    fn = suite.SCALAR[name]
    with mpmath.workdps(60):
        exact = derivative(mpmath.mpf(fn.x))
    reference = accuracy.references(fn, suite.mpmath_namespace(), orders=1)[1]
    assert abs(reference - exact) < mpmath.mpf(10) ** -45 * abs(exact)


def test_a_bound_catches_a_wrong_step():
    # the bound is the theory's at the step the formula takes: a central difference with
    # a hundred times its step errs far beyond it
    fn, mp = suite.SCALAR["x^2 sin x"], suite.mpmath_namespace()
    exact = accuracy.references(fn, mp, orders=1)[1]
    _, bound = accuracy.scheme_bound(fn, mp, "central", exact)
    wide = accuracy.fd.central(fn.bound(suite.MATH), fn.x, step=100 * accuracy.fd.CENTRAL_STEP)
    assert accuracy.relative_error(wide, exact) > 100 * bound


def test_the_report_says_where_the_sweep_has_no_point(quick):
    """x + h rounds to x at 1.5 for h = 1e-16: no finite difference, null in results.json,
    and report.md says so (the complex step has its point)."""
    sweep = quick[1]["steps"]
    assert sweep["steps"][-1] == 1e-16 and 1.5 + 1e-16 == 1.5
    assert all(sweep["first"][name][-1] is None for name in accuracy.SCHEMES
               if name in sweep["first"])
    assert sweep["first"]["complex step"][-1] is not None
    assert "No finite difference at h = 1e-16: x + h rounds to x" in \
        (quick[0] / "report.md").read_text()


def test_step_sweep_shows_the_dilemma(quick):
    sweep = quick[1]["steps"]
    assert sweep["x"] == 1.5 and len(sweep["steps"]) == 16
    assert sweep["first"]["dualnum"] < 1e-14 and sweep["second"]["dualnum"] < 1e-14
    for order in ("first", "second"):
        for name, errors in sweep[order].items():
            if name in ("dualnum", "complex step"):
                continue
            best = min(e for e in errors if e is not None)
            assert best > 1e-13, name   # no step reaches rounding level
            assert errors[0] > best and errors[-2] > best   # too large, too small
    assert sweep["first"]["complex step"][-1] < 1e-14
    assert sweep["first"]["central"][-1] is None   # 1.5 + 1e-16 == 1.5: no estimate


def _rows(report, heading):
    """The rows of the first table after the line of report.md that starts with heading."""
    lines = report.split("\n" + heading, 1)[1].split("\n", 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    table = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        table.append([cell.strip() for cell in line.strip("|").split("|")])
    return table


def test_report_numbers_match_the_raw_figures(quick):
    out, results = quick
    report = (out / "report.md").read_text()
    rows = _rows(report, "## Accuracy")
    for row, raw in zip(rows, results["accuracy"]["scalar"], strict=True):
        assert row[0] == raw["function"] and float(row[1]) == raw["x"]
        for cell, column in zip(row[2:], accuracy.COLUMNS):
            if column not in raw:
                assert cell == "-"
                continue
            assert math.isclose(float(cell), raw[column]["error"], rel_tol=0.051,
                                abs_tol=1e-300)
    assert ("below 1e-14 relative everywhere: yes. Every finite difference within its "
            "bound: yes." in report)
    bounds = _rows(report, "The bound that theory gives")
    for row, raw in zip(bounds, results["accuracy"]["scalar"], strict=True):
        assert row[0] == raw["function"]
        for cell, scheme in zip(row[1:], accuracy.SCHEMES, strict=True):
            assert math.isclose(float(cell), raw[scheme]["bound"], rel_tol=0.051)
    rows = _rows(report, "### Gradients and Hessians")
    for row, raw in zip(rows, results["accuracy"]["vector"], strict=True):
        assert row[0] == raw["function"] and int(row[1]) == len(raw["x"])
        for cell, column in zip(row[2:], gradients.COLUMNS, strict=True):
            assert math.isclose(float(cell), raw[column]["error"], rel_tol=0.051)
    for task, group in results["speed"]["scalar"].items():
        for row in _rows(report, "### " + task):
            stats = group[row[0]]
            if "n/a" in stats:   # a peer that could not take part
                assert row[1] == "n/a: " + stats["n/a"]
                continue
            assert math.isclose(float(row[1]), stats["min"] * 1e6, rel_tol=5e-3)
            assert math.isclose(float(row[3]),
                                stats["min"] / group[workloads.PLAIN]["min"], rel_tol=5e-3)
    n = results["speed"]["rosenbrock"]["n"][-1]
    for row in _rows(report, "### Hessian, n = %d" % n):
        stats = next(s for s in results["speed"]["rosenbrock"]["Hessian"][row[0]]
                     if s["n"] == n)
        if "n/a" in stats:
            continue
        assert math.isclose(float(row[1]), stats["min"] * 1e6, rel_tol=5e-3)


def test_speed_records_every_repeat_and_its_statistic(quick):
    speed = quick[1]["speed"]
    repeats = cli.speed.QUICK["repeats"]
    assert "fastest of %d repeats" % repeats in speed["statistic"]
    for group in speed["scalar"].values():
        for stats in group.values():
            assert stats["min"] == min(stats["repeats"]) and len(stats["repeats"]) == repeats
    assert speed["elementwise"]["n"] == [1000, 10000, 100000]
    assert set(speed["rosenbrock"]) == {"n", "gradient", "Jacobian", "Hessian"}


def test_the_grid_holds_every_table_function_at_every_size(quick):
    """The grid of elementwise ratios: every one-argument rule of the table and the
    composite f, three tasks each, a ratio to the finite difference and to the plain
    evaluation per n, and the report's two tables give the same figures."""
    out, results = quick
    grid = results["speed"]["grid"]
    assert grid["n"] == [int(n) for n in cli.speed.QUICK["grid"]]
    assert set(grid) - {"n"} == set(workloads.table_functions())
    for tasks in (v for k, v in grid.items() if k != "n"):
        assert list(tasks) == ["f'", "f''", "f, f', f''"]
        for per_n in tasks.values():
            assert [s["n"] for s in per_n] == grid["n"]
            # measured ratios: positive and finite (their size is the benchmarks' to
            # judge, side by side, not a unit test's on a machine doing other work)
            assert all(0 < s[r] < math.inf for s in per_n for r in writer.GRID_RATIOS)
    report = (out / "report.md").read_text()
    for against in writer.GRID_RATIOS:
        rows = _rows(report, "### " + writer.grid_title(against))
        assert [row[0] for row in rows] == [k for k in grid if k != "n"]
        for row in rows:
            for cell, i in zip(row[1:], range(len(grid["n"])), strict=True):
                want = [stats[i][against] for stats in grid[row[0]].values()]
                assert [float(c) for c in cell.split(" / ")] == \
                    [float("%.2f" % w) for w in want]


def test_missing_peers_are_skipped_with_a_line(quick):
    results = quick[1]
    for name in peers.PEERS:
        try:
            __import__(peers.PEERS[name].module)
        except ImportError:
            assert any(line.startswith(name + ": skipped") for line in results["skipped"])


def test_scipy_differentiate_takes_part_where_installed(quick):
    pytest.importorskip("scipy.differentiate")
    rows = quick[1]["accuracy"]["scalar"]
    assert all(row["peers"]["scipy.differentiate"]["f'"]["error"] < 1e-9 for row in rows)
    for row in rows:   # its default first step, 0.5, leaves the domain of two of them
        second = row["peers"]["scipy.differentiate"]["f''"]
        assert second.get("error", 1) < 1e-9 or row["function"] in (
            "ln(sin x)", "e^x/sqrt(sin^3 x+cos^3 x)") and "non-finite" in second["n/a"]
    for stats in quick[1]["speed"]["rosenbrock"]["gradient"]["scipy.differentiate"]:
        assert stats["deviation"] < 1e-9


def test_side_by_side_takes_the_fastest_repeat():
    import time
    stats = timing.side_by_side({"sleep": lambda: time.sleep(1e-3)}, repeats=3, target=1e-3)
    s = stats["sleep"]
    assert 1e-3 <= s["min"] <= s["max"] and len(s["repeats"]) == 3
    assert timing.spread(s) == s["max"] / s["min"] - 1


def test_workloads_are_the_derivatives_they_name():
    from scipy.optimize import rosen_der, rosen_hess
    tasks = workloads.rosenbrock_tasks(10)
    x = workloads.rosenbrock_point(10)
    np.testing.assert_allclose(tasks["gradient"]["dualnum"](), rosen_der(x), rtol=1e-13)
    np.testing.assert_allclose(tasks["Hessian"]["dualnum"](), rosen_hess(x), rtol=1e-13,
                               atol=1e-12)
    np.testing.assert_allclose(tasks["gradient"]["finite differences"](), rosen_der(x),
                               rtol=1e-6, atol=1e-6)
    r = workloads.rosen_residuals(x)
    assert math.isclose(np.sum(r ** 2), workloads.rosen(x), rel_tol=1e-14)


def _command(*args, hide=None):
    """Run the command in a fresh interpreter, with module ``hide`` failing to import."""
    code = ("import sys\nif %r: sys.modules[%r] = None\n"
            "from dualnum.bench.cli import main\nsys.exit(main(%r))" % (hide, hide, list(args)))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300)


def test_without_matplotlib_it_runs_and_says_so(tmp_path):
    done = _command("--quick", "--no-peers", "--only", "steps", "--out", str(tmp_path),
                    hide="matplotlib")
    assert done.returncode == 0, done.stderr
    assert "skipped: plots: matplotlib not installed" in done.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md", "results.json"]
    assert "plots: matplotlib not installed" in (tmp_path / "report.md").read_text()


def test_without_mpmath_it_runs_and_says_so(tmp_path):
    done = _command("--quick", "--no-peers", "--only", "accuracy,steps,gradcheck", "--out",
                    str(tmp_path), hide="mpmath")
    assert done.returncode == 0, done.stderr
    assert "skipped: accuracy and steps: mpmath not installed" in done.stdout
    results = json.loads((tmp_path / "results.json").read_text())
    assert "accuracy" not in results and "steps" not in results and "gradcheck" in results


def test_without_scipy_the_gradient_check_says_what_it_left_out(tmp_path):
    done = _command("--quick", "--no-peers", "--only", "gradcheck", "--out", str(tmp_path),
                    hide="scipy")
    assert done.returncode == 0, done.stderr
    assert "skipped: gradient check: SciPy not installed" in done.stdout
    results = json.loads((tmp_path / "results.json").read_text())
    assert list(results["gradcheck"]["rows"]) == ["dualnum (check_grad)",
                                                  "central differences (fd.gradient)"]


@pytest.mark.parametrize("make", ["file", "below a file", "empty"])
def test_an_out_that_cannot_be_a_folder_is_a_usage_error(tmp_path, make, capsys):
    (tmp_path / "a file").write_text("")
    out = {"file": tmp_path / "a file", "below a file": tmp_path / "a file" / "sub",
           "empty": ""}[make]
    with pytest.raises(SystemExit) as info:
        cli.main(["--quick", "--no-peers", "--only", "gradcheck", "--out", str(out)])
    assert info.value.code == 2
    assert ("--out is empty" if make == "empty" else "cannot be the report's folder") \
        in capsys.readouterr().err


def test_a_run_into_an_old_report_leaves_none_of_its_figures(tmp_path):
    assert cli.main(["--quick", "--no-peers", "--only", "steps", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "steps.png").exists()
    (tmp_path / "notes.txt").write_text("mine")
    assert cli.main(["--quick", "--no-peers", "--only", "gradcheck", "--out",
                     str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "report.md",
                                                          "results.json"]


def test_only_runs_the_sections_named(tmp_path):
    assert cli.main(["--quick", "--no-peers", "--only", "steps", "--out", str(tmp_path)]) == 0
    results = json.loads((tmp_path / "results.json").read_text())
    assert "steps" in results
    assert not {"accuracy", "speed", "gradcheck"} & set(results)
    assert results["plots"] == ["steps.png"]
    assert "peers: --no-peers" in results["skipped"]


def test_help_names_every_option():
    done = subprocess.run([sys.executable, "-m", "dualnum.bench", "--help"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    for option in ("--quick", "--out", "--only", "--peers, --no-peers"):
        assert option in done.stdout


def test_python_m_dualnum_is_the_same_command():
    done = subprocess.run([sys.executable, "-m", "dualnum", "--help"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and "--only TASKS" in done.stdout


@pytest.mark.parametrize("args, message", [
    (["--only", "acuracy"], "unknown section 'acuracy': choose among accuracy, steps"),
    (["--only", ","], "unknown section (none given)"),
    (["--frobnicate"], "unrecognized arguments: --frobnicate"),
])
def test_bad_arguments_are_refused_with_the_fix(args, message, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(args)
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


def test_gradient_check_catches_the_planted_bug(quick):
    rows = quick[1]["gradcheck"]["rows"]
    exact = rows["dualnum (check_grad)"]
    assert exact["correct"] < 1e-14 and 0.9e-9 < exact["buggy"] < 1.1e-9
    assert exact["where"] == quick[1]["gradcheck"]["where"] and exact["ok"] == [True, False]
    # scipy.optimize.check_grad's forward differences: correct and buggy look alike
    forward = rows["forward differences (scipy.optimize.check_grad's)"]
    assert forward["correct"] > 1e-9 and abs(forward["buggy"] / forward["correct"] - 1) < 0.1
    # central differences' own error is within a factor of 20 of the bug (README)
    central = rows["central differences (fd.gradient)"]
    assert 1e-11 < central["correct"] < 1e-10 and 1e-9 / central["correct"] < 20
    report = (quick[0] / "report.md").read_text()
    assert "| dualnum (check_grad) | %.1e | %.1e |" % (exact["correct"], exact["buggy"]) \
        in report


def test_the_quick_repeats_are_the_readmes():
    import pathlib
    readme = (pathlib.Path(__file__).parents[1] / "README.md").read_text()
    assert cli.speed.QUICK["repeats"] == 5
    assert "`--quick` (small sizes, five short repeats" in readme


def test_the_taylor_tasks_are_in_the_report(quick):
    """The derivatives of order 10 at 1.3 and on n points and f'' at order 2: dualnum's
    timed beside plain f (and the hyper-dual f''), the figures of report.md those of
    results.json, JAX's jet (where installed) agreeing with dualnum and its compilation
    recorded apart."""
    out, results = quick
    section = results["speed"]["taylor"]
    assert section["n"] == cli.speed.QUICK["taylor"]
    assert set(section) == {"n"} | set(workloads.TAYLOR_TASKS)
    report = (out / "report.md").read_text()
    for title, group in writer.taylor_groups(section):
        assert {workloads.PLAIN, "dualnum"} <= set(group)
        rows = _rows(report, "### " + writer.taylor_title(title))
        assert [row[0] for row in rows] == list(group)
        for row in rows:
            stats = group[row[0]]
            if "n/a" in stats:
                assert row[1] == "n/a: " + stats["n/a"]
                continue
            assert math.isclose(float(row[1]), stats["min"] * 1e6, rel_tol=5e-3)
            assert math.isclose(float(row[4]), stats["min"] / group["dualnum"]["min"],
                                rel_tol=5e-3)
            if "deviation" in stats:   # a peer's, timed: right and compiled beforehand
                # JAX's jet is exact to rounding; scipy.differentiate's adaptive finite
                # differences stop at their own error estimate (about 1e-10 here)
                bound = 1e-8 if row[0].startswith("scipy.differentiate") else 1e-12
                assert stats["deviation"] < bound and float(row[5]) == float(
                    "%.3g" % stats["set-up"])
    lines = report.split("\n| Taylor task |", 1)[1].splitlines()[2:]
    headline = [line.split(" | ")[0].lstrip("| ") for line in lines[:len(section) - 1]]
    assert headline == [title for title, _ in writer.taylor_groups(section)]


def test_taylor_headline_marks_what_was_not_timed():
    section = {"n": 10, "a(1.3)": {"plain f": {"min": 1.0}, "dualnum": {"min": 4.0},
                                   "peer": {"n/a": "why"}},
               "b elementwise": {"plain f": {"min": 2.0}, "dualnum": {"min": 4.0},
                                 "peer": {"min": 8.0}, "hyper-dual": {"min": 1.0}}}
    lines = writer.taylor_headline(section).splitlines()
    assert lines[0] == ("| Taylor task | dualnum / plain f | dualnum / peer | "
                        "dualnum / hyper-dual |")
    assert lines[2:] == ["| a(1.3) | 4 | n/a | - |", "| b elementwise, n = 10 | 2 | 0.5 | 4 |"]


def test_the_taylor_workloads_are_the_derivatives_they_name():
    """f^(10) by Taylor arithmetic against sympy's derivative (mpmath at 40 digits), f''
    at order 2 against the hyper-dual one."""
    sympy = pytest.importorskip("sympy")
    tasks = workloads.taylor_tasks(7)
    t = sympy.Symbol("t")
    nth = sympy.lambdify(t, sympy.diff(suite.TAYLOR.f(t, sympy), t, 10), "mpmath")
    x = workloads.taylor_points(7)
    with mpmath.workdps(40):
        exact = np.array([float(nth(mpmath.mpf(v))) for v in x])
        at = float(nth(mpmath.mpf(workloads.X0)))
    got = tasks["f^(10) elementwise"]["dualnum"]()
    np.testing.assert_allclose(got, exact, rtol=1e-12, atol=1e-13 * np.max(np.abs(exact)))
    assert math.isclose(tasks["f^(10)(1.3)"]["dualnum"](), at, rel_tol=1e-12)
    second = tasks["f'' elementwise, order 2"]
    np.testing.assert_allclose(second["dualnum"](), second["hyper-dual"](), rtol=1e-13)
