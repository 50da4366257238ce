/* error.h - one error path: a message carrying file, line and field. */
#ifndef VIGIE_ERROR_H
#define VIGIE_ERROR_H

#include <stddef.h>

#define VG_OK 0
#define VG_ERR (-1)

typedef struct vg_error {
    char file[256];    /* file the error is about, "" when none */
    long line;         /* 1-based line in that file, 0 when none */
    char field[64];    /* schema field or metadata key, "" when none */
    char message[512]; /* what is wrong, one sentence, no trailing newline */
} vg_error;

/* Fill err (any of file/field may be NULL). Always returns VG_ERR so callers can
 * write `return error_set(err, ...);`. err may be NULL (then nothing is stored). */
int error_set(vg_error *err, const char *file, long line, const char *field,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void error_clear(vg_error *err);

/* "file:line: field 'f': message" (parts that are empty are left out). */
void error_format(const vg_error *err, char *buf, size_t size);

#endif
