#ifndef QG_CORE_ERROR_H
#define QG_CORE_ERROR_H

#include <quotegraph/common.h>

/* Fill err (NULL allowed) without allocating and return status. */
qg_status qg_error_set(qg_error *err, qg_status status, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#define QG_OOM(err) qg_error_set((err), QG_ENOMEM, QG_NO_OFFSET, "out of memory")

#endif
