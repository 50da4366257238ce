-- prelude.lua - the scenario language: constructors that build plain tables for the C core.
--
-- Runs once per Lua state, before any scenario, with the privileged globals. It
-- receives `in_list` and `use` (C functions) and the operator table (core/operator.c),
-- and returns:
--   base  - the read-only table every scenario environment falls back to (the allow-list)
--   begin - called before a scenario file runs
--   take  - returns the scenarios the file declared, in order
-- Scenario files never see this file's globals: their _ENV is a fresh table whose
-- __index is `base` and whose __newindex refuses global writes.

local in_list, operators, use = ...
local getinfo = debug.getinfo
local getmetatable = debug.getmetatable -- sees through __metatable, which locks ours
local setmetatable, getmetatable, type, error, tostring, select =
      setmetatable, getmetatable, type, error, tostring, select
local format = string.format

-- The line in the scenario file that called the constructor: the first frame up the
-- stack that is not the prelude (constructors tail-call each other, so a fixed level
-- would be wrong).
local PRELUDE = "@lua/prelude.lua"
local function caller_line()
  for level = 2, 20 do
    local info = getinfo(level, "Sl")
    if not info then break end
    if info.source ~= PRELUDE and info.what ~= "C" then return info.currentline end
  end
  return 0
end

local function readonly(t, name)
  local copy = {}
  for k, v in pairs(t) do copy[k] = v end
  return setmetatable({}, {
    __index = copy,
    __newindex = function(_, k) error(format("%s.%s is read-only", name, tostring(k)), 2) end,
    __metatable = false,
  })
end

