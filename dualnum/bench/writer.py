"""The report: report.md (tables and the PNG figures beside it) and results.json (every raw
figure), both from one results dictionary, so that every number of the one is in the other.

Errors are printed with two significant digits (``%.1e``), times in microseconds with three,
ratios with three; a cell "-" is a figure not taken (a scheme that cannot run on the
function), "n/a" a peer's that could not be taken (the reason follows).
"""
import json
import os

from .accuracy import COLUMNS, ROUNDING_LEVEL, SCHEMES
from .gradients import COLUMNS as VECTOR_COLUMNS
from .peers import ORDERS
from .timing import spread
from .suite import TAYLOR
from .workloads import PLAIN, finite_difference_name


def write(results, out_dir):
    """Write report.md and results.json into out_dir; returns their paths."""
    paths = [os.path.join(out_dir, name) for name in ("report.md", "results.json")]
    with open(paths[0], "w") as f:
        f.write(markdown(results))
    with open(paths[1], "w") as f:
        json.dump(results, f, indent=1, allow_nan=False)
    return paths


def error(value):
    return "-" if value is None else "%.1e" % value


def _table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def accuracy_table(section):
    """Relative errors of every method at every function of the suite."""
    header = ["function", "x"] + list(COLUMNS)
    rows = [[row["function"], row["x"]]
            + [error(row[c]["error"]) if c in row else "-" for c in COLUMNS]
            for row in section["scalar"]]
    return _table(header, rows)


def bounds_table(section):
    """The bound of each finite difference at each function, at the step it took."""
    header = ["function"] + list(SCHEMES)
    rows = [[row["function"]] + [error(row[c]["bound"]) for c in SCHEMES]
            for row in section["scalar"]]
    return _table(header, rows)


def verdicts(section):
    """Whether dualnum and the complex step stayed at rounding level and each finite
    difference within its bound, over every row; the exceptions named."""
    rows = section["scalar"] + section.get("vector", [])
    exact, beyond = [], []
    for row in rows:
        for column, entry in row.items():
            if not isinstance(entry, dict) or "bound" not in entry:
                continue
            if entry["bound"] == ROUNDING_LEVEL:
                if not entry["error"] < ROUNDING_LEVEL:
                    exact.append("%s, %s" % (row["function"], column))
            elif not entry["error"] <= entry["bound"]:
                beyond.append("%s, %s" % (row["function"], column))
    return ("dualnum and the complex step below %.0e relative everywhere: %s. Every finite "
            "difference within its bound: %s." % (ROUNDING_LEVEL,
                                                  "yes" if not exact else "no (%s)" %
                                                  "; ".join(exact),
                                                  "yes" if not beyond else "no (%s)" %
                                                  "; ".join(beyond)))


def vector_table(section):
    """Normwise relative errors of every method's gradient and Hessian at the vector
    functions of the suite."""
    header = ["function", "n"] + list(VECTOR_COLUMNS)
    rows = [[row["function"], len(row["x"])]
            + [error(row[c]["error"]) if c in row else "-" for c in VECTOR_COLUMNS]
            for row in section.get("vector", [])]
    return _table(header, rows)


def peers_table(section):
    """The peers' relative errors of f' and f'' at every function of the suite, "n/a" where
    a peer could not take them, with the reasons listed below the table."""
    peers = sorted({peer for row in section["scalar"] for peer in row.get("peers", {})})
    keys = [(peer, key) for peer in peers for key in ORDERS]
    rows, reasons = [], {}
    for row in section["scalar"]:
        cells = [row["function"]]
        for peer, key in keys:
            record = row["peers"][peer][key]
            cells.append(error(record.get("error")) if "n/a" not in record else "n/a")
            if "n/a" in record:
                reasons.setdefault((peer, record["n/a"]), []).append(
                    "%s %s" % (row["function"], key))
        rows.append(cells)
    lines = [_table(["function"] + ["%s %s" % key for key in keys], rows)]
    if reasons:
        lines.append("\n".join(["", "n/a:"] + ["- %s (%s): %s" % (peer, ", ".join(cells), why)
                                               for (peer, why), cells in reasons.items()]))
    return "\n".join(lines)


def worst(section, column, functions="scalar"):
    """The largest error of a method over the suite's "scalar" or "vector" functions (None
    if it ran nowhere)."""
    errors = [row[column]["error"] for row in section.get(functions, []) if column in row]
    return max(errors) if errors else None


