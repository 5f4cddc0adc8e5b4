/* Vector loops: each rule's contiguous Dual and HyperDual loops (loops.h), compiled with the
   C library's functions declared to have SIMD variants, so that the compiler evaluates
   several elements per call (glibc's libmvec: _ZGVdN4v_exp is exp on four AVX2 lanes).

   Included only by src/vector_loops.c: in every other translation unit exp stays the
   one-element C function, which is what makes the kernels round exactly as the scalar types
   do. The vector variants are within a few ulps of the correctly rounded result (glibc's
   manual lists each function's measured bound), as NumPy's own SIMD loops are: the arrays
   take them where they would take the NumPy twins (dualnum.arrays.elementwise), and the
   tests hold them to the twins' bound.

   Every element goes through the same vector call, wherever it lies in the array and
   whatever the array's layout: the loop runs over a multiple of DN_WIDTH elements (the
   vector factor of every instruction set, 2, 4 or 8 doubles, divides it, so the compiler's
   scalar remainder loop is never entered); the last n mod DN_WIDTH elements, and strided
   arrays, are copied into blocks of such a multiple and run through the same loop. So an
   element's parts do not depend on its place, on the array's length, alignment or strides
   (tests/test_vector.py). */
#ifndef DUALNUM_VECTOR_LOOPS_H
#define DUALNUM_VECTOR_LOOPS_H
#include <math.h>

#include "vector_math.h"

#include "rules.h"
#undef sin  /* the rules have them; rule names are not to be replaced */
#undef cos
/* loops.h's chain-rule ufuncs are used by dualnum.ufuncs, not here */
#pragma GCC diagnostic ignored "-Wunused-function"
#include "loops.h"
#include "vector.h"

#define DN_WIDTH 8

/* One clone per instruction set, chosen once when the module loads (an ifunc): AVX-512
   and AVX2 machines get the wider variants, any other x86-64 the SSE2 ones. */
#define DN_CLONES __attribute__((target_clones("avx512f", "avx2", "default"), noinline))

/* A rule's contiguous loop over n elements, n a multiple of DN_WIDTH: the parts of a plain
   Dual (2) or HyperDual (4) array in, as many out; or, for a unit seed, x alone in. */
typedef void (*dn_vector_run)(npy_intp n, const double *const *in, double *const *out);

#define DN_VECTOR_RUNS(name) \
    DN_CLONES void dn_vector_dual_run_##name(npy_intp n, const double *const *in, \
                                             double *const *out) \
    { \
        dn_dual_contiguous(n, dn_rule_##name, 0, 0, 0, in[0], in[1], in[0], in[0], out[0], \
                           out[1]); \
    } \
    DN_CLONES void dn_vector_hyper_run_##name(npy_intp n, const double *const *in, \
                                              double *const *out) \
    { \
        dn_hyper_contiguous(n, dn_rule_##name, 0, 0, 0, in[0], in[1], in[2], in[3], in[0], \
                            in[0], out[0], out[1], out[2], out[3]); \
    } \
    DN_CLONES void dn_vector_dual_unit_run_##name(npy_intp n, const double *const *in, \
                                                  double *const *out) \
    { dn_dual_unit_contiguous(n, dn_rule_##name, in[0], out[0], out[1]); } \
    DN_CLONES void dn_vector_hyper_unit_run_##name(npy_intp n, const double *const *in, \
                                                   double *const *out) \
    { dn_hyper_unit_contiguous(n, dn_rule_##name, in[0], out[0], out[1], out[2], out[3]); }

/* Elements per block of the strided layouts, gathered into contiguous buffers. */
#define DN_GATHER 256

/* `run` over the n elements of a plain array: `nin` parts in (args[0..nin)), `nout` out
   after them, stepping by steps[j] bytes. A contiguous array in one call, but for its last
   n mod DN_WIDTH elements, which go through a block of DN_WIDTH padded with the last one;
   any other layout gathered DN_GATHER elements at a time. */
static void dn_vector_blocks(dn_vector_run run, int nin, int nout, char **args, npy_intp n,
                             const npy_intp *steps)
{
    const double *in[4];
    double *out[4];
    int contiguous = 1;
    for (int j = 0; j < nin + nout; j++) contiguous &= steps[j] == sizeof(double);
    npy_intp done = 0;
    if (contiguous) {
        done = n - n % DN_WIDTH;
        for (int j = 0; j < nin; j++) in[j] = (const double *)args[j];
        for (int j = 0; j < nout; j++) out[j] = (double *)args[nin + j];
        run(done, in, out);
    }
    double bin[4][DN_GATHER], bout[4][DN_GATHER];
    while (done < n) {
        const npy_intp left = n - done < DN_GATHER ? n - done : DN_GATHER;
        const npy_intp padded = (left + DN_WIDTH - 1) / DN_WIDTH * DN_WIDTH;
        for (int j = 0; j < nin; j++) {
            for (npy_intp l = 0; l < padded; l++)
                bin[j][l] = DN_AT(args[j], (done + (l < left ? l : left - 1)) * steps[j]);
            in[j] = bin[j];
        }
        for (int j = 0; j < nout; j++) out[j] = bout[j];
        run(padded, in, out);
        for (int j = 0; j < nout; j++)
            for (npy_intp l = 0; l < left; l++)
                DN_AT(args[nin + j], (done + l) * steps[nin + j]) = bout[j][l];
        done += left;
    }
}

/* The entry points. A plain array (one direction of each kind: k = m = 1) takes the vector
   loop in any layout; an array with directions (which dualnum.arrays sends to the NumPy
   twins instead) the rule's general loop (loops.h), compiled here too. The unit loops take
   x alone, for the API's seeds (perturbation parts 1, and 0 for eps1eps2): the chain rules
   with those constants, so the same bits as the general loop on such parts, without
   reading them. */
#define DN_VECTOR_LOOPS(name) \
    DN_VECTOR_RUNS(name) \
    static void dn_vector_dual_##name(char **args, const npy_intp *dims, \
                                      const npy_intp *steps, void *data) \
    { \
        (void)data; \
        if (dims[1] == 1) \
            dn_vector_blocks(dn_vector_dual_run_##name, 2, 2, args, dims[0], steps); \
        else dn_loop_dual(args, dims, steps, dn_rule_##name, 0); \
    } \
    static void dn_vector_hyper_##name(char **args, const npy_intp *dims, \
                                       const npy_intp *steps, void *data) \
    { \
        (void)data; \
        if (dims[1] == 1 && dims[2] == 1) \
            dn_vector_blocks(dn_vector_hyper_run_##name, 4, 4, args, dims[0], steps); \
        else dn_loop_hyper(args, dims, steps, dn_rule_##name, 0); \
    } \
    static void dn_vector_dual_unit_##name(char **args, const npy_intp *dims, \
                                           const npy_intp *steps, void *data) \
    { \
        (void)data; \
        dn_vector_blocks(dn_vector_dual_unit_run_##name, 1, 2, args, dims[0], steps); \
    } \
    static void dn_vector_hyper_unit_##name(char **args, const npy_intp *dims, \
                                            const npy_intp *steps, void *data) \
    { \
        (void)data; \
        dn_vector_blocks(dn_vector_hyper_unit_run_##name, 1, 4, args, dims[0], steps); \
    }

#endif
