/* lint.c - source checks a loaded scenario cannot show: Lua's and/or/not applied to predicates. */
#include "lint.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* `p or q` on two predicates is p (a table is true), `p and q` is q and `not p` is
 * false: Lua's logic operators cannot combine predicates, and once the file has run
 * nothing shows they were there. So the source is read: outside function bodies, an
 * and/or/not in an expression that builds a predicate (it names field, pair, list,
 * booking, link, any_of, all_of or negate) or that is the value of `when` is refused. Inside
 * `function ... end` bodies Lua's logic is what it seems and is left alone. */

typedef struct token {
    char text[16];   /* identifiers and keywords (truncated), or one punctuation char */
    bool word;
    long line;
    bool in_function;
} token;

#define LINT_MAX_TOKENS 200000

static bool lint_is(const token *t, const char *s) { return t->word && strcmp(t->text, s) == 0; }
static bool lint_punct(const token *t, char c) { return !t->word && t->text[0] == c && t->text[1] == '\0'; }

/* Length of a long bracket opening "[==[" at s (0 when none); *level gets the '=' count. */
static size_t lint_long_open(const char *s, const char *end, int *level)
{
    if (s >= end || *s != '[') return 0;
    const char *p = s + 1;
    int n = 0;
    while (p < end && *p == '=') p++, n++;
    if (p < end && *p == '[') {
        *level = n;
        return (size_t)(p - s + 1);
    }
    return 0;
}

static const char *lint_long_close(const char *s, const char *end, int level, long *line)
{
    for (; s < end; s++) {
        if (*s == '\n') (*line)++;
        if (*s != ']') continue;
        const char *p = s + 1;
        int n = 0;
        while (p < end && *p == '=') p++, n++;
        if (n == level && p < end && *p == ']') return p + 1;
    }
    return end;
}

static bool lint_builder(const token *t)
{
    static const char *names[] = { "field", "pair", "list", "booking", "link", "any_of", "all_of", "negate", NULL };
    for (const char **n = names; *n; n++)
        if (lint_is(t, *n)) return true;
    return false;
}

/* Tokens that end an expression at its own nesting level. */
static bool lint_boundary(const token *t)
{
    static const char *words[] = { "local", "return", "if", "then", "else", "elseif", "do", "end",
                                   "while", "for", "until", "repeat", "in", "function", NULL };
    if (!t->word) return lint_punct(t, ',') || lint_punct(t, ';') || lint_punct(t, '=');
    for (const char **w = words; *w; w++)
        if (strcmp(t->text, *w) == 0) return true;
    return false;
}

static void lint_check(const char *path, token *tok, int n, diag_list *diags)
{
    for (int i = 0; i < n; i++) {
        token *t = &tok[i];
        if (t->in_function || !(lint_is(t, "and") || lint_is(t, "or") || lint_is(t, "not"))) continue;
        bool predicate = false;
        int depth = 0, left = i;
        for (int k = i - 1; k >= 0; k--) {
            const token *u = &tok[k];
            if (lint_punct(u, ')') || lint_punct(u, ']') || lint_punct(u, '}')) depth++;
            else if (lint_punct(u, '(') || lint_punct(u, '[') || lint_punct(u, '{')) {
                if (depth == 0) break;
                depth--;
            } else if (depth == 0 && lint_boundary(u)) {
                if (lint_punct(u, '=') && k > 0 && lint_is(&tok[k - 1], "when")) predicate = true;
                break;
            }
            left = k;
            if (lint_builder(u)) predicate = true;
        }
        depth = 0;
        for (int k = i + 1; k < n && !predicate; k++) {
            const token *u = &tok[k];
            if (lint_punct(u, '(') || lint_punct(u, '[') || lint_punct(u, '{')) depth++;
            else if (lint_punct(u, ')') || lint_punct(u, ']') || lint_punct(u, '}')) {
                if (depth == 0) break;
                depth--;
            } else if (depth == 0 && lint_boundary(u)) break;
            if (lint_builder(u)) predicate = true;
        }
        (void)left;
        if (!predicate) continue;
        const char *op = t->text;
        const char *instead = strcmp(op, "or") == 0 ? "p | q (or any_of { p, q })"
                            : strcmp(op, "and") == 0 ? "p & q (or all_of { p, q })" : "~p (or negate(p))";
        diag_add(diags, DIAG_ERROR, "logic-on-predicates", path, t->line, NULL,
                 "Lua's and/or/not work on booleans; predicates combine with | & ~ (scenarios/README.md)",
                 "Lua's '%s' does not combine predicates (%s): write %s", op,
                 strcmp(op, "or") == 0 ? "p or q is just p" : strcmp(op, "and") == 0 ? "p and q is just q" : "not p is false",
                 instead);
    }
}

