"""Documentation and project checks: examples run, tables match the rule table, CI runs the
README's test command, and the generated code covers every rule."""
import doctest
import pathlib
import re
import runpy

import pytest

import dualnum as dn
from dualnum import _pool, _scalar, _threads, api, arrays, coverage, fd, rules, ufuncs
from dualnum.bench import cli, peers, steps, suite, timing, workloads
from dualnum.dask import elementwise as dask_elementwise
from dualnum.sparse import colouring, detect, evaluate, hessians, pattern

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


@pytest.mark.parametrize("module", [dn, api, fd, rules, _scalar, _pool, _threads, ufuncs,
                                    arrays, coverage, cli, peers, steps, suite, timing, workloads,
                                    colouring, detect, evaluate, hessians, pattern,
                                    dask_elementwise],
                         ids=lambda m: m.__name__)
def test_docstring_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_dask_docstring_examples_run():
    # dualnum.dask imports Dask: loaded here, not with the modules above
    directions = pytest.importorskip("dualnum.dask.directions")
    result = doctest.testmod(directions, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted and result.failed == 0


def test_compiled_docstring_examples_are_collected():
    # every public rule's module function carries a runnable example
    result = doctest.testmod(_scalar)
    public = [r for r in rules.UNARY + rules.BINARY if r.public]
    assert result.attempted >= 2 * len(public)


def test_readme_examples_run():
    parser = doctest.DocTestParser()
    test = parser.get_doctest(README, {}, "README.md", str(ROOT / "README.md"), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert test.examples and runner.failures == 0


def test_readme_function_table_is_the_rule_table():
    block = re.search(r"<!-- functions:start -->\n(.*?)\n<!-- functions:end -->", README,
                      re.S)
    assert block is not None
    assert block.group(1) == rules.markdown_table()


def test_ci_runs_the_readme_test_command():
    commands = re.findall(r"```bash\n(.*?)\n```", README, re.S)
    test_command = next(c for c in commands if "pytest" in c and "benchmarks" not in c)
    assert test_command in (ROOT / ".ci" / "run").read_text()


def test_readme_names_every_test_dependency():
    pyproject = (ROOT / "pyproject.toml").read_text()
    extra = re.search(r"^test = \[(.*?)\]", pyproject, re.S | re.M).group(1)
    packages = re.findall(r'"([A-Za-z0-9_-]+)', extra)
    section = README.split("## Dependencies", 1)[1].split("\n## ", 1)[0].lower()
    assert packages and all(p.lower() in section for p in packages), packages


@pytest.mark.parametrize("rule", [r for r in rules.UNARY + rules.BINARY if r.public],
                         ids=lambda r: r.name)
def test_every_rule_is_a_function_and_a_method(rule):
    assert callable(getattr(dn, rule.name))
    assert rule.name in dn.__all__
    for kind in (dn.Dual, dn.HyperDual):
        assert callable(getattr(kind, rule.name))


def test_rule_names_are_unique_and_numpy_names_exist():
    import numpy as np
    names = [r.name for r in rules.UNARY + rules.BINARY]
    assert len(names) == len(set(names))
    for r in rules.UNARY + rules.BINARY:
        if r.numpy:
            assert isinstance(getattr(np, r.numpy), np.ufunc)


def test_generated_sources_match_the_rule_table(tmp_path):
    """Rendering the templates again from the table reproduces the built sources."""
    script = ROOT / "src" / "generate.py"
    if not script.exists():
        pytest.skip("source tree not available")
    rendered = runpy.run_path(str(script))["render_all"](out_dir=str(tmp_path))
    assert rendered
    for path in map(pathlib.Path, rendered):
        name = path.relative_to(tmp_path)
        built = ROOT / name
        assert path.read_text() == built.read_text(), "%s is out of date: rebuild" % name
        assert "generated from" in built.read_text().splitlines()[0]
