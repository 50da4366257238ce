/* error.c - the one error path: fill, clear and render a vg_error. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "error.h"

int error_set(vg_error *err, const char *file, long line, const char *field,
              const char *fmt, ...)
{
    if (!err) return VG_ERR;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    /* one sentence, no trailing newline, whatever the caller passed */
    size_t n = strlen(err->message);
    while (n > 0 && (err->message[n - 1] == '\n' || err->message[n - 1] == '\r'))
        err->message[--n] = '\0';
    return VG_ERR;
}

void error_clear(vg_error *err)
{
    if (!err) return;
    err->file[0] = '\0';
    err->line = 0;
    err->field[0] = '\0';
    err->message[0] = '\0';
}

void error_format(const vg_error *err, char *buf, size_t size)
{
    if (!buf || size == 0) return;
    buf[0] = '\0';
    if (!err) return;
    size_t used = 0;
#define ERROR_APPEND(...)                                                     \
    do {                                                                      \
        if (used < size) {                                                    \
            int w_ = snprintf(buf + used, size - used, __VA_ARGS__);          \
            if (w_ > 0) used += (size_t)w_;                                   \
        }                                                                     \
    } while (0)
    if (err->file[0]) {
        ERROR_APPEND("%s", err->file);
        if (err->line > 0) ERROR_APPEND(":%ld", err->line);
        ERROR_APPEND(": ");
    } else if (err->line > 0) {
        ERROR_APPEND("line %ld: ", err->line);
    }
    if (err->field[0]) ERROR_APPEND("field '%s': ", err->field);
    ERROR_APPEND("%s", err->message);
#undef ERROR_APPEND
}
