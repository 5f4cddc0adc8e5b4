"""The layers of dualnum import only downwards: the array package's modules each use only
those before them in the order its __init__.py imports them, the layers below (rules, the
compiled scalar types and kernels) know nothing of arrays, and compiled code finds no
dualnum module at run time (no sys.modules lookups, no imports inside functions)."""
import ast
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "dualnum"
ARRAYS = PACKAGE / "arrays"
SRC = ROOT / "src"


def package_order():
    """The array modules in the order dualnum/arrays/__init__.py imports them."""
    tree = ast.parse((ARRAYS / "__init__.py").read_text())
    order = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module is None:
            order += [alias.name for alias in node.names]
    return order


def relative_imports(path):
    """(module within dualnum.arrays, or '..NAME' for dualnum.NAME) for each import of a
    Python or Cython source, and whether it sits inside a function."""
    text = path.read_text()
    if path.suffix == ".py":
        found = []
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom) and node.level:
                names = [node.module] if node.module else [a.name for a in node.names]
                found += [("." * (node.level - 1) + n) for n in names]
        return found
    # Cython: absolute imports of dualnum modules
    return ["." + m if m.startswith("arrays.") else m for m in
            re.findall(r"^\s*(?:from|import)\s+dualnum\.?([\w.]*)", text, re.M)]


def test_the_package_lists_every_module_once():
    order = package_order()
    modules = sorted(p.stem for p in ARRAYS.glob("*.py") if p.stem != "__init__")
    assert sorted(set(order) - {"_storage"}) == modules
    assert len(order) == len(set(order))


@pytest.mark.parametrize("module", [p.stem for p in ARRAYS.glob("*.py")
                                    if p.stem != "__init__"])
def test_array_modules_import_only_modules_before_them(module):
    order = package_order()
    for name in relative_imports(ARRAYS / (module + ".py")):
        if name.startswith("."):  # dualnum.NAME: a layer below the array package
            assert name.lstrip(".") not in ("api", "arrays", "fd", "bench")
            continue
        base = name.split(".")[0]
        assert order.index(base) < order.index(module), (module, "imports", base)


def test_compiled_storage_imports_only_the_registry():
    text = (SRC / "_storage.pyx").read_text()
    imports = re.findall(r"^\s*(?:from|import)\s+(dualnum[\w.]*)(?:\s+import\s+(\w+))?",
                         text, re.M)
    assert imports == [("dualnum.arrays", "_registry")]


@pytest.mark.parametrize("path", sorted(p.name for p in SRC.glob("*.pyx")) +
                         sorted(p.name for p in SRC.glob("*.pxi.in")))
def test_compiled_code_finds_no_dualnum_module_at_run_time(path):
    text = (SRC / path).read_text()
    assert not re.search(r"sys\.modules[^\n]*dualnum", text)
    for line in text.splitlines():
        if re.match(r"\s+(from|import)\s+dualnum", line):  # indented: inside a function
            pytest.fail("function-local import in %s: %s" % (path, line.strip()))


def test_rules_are_plain_data():
    # the build loads the table before anything is compiled
    assert relative_imports(PACKAGE / "rules.py") == []


@pytest.mark.parametrize("path", sorted(p.name for p in SRC.glob("*.in")) + ["_scalar.pyx",
                                                                            "_pool.pyx"])
def test_layers_below_the_arrays_do_not_import_them(path):
    assert not any("arrays" in name for name in relative_imports(SRC / path))


def test_the_arrays_do_not_import_the_api():
    for path in ARRAYS.glob("*.py"):
        assert not any(name.lstrip(".") in ("api", "fd", "bench")
                       for name in relative_imports(path)), path
