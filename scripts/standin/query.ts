/**
 * Reading AWS Query parameters (`Action=…&GroupName.1=…&Filter.1.Value.1=…`).
 * Lists are 1-based and may arrive in any order; they come back sorted by index.
 */
import { ApiError, missingParameter } from './errors.js';

/** Flat Query parameters, as sent on the wire. */
type Params = Readonly<Record<string, string>>;

/** One EC2 `Filter.N`. */
type Filter = { readonly name: string; readonly values: readonly string[] };

/** Parses a form-urlencoded body. */
const parseQuery = (body: string): Params => Object.fromEntries(new URLSearchParams(body));

const indexed = (params: Params, prefix: string): Map<number, Record<string, string>> => {
  const groups = new Map<number, Record<string, string>>();
  const head = `${prefix}.`;
  for (const [key, value] of Object.entries(params)) {
    if (!key.startsWith(head)) continue;
    const rest = key.slice(head.length);
    const dot = rest.indexOf('.');
    const index = Number(dot === -1 ? rest : rest.slice(0, dot));
    if (!Number.isInteger(index)) continue;
    const group = groups.get(index) ?? {};
    group[dot === -1 ? '' : rest.slice(dot + 1)] = value;
    groups.set(index, group);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => a - b));
};

/** Scalar list `Prefix.N` → values. */
const listParam = (params: Params, prefix: string): string[] =>
  [...indexed(params, prefix).values()].map((group) => group[''] ?? '');

/** Structure list `Prefix.N.Member…` → one sub-parameter record per entry. */
const structList = (params: Params, prefix: string): Params[] => [
  ...indexed(params, prefix).values(),
];

/** `Filter.N.Name` / `Filter.N.Value.M`. */
const parseFilters = (params: Params): Filter[] =>
  structList(params, 'Filter').map((entry) => ({
    name: entry.Name ?? '',
    values: listParam(entry, 'Value'),
  }));

/** A required string parameter. */
const required = (params: Params, name: string, wireName = name): string => {
  const value = params[name];
  if (value === undefined || value === '') throw missingParameter(wireName);
  return value;
};

/** An optional boolean (`true`/`false`). */
const boolParam = (params: Params, name: string): boolean | undefined => {
  const value = params[name];
  return value === undefined ? undefined : value === 'true';
};

/** An optional integer; anything else is `InvalidParameterValue`. */
const intParam = (params: Params, name: string): number | undefined => {
  const value = params[name];
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number))
    throw new ApiError('InvalidParameterValue', `Invalid value '${value}' for ${name}`);
  return number;
};

export { parseQuery, listParam, structList, parseFilters, required, boolParam, intParam };
export type { Params, Filter };
