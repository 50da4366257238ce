/* operator.h - the one table of the scenario language's operators: DSL form, arity, argument and field types, wording, doc line. */
#ifndef VIGIE_OPERATOR_H
#define VIGIE_OPERATOR_H

#include <stdbool.h>
#include <stdio.h>
#include "schema.h"

/* Compiled operators (what a predicate node does). */
typedef enum {
    OP_EQUALS, OP_EQUALS_EXACTLY, OP_NOT_EQUALS, OP_LT, OP_LE, OP_GT, OP_GE, OP_BETWEEN,
    OP_IN_SET, OP_IN_LIST, OP_STARTS_WITH, OP_CONTAINS, OP_CONTAINS_LIST,
    OP_SAME_AS, OP_DIFFERS_FROM, OP_PRESENT, OP_MISSING, OP_PAIR_IN_LIST,
    OP_ANY_OF, OP_ALL_OF, OP_NEGATE, OP_LUA
} predicate_op;

/* Field types an operator applies to (bit per field_type). */
#define OPERATOR_TYPE(t) (1u << (t))
#define OPERATOR_SCALAR (OPERATOR_TYPE(FT_STRING) | OPERATOR_TYPE(FT_INTEGER) | OPERATOR_TYPE(FT_NUMBER) | \
                         OPERATOR_TYPE(FT_BOOLEAN) | OPERATOR_TYPE(FT_DATE) | OPERATOR_TYPE(FT_DATETIME))
#define OPERATOR_ORDERED (OPERATOR_TYPE(FT_INTEGER) | OPERATOR_TYPE(FT_NUMBER) | OPERATOR_TYPE(FT_DATE) | \
                          OPERATOR_TYPE(FT_DATETIME))
#define OPERATOR_ANY (OPERATOR_SCALAR | OPERATOR_TYPE(FT_LIST))

/* One row: one form of one DSL method. The prelude builds the methods from these
 * rows (a method with several rows picks the row its arguments fit), the compiler
 * checks field types and argument shapes with them, explanations word a predicate
 * with them, and `vigie help operators` prints the language reference from them.
 *
 * receiver: "field" (field "f" :method(...)), "pair" (pair("f", "g") :method(...)),
 *           "booking" (booking "v" :method(...)), "link" (link("k", "v") :method(...)): values
 *           of the run's booking and link index (core/links.h),
 *           "combinator" (any_of, all_of, negate, | & ~: documented, built by the prelude).
 * args: the arguments' shapes, space-separated: "" none, "value" a constant of the
 *       field's type, "text" a string, "set" a non-empty { ... } of constants,
 *       "list" a list "name", "field" another field's name (a string). */
typedef struct operator_def {
    const char *method;      /* DSL method name */
    const char *name;        /* compiled op name (the predicate table's `op`) */
    predicate_op op;
    const char *receiver;
    const char *args;
    int arity;
    unsigned field_types;    /* OPERATOR_TYPE bits of the field it applies to */
    const char *form;        /* the DSL form, as the docs show it */
    const char *wording_en;  /* explanation: %f field, %g other field, %v value(s), %w second value, %l list;
                              * for combinators, the word that joins the parts ("or", "and", "not") */
    const char *wording_fr;
    const char *doc;         /* holds when ... (the doc line) */
} operator_def;

extern const operator_def operator_table[];
extern const int operator_count;

const operator_def *operator_by_name(const char *name);   /* by compiled op name */
const operator_def *operator_by_op(predicate_op op);
/* By compiled op name and receiver ("field", "booking", "link", ...); NULL when none. */
const operator_def *operator_by_receiver(const char *name, const char *receiver);
/* Field types as words, e.g. "string, integer, number" (into buf). */
const char *operator_field_types(const operator_def *d, char *buf, size_t size);
/* The language reference as a Markdown table (scenarios/README.md holds it). */
void operator_print_markdown(FILE *out);

#endif
