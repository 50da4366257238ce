/* html.h - the self-contained pages vigie writes to files (report, backtest): escaping, one style sheet, no fetch. */
#ifndef VIGIE_HTML_H
#define VIGIE_HTML_H

#include <stdio.h>

/* s with & < > " ' escaped. */
void html_escape(FILE *out, const char *s);
/* <!DOCTYPE html> ... <body> with the shared inline style sheet and an escaped title. */
void html_begin(FILE *out, const char *title);
void html_end(FILE *out);

#endif
