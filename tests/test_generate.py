"""The generator's golden test: the small fixed table tests/golden/table.py, rendered through
every template, must give exactly the files in tests/golden/expected/.

Those files pin how src/generate.py translates a table (C rule functions, NumPy twins, the
number types' methods, banners). After an intended change to the generator or a template,
regenerate them from the project root with

    python src/generate.py --table tests/golden/table.py --out tests/golden/expected

and review the diff before committing it (see tests/golden/README.md).
"""
import pathlib
import runpy

import pytest

from dualnum import rules

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
EXPECTED = GOLDEN / "expected"
REGENERATE = ("if the change is intended, regenerate the golden files with `python "
              "src/generate.py --table tests/golden/table.py --out tests/golden/expected` "
              "and review their diff")


def files_below(directory):
    return sorted(p.relative_to(directory).as_posix() for p in directory.rglob("*")
                  if p.is_file())


@pytest.fixture(scope="module")
def generate():
    """src/generate.py's functions (it needs the source tree and Cython's Tempita)."""
    pytest.importorskip("Cython")
    script = ROOT / "src" / "generate.py"
    if not script.exists():
        pytest.skip("source tree not available")
    return runpy.run_path(str(script))


@pytest.fixture(scope="module")
def rendered(generate, tmp_path_factory):
    out = tmp_path_factory.mktemp("golden")
    generate["render_all"](str(GOLDEN / "table.py"), str(out))
    return out


def test_every_template_has_a_golden_file(rendered):
    assert files_below(rendered) == files_below(EXPECTED), REGENERATE


@pytest.mark.parametrize("name", files_below(EXPECTED))
def test_golden_table_renders_as_expected(rendered, name):
    assert (rendered / name).read_text() == (EXPECTED / name).read_text(), (
        "tests/golden/expected/%s differs from what the generator renders now; %s" % (
            name, REGENERATE))


@pytest.mark.parametrize("let", [
    "if (p == 2.0) { dn_jet sq = {x * x, 2.0 * x, 2.0}; return sq; }",
    "double s = 0.0; for (int i = 0; i < 3; i++) s += x;",
    "double s = x; while (s > 1.0) s *= 0.5;",
], ids=["if-return", "for", "while"])
def test_a_let_with_control_flow_is_refused(generate, let):
    rule = rules.unary("twice", "2.0 * x", "2.0", "0.0", let=let, domain="all real x",
                       samples=(1.0,), derivative="2")
    with pytest.raises(ValueError, match="twice"):
        generate["check_lets"]([rule])


def test_the_rule_table_passes_the_let_check(generate):
    generate["check_lets"](rules.UNARY + rules.BINARY)