def headline(results):
    """The summary table: each method's worst error over the suite, and dualnum's speed
    as a ratio to the plain evaluation and to the finite differences."""
    lines = []
    if "accuracy" in results:
        acc = results["accuracy"]
        lines.append(_table(["method", "worst relative error over the suite"],
                            [[c, error(worst(acc, c))] for c in COLUMNS]
                            + [[c, error(worst(acc, c, "vector"))] for c in VECTOR_COLUMNS
                               if worst(acc, c, "vector") is not None]))
    speed = results.get("speed", {})
    rows = [[task] + _ratios(group) for task, group in speed.get("scalar", {}).items()]
    for key in ("elementwise", "rosenbrock"):
        section = speed.get(key)
        if section:
            n = section["n"][-1]
            rows += [["%s, n = %d" % (task, n)] + _ratios(at_n(group, n))
                     for task, group in section.items() if task != "n"]
    if rows:
        lines.append(_table(["task", "dualnum / plain f", "dualnum / finite differences"],
                            rows))
    if speed.get("taylor"):
        lines.append(taylor_headline(speed["taylor"]))
    return "\n\n".join(lines)


def taylor_groups(section):
    """(task title, group) of the Taylor section: the elementwise tasks name their n."""
    n = section["n"]
    return [(task if task.endswith(")") else "%s, n = %d" % (task, n), group)
            for task, group in section.items() if task != "n"]


def taylor_headline(section):
    """dualnum's fastest time in each Taylor task over plain f's and over every other
    candidate's that was timed ("-": not in that task, "n/a": not timed)."""
    others = []
    for _, group in taylor_groups(section):
        others += [name for name, stats in group.items() if "min" in stats
                   and name not in (PLAIN, "dualnum") and name not in others]
    rows = []
    for title, group in taylor_groups(section):
        best = group["dualnum"]["min"]
        rows.append([title] + [
            "-" if name not in group else "n/a" if "min" not in group[name]
            else "%.3g" % (best / group[name]["min"]) for name in [PLAIN] + others])
    return _table(["Taylor task"] + ["dualnum / %s" % name for name in [PLAIN] + others],
                  rows)


def _ratios(group):
    """dualnum's fastest time over the plain evaluation's and over the finite difference's."""
    fd = finite_difference_name(group)
    return ["%.3g" % (group["dualnum"]["min"] / group[other]["min"]) for other in (PLAIN, fd)]


def timing_table(group):
    """One task's candidates: fastest time per call, spread, ratios to plain f and to the
    finite difference, a peer's relative deviation from dualnum's result; "n/a" and the
    reason for a peer's candidate that was not timed."""
    fd = finite_difference_name(group)
    rows = []
    for name, stats in group.items():
        if "n/a" in stats:
            rows.append([name, "n/a: " + stats["n/a"].replace("|", "/"), "", "", "", ""])
            continue
        rows.append([name, "%.3g" % (stats["min"] * 1e6), "%.0f%%" % (100 * spread(stats)),
                     "%.3g" % (stats["min"] / group[PLAIN]["min"]),
                     "%.3g" % (stats["min"] / group[fd]["min"]),
                     error(stats.get("deviation"))])
    return _table(["candidate", "µs per call (fastest)", "spread", "/ plain f",
                   "/ %s" % fd, "deviation from dualnum"], rows)


def taylor_table(group):
    """One Taylor task's candidates: fastest time per call, spread, ratios to plain f and
    to dualnum, a peer's set-up (JAX's compilation, not timed) and relative deviation from
    dualnum's result; "n/a" and the reason for a peer's candidate that was not timed."""
    rows = []
    for name, stats in group.items():
        if "n/a" in stats:
            rows.append([name, "n/a: " + stats["n/a"].replace("|", "/"), "", "", "", "", ""])
            continue
        set_up = stats.get("set-up")
        rows.append([name, "%.3g" % (stats["min"] * 1e6), "%.0f%%" % (100 * spread(stats)),
                     "%.3g" % (stats["min"] / group[PLAIN]["min"]),
                     "%.3g" % (stats["min"] / group["dualnum"]["min"]),
                     "" if set_up is None else "%.3g" % set_up,
                     error(stats.get("deviation"))])
    return _table(["candidate", "µs per call (fastest)", "spread", "/ plain f", "/ dualnum",
                   "set-up, s (not timed)", "deviation from dualnum"], rows)


