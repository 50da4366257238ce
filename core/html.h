/* html.h - the self-contained pages vigie writes to files (report, backtest): escaping, one style sheet, no fetch. */
#ifndef VIGIE_HTML_H
#define VIGIE_HTML_H

#include <stdio.h>

#include <stddef.h>

/* s with & < > " ' escaped, in runs handed to put: the one HTML escaper (files and the
 * web page's buffers alike). */
typedef void (*html_put_fn)(void *ctx, const char *s, size_t n);
void html_escape_to(const char *s, html_put_fn put, void *ctx);
void html_escape(FILE *out, const char *s);
/* <!DOCTYPE html> ... <body> with the shared inline style sheet and an escaped title. */
void html_begin(FILE *out, const char *title);
void html_end(FILE *out);

#endif
