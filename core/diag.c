/* diag.c - collect and print ruleset findings. */
#include "diag.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void copy_text(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

void diag_add(diag_list *list, diag_severity severity, const char *code, const char *file,
              long line, const char *scenario, const char *hint, const char *fmt, ...)
{
    if (list->count == list->capacity) {
        list->capacity = list->capacity ? list->capacity * 2 : 16;
        list->items = xrealloc(list->items, (size_t)list->capacity * sizeof *list->items);
    }
    diag *d = &list->items[list->count++];
    memset(d, 0, sizeof *d);
    d->severity = severity;
    copy_text(d->code, sizeof d->code, code);
    copy_text(d->file, sizeof d->file, file);
    d->line = line;
    copy_text(d->scenario, sizeof d->scenario, scenario);
    copy_text(d->hint, sizeof d->hint, hint);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->message, sizeof d->message, fmt, ap);
    va_end(ap);
}

int diag_count(const diag_list *list, diag_severity severity)
{
    int n = 0;
    for (int i = 0; i < list->count; i++)
        if (list->items[i].severity == severity) n++;
    return n;
}

bool diag_has_code(const diag_list *list, const char *code)
{
    for (int i = 0; i < list->count; i++)
        if (strcmp(list->items[i].code, code) == 0) return true;
    return false;
}

void diag_print(const diag *d, FILE *out)
{
    if (d->file[0]) {
        fputs(d->file, out);
        if (d->line > 0) fprintf(out, ":%ld", d->line);
        fputs(": ", out);
    }
    fprintf(out, "%s[%s]: ", d->severity == DIAG_ERROR ? "error" : "warning", d->code);
    if (d->scenario[0]) fprintf(out, "%s: ", d->scenario);
    fputs(d->message, out);
    if (d->hint[0]) fprintf(out, "\n    hint: %s", d->hint);
    fputc('\n', out);
}

void diag_list_free(diag_list *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
}
