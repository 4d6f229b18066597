/** FieldAccess over a parsed event: resolution through EventView, texts lower-cased once per field. */
import type { EventView } from '../fields/resolve';
import { scalarTexts, type FieldAccess, type FieldTexts } from './access';

export class EventAccess implements FieldAccess {
  private readonly values = new Map<string, unknown>();
  private readonly textCache = new Map<string, FieldTexts>();
  private keywordTexts: FieldTexts | undefined;

  constructor(readonly view: EventView) {}

  value(field: string): unknown {
    if (this.values.has(field)) return this.values.get(field);
    const v = this.view.get(field);
    this.values.set(field, v);
    return v;
  }

  texts(field: string): FieldTexts {
    let t = this.textCache.get(field);
    if (!t) {
      t = scalarTexts(this.value(field));
      this.textCache.set(field, t);
    }
    return t;
  }

  keywords(): FieldTexts {
    if (!this.keywordTexts) {
      const texts = this.view.allText();
      this.keywordTexts = { texts, lower: texts.map((x) => x.toLowerCase()) };
    }
    return this.keywordTexts;
  }
}
