/* operator.c - the operator table: the one definition of each operator of the scenario language. */
#include "operator.h"

#include <string.h>

#define T(t) OPERATOR_TYPE(FT_##t)
#define TEXTS (T(STRING) | T(LIST))
#define BOOKING_TYPES (T(INTEGER) | T(BOOLEAN)) /* booking and link values are counts and yes/no */

/* Strings are compared ignoring case and accents unless the operator says "exactly":
 * ASCII byte by byte, other UTF-8 folded by ICU like list values (lists_fold.h:
 * "straße" equals "STRASSE", "İzmir" equals "IZMIR", "ΣΟΦΟΣ" equals "σοφος"; invalid
 * UTF-8 is compared byte by byte, ASCII letters folded). Every value is trimmed of
 * surrounding spaces when the record is read, so no operator sees them. */
const operator_def operator_table[] = {
    { "equals", "equals", OP_EQUALS, "field", "value", 1, OPERATOR_SCALAR,
      "field \"f\" :equals(v)", "%f equals %v", "%f est égal à %v",
      "the value equals `v`; strings ignoring case and accents (Unicode)" },
    { "equals_exactly", "equals_exactly", OP_EQUALS_EXACTLY, "field", "text", 1, T(STRING),
      "field \"f\" :equals_exactly \"v\"", "%f equals %v (same case)", "%f est égal à %v (même casse)",
      "the string equals `v` byte for byte (case-sensitive)" },
    { "not_equals", "not_equals", OP_NOT_EQUALS, "field", "value", 1, OPERATOR_SCALAR,
      "field \"f\" :not_equals(v)", "%f is not %v", "%f n'est pas %v",
      "the value is present and differs from `v`; strings ignoring case and accents (Unicode); unknown when missing" },
    { "lt", "lt", OP_LT, "field", "value", 1, OPERATOR_ORDERED,
      "field \"f\" :lt(v)", "%f is under %v", "%f est inférieur à %v",
      "value < `v` (numbers, ISO dates and datetimes)" },
    { "le", "le", OP_LE, "field", "value", 1, OPERATOR_ORDERED,
      "field \"f\" :le(v)", "%f is at most %v", "%f est au plus %v", "value <= `v`" },
    { "gt", "gt", OP_GT, "field", "value", 1, OPERATOR_ORDERED,
      "field \"f\" :gt(v)", "%f is over %v", "%f est supérieur à %v", "value > `v`" },
    { "ge", "ge", OP_GE, "field", "value", 1, OPERATOR_ORDERED,
      "field \"f\" :ge(v)", "%f is at least %v", "%f est au moins %v", "value >= `v`" },
    { "between", "between", OP_BETWEEN, "field", "value value", 2, OPERATOR_ORDERED,
      "field \"f\" :between(lo, hi)", "%f is between %v and %w", "%f est entre %v et %w",
      "`lo <= value <= hi`" },
    { "is_in", "in_set", OP_IN_SET, "field", "set", 1, T(STRING) | T(INTEGER) | T(NUMBER),
      "field \"f\" :is_in { \"A\", \"B\" }", "%f is one of %v", "%f fait partie de %v",
      "the value is one of the set (strings ignoring case and accents)" },
    { "is_in", "in_list", OP_IN_LIST, "field", "list", 1, T(STRING) | T(INTEGER),
      "field \"f\" :is_in(list \"name\")", "%f is in list %l", "%f figure dans la liste %l",
      "the value is in the list by the list's match rule, ignoring case and accents: equal to an entry (`exact`), starting with one (`prefix`), or a name similar to one (`fuzzy`, string fields only: similarity at least the list's threshold, docs/lists.md)" },
    { "starts_with", "starts_with", OP_STARTS_WITH, "field", "text", 1, T(STRING),
      "field \"f\" :starts_with \"P\"", "%f starts with %v", "%f commence par %v",
      "the string starts with `P`, ignoring case and accents" },
    { "starts_with", "starts_with", OP_STARTS_WITH, "field", "set", 1, T(STRING),
      "field \"f\" :starts_with { \"P1\", \"P2\" }", "%f starts with one of %v", "%f commence par l'un de %v",
      "the string starts with one of the prefixes, ignoring case and accents" },
    { "contains", "contains", OP_CONTAINS, "field", "text", 1, TEXTS,
      "field \"f\" :contains \"x\"", "%f contains %v", "%f contient %v",
      "a list field has the item `x`; a string field contains the text `x`; ignoring case and accents" },
    { "contains_any", "contains", OP_CONTAINS, "field", "set", 1, TEXTS,
      "field \"f\" :contains_any { \"x\", \"y\" }", "%f contains one of %v", "%f contient l'un de %v",
      "a list field has an item of the set; a string field contains one of the texts anywhere (`HOLDING` in `HOLDINGS`); ignoring case and accents" },
    { "contains_any", "contains_list", OP_CONTAINS_LIST, "field", "list", 1, TEXTS,
      "field \"f\" :contains_any(list \"name\")", "%f contains an entry of list %l", "%f contient une entrée de la liste %l",
      "a list field has an item in the list by its match rule; a string field holds an entry of an `exact` list as whole words (`KASHGAR` in `KASHGAR TEXTILE CO`, not in `KASHGARIA`), or is a name similar to an entry of a `fuzzy` list (extra words lower the similarity little); a `prefix` list is refused on a string field" },
    { "same_as", "same_as", OP_SAME_AS, "field", "field", 1, OPERATOR_SCALAR,
      "field \"f\" :same_as \"g\"", "%f is the same as %g", "%f est identique à %g",
      "two fields of the same type are equal (strings ignoring case and accents)" },
    { "differs_from", "differs_from", OP_DIFFERS_FROM, "field", "field", 1, OPERATOR_SCALAR,
      "field \"f\" :differs_from \"g\"", "%f differs from %g", "%f diffère de %g",
      "two fields of the same type differ (strings ignoring case and accents); unknown when either is missing" },
    { "is_present", "present", OP_PRESENT, "field", "", 0, OPERATOR_ANY,
      "field \"f\" :is_present()", "%f is given", "%f est renseigné",
      "the field has a value (never unknown)" },
    { "is_missing", "missing", OP_MISSING, "field", "", 0, OPERATOR_ANY,
      "field \"f\" :is_missing()", "%f is missing", "%f est absent",
      "the field is missing or empty (never unknown)" },
    { "is_in", "pair_in_list", OP_PAIR_IN_LIST, "pair", "list", 1, T(STRING),
      "pair(\"f\", \"g\") :is_in(list \"name\")", "%f:%g is in list %l", "%f:%g figure dans la liste %l",
      "the text `F:G` is in the list by its match rule (e.g. `CN:5201` = cotton from China; prefix lists match HS codes of any length; a `fuzzy` list is refused)" },
    { "equals", "equals", OP_EQUALS, "booking", "value", 1, BOOKING_TYPES,
      "booking \"v\" :equals(x)", "%f equals %v", "%f est égal à %v",
      "the booking value equals `x` (an integer or a boolean: see the table below); unknown when it is unknown" },
    { "not_equals", "not_equals", OP_NOT_EQUALS, "booking", "value", 1, BOOKING_TYPES,
      "booking \"v\" :not_equals(x)", "%f is not %v", "%f n'est pas %v",
      "the booking value is known and differs from `x`" },
    { "lt", "lt", OP_LT, "booking", "value", 1, T(INTEGER),
      "booking \"v\" :lt(x)", "%f is under %v", "%f est inférieur à %v",
      "the booking value < `x`" },
    { "le", "le", OP_LE, "booking", "value", 1, T(INTEGER),
      "booking \"v\" :le(x)", "%f is at most %v", "%f est au plus %v",
      "the booking value <= `x`" },
    { "gt", "gt", OP_GT, "booking", "value", 1, T(INTEGER),
      "booking \"v\" :gt(x)", "%f is over %v", "%f est supérieur à %v",
      "the booking value > `x`" },
    { "ge", "ge", OP_GE, "booking", "value", 1, T(INTEGER),
      "booking \"v\" :ge(x)", "%f is at least %v", "%f est au moins %v",
      "the booking value >= `x`" },
    { "between", "between", OP_BETWEEN, "booking", "value value", 2, T(INTEGER),
      "booking \"v\" :between(lo, hi)", "%f is between %v and %w", "%f est entre %v et %w",
      "`lo <= value <= hi`" },
    { "equals", "equals", OP_EQUALS, "link", "value", 1, BOOKING_TYPES,
      "link(\"k\", \"v\") :equals(x)", "%f equals %v", "%f est égal à %v",
      "the link value equals `x` (an integer or a boolean: see the table below); unknown when it is unknown" },
    { "not_equals", "not_equals", OP_NOT_EQUALS, "link", "value", 1, BOOKING_TYPES,
      "link(\"k\", \"v\") :not_equals(x)", "%f is not %v", "%f n'est pas %v",
      "the link value is known and differs from `x`" },
    { "lt", "lt", OP_LT, "link", "value", 1, T(INTEGER),
      "link(\"k\", \"v\") :lt(x)", "%f is under %v", "%f est inférieur à %v",
      "the link value < `x`" },
    { "le", "le", OP_LE, "link", "value", 1, T(INTEGER),
      "link(\"k\", \"v\") :le(x)", "%f is at most %v", "%f est au plus %v",
      "the link value <= `x`" },
    { "gt", "gt", OP_GT, "link", "value", 1, T(INTEGER),
      "link(\"k\", \"v\") :gt(x)", "%f is over %v", "%f est supérieur à %v",
      "the link value > `x`" },
    { "ge", "ge", OP_GE, "link", "value", 1, T(INTEGER),
      "link(\"k\", \"v\") :ge(x)", "%f is at least %v", "%f est au moins %v",
      "the link value >= `x`" },
    { "between", "between", OP_BETWEEN, "link", "value value", 2, T(INTEGER),
      "link(\"k\", \"v\") :between(lo, hi)", "%f is between %v and %w", "%f est entre %v et %w",
      "`lo <= value <= hi`" },
    { "any_of", "any_of", OP_ANY_OF, "combinator", "set", 1, 0,
      "any_of { p, ... }  or  p | q", "or", "ou",
      "three-valued or: true if one part is true, false if all are false, else unknown" },
    { "all_of", "all_of", OP_ALL_OF, "combinator", "set", 1, 0,
      "all_of { p, ... }  or  p & q", "and", "et",
      "three-valued and: false if one part is false, true if all are true, else unknown" },
    { "negate", "negate", OP_NEGATE, "combinator", "predicate", 1, 0,
      "negate(p)  or  ~p", "not", "non",
      "three-valued not: unknown stays unknown" },
};

