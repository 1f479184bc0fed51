/** A small seeded generator (mulberry32): the demo content is the same on every machine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number, decimals = 2): number {
    return Number((min + this.next() * (max - min)).toFixed(decimals));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A date between two ISO dates, as YYYY-MM-DD. */
  date(from: string, to: string): string {
    const start = Date.parse(from);
    const end = Date.parse(to);
    return new Date(start + this.next() * (end - start)).toISOString().slice(0, 10);
  }
}
