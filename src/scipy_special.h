/* SciPy's compiled special functions (scipy.special.cython_special), called by the rules
   whose values dualnum does not compute itself (ndtri, erfinv, the Bessel
   functions, ...).

   The pointers are filled at run time from the capsules of cython_special's __pyx_capi__
   (scipy_special.pxi, on the first call of such a rule), not linked at build time, so that
   SciPy stays optional at build and at run time. Each extension that includes rules.h has
   its own copy (static) and fills it itself. Until then a pointer is NULL and the rule gives
   NaN; every public entry point loads the pointers first, or raises ImportError. The
   functions are Cython cpdef functions: their C signature ends in an int skip_dispatch
   flag, which module-level functions ignore (0 here). */
#ifndef DUALNUM_SCIPY_SPECIAL_H
#define DUALNUM_SCIPY_SPECIAL_H
#include <math.h>

typedef double (*dn_sp_fn1)(double, int);
typedef double (*dn_sp_fn2)(double, double, int);
typedef double (*dn_sp_fn3)(double, double, double, int);
/* Cython's double complex is C99's (the same two doubles, passed and returned alike) */
typedef double _Complex dn_cplx;
typedef dn_cplx (*dn_sp_fnc1)(dn_cplx, int);
typedef dn_cplx (*dn_sp_fnc2)(double, dn_cplx, int);

/* Slots, in the order of SCIPY_KERNELS in scipy_special.pxi. */
enum { DN_SP_NDTRI, DN_SP_ERFINV, DN_SP_ERFCINV, DN_SP_ERFCX, DN_SP_I0E, DN_SP_I1E, DN_SP_IVE,
       DN_SP_JV, DN_SP_YV, DN_SP_GAMMAINC, DN_SP_GAMMAINCC, DN_SP_BETAINC,
       DN_SP_KVE, DN_SP_WOFZ, DN_SP_IVE_COMPLEX, DN_SP_COUNT };
static void *dn_sp[DN_SP_COUNT];

static inline double dn__sp1(int slot, double x)
{
    return dn_sp[slot] ? ((dn_sp_fn1)dn_sp[slot])(x, 0) : NAN;
}

static inline double dn__sp2(int slot, double a, double x)
{
    return dn_sp[slot] ? ((dn_sp_fn2)dn_sp[slot])(a, x, 0) : NAN;
}

static inline double dn__sp3(int slot, double a, double b, double x)
{
    return dn_sp[slot] ? ((dn_sp_fn3)dn_sp[slot])(a, b, x, 0) : NAN;
}

static inline double dn_sp_ndtri(double p) { return dn__sp1(DN_SP_NDTRI, p); }
static inline double dn_sp_erfinv(double y) { return dn__sp1(DN_SP_ERFINV, y); }
static inline double dn_sp_erfcinv(double z) { return dn__sp1(DN_SP_ERFCINV, z); }
static inline double dn_sp_erfcx(double x) { return dn__sp1(DN_SP_ERFCX, x); }
static inline double dn_sp_i0e(double x) { return dn__sp1(DN_SP_I0E, x); }
static inline double dn_sp_i1e(double x) { return dn__sp1(DN_SP_I1E, x); }
static inline double dn_sp_gammainc(double a, double x) { return dn__sp2(DN_SP_GAMMAINC, a, x); }
/* Complex: NaN where SciPy is not loaded */
static inline dn_cplx dn_sp_wofz(dn_cplx z)
{
    return dn_sp[DN_SP_WOFZ] ? ((dn_sp_fnc1)dn_sp[DN_SP_WOFZ])(z, 0) : (dn_cplx)NAN;
}
static inline dn_cplx dn_sp_ive_complex(double v, dn_cplx z)
{
    return dn_sp[DN_SP_IVE_COMPLEX] ? ((dn_sp_fnc2)dn_sp[DN_SP_IVE_COMPLEX])(v, z, 0)
                                    : (dn_cplx)NAN;
}
static inline double dn_sp_gammaincc(double a, double x) { return dn__sp2(DN_SP_GAMMAINCC, a, x); }

#endif