-- Predicates ---------------------------------------------------------------------
-- A predicate is a table {op = ..., line = ...} with the metatable Predicate; the C
-- core (predicate.c) compiles it, checking its whole structure (a scenario can
-- still change a predicate's own fields). Field builders and list references only
-- exist to build predicates; the core refuses them anywhere else.
--
-- The metatables are locked: their methods live in tables only the metatable
-- reaches, __metatable hides them, and no metamethod is a function a scenario could
-- replace. So nothing a scenario does can change the language for another file,
-- or make the C compiler run scenario code.

local function kind(name, methods)
  return {
    __name = name,
    __index = methods or {},
    __newindex = function(_, k) error(format("a %s cannot be changed (tried to set '%s')", name, tostring(k)), 2) end,
    __metatable = false,
  }
end

local Predicate = kind("predicate")

local function predicate(t)
  t.line = caller_line()
  return setmetatable(t, Predicate)
end

local ListRef = kind("list reference")

local function list(name)
  if type(name) ~= "string" then error("list expects a list name, e.g. list \"transit_hubs\"", 2) end
  return setmetatable({ list = name }, ListRef)
end

local function is_list_ref(v) return getmetatable(v) == ListRef end

local FieldMethods = {}
local Field = kind("field", FieldMethods)

local function field(name)
  if type(name) ~= "string" then error("field expects a field name, e.g. field \"age\"", 2) end
  return setmetatable({ name = name }, Field)
end

-- The methods of fields and pairs come from the operator table (core/operator.c),
-- which the C core passes in: one row per form of a method, with its arguments'
-- shapes. A call picks the row its arguments fit; anything else (a missing or extra
-- argument, a table where a value goes) is an error at that line, so that
-- starts_with("a", "b") cannot silently drop "b".
local function arg_shape(v)
  if is_list_ref(v) then return "list" end
  local t = type(v)
  if t == "table" and getmetatable(v) == nil then return "set" end
  if t == "string" then return "text" end
  if t == "number" or t == "boolean" then return "value" end
  if t == "table" then return "a " .. (getmetatable(v).__name or "table") end
  return t
end

local function fits(want, got, v)
  if want == got then return want ~= "set" or #v > 0 end
  if want == "value" then return got == "text" end
  if want == "field" then return got == "text" end
  return false
end

local function build(row, self, receiver, a, b)
  local t = { op = row.op }
  if receiver == "pair" then t.field, t.other = self.a, self.b
  elseif receiver == "booking" then t.booking = self.name
  elseif receiver == "link" then t.link, t.link_value = self.key, self.value
  else t.field = self.name end
  local args = row.args
  if args == "value" or (args == "text" and row.op ~= "starts_with" and row.op ~= "contains") then
    t.value = a
  elseif args == "value value" then
    t.value, t.value2 = a, b
  elseif args == "text" then
    t.values = { a }
  elseif args == "set" then
    local values = {}
    for i = 1, #a do values[i] = a[i] end
    t.values = values
  elseif args == "list" then
    t.list = a.list
  elseif args == "field" then
    t.other = a
  end
  return predicate(t)
end

local function method_from_rows(name, rows, receiver)
  return function(self, ...)
    local n = select("#", ...)
    local a, b = ...
    for _, row in ipairs(rows) do
      if n == row.arity then
        local ok = true
        local k = 0
        for want in row.args:gmatch("%S+") do
          k = k + 1
          local v = select(k, ...)
          if not fits(want, arg_shape(v), v) then ok = false break end
        end
        if ok then return build(row, self, receiver, a, b) end
      end
    end
    local forms = {}
    for _, row in ipairs(rows) do forms[#forms + 1] = row.form end
    local got = {}
    for k = 1, n do got[k] = arg_shape((select(k, ...))) end
    error(format("%s takes %s; it was given %s", name, table.concat(forms, " or "),
                 n == 0 and "no argument" or format("(%s)", table.concat(got, ", "))), 2)
  end
end

local PairMethods, BookingMethods, LinkMethods = {}, {}, {}
do
  local by_method = { field = {}, pair = {}, booking = {}, link = {} }
  local order = { field = {}, pair = {}, booking = {}, link = {} }
  for _, row in ipairs(operators) do
    local m = by_method[row.receiver]
    if m then
      if not m[row.method] then
        m[row.method] = {}
        order[row.receiver][#order[row.receiver] + 1] = row.method
      end
      local rows = m[row.method]
      rows[#rows + 1] = row
    end
  end
  for _, name in ipairs(order.field) do
    FieldMethods[name] = method_from_rows(name, by_method.field[name], "field")
  end
  for _, name in ipairs(order.pair) do
    PairMethods[name] = method_from_rows(name, by_method.pair[name], "pair")
  end
  for _, name in ipairs(order.booking) do
    BookingMethods[name] = method_from_rows(name, by_method.booking[name], "booking")
  end
  for _, name in ipairs(order.link) do
    LinkMethods[name] = method_from_rows(name, by_method.link[name], "link")
  end
end

-- booking "minors": a value of the record's booking in the run; link("contact_phone",
-- "bookings"): a value of the records sharing the record's link key. The C core checks
-- the names against its tables (core/links.c) and the schema.
local Booking = kind("booking value", BookingMethods)
local function booking(name)
  if type(name) ~= "string" then error("booking expects a booking value name, e.g. booking \"minors\"", 2) end
  return setmetatable({ name = name }, Booking)
end

local Link = kind("link value", LinkMethods)
local function link(key, value)
  if type(key) ~= "string" or type(value) ~= "string" then
    error("link expects a link key and a value name, e.g. link(\"contact_phone\", \"bookings\")", 2)
  end
  return setmetatable({ key = key, value = value }, Link)
end

local Pair = kind("pair", PairMethods)

local function pair(a, b)
  if type(a) ~= "string" or type(b) ~= "string" then
    error("pair expects two field names, e.g. pair(\"country_of_origin\", \"hs_code\")", 2)
  end
  return setmetatable({ a = a, b = b }, Pair)
end

local function parts_of(name, t)
  if type(t) ~= "table" or getmetatable(t) ~= nil or #t == 0 then
    error(name .. " expects a non-empty { ... } of predicates", 3)
  end
  local parts = {}
  for i = 1, #t do parts[i] = t[i] end
  return parts
end

local function any_of(t) return predicate { op = "any_of", parts = parts_of("any_of", t) } end
local function all_of(t) return predicate { op = "all_of", parts = parts_of("all_of", t) } end
local function negate(p) return predicate { op = "negate", parts = { p } } end

-- p | q, p & q, ~p: Lua keeps the results of the bitwise metamethods (not those of
-- and/or/not, which `vigie check` refuses on predicates). a | b | c gives one any_of.
local function operand(v, sign)
  if getmetatable(v) == Predicate then return v end
  local what = type(v) == "function" and "a Lua function (write the whole indicator as one function)"
            or type(v) == "table" and getmetatable(v) and getmetatable(v).__name .. " without a test"
            or type(v)
  error(format("%s combines predicates, not %s", sign, what), 3)
end

local function combine(op, sign)
  return function(p, q)
    p, q = operand(p, sign), operand(q, sign)
    local parts = {}
    for _, x in ipairs({ p, q }) do
      if x.op == op and x.__combined then
        for i = 1, #x.parts do parts[#parts + 1] = x.parts[i] end
      else
        parts[#parts + 1] = x
      end
    end
    local t = predicate { op = op, parts = parts }
    rawset(t, "__combined", true)
    return t
  end
end

rawset(Predicate, "__bor", combine("any_of", "|"))
rawset(Predicate, "__band", combine("all_of", "&"))
rawset(Predicate, "__bnot", function(p) return negate(operand(p, "~")) end)

-- Scenarios ----------------------------------------------------------------------

local collected = {}
local loading = false -- scenario{} declares only while a file loads, never from a function

local function scenario(t)
  if not loading then error("scenario{} is only allowed at the top level of a scenario file, while it loads", 2) end
  if type(t) ~= "table" then error("scenario expects a table: scenario { id = ..., ... }", 2) end
  t.__line = caller_line()
  collected[#collected + 1] = t
  return t
end

local function part(kind)
  return function(id)
    local line = caller_line()
    if type(id) ~= "string" then
      error(format("%s expects an id, e.g. %s \"one_way\" { ... }", kind, kind), 2)
    end
    return function(t)
      if type(t) ~= "table" then error(format("%s \"%s\" expects a table { ... }", kind, id), 2) end
      t.id, t.__kind, t.__line = id, kind, line
      return t
    end
  end
end

-- Determinism: no random numbers (evaluation must give the same hits every run).
local math_allowed = {}
for k, v in pairs(math) do
  if k ~= "random" and k ~= "randomseed" then math_allowed[k] = v end
end

-- string.rep, find, match, gmatch, gsub and the table functions that move many
-- items in one C call are bounded by the C core (sandbox.c) before this file runs:
-- they charge their worst case to the call's instruction budget.

local base = readonly({
  -- the allow-list of the standard library
  assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs,
  select = select, tonumber = tonumber, tostring = tostring, type = type,
  math = readonly(math_allowed, "math"),
  string = readonly(string, "string"),
  table = readonly(table, "table"),
  utf8 = readonly(utf8, "utf8"),
  -- the scenario language
  scenario = scenario, condition = part("condition"), indicator = part("indicator"),
  field = field, list = list, pair = pair, booking = booking, link = link,
  any_of = any_of, all_of = all_of, negate = negate,
  in_list = in_list,
  use = use, -- use "name": what RULESET/lib/name.lua returns (shared indicators)
}, "the sandbox")

local function begin() collected, loading = {}, true end
local function take()
  local t = collected
  collected, loading = {}, false
  return t
end

return base, begin, take, Predicate, Field, ListRef, Pair, Booking, Link
