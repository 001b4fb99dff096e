// The questionnaire's condition language, evaluated in the browser.
// Mirrors forms/conditions.py `evaluate` exactly; tests/fixtures/conditions_cases.json is run
// through both (tests/field/test_shared_cases.py and tests/browser/test_shared_cases.py).
//
// A condition is null/true (always), false (never), {q, eq|ne|in|has|min_count},
// {all: [...]}, {any: [...]} or {not: c}. `q` is looked up in the scope; a missing answer is
// null. eq/ne/in compare with JSON semantics (true is not 1, "1" is not 1); `has` uses
// Python's `in` on a list (where true == 1, as in Python). JSON cannot tell 1 from 1.0 here,
// so the shared cases avoid floats.

export const OPERATORS = ["eq", "ne", "in", "has", "min_count"];
export const COMBINATORS = ["all", "any", "not"];

const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

function pyType(value) {
  if (value === null || value === undefined) return "none";
  if (Array.isArray(value)) return "list";
  return typeof value; // boolean, number, string, object
}

// Python's == on JSON values (True == 1, [1] == [True]).
function pyEqual(a, b) {
  const ta = pyType(a);
  const tb = pyType(b);
  const numeric = (t) => t === "boolean" || t === "number";
  if (numeric(ta) && numeric(tb)) return Number(a) === Number(b);
  if (ta !== tb) return false;
  if (ta === "list") return a.length === b.length && a.every((v, i) => pyEqual(v, b[i]));
  if (ta === "object") {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => has(b, k) && pyEqual(a[k], b[k]));
  }
  return a === b || (ta === "none" && tb === "none");
}

// forms.conditions._same: same JSON type and equal.
function same(a, b) {
  return pyType(a) === pyType(b) && pyEqual(a, b);
}

function compare(condition, value) {
  if (has(condition, "eq")) return same(value, condition.eq);
  if (has(condition, "ne")) return !same(value, condition.ne);
  if (has(condition, "in")) return condition.in.some((v) => same(value, v));
  if (has(condition, "has")) return Array.isArray(value) && value.some((v) => pyEqual(condition.has, v));
  if (has(condition, "min_count")) return Array.isArray(value) && value.length >= condition.min_count;
  throw new Error(`Unknown condition operator in ${JSON.stringify(condition)}`);
}

/** True when `condition` holds for the answers in `scope` (a plain object). */
export function evaluate(condition, scope) {
  if (condition === null || condition === undefined || condition === true) return true;
  if (condition === false) return false;
  if (has(condition, "all")) return condition.all.every((c) => evaluate(c, scope));
  if (has(condition, "any")) return condition.any.some((c) => evaluate(c, scope));
  if (has(condition, "not")) return !evaluate(condition.not, scope);
  const value = scope && has(scope, condition.q) ? scope[condition.q] : null;
  return compare(condition, value === undefined ? null : value);
}

/** The lookup scope of forms.model.scope_of: the repeat item first, then the answers. */
export function scopeOf(answers, item) {
  return { ...(answers || {}), ...(item || {}) };
}
