"""Build dualnum's compiled extensions: render the templates from the rule table, then
cythonize src/_scalar.pyx (the scalar types), src/ufuncs.pyx (the array kernels),
src/_storage.pyx (the dual arrays' storage and hot operators), src/_pool.pyx (buffer reuse
for block-by-block evaluation), src/_taylor.pyx (Taylor arithmetic of any order) and
src/_star.pyx (the sparse Hessians' star colouring)."""
import os
import shlex
import subprocess
import sys
import sysconfig
import tempfile

from setuptools import Extension, setup

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "src"))

import numpy  # noqa: E402
from Cython.Build import cythonize  # noqa: E402
import generate  # noqa: E402  (src/generate.py)

generate.render_all()

# -O3 for the inlined rule and chain functions; -fno-math-errno lets sqrt and friends become
# single instructions; -ffp-contract=off keeps a*b+c unfused, so every build (and the scalar
# types and array kernels) rounds identically. No -ffast-math: NaN and inf must behave.
if os.name == "nt":
    COMPILE_ARGS = ["/O2", "/fp:precise"]
    KERNEL_ARGS = []
else:
    COMPILE_ARGS = ["-O3", "-fno-math-errno", "-ffp-contract=off"]
    # The array loops may evaluate both arms of a select (the zero-perturbation guard) so
    # that they vectorise: results are unchanged, only floating-point flags (NumPy's
    # warnings) may be raised for an arm that is then discarded.
    KERNEL_ARGS = ["-fno-trapping-math"]

NUMPY_MACROS = [("NPY_NO_DEPRECATED_API", "NPY_2_0_API_VERSION")]


def vector_loops_build():
    """True where src/vector_loops.c compiles and links against glibc's libmvec (GCC's simd
    and target_clones attributes, glibc 2.35 or later on x86-64): the object is built in a
    temporary folder with the build's compiler and flags (CC, CFLAGS, LDFLAGS), every
    symbol resolved. Elsewhere dualnum.ufuncs is built without its vector loops
    (ufuncs.VECTOR is empty) and the arrays use the NumPy twins instead."""
    if os.name == "nt":
        return False
    compiler = shlex.split(os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc")
    flags = shlex.split(os.environ.get("CFLAGS", "")) + shlex.split(os.environ.get("LDFLAGS", ""))
    includes = ["-I" + os.path.join(HERE, "src"), "-I" + numpy.get_include(),
                "-I" + sysconfig.get_paths()["include"]]
    with tempfile.TemporaryDirectory() as tmp:
        command = compiler + ["-shared", "-fPIC", "-DDN_VECTOR"] + flags + COMPILE_ARGS \
            + KERNEL_ARGS + includes + [os.path.join(HERE, "src", "vector_loops.c"), "-o",
                                        os.path.join(tmp, "vector.so"), "-Wl,-z,defs",
                                        "-lmvec", "-lm"]
        try:
            built = subprocess.run(command, capture_output=True)
        except OSError as err:
            print("dualnum: no vector loops (%s)" % err, file=sys.stderr)
            return False
        if built.returncode != 0:
            print("dualnum: no vector loops; the compiler said:\n" + built.stderr.decode()[-2000:],
                  file=sys.stderr)
        return built.returncode == 0


# The vector loops: their own translation unit, so that only there does the C library's exp
# have SIMD variants, and every other kernel rounds as the scalar types do.
if vector_loops_build():
    VECTOR_SOURCES, VECTOR_MACROS, VECTOR_LIBRARIES = (["src/vector_loops.c"],
                                                       [("DN_VECTOR", "1")], ["mvec", "m"])
else:
    VECTOR_SOURCES, VECTOR_MACROS, VECTOR_LIBRARIES = [], [], []
# Every extension includes headers of src/ (rules.h, chain.h, ...) that Cython does not
# follow one include deep: name them all, so that an edit of the rule table rebuilds
# every extension and no build keeps stale kernels.
HEADERS = sorted(os.path.join("src", name) for name in os.listdir(os.path.join(HERE, "src"))
                 if name.endswith(".h"))

extensions = [
    Extension("dualnum._scalar", sources=["src/_scalar.pyx"], include_dirs=["src"],
              depends=HEADERS, extra_compile_args=COMPILE_ARGS, define_macros=NUMPY_MACROS),
    Extension("dualnum.ufuncs", sources=["src/ufuncs.pyx"] + VECTOR_SOURCES,
              include_dirs=["src", numpy.get_include()], depends=HEADERS,
              extra_compile_args=COMPILE_ARGS + KERNEL_ARGS,
              define_macros=NUMPY_MACROS + VECTOR_MACROS, libraries=VECTOR_LIBRARIES),
    Extension("dualnum.arrays._storage", sources=["src/_storage.pyx"],
              include_dirs=["src", numpy.get_include()],
              extra_compile_args=COMPILE_ARGS, define_macros=NUMPY_MACROS),
    Extension("dualnum._pool", sources=["src/_pool.pyx"],
              include_dirs=["src", numpy.get_include()],
              extra_compile_args=COMPILE_ARGS, define_macros=NUMPY_MACROS),
    Extension("dualnum._taylor", sources=["src/_taylor.pyx"],
              include_dirs=["src", numpy.get_include()], depends=HEADERS,
              extra_compile_args=COMPILE_ARGS + KERNEL_ARGS,
              define_macros=NUMPY_MACROS + VECTOR_MACROS, libraries=VECTOR_LIBRARIES),
    Extension("dualnum.sparse._star", sources=["src/_star.pyx"],
              include_dirs=[numpy.get_include()],
              extra_compile_args=COMPILE_ARGS, define_macros=NUMPY_MACROS),
]

setup(
    ext_modules=cythonize(
        extensions,
        include_path=["src"],
        compiler_directives={"language_level": 3},
    ),
)
