/**
 * A file's cells held compactly (issue 23, item 8): one slot per cell in typed arrays, the commune codes and months as
 * indexes into lists of their own, instead of one object per cell (a national year is 757,188 cells: about 55 MB as
 * objects, about 18 MB here). ./cells.ts hands each cell over as it reads it (ReadOptions.onCell); ./plan-batches.ts
 * gives them back as Cell objects one batch of communes at a time.
 */
import type { RawCode } from "../indicators";
import type { Cell } from "./cells";

class Interned {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

/** Cells per block: the store grows a block at a time (no array copied and left behind as it grows). */
const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;
const MASK = BLOCK - 1;

interface Block {
  lines: Float64Array;
  communeIds: Int32Array;
  periodIds: Uint16Array;
  indicatorIds: Uint16Array;
  values: Float64Array;
}

const newBlock = (): Block => ({
  lines: new Float64Array(BLOCK),
  communeIds: new Int32Array(BLOCK),
  periodIds: new Uint16Array(BLOCK),
  indicatorIds: new Uint16Array(BLOCK),
  values: new Float64Array(BLOCK),
});

export class CellStore {
  length = 0;
  private readonly blocks: Block[] = [];
  /** A workbook's places ("Trang “Số liệu”, ô G12"), by cell; null while no cell has one (a CSV's never do). */
  private places: (string | undefined)[] | null = null;
  readonly communes = new Interned();
  private readonly periods = new Interned();
  private readonly indicators = new Interned();

  push(cell: Cell): void {
    const i = this.length++;
    if ((i & MASK) === 0) this.blocks.push(newBlock());
    const b = this.blocks[i >>> BLOCK_BITS]!;
    const j = i & MASK;
    b.lines[j] = cell.line;
    b.communeIds[j] = this.communes.of(cell.communeCode);
    b.periodIds[j] = this.periods.of(cell.period);
    b.indicatorIds[j] = this.indicators.of(cell.indicatorCode);
    b.values[j] = cell.value;
    if (cell.place !== undefined) {
      this.places ??= [];
      this.places[i] = cell.place;
    }
  }

  /** The index (into `communes.list`) of cell i's commune. */
  communeOf(i: number): number {
    return this.blocks[i >>> BLOCK_BITS]!.communeIds[i & MASK]!;
  }

  cell(i: number): Cell {
    const b = this.blocks[i >>> BLOCK_BITS]!;
    const j = i & MASK;
    const cell: Cell = {
      line: b.lines[j]!,
      communeCode: this.communes.list[b.communeIds[j]!]!,
      period: this.periods.list[b.periodIds[j]!]!,
      indicatorCode: this.indicators.list[b.indicatorIds[j]!]! as RawCode,
      value: b.values[j]!,
    };
    const place = this.places?.[i];
    if (place !== undefined) cell.place = place;
    return cell;
  }
}