const int operator_count = (int)(sizeof operator_table / sizeof *operator_table);

const operator_def *operator_by_name(const char *name)
{
    for (int i = 0; name && i < operator_count; i++)
        if (strcmp(operator_table[i].name, name) == 0) return &operator_table[i];
    return NULL;
}

const operator_def *operator_by_receiver(const char *name, const char *receiver)
{
    for (int i = 0; name && i < operator_count; i++)
        if (strcmp(operator_table[i].name, name) == 0 && strcmp(operator_table[i].receiver, receiver) == 0)
            return &operator_table[i];
    return NULL;
}

const operator_def *operator_by_op(predicate_op op)
{
    for (int i = 0; i < operator_count; i++)
        if (operator_table[i].op == op) return &operator_table[i];
    return NULL;
}

const char *operator_field_types(const operator_def *d, char *buf, size_t size)
{
    size_t at = 0;
    buf[0] = '\0';
    for (int t = FT_STRING; t <= FT_LIST; t++) {
        if (!(d->field_types & OPERATOR_TYPE(t))) continue;
        int n = snprintf(buf + at, size - at, "%s%s", at ? ", " : "", field_type_name((field_type)t));
        if (n < 0 || (size_t)n >= size - at) break;
        at += (size_t)n;
    }
    if (!at) snprintf(buf, size, "predicates");
    return buf;
}

void operator_print_markdown(FILE *out)
{
    fputs("| predicate | field types | holds when |\n|---|---|---|\n", out);
    for (int i = 0; i < operator_count; i++) {
        const operator_def *d = &operator_table[i];
        char types[160];
        fputs("| `", out);
        for (const char *c = d->form; *c; c++) { /* a | in a table cell must be escaped */
            if (*c == '|') fputc('\\', out);
            fputc(*c, out);
        }
        fprintf(out, "` | %s | %s |\n", operator_field_types(d, types, sizeof types), d->doc);
    }
}
