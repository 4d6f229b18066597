/**
 * The BinXML tree as parsed from a chunk. Template definitions are parsed once per chunk and keep
 * their substitution slots (`Sub`); a record supplies the values. Text, CDATA, character and
 * entity references are already plain strings; processing instructions are dropped (no JSON export
 * shows them).
 */

export type Scalar = string | number | boolean;

/** A BinXML value inside a record (`BinXmlType` values carry a nested fragment). */
export type Value = null | Scalar | Scalar[] | { fragment: Content[] };

export interface Elem {
  kind: 'elem';
  name: string;
  attrs: Attr[];
  children: Content[];
}

export interface Attr {
  name: string;
  value: Content[];
}

/** A substitution slot of a template: value `index` of the instance. */
interface Sub {
  kind: 'sub';
  index: number;
  optional: boolean;
}

/** A template instance: the template's nodes with this instance's values. */
export interface Tpl {
  kind: 'tpl';
  nodes: Content[];
  values: Value[];
}

export type Content = string | Elem | Sub | Tpl;
