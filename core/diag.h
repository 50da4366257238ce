/* diag.h - findings about a ruleset (errors and warnings with a stable code, file:line and a fix hint). */
#ifndef VIGIE_DIAG_H
#define VIGIE_DIAG_H

#include <stdbool.h>
#include <stdio.h>

typedef enum { DIAG_ERROR, DIAG_WARNING } diag_severity;

typedef struct diag {
    diag_severity severity;
    char code[32];        /* stable, kebab-case: "unknown-field", "sensitive-field" ... */
    char file[256];
    long line;
    char scenario[64];    /* scenario id when known */
    char message[512];
    char hint[256];       /* one line: how to fix it */
} diag;

typedef struct diag_list {
    diag *items;
    int count, capacity;
} diag_list;

void diag_add(diag_list *list, diag_severity severity, const char *code, const char *file,
              long line, const char *scenario, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
int diag_count(const diag_list *list, diag_severity severity);
bool diag_has_code(const diag_list *list, const char *code);
void diag_print(const diag *d, FILE *out);   /* file:line: error[code]: message (hint) */
void diag_list_free(diag_list *list);

#endif
