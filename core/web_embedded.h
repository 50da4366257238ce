/* web_embedded.h - the files of web/ (style sheet, message catalogue) compiled into the binary (see tools/embed_web.sh). */
#ifndef VIGIE_WEB_EMBEDDED_H
#define VIGIE_WEB_EMBEDDED_H

#include <stddef.h>

typedef struct embedded_web {
    const char *name;   /* file name: "style.css", "messages.en" */
    const char *data;   /* NUL-terminated */
    size_t size;
} embedded_web;

extern const embedded_web embedded_web_files[]; /* ends with a NULL name */

/* The embedded file of that name, NULL when there is none. */
const embedded_web *web_file(const char *name);

#endif