def taylor_title(title):
    return "%s of %s (Taylor arithmetic)" % (title, TAYLOR.name)


def at_n(group, n):
    return {c: s for c, stats in group.items() for s in stats if s["n"] == n}


def markdown(results):
    """report.md's text."""
    out = ["# dualnum: exact derivatives against finite differences and peers", "",
           "dualnum %s, %s run. Skipped:" % (results["version"],
                                             "quick" if results["quick"] else "full")]
    out += ["- %s" % line for line in results["skipped"]] or ["- nothing"]
    out += ["", "## Headline", "", headline(results) or "Nothing measured: no accuracy and "
            "no speed section ran (see Skipped)."]
    if "accuracy" in results:
        out += ["", "## Accuracy", "",
                "Relative error against mpmath at %d digits (absolute where the exact value "
                "is 0); \"-\": a scheme that cannot run on the function (the complex step "
                "needs f on complex numbers: ReLU has no analytic continuation). %s" %
                (results["accuracy"]["digits"], verdicts(results["accuracy"])), "",
                accuracy_table(results["accuracy"]), "",
                "The bound that theory gives each finite difference at the step it took "
                "(truncation, rounding of f measured against mpmath, rounding of the "
                "formula; dualnum.bench.accuracy):", "", bounds_table(results["accuracy"])]
        if results["accuracy"].get("vector"):
            out += ["", "### Gradients and Hessians", "",
                    "Normwise relative error, max |approx - exact| / max |exact| over the "
                    "entries.", "", vector_table(results["accuracy"])]
        if any(row.get("peers") for row in results["accuracy"]["scalar"]):
            out += ["", "### The peers", "", peers_table(results["accuracy"])]
    if "steps" in results:
        s = results["steps"]
        out += ["", "## The step-size dilemma", "",
                "%s at x = %g: every scheme's error against its step; dualnum takes none "
                "(f' error %s, f'' error %s)." % (s["function"], s["x"],
                                                  error(s["first"]["dualnum"]),
                                                  error(s["second"]["dualnum"]))]
        rounded = [h for i, h in enumerate(s["steps"])
                   if all(s["first"][name][i] is None for name in SCHEMES if name in s["first"])]
        if rounded:
            out += ["", "No finite difference at h = %s: x + h rounds to x there (null in "
                        "results.json); the complex step takes no difference."
                    % ", ".join("%g" % h for h in rounded)]
        if "steps.png" in results["plots"]:
            out += ["", "![step-size sweep](steps.png)"]
    if "speed" in results:
        out += _speed(results)
    if "gradcheck" in results:
        out += ["", "## Gradient checking", "", results["gradcheck"]["text"]]
    return "\n".join(out) + "\n"


GRID_RATIOS = ("/ finite difference", "/ plain f")


def grid_title(against):
    return ("Every one-argument rule of the table and the composite f: dualnum %s (f' / f'' "
            "/ f, f', f'' from one pass; the finite differences: central, 3-point second)"
            % against)


def grid_table(section, against):
    """One row per function, one column per n: the f', f'' and (f, f', f'') ratios of
    dualnum's fastest time ``against`` ("/ finite difference" or "/ plain f")."""
    rows = []
    for name, tasks in section.items():
        if name == "n":
            continue
        rows.append([name] + [" / ".join("%.2f" % stats[i][against] for stats in tasks.values())
                              for i in range(len(section["n"]))])
    return _table(["function"] + ["n = %g" % n for n in section["n"]], rows)


def _speed(results):
    speed = results["speed"]
    out = ["", "## Speed", "", speed["statistic"]]
    if speed.get("grid"):
        for against in GRID_RATIOS:
            out += ["", "### %s" % grid_title(against), "",
                    grid_table(speed["grid"], against)]
    for task, group in speed.get("scalar", {}).items():
        out += ["", "### %s" % task, "", timing_table(group)]
    for key in ("elementwise", "rosenbrock"):
        section = speed.get(key)
        if not section:
            continue
        for task, group in section.items():
            if task == "n":
                continue
            for n in section["n"]:
                out += ["", "### %s, n = %d" % (task, n), "",
                        timing_table(at_n(group, n))]
        if "%s.png" % key in results["plots"]:
            out += ["", "![%s](%s.png)" % (key, key)]
    for title, group in taylor_groups(speed.get("taylor", {"n": None})):
        out += ["", "### %s" % taylor_title(title), "", taylor_table(group)]
    return out
