/* The interface of the vector loops (src/vector_loops.c): for each rule that calls C-library
   functions with SIMD variants, an inner loop of NumPy's signature for plain, contiguous
   Dual and HyperDual arrays. Built only where the compiler and C library provide those
   variants (setup.py defines DN_VECTOR then); elsewhere the table is empty and the arrays
   use the NumPy twins (dualnum/_jets.py) as before. */
#ifndef DUALNUM_VECTOR_H
#define DUALNUM_VECTOR_H
#include <numpy/ndarraytypes.h>

typedef void (*dn_vector_loop)(char **, const npy_intp *, const npy_intp *, void *);
/* dual, hyper: the parts in, the parts out; dual_unit, hyper_unit: x in (the real part of
   an array seeded with perturbation parts 1, eps1eps2 0), the parts out */
typedef struct {
    const char *name;
    dn_vector_loop dual, hyper, dual_unit, hyper_unit;
} dn_vector_entry;

#ifdef DN_VECTOR
extern const dn_vector_entry dn_vector_table[];
extern const int dn_vector_size;
#else
static const dn_vector_entry dn_vector_table[1] = {{0, 0, 0, 0, 0}};
static const int dn_vector_size = 0;
#endif

#endif
