#!/usr/bin/env python3
"""xalloc_route.py - route vigie's own allocations in core/*.c through core/xalloc.h.

Usage: python3 tools/xalloc_route.py [REPO]   (REPO defaults to the current directory)

Mechanical and idempotent (re-run it on code merged later):
  1. malloc/calloc/realloc/strdup/strndup( -> xmalloc/xcalloc/xrealloc/xstrdup/xstrndup(
     in every core/*.c but xalloc.c; a line carrying the marker "xalloc: plain" is left as
     it is (the Lua sandbox's own allocator, which must return NULL to Lua).
  2. The checks that become dead are deleted:
        if (!A) abort();   if (!A || !B) abort();   (each operand assigned from an x-call
        in the 12 lines above), and the inline forms
        if (!e || !(e->k = xmalloc(n))) abort();  ->  e->k = xmalloc(n);
        if (!(p = xstrdup(s))) abort();           ->  p = xstrdup(s);
  3. #include "xalloc.h" is added after the last #include "..." of a file that now uses it.
Whatever it cannot decide is printed for a person to look at: every abort() left, and
every "if (!X)" test right after an x-call.
"""
import re
import sys
from pathlib import Path

repo = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
FUNCS = r"(malloc|calloc|realloc|strdup|strndup)"
CALL = re.compile(r"(?<![\w.>$])" + FUNCS + r"(\s*\()")
LVALUE = r"[\w\*][\w\.\->\[\]\*\+\(\) ]*?"
XCALL = re.compile(r"(?P<lv>\*?[\w][\w\.\->\[\]\+ ]*?)\s*=\s*(\([^()]*\)\s*)?x" + FUNCS + r"\(")
DECL = re.compile(r"\*\s*(?P<lv>\w+)\s*=\s*(\([^()]*\)\s*)?x" + FUNCS + r"\(")
PLAIN_CHECK = re.compile(r"^(\s*)if \((?P<ops>.+?)\) abort\(\);\s*$")
INLINE_CHECK = re.compile(r"^(\s*)if \((?P<pre>(![\w\.\->\[\]]+ \|\| )*)!\((?P<assign>[^=]+= x" + FUNCS + r"\(.*\))\)\) abort\(\);\s*$")


def norm(s):
    return re.sub(r"\s+", "", s)


def assigned_above(lines, i, operand):
    want = norm(operand)
    for j in range(max(0, i - 12), i):
        for rx in (XCALL, DECL):
            for m in rx.finditer(lines[j]):
                lv = norm(m.group("lv"))
                if lv == want or lv.endswith("*" + want) or lv.split(" ")[-1] == want:
                    return True
                # "type *name = x..." declarations: the last word of the left side
                if re.sub(r"^.*[\s\*]", "", m.group("lv").strip()) == operand.strip():
                    return True
    return False


# Library calls that return NULL (or fail) only when memory is refused: their abort() checks
# become xalloc_die(), the same exit as every other refusal. (cJSON allocates through the
# family by its hooks, so its printers never return NULL for memory; the checks stay as a
# second line of defence.)
LIB_INIT = re.compile(r"\b(yaml_parser_initialize|yaml_emitter_initialize|csv_init|EVP_MD_CTX_new)\(")
LIB_RESULT = re.compile(r"\b(cJSON_Print\w*|cJSON_Create\w*|open_memstream|store_mask_\w+)\(")


def lib_assigned_above(lines, i, operand):
    operand = operand.strip()
    if not re.fullmatch(r"[\w\.\->\[\]\*]+", operand):
        return False
    for j in range(i - 1, max(-1, i - 4), -1):
        m = re.search(r"(?:^|[\s\*])" + re.escape(operand) + r"\s*=\s*(?P<rhs>.*)$", lines[j])
        if m:
            return bool(LIB_RESULT.match(m.group("rhs").strip()))
    return False


def route(path):
    text = path.read_text()
    lines = text.split("\n")
    changed = False
    for i, line in enumerate(lines):
        if "xalloc: plain" in line:
            continue
        new = CALL.sub(lambda m: "x" + m.group(1) + m.group(2), line)
        if new != line:
            lines[i] = new
            changed = True
    out = []
    for i, line in enumerate(lines):
        m = INLINE_CHECK.match(line)
        if m:
            pre = [p.strip()[1:] for p in m.group("pre").split("||") if p.strip()]
            if all(assigned_above(lines, i, p) for p in pre):
                out.append(m.group(1) + m.group("assign").strip() + ";")
                changed = True
                continue
        m = PLAIN_CHECK.match(line)
        if m:
            ops = [o.strip() for o in m.group("ops").split("||")]
            if all(o.startswith("!") and "(" not in o for o in ops) and \
               all(assigned_above(lines, i, o[1:]) for o in ops):
                changed = True
                continue
        m = PLAIN_CHECK.match(line)
        if m and (LIB_INIT.search(m.group("ops")) or all(
                lib_assigned_above(lines, i, o.strip()[1:]) for o in m.group("ops").split("||"))):
            out.append(line.replace("abort();", "xalloc_die();"))
            changed = True
            continue
        out.append(line)
    lines = out
    uses = any(re.search(r"\bx(malloc|calloc|realloc|reallocarray|strdup|strndup)\(|\bxalloc_die\(", l) for l in lines)
    if uses and not any(l.startswith('#include "xalloc.h"') for l in lines) and path.name != "xalloc.c":
        last = max((k for k, l in enumerate(lines) if l.startswith('#include "')), default=None)
        if last is None:
            last = max(k for k, l in enumerate(lines) if l.startswith("#include"))
        lines.insert(last + 1, '#include "xalloc.h"')
        changed = True
    if changed:
        path.write_text("\n".join(lines))
    return lines


for path in sorted((repo / "core").glob("*.c")):
    if path.name == "xalloc.c":
        continue
    lines = route(path)
    for i, line in enumerate(lines):
        if "abort()" in line:
            print(f"{path}:{i + 1}: abort left: {line.strip()}")
        if re.search(r"\bx(malloc|calloc|realloc|strdup|strndup)\(", line):
            for j in range(i + 1, min(i + 4, len(lines))):
                if re.match(r"\s*if \(!", lines[j]) and "abort" not in lines[j]:
                    print(f"{path}:{j + 1}: check after an x-call: {lines[j].strip()}")
                    break