int lint_scenario_source(const char *path, const char *src, size_t len, diag_list *diags)
{
    /* one token per source byte at most: a bound known before the scan */
    size_t cap = len < LINT_MAX_TOKENS ? len + 1 : LINT_MAX_TOKENS;
    token *tok = xmalloc(cap * sizeof *tok);
    int n = 0;
    const char *s = src, *end = src + len;
    long line = 1;
    /* blocks: 'f' for a function body, 'b' for others (if, do, repeat) */
    char blocks[256];
    int depth = 0, functions = 0;
    int before = diags->count;
    while (s < end && (size_t)n < cap) {
        char c = *s;
        if (c == '\n') { line++; s++; continue; }
        if (isspace((unsigned char)c)) { s++; continue; }
        if (c == '-' && s + 1 < end && s[1] == '-') {
            int level;
            size_t open = lint_long_open(s + 2, end, &level);
            if (open) s = lint_long_close(s + 2 + open, end, level, &line);
            else while (s < end && *s != '\n') s++;
            continue;
        }
        if (c == '"' || c == '\'') {
            s++;
            while (s < end && *s != c) {
                if (*s == '\\' && s + 1 < end) { if (s[1] == '\n') line++; s++; }
                else if (*s == '\n') line++;
                s++;
            }
            s++;
            token *t = &tok[n++];
            *t = (token){ .word = false, .line = line, .in_function = functions > 0 };
            strcpy(t->text, "\"");
            continue;
        }
        int level;
        size_t open = lint_long_open(s, end, &level);
        if (open) {
            s = lint_long_close(s + open, end, level, &line);
            token *t = &tok[n++];
            *t = (token){ .word = false, .line = line, .in_function = functions > 0 };
            strcpy(t->text, "\"");
            continue;
        }
        token *t = &tok[n];
        *t = (token){ .line = line, .in_function = functions > 0 };
        if (isalpha((unsigned char)c) || c == '_') {
            const char *w = s;
            while (s < end && (isalnum((unsigned char)*s) || *s == '_')) s++;
            size_t wl = (size_t)(s - w) < sizeof t->text - 1 ? (size_t)(s - w) : sizeof t->text - 1;
            memcpy(t->text, w, wl);
            t->text[wl] = '\0';
            t->word = true;
            n++;
            if (strcmp(t->text, "function") == 0 || strcmp(t->text, "if") == 0 || strcmp(t->text, "do") == 0 ||
                strcmp(t->text, "repeat") == 0) {
                char kind = t->text[0] == 'f' ? 'f' : 'b';
                if (depth < (int)sizeof blocks) blocks[depth] = kind;
                depth++;
                if (kind == 'f') functions++;
            } else if ((strcmp(t->text, "end") == 0 || strcmp(t->text, "until") == 0) && depth > 0) {
                depth--;
                if (depth < (int)sizeof blocks && blocks[depth] == 'f') functions--;
            }
            continue;
        }
        if (isdigit((unsigned char)c)) {
            while (s < end && (isalnum((unsigned char)*s) || *s == '.')) s++;
            t->text[0] = '0';
            t->text[1] = '\0';
            n++;
            continue;
        }
        /* '==', '~=', '<=', '>=' are not assignments */
        if ((c == '=' || c == '~' || c == '<' || c == '>') && s + 1 < end && s[1] == '=') {
            t->text[0] = '?';
            t->text[1] = '\0';
            n++;
            s += 2;
            continue;
        }
        t->text[0] = c;
        t->text[1] = '\0';
        n++;
        s++;
    }
    lint_check(path, tok, n, diags);
    free(tok);
    return diags->count - before;
}
