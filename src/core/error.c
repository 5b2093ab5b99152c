#include "error.h"

#include <stdarg.h>
#include <stdio.h>

const char *qg_status_str(qg_status st)
{
    switch (st) {
    case QG_OK: return "ok";
    case QG_ERROR: return "error";
    case QG_ENOMEM: return "out of memory";
    case QG_EIO: return "input/output error";
    case QG_EINPUT: return "input rejected";
    case QG_EMODEL: return "model error";
    case QG_EINVAL: return "invalid argument";
    }
    return "unknown status";
}

qg_status qg_error_set(qg_error *err, qg_status status, size_t offset, const char *fmt, ...)
{
    if (!err)
        return status;
    err->status = status;
    err->offset = offset;
    err->sys_errno = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return status;
}
