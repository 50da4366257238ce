-- prelude.lua - the scenario language: constructors that build plain tables for the C core.
--
-- Runs once per Lua state, before any scenario, with the privileged globals. It
-- receives `in_list` (a C function) and returns:
--   base  - the read-only table every scenario environment falls back to (the allow-list)
--   begin - called before a scenario file runs
--   take  - returns the scenarios the file declared, in order
-- Scenario files never see this file's globals: their _ENV is a fresh table whose
-- __index is `base` and whose __newindex refuses global writes.

local in_list = ...
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

local function need_set(v, what)
  if is_list_ref(v) then return end
  if type(v) ~= "table" or getmetatable(v) ~= nil or #v == 0 then
    error(what .. " expects a set { ... } of values or a list \"name\"", 3)
  end
end

local function set_or_list(op_set, op_list, name, v)
  if is_list_ref(v) then return { op = op_list, field = name, list = v.list } end
  local values = {}
  for i = 1, #v do values[i] = v[i] end
  return { op = op_set, field = name, values = values }
end

function FieldMethods:equals(v) return predicate { op = "equals", field = self.name, value = v } end
function FieldMethods:lt(v) return predicate { op = "lt", field = self.name, value = v } end
function FieldMethods:le(v) return predicate { op = "le", field = self.name, value = v } end
function FieldMethods:gt(v) return predicate { op = "gt", field = self.name, value = v } end
function FieldMethods:ge(v) return predicate { op = "ge", field = self.name, value = v } end
function FieldMethods:between(lo, hi)
  return predicate { op = "between", field = self.name, value = lo, value2 = hi }
end
function FieldMethods:is_in(v)
  need_set(v, "is_in")
  return predicate(set_or_list("in_set", "in_list", self.name, v))
end
function FieldMethods:starts_with(v)
  if type(v) == "string" then return predicate { op = "starts_with", field = self.name, values = { v } } end
  need_set(v, "starts_with")
  if is_list_ref(v) then error("starts_with takes a prefix or a set of prefixes; use is_in(list ...) with a prefix list", 2) end
  return predicate(set_or_list("starts_with", nil, self.name, v))
end
function FieldMethods:contains(v) return predicate { op = "contains", field = self.name, values = { v } } end
function FieldMethods:contains_any(v)
  need_set(v, "contains_any")
  return predicate(set_or_list("contains", "contains_list", self.name, v))
end
local function other_name(other, what)
  if type(other) ~= "string" then
    error(format("%s expects the other field's name, e.g. :%s \"surname\" (not field \"surname\")", what, what), 3)
  end
  return other
end
function FieldMethods:same_as(other)
  return predicate { op = "same_as", field = self.name, other = other_name(other, "same_as") }
end
function FieldMethods:differs_from(other)
  return predicate { op = "differs_from", field = self.name, other = other_name(other, "differs_from") }
end
function FieldMethods:is_present() return predicate { op = "present", field = self.name } end
function FieldMethods:is_missing() return predicate { op = "missing", field = self.name } end

local PairMethods = {}
local Pair = kind("pair", PairMethods)

local function pair(a, b)
  if type(a) ~= "string" or type(b) ~= "string" then
    error("pair expects two field names, e.g. pair(\"country_of_origin\", \"hs_code\")", 2)
  end
  return setmetatable({ a = a, b = b }, Pair)
end

function PairMethods:is_in(v)
  if not is_list_ref(v) then error("pair(...):is_in expects a list \"name\"", 2) end
  return predicate { op = "pair_in_list", field = self.a, other = self.b, list = v.list }
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
  field = field, list = list, pair = pair,
  any_of = any_of, all_of = all_of, negate = negate,
  in_list = in_list,
}, "the sandbox")

local function begin() collected, loading = {}, true end
local function take()
  local t = collected
  collected, loading = {}, false
  return t
end

return base, begin, take, Predicate, Field, ListRef, Pair
