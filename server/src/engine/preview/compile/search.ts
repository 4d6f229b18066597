/**
 * One search identifier compiled: a map is an AND of items, a list of maps an OR of those ANDs,
 * a keyword list one item. Items of a map are ANDed, so their order is free: every few thousand
 * evaluations the items that most often decide "no" move to the front (on sample data
 * `Initiated: 'true'` rarely does, the domain list almost always does).
 */
import type { FieldItem, SearchIdentifier } from '../../sigma/model';
import type { Tri } from '../logsource';
import type { FieldAccess } from './access';
import { compileItem, type CompileContext, type CompiledItem } from './item';

export interface CompiledSearch {
  name: string;
  /** OR over groups, AND within a group. Keyword searches are one group of one item. */
  groups: CompiledItem[][];
  /** Fields the items read (with `|fieldref` targets); null when keywords are searched. */
  fields: Set<string> | null;
  test(access: FieldAccess): Tri;
}

type SearchContext = Omit<CompileContext, 'selection'>;

const REORDER_EVERY = 4096;

export function compileSearch(s: SearchIdentifier, base: SearchContext): CompiledSearch {
  const groups = compileGroups(s, { ...base, selection: s.name });
  return { name: s.name, groups, fields: fieldsOf(groups), test: groupsTest(groups) };
}

function compileGroups(s: SearchIdentifier, ctx: CompileContext): CompiledItem[][] {
  if (s.shape === 'keywords') {
    const item: FieldItem = {
      key: '',
      keyRange: s.nameRange,
      field: '',
      fieldRange: s.nameRange,
      modifiers: [],
      values: s.keywords,
      valueIsList: true,
      valueRange: s.range,
    };
    return [[compileItem(item, ctx, true)]];
  }
  if (s.shape === 'invalid') {
    ctx.warnings.push(`search identifier '${s.name}' is neither a map, a list of maps nor a list of values: it never matches`);
    return [];
  }
  return s.groups.map((g) => g.items.map((it) => compileItem(it, ctx, it.field === '')));
}

function fieldsOf(groups: CompiledItem[][]): Set<string> | null {
  const fields = new Set<string>();
  for (const g of groups) {
    for (const it of g) {
      if (!it.field) return null;
      fields.add(it.field);
      for (const r of it.refs) fields.add(r);
    }
  }
  return fields;
}

interface GroupOrder {
  items: CompiledItem[];
  /** Per item (in the current order): how often it decided "no" since the last reorder. */
  zeros: number[];
  runs: number;
}

function groupsTest(groups: CompiledItem[][]): (access: FieldAccess) => Tri {
  const order: GroupOrder[] = groups.map((g) => ({ items: [...g], zeros: g.map(() => 0), runs: 0 }));
  return (access) => {
    let r: Tri = 0;
    for (let gi = 0; gi < order.length; gi++) {
      const gr = groupTest(order[gi], access);
      if (gr === 1) return 1;
      if (gr === 2) r = 2;
    }
    return r;
  };
}

function groupTest(o: GroupOrder, access: FieldAccess): Tri {
  const items = o.items;
  let gr: Tri = 1;
  for (let i = 0; i < items.length; i++) {
    const v = items[i].test(access);
    if (v === 0) {
      gr = 0;
      o.zeros[i]++;
      break;
    }
    if (v === 2) gr = 2;
  }
  if (++o.runs === REORDER_EVERY && items.length > 1) reorder(o);
  return gr;
}

function reorder(o: GroupOrder): void {
  const idx = o.items.map((_, i) => i).sort((a, b) => o.zeros[b] - o.zeros[a]);
  o.items = idx.map((i) => o.items[i]);
  o.zeros = o.items.map(() => 0);
  o.runs = 0;
}
