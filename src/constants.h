/* The mathematical constants of the rule table and the C helpers.

   M_LN2 and friends are POSIX, not C99 (MSVC defines them only under _USE_MATH_DEFINES), so
   dualnum spells out its own: the same decimal literals as glibc's, which round to the same
   doubles. src/generate.py reads this file to give the NumPy twins (dualnum/_jets.py) the
   same names and values. */
#ifndef DUALNUM_CONSTANTS_H
#define DUALNUM_CONSTANTS_H

#define DN_LN2 0.69314718055994530942       /* log 2 */
#define DN_LN10 2.30258509299404568402      /* log 10 */
#define DN_2_SQRTPI 1.12837916709551257390  /* 2/sqrt(pi) */
#define DN_SQRT1_2 0.70710678118654752440   /* 1/sqrt(2) */
#define DN_E 2.71828182845904523536         /* e */
#define DN_1_E 0.36787944117144232160       /* 1/e */
#define DN_PI 3.14159265358979323846         /* pi */
#define DN_1_E_LO -1.2428753672788363e-17   /* 1/e - DN_1_E */

#endif
