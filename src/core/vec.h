/* Growable arrays of plain values, used for every per-document list.
 * QG_VEC(T) declares {T *items; size_t count, cap;}. qg_vec_push returns a pointer to the
 * new zeroed slot, or NULL when memory runs out. Slots are zeroed when pushed (a memset of a
 * constant size, inlined), not when the array grows: the slots of a doubling that are never
 * pushed are never written. */
#ifndef QG_CORE_VEC_H
#define QG_CORE_VEC_H

#include <stddef.h>
#include <string.h>

#define QG_VEC(T)                                                                                  \
    struct {                                                                                       \
        T *items;                                                                                  \
        size_t count, cap;                                                                         \
    }

void *qg_vec_grow(void *items, size_t *cap, size_t need, size_t elem_size);

#define qg_vec_push(v)                                                                             \
    (((v)->count < (v)->cap ||                                                                     \
      ((v)->items = qg_vec_grow((v)->items, &(v)->cap, (v)->count + 1, sizeof *(v)->items)))       \
         ? memset(&(v)->items[(v)->count++], 0, sizeof *(v)->items)                                \
         : NULL)

/* Room for n more items (count + n <= cap) in one qg_vec_grow() instead of one per doubling;
 * the capacity is the one the pushes would reach. False when memory runs out (the vector is
 * then freed, as after a failed qg_vec_push). */
#define qg_vec_reserve(v, n)                                                                       \
    ((v)->count + (n) <= (v)->cap ||                                                               \
     ((v)->items = qg_vec_grow((v)->items, &(v)->cap, (v)->count + (n), sizeof *(v)->items)) !=    \
         NULL)

#define qg_vec_free(v)                                                                             \
    do {                                                                                           \
        free((v)->items);                                                                          \
        (v)->items = NULL;                                                                         \
        (v)->count = (v)->cap = 0;                                                                 \
    } while (0)

#endif
